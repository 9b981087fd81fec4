/**
 * invalid-toleration: the edits that make a toleration valid, read from the
 * toleration itself — drop the value of an `Exists` toleration (or compare it
 * with `Equal`), `Exists` for a toleration without a key, `NoExecute` for
 * `tolerationSeconds` (or drop them), the closest operator or effect name.
 */
import { asRecord } from '../kubernetesResource';
import { isSet } from '../rules/fieldAccess';
import { EFFECTS } from '../rules/tolerations';
import { closestName } from '../schema/closestName';
import { removeKey, replaceScalar, setKey } from '../../model/yamlEdits/documentEdits';
import { action, type FixContext, type QuickFix } from './fix';
import type { OffsetEdit } from '../../model/yamlEdits/offsetEdit';
import type { CodeAction } from '../types';
import { parseFieldPath, valueAt } from '../../model/fieldPath';

const OPERATORS = ['Equal', 'Exists'];

export const fixInvalidToleration: QuickFix = (ctx) => {
  const path = parseFieldPath(ctx.diagnostic.path ?? '');
  const field = path[path.length - 1];
  const at = path.slice(0, -1);
  const toleration = asRecord(valueAt(ctx.root, at));
  if (!toleration) return [];
  const text = (name: string) => (typeof toleration[name] === 'string' ? (toleration[name] as string) : '');
  const [key, operator, value, effect] = [text('key'), text('operator'), text('value'), text('effect')];
  const offer = (title: string, edit: OffsetEdit | undefined, preferred = false): CodeAction[] => (edit ? [action(ctx, title, [edit], preferred)] : []);
  if (field === 'operator') {
    if (operator === 'Exists' && value !== '') {
      return [
        ...offer(`Remove \`value: ${value}\` (tolerate every value)`, removeKey(ctx, at, 'value'), true),
        ...(key ? offer(`Use \`operator: Equal\` (tolerate only \`${value}\`)`, replaceScalar(ctx, [...at, 'operator'], 'Equal')) : []),
      ];
    }
    if (key === '' && operator !== 'Exists') return offer('Set `operator: Exists` (tolerate every taint)', setKey(ctx, at, 'operator', 'Exists'), true);
    if (operator !== '' && !OPERATORS.includes(operator)) return renameValue(ctx, [...at, 'operator'], operator, OPERATORS);
    return [];
  }
  if (field === 'effect') {
    if (isSet(toleration.tolerationSeconds) && effect !== 'NoExecute') {
      return [
        ...offer('Set `effect: NoExecute` (tolerationSeconds applies to it only)', setKey(ctx, at, 'effect', 'NoExecute'), true),
        ...offer('Remove `tolerationSeconds`', removeKey(ctx, at, 'tolerationSeconds')),
      ];
    }
    if (effect !== '' && !EFFECTS.includes(effect)) return renameValue(ctx, [...at, 'effect'], effect, EFFECTS);
  }
  return [];
};

function renameValue(ctx: FixContext, path: (string | number)[], current: string, allowed: readonly string[]): CodeAction[] {
  const suggestion = closestName(current, allowed);
  const edit = suggestion ? replaceScalar(ctx, path, suggestion) : undefined;
  return edit ? [action(ctx, `Change \`${current}\` to \`${suggestion}\``, [edit], true)] : [];
}
