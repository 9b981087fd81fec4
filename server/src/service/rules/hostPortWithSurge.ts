/**
 * hostport-with-surge: with maxSurge > 0 the controller starts the new pod
 * on a node before deleting the old one (rulebook R4); a container hostPort is
 * still held by the old pod, so the surge pod can never be scheduled and the
 * rollout stalls on the first node.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { parseIntOrPercent } from '../k8sValidation/intOrPercent';
import { asArray, asRecord } from './fieldAccess';
import { containerLabel, containersOf } from './podSpecAccess';
import type { Rule, RuleFinding } from './rule';

const MAX_SURGE = ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'];

export const hostPortWithSurge: Rule = {
  id: 'hostport-with-surge',
  defaultSeverity: 'warning',
  description:
    '`maxSurge` > 0 while a container uses a `hostPort`: the surge pod cannot bind the port the old pod holds, so the rolling update never progresses.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const strategy = asRecord(asRecord(ctx.root.spec)?.updateStrategy);
    if (!strategy || (strategy.type !== undefined && strategy.type !== 'RollingUpdate')) return [];
    const surge = parseIntOrPercent(asRecord(strategy.rollingUpdate)?.maxSurge);
    if ('problem' in surge || surge.value === 0) return [];
    const findings: RuleFinding[] = [];
    for (const at of containersOf(ctx, 'containers')) {
      asArray(at.container.ports).forEach((item, index) => {
        const hostPort = asRecord(item)?.hostPort;
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        findings.push({
          path: MAX_SURGE,
          message: `maxSurge is ${surge.kind === 'percent' ? `${surge.value}%` : surge.value} but ${containerLabel(at)} binds hostPort ${hostPort}: the surge pod cannot start while the old pod holds the port, so the update never progresses. Use maxSurge: 0 with maxUnavailable, or drop the hostPort.`,
          related: [{ path: [...at.path, 'ports', index, 'hostPort'], message: `hostPort ${hostPort}` }],
        });
      });
    }
    return findings;
  },
};
