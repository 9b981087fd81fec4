/**
 * no-priority-class, and pending-on-nodes where the rule found that the
 * priority lets preemption make room: `priorityClassName: system-node-critical`.
 */
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const fixPriorityClass: QuickFix = (ctx) => {
  const edit = setKey(ctx, POD_SPEC_PATH, 'priorityClassName', 'system-node-critical');
  return edit ? [action(ctx, 'Set priorityClassName: system-node-critical', [edit], true)] : [];
};

/** pending-on-nodes: only when the rule's data says system-node-critical would make the pod fit (it set no class of its own). */
export const fixPendingWithPriority: QuickFix = (ctx) => (ctx.diagnostic.data?.priorityClassName === 'system-node-critical' ? fixPriorityClass(ctx) : []);
