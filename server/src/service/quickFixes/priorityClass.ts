/** no-priority-class: `priorityClassName: system-node-critical`. */
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, POD_SPEC, type QuickFix } from './fix';

export const fixPriorityClass: QuickFix = (ctx) => {
  const edit = setKey(ctx, POD_SPEC, 'priorityClassName', 'system-node-critical');
  return edit ? [action(ctx, 'Set priorityClassName: system-node-critical', [edit], true)] : [];
};
