/** no-priority-class: `priorityClassName: system-node-critical`. */
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const fixPriorityClass: QuickFix = (ctx) => {
  const edit = setKey(ctx, POD_SPEC_PATH, 'priorityClassName', 'system-node-critical');
  return edit ? [action(ctx, 'Set priorityClassName: system-node-critical', [edit], true)] : [];
};
