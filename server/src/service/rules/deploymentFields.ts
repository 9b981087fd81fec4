/**
 * deployment-fields: `replicas` and `strategy` belong to Deployments. In a
 * DaemonSet the API server rejects them as unknown fields; the message here
 * says what a DaemonSet does instead.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { asRecord, isSet } from './fieldAccess';
import type { Rule, RuleFinding } from './rule';

export const deploymentFields: Rule = {
  id: 'deployment-fields',
  defaultSeverity: 'error',
  description: '`replicas` or `strategy` in a DaemonSet spec: they are Deployment fields; a DaemonSet runs one pod per eligible node and uses `updateStrategy`.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const spec = asRecord(ctx.root.spec);
    if (!spec) return [];
    const findings: RuleFinding[] = [];
    if (isSet(spec.replicas)) {
      findings.push({
        path: ['spec', 'replicas'],
        on: 'key',
        message:
          'A DaemonSet has no replicas: it runs exactly one pod on every node that its nodeSelector, node affinity and tolerations admit. Remove `replicas`; choose nodes with a nodeSelector instead.',
      });
    }
    if (isSet(spec.strategy)) {
      findings.push({
        path: ['spec', 'strategy'],
        on: 'key',
        message:
          'A DaemonSet has no `strategy`: its update settings live in `spec.updateStrategy` (type RollingUpdate or OnDelete, with maxUnavailable/maxSurge).',
      });
    }
    return findings;
  },
};
