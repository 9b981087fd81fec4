/** invalid-pod-template on restartPolicy: set `restartPolicy: Always`. */
import { replaceScalar } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const fixRestartPolicy: QuickFix = (ctx) => {
  if (!ctx.diagnostic.path?.endsWith('restartPolicy')) return [];
  const edit = replaceScalar(ctx, [...POD_SPEC_PATH, 'restartPolicy'], 'Always');
  return edit ? [action(ctx, 'Set restartPolicy: Always', [edit], true)] : [];
};
