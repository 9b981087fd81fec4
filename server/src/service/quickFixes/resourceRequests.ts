/** missing-resource-requests: a requests stub (cpu 100m, memory 128Mi) where the container has none. */
import { parseFieldPath, valueAt, type FieldPath } from '../../model/fieldPath';
import { isSet } from '../rules/fieldAccess';
import { insertIntoMap } from '../../model/yamlEdits/documentEdits';
import { action, type QuickFix } from './fix';
import { asRecord } from '../kubernetesResource';

export const DEFAULT_REQUESTS: Readonly<Record<string, string>> = { cpu: '100m', memory: '128Mi' };

export const fixResourceRequests: QuickFix = (ctx) => {
  const path = parseFieldPath(ctx.diagnostic.path ?? '');
  const index = path.lastIndexOf('containers');
  if (index < 0 || typeof path[index + 1] !== 'number') return [];
  const container: FieldPath = path.slice(0, index + 2);
  const resources = asRecord(valueAt(ctx.root, [...container, 'resources']));
  const requests = asRecord(resources?.requests);
  const limits = asRecord(resources?.limits);
  const missing = Object.entries(DEFAULT_REQUESTS).filter(([name]) => !isSet(requests?.[name]) && !isSet(limits?.[name]));
  if (missing.length === 0) return [];
  const lines = missing.map(([name, value]) => `${name}: ${value}`);
  let edit;
  if (requests) edit = insertIntoMap(ctx, [...container, 'resources', 'requests'], lines);
  else if (resources || valueAt(ctx.root, [...container, 'resources']) !== undefined)
    edit = insertIntoMap(ctx, [...container, 'resources'], ['requests:', ...lines.map((line) => `  ${line}`)]);
  else edit = insertIntoMap(ctx, container, ['resources:', '  requests:', ...lines.map((line) => `    ${line}`)]);
  return edit ? [action(ctx, `Add resource requests (${lines.join(', ')})`, [edit], true)] : [];
};
