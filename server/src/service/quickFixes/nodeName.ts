/**
 * node-name-pinned: choose the node through a nodeSelector on its
 * `kubernetes.io/hostname` label (the scheduler-visible way to say the same
 * thing), or drop the pin so the DaemonSet runs on every node.
 */
import { yamlScalar } from '../../model/yamlEdits/yamlScalar';
import { asRecord } from '../kubernetesResource';
import { insertIntoMap, removeKey, replaceEntry } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { POD_SPEC_PATH, valueAt } from '../../model/fieldPath';

export const fixNodeNamePinned: QuickFix = (ctx) => {
  const nodeName = valueAt(ctx.root, [...POD_SPEC_PATH, 'nodeName']);
  if (typeof nodeName !== 'string' || nodeName === '') return [];
  const remove = removeKey(ctx, POD_SPEC_PATH, 'nodeName');
  if (!remove) return [];
  const actions = [action(ctx, 'Remove nodeName (run on every node)', [remove])];
  const selector = asRecord(valueAt(ctx.root, [...POD_SPEC_PATH, 'nodeSelector']));
  if (selector?.['kubernetes.io/hostname'] === undefined) {
    const line = `kubernetes.io/hostname: ${yamlScalar(nodeName, ctx.style.quote)}`;
    // Where nodeName was, or into the nodeSelector the pod spec already has.
    const edits = selector
      ? [remove, insertIntoMap(ctx, [...POD_SPEC_PATH, 'nodeSelector'], [line])]
      : [replaceEntry(ctx, [...POD_SPEC_PATH, 'nodeName'], ['nodeSelector:', `  ${line}`])];
    if (edits.every((edit) => edit !== undefined)) {
      actions.unshift(action(ctx, `Select node ${nodeName} with a nodeSelector instead of nodeName`, edits, true));
    }
  }
  return actions;
};
