/**
 * schema: a misspelt field name or enum value, when one known name is close
 * enough to be what was meant — the same suggestion the message makes.
 */
import { closestName } from '../schema/closestName';
import { schemaAtPath } from '../schema/schemaAtPath';
import { asRecord } from '../kubernetesResource';
import { renameKey, replaceScalar } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { parseFieldPath, valueAt } from '../../model/fieldPath';

export const fixSchemaTypo: QuickFix = (ctx) => {
  const path = parseFieldPath(ctx.diagnostic.path ?? '');
  const field = path[path.length - 1];
  if (typeof field !== 'string') return [];
  const parent = path.slice(0, -1);
  const parentSchema = schemaAtPath(parent);
  const fieldSchema = schemaAtPath(path);
  if (!fieldSchema && parentSchema && !parentSchema.isMap) {
    // An unknown field: rename it, unless the intended field is already there (a duplicate key would follow).
    const suggestion = closestName(field, parentSchema.properties);
    if (!suggestion || asRecord(valueAt(ctx.root, parent))?.[suggestion] !== undefined) return [];
    const edit = renameKey(ctx, path, suggestion);
    return edit ? [action(ctx, `Rename \`${field}\` to \`${suggestion}\``, [edit], true)] : [];
  }
  const value = valueAt(ctx.root, path);
  const allowed = fieldSchema?.enum?.filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof value !== 'string' || !allowed?.length || allowed.includes(value)) return [];
  const suggestion = closestName(value, allowed);
  const edit = suggestion ? replaceScalar(ctx, path, suggestion) : undefined;
  return edit && suggestion ? [action(ctx, `Change \`${value}\` to \`${suggestion}\``, [edit], true)] : [];
};
