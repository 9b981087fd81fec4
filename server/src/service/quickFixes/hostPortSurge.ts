/**
 * hostport-with-surge: update with maxSurge 0, so each old pod is deleted
 * before its replacement binds the port; maxUnavailable becomes 1 if it was 0,
 * since both zero is invalid (the update could never start).
 */
import { parseIntOrPercent } from '../k8sValidation/intOrPercent';
import { asRecord } from '../kubernetesResource';
import { setKey } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { valueAt } from '../../model/fieldPath';

const ROLLING_UPDATE = ['spec', 'updateStrategy', 'rollingUpdate'];

export const fixHostPortWithSurge: QuickFix = (ctx) => {
  const rollingUpdate = asRecord(valueAt(ctx.root, ROLLING_UPDATE));
  if (!rollingUpdate) return [];
  const edits = [setKey(ctx, ROLLING_UPDATE, 'maxSurge', '0')];
  const unavailable = parseIntOrPercent(rollingUpdate.maxUnavailable);
  const unavailableIsZero = rollingUpdate.maxUnavailable !== undefined && !('problem' in unavailable) && unavailable.value === 0;
  if (unavailableIsZero) edits.push(setKey(ctx, ROLLING_UPDATE, 'maxUnavailable', '1'));
  if (!edits.every((edit) => edit !== undefined)) return [];
  const title = unavailableIsZero ? 'Set maxSurge: 0 and maxUnavailable: 1' : 'Set maxSurge: 0 (replace pods in place)';
  return [action(ctx, title, edits, true)];
};
