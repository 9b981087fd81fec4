/**
 * node-name-pinned: `nodeName` in a DaemonSet's pod template restricts it to
 * one node (rulebook P1: every other node is skipped), which defeats a
 * DaemonSet; a nodeSelector or node affinity is what was meant.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { podSpecOf } from './podSpecAccess';
import type { Rule } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const nodeNamePinned: Rule = {
  id: 'node-name-pinned',
  defaultSeverity: 'warning',
  description: '`nodeName` in the pod template: the DaemonSet runs on that one node only; use a nodeSelector or node affinity to pick nodes.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const nodeName = podSpecOf(ctx)?.nodeName;
    if (typeof nodeName !== 'string' || nodeName.length === 0) return [];
    return [
      {
        path: [...POD_SPEC_PATH, 'nodeName'],
        message: `nodeName pins every pod of this DaemonSet to node ${nodeName}: all other nodes are skipped. Use a nodeSelector (e.g. \`kubernetes.io/hostname: ${nodeName}\`) or node affinity to choose nodes.`,
      },
    ];
  },
};
