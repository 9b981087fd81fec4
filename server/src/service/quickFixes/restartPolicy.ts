/** invalid-pod-template on restartPolicy: set `restartPolicy: Always`. */
import { replaceScalar } from '../../model/yamlEdits/documentEdits';
import { action, POD_SPEC, type QuickFix } from './fix';

export const fixRestartPolicy: QuickFix = (ctx) => {
  if (!ctx.diagnostic.path?.endsWith('restartPolicy')) return [];
  const edit = replaceScalar(ctx, [...POD_SPEC, 'restartPolicy'], 'Always');
  return edit ? [action(ctx, 'Set restartPolicy: Always', [edit], true)] : [];
};
