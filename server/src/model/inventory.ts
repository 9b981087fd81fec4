/**
 * A node inventory: the Nodes (and optionally the Pods) of a cluster, read
 * from `kind: Node`, `NodeList`, `Pod`, `PodList` and `List` documents,
 * exactly what `kubectl get nodes -o yaml` prints. A bad object is reported
 * with file, line and field and skipped; the good ones are kept.
 */
import type { Node, Pod } from './kubeTypes';
import { readNode } from './node';
import { formatLoadProblem, isPlainMap, report, type LoadProblem, type ReadContext } from './objectReader';
import { readPod } from './pod';
import { hasYamlErrors, parseYamlFile, type FieldPath, type ParsedYamlFile } from './yamlDocuments';

export interface Inventory {
  nodes: Node[];
  pods: Pod[];
}

export interface InventoryLoadResult extends Inventory {
  problems: LoadProblem[];
}

/** YAML syntax errors of a file as load problems. */
export function problemsOfParse(parsed: ParsedYamlFile, file: string): LoadProblem[] {
  const problems: LoadProblem[] = [];
  for (const doc of parsed.documents) {
    for (const problem of doc.problems) {
      if (problem.severity !== 'error') continue;
      const position = parsed.lines.positionAt(problem.start);
      problems.push({ file, line: position.line + 1, column: position.character + 1, path: '', message: problem.message });
    }
  }
  return problems;
}

function kindOf(value: unknown): string | undefined {
  return isPlainMap(value) && typeof value.kind === 'string' ? value.kind : undefined;
}

export function loadInventoryFromParsed(parsed: ParsedYamlFile, file: string): InventoryLoadResult {
  const result: InventoryLoadResult = { nodes: [], pods: [], problems: problemsOfParse(parsed, file) };
  for (const doc of parsed.documents) {
    if (hasYamlErrors(doc)) continue;
    if (doc.value === null || doc.value === undefined) continue;
    const ctx: ReadContext = { file, parsed, doc, problems: result.problems };
    const visit = (value: unknown, path: FieldPath, nested: boolean): void => {
      const kind = kindOf(value);
      if (kind === 'Node') {
        const node = readNode(ctx, value, path);
        if (node) result.nodes.push(node);
      } else if (kind === 'Pod') {
        const pod = readPod(ctx, value, path);
        if (pod) result.pods.push(pod);
      } else if (!nested && (kind === 'List' || kind === 'NodeList' || kind === 'PodList' || (kind === undefined && isPlainMap(value) && Array.isArray(value.items)))) {
        const items = isPlainMap(value) ? value.items : undefined;
        if (items === undefined || items === null) return;
        if (!Array.isArray(items)) {
          report(ctx, [...path, 'items'], 'expected a list of objects');
          return;
        }
        items.forEach((item, index) => {
          const itemPath = [...path, 'items', index];
          if (kindOf(item) === undefined && kind === 'NodeList') visit({ ...(item as object), kind: 'Node' }, itemPath, true);
          else if (kindOf(item) === undefined && kind === 'PodList') visit({ ...(item as object), kind: 'Pod' }, itemPath, true);
          else visit(item, itemPath, true);
        });
      } else if (!isPlainMap(value)) {
        report(ctx, path, 'expected a Kubernetes object (a mapping with apiVersion and kind)');
      }
      // Other kinds (DaemonSets, ConfigMaps, …) may share the file; they are not inventory.
    };
    visit(doc.value, [], false);
  }
  dropDuplicateNodes(result);
  return result;
}

/** Node names are unique in a cluster; a second node of the same name is reported, not merged. */
function dropDuplicateNodes(result: InventoryLoadResult): void {
  const seen = new Set<string>();
  result.nodes = result.nodes.filter((node) => {
    if (seen.has(node.metadata.name)) {
      const source = node.source;
      result.problems.push({
        file: source?.file ?? '',
        line: source?.line ?? 1,
        column: 1,
        path: 'metadata.name',
        message: `duplicate node ${JSON.stringify(node.metadata.name)}: node names are unique in a cluster`,
      });
      return false;
    }
    seen.add(node.metadata.name);
    return true;
  });
}

export function loadInventoryFromText(text: string, file: string): InventoryLoadResult {
  return loadInventoryFromParsed(parseYamlFile(text), file);
}

/** Several files (a directory) in the given order, as one inventory. */
export function mergeInventories(parts: InventoryLoadResult[]): InventoryLoadResult {
  const merged: InventoryLoadResult = { nodes: [], pods: [], problems: [] };
  for (const part of parts) {
    merged.nodes.push(...part.nodes);
    merged.pods.push(...part.pods);
    merged.problems.push(...part.problems);
  }
  dropDuplicateNodes(merged);
  return merged;
}

export { formatLoadProblem };
