/**
 * no-priority-class: node agents (logging, monitoring, networking, storage)
 * should run as `system-node-critical` so the kubelet evicts them last and
 * the scheduler can preempt for them on a full node.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { isSet } from './fieldAccess';
import { looksLikeNodeAgent, podSpecOf } from './podSpecAccess';
import type { Rule } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const noPriorityClass: Rule = {
  id: 'no-priority-class',
  defaultSeverity: 'information',
  description: 'A node agent without `priorityClassName`: `system-node-critical` keeps it running on full or pressured nodes.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const podSpec = podSpecOf(ctx);
    if (!podSpec || isSet(podSpec.priorityClassName) || !looksLikeNodeAgent(ctx)) return [];
    return [
      {
        path: [...POD_SPEC_PATH, 'priorityClassName'],
        anchor: POD_SPEC_PATH,
        on: 'key',
        message:
          'This looks like a node agent but has no priorityClassName: set `priorityClassName: system-node-critical` so it is evicted last and can preempt pods to fit on a full node.',
      },
    ];
  },
};
