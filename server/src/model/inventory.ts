/**
 * A node inventory: the Nodes (and optionally the Pods) of a cluster, and the
 * node groups its own configuration declares (kind, Karpenter, eksctl, Cluster
 * API: see nodeGroups/), read
 * from `kind: Node`, `NodeList`, `Pod`, `PodList` and `List` documents,
 * exactly what `kubectl get nodes -o yaml` prints, and from the lists that
 * archive and support-bundle tools write from typed Go lists (PriorityClasses
 * too, for the pods' priorities), whose items
 * (and often the list itself) carry no `kind`. A bad object is reported
 * with file, line and field and skipped; the good ones are kept. A file
 * from which no node could be read is a warning, never a silent empty cluster.
 */
import type { Node, Pod, PriorityClass } from './kubeTypes';
import type { NodeGroup } from './nodeGroup';
import { emptyClusterApiParts, resolveClusterApiBootstrap, type ClusterApiParts } from './nodeGroups/clusterApi';
import { readNodeGroups } from './nodeGroups/nodeGroupSources';
import { readNode } from './node';
import { withoutUnreadInventoryFields } from './inventoryText';
import { readInventoryValue } from './inventoryValue';
import { formatLoadProblem, isLoadError, isPlainMap, report, type LoadProblem, type PlainMap, type ReadContext } from './objectReader';
import { readPod } from './pod';
import { isPriorityClassObject, readPriorityClass } from './priorityClass';
import { hasYamlErrors, parseYamlFile, type ParsedYamlFile } from './yamlDocuments';
import type { FieldPath } from './fieldPath';
import { isListKind, listItems } from './kubernetesList';

export interface Inventory {
  nodes: Node[];
  pods: Pod[];
  /** PriorityClass objects (`kubectl get priorityclasses -o yaml`), which give the pods' priorities for preemption. */
  priorityClasses: PriorityClass[];
  /** Node groups from kind, Karpenter, eksctl and Cluster API sources, beside (or instead of) Nodes. */
  groups: NodeGroup[];
}

export interface InventoryLoadResult extends Inventory {
  problems: LoadProblem[];
  /**
   * One file's Cluster API bootstrap references and configs, which may sit in different files:
   * mergeInventories joins them into `groups`. Absent when the file has none, and on merged results.
   */
  clusterApi?: ClusterApiParts;
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

/** Node capacity names that no other kind's `status.capacity` has (a PersistentVolumeClaim's holds `storage`). */
const NODE_CAPACITY = ['cpu', 'memory', 'pods', 'ephemeral-storage'];

/**
 * The kind of an object written without one, from its shape: a Pod has
 * `spec.containers`; a Node has `status.nodeInfo`, or `status.allocatable`,
 * or a `status.capacity` of node resources, and is nothing Pod-like.
 */
function inferredKind(value: PlainMap): 'Node' | 'Pod' | undefined {
  const spec = isPlainMap(value.spec) ? value.spec : undefined;
  const status = isPlainMap(value.status) ? value.status : undefined;
  if (spec && (Array.isArray(spec.containers) || Array.isArray(spec.initContainers))) return 'Pod';
  if (!status || (spec && 'accessModes' in spec)) return undefined;
  const capacity = isPlainMap(status.capacity) ? status.capacity : undefined;
  if (isPlainMap(status.nodeInfo) || isPlainMap(status.allocatable) || (capacity && NODE_CAPACITY.some((name) => name in capacity))) return 'Node';
  return undefined;
}

const NO_NODE =
  'no node could be read from this file: expected Nodes as kubectl get nodes -o yaml prints them ' +
  '(kind: Node, NodeList or List), list items with status.nodeInfo or status.allocatable, ' +
  'or node groups (a kind Cluster, a Karpenter NodePool, an eksctl ClusterConfig, a Cluster API MachineDeployment or MachinePool)';

export function loadInventoryFromParsed(parsed: ParsedYamlFile, file: string): InventoryLoadResult {
  const result: InventoryLoadResult = { nodes: [], pods: [], priorityClasses: [], groups: [], problems: problemsOfParse(parsed, file) };
  const clusterApi = emptyClusterApiParts();
  for (const doc of parsed.documents) {
    if (hasYamlErrors(doc)) continue;
    if (doc.value === null || doc.value === undefined) continue;
    readObjects(doc.value, { file, parsed, doc, problems: result.problems }, result, clusterApi);
  }
  return finishLoad(result, clusterApi, file);
}

/** The Nodes, Pods, PriorityClasses and node groups of one document's value, into `result`. */
function readObjects(value: unknown, ctx: ReadContext, result: InventoryLoadResult, clusterApi: ClusterApiParts): void {
  const visit = (value: unknown, path: FieldPath, nested: boolean): void => {
    // Typed Go lists (client-go's NodeList and PodList, as archive and support-bundle tools marshal them) drop the items' kind.
    const kind = kindOf(value) ?? (isPlainMap(value) && (value.kind === undefined || value.kind === null) ? inferredKind(value) : undefined);
    const groups = isPlainMap(value) ? readNodeGroups(ctx, value, path, clusterApi) : undefined;
    if (groups) {
      result.groups.push(...groups);
    } else if (kind === 'Node') {
      const node = readNode(ctx, value, path);
      if (node) result.nodes.push(node);
    } else if (kind === 'Pod') {
      const pod = readPod(ctx, value, path);
      if (pod) result.pods.push(pod);
    } else if (kind === 'PriorityClass' && isPriorityClassObject(value)) {
      const priorityClass = readPriorityClass(ctx, value, path);
      if (priorityClass) result.priorityClasses.push(priorityClass);
    } else if (!nested && (isListKind(kind) || (kind === undefined && listItems(value)))) {
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
  visit(value, [], false);
}

function finishLoad(result: InventoryLoadResult, clusterApi: ClusterApiParts, file: string): InventoryLoadResult {
  dropDuplicateNodes(result);
  if (clusterApi.refs.length > 0 || clusterApi.configs.length > 0) result.clusterApi = clusterApi;
  // Errors already say why nodes are missing; a file of Pods (or of kubeadm bootstrap configs) is judged with the files it comes with (mergeInventories).
  if (result.nodes.length === 0 && result.pods.length === 0 && result.priorityClasses.length === 0 && result.groups.length === 0 && clusterApi.configs.length === 0 && !result.problems.some(isLoadError)) {
    result.problems.push({ file, line: 1, column: 1, path: '', message: NO_NODE, severity: 'warning' });
  }
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

/**
 * An inventory file's objects. A file in kubectl's shape is read in one pass
 * without what nothing reads (inventoryValue.ts), and parsed only if a
 * problem or an object's line asks for a place; any other file is parsed
 * without that bulk (inventoryText.ts).
 */
export function loadInventoryFromText(text: string, file: string): InventoryLoadResult {
  const read = readInventoryValue(text);
  if (!read) return loadInventoryFromParsed(parseWithoutUnreadFields(text), file);
  return loadInventoryFromValue(read.value, text, file);
}

/** The objects of `value`, the one document of `text`, placed in `text` only when a problem or an object's line asks. */
function loadInventoryFromValue(value: unknown, text: string, file: string): InventoryLoadResult {
  const result: InventoryLoadResult = { nodes: [], pods: [], priorityClasses: [], groups: [], problems: [] };
  const clusterApi = emptyClusterApiParts();
  if (value !== null && value !== undefined) readObjects(value, placedOnDemand(text, file, result.problems), result, clusterApi);
  return finishLoad(result, clusterApi, file);
}

/**
 * kubectl's JSON output (`-o json`: a list or one object), as the live
 * snapshot reads it: JSON.parse once, and the same objects as
 * loadInventoryFromText, without the YAML reader (JSON is YAML; kubectl's
 * has no duplicate keys, the one thing the two would read differently).
 * Its Nodes, Pods and PriorityClasses carry no source: no finding points
 * into kubectl's output, and an object's line, read on demand, would keep
 * the whole text alive and parse it (a `structuredClone` reads it).
 * Problems still have their line, placed by parsing the text when there is
 * one. Text that is not one JSON value (kubectl's documents joined as
 * YAML) is read by loadInventoryFromText.
 */
export function loadInventoryFromKubectlJson(text: string, file: string): InventoryLoadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return withoutSources(loadInventoryFromText(text, file));
  }
  return loadInventoryFromKubectlValue(value, text, file);
}

/** loadInventoryFromKubectlJson of `text` when it is already parsed: `value` is JSON.parse(text). */
export function loadInventoryFromKubectlValue(value: unknown, text: string, file: string): InventoryLoadResult {
  return withoutSources(loadInventoryFromValue(value, text, file));
}

function withoutSources(result: InventoryLoadResult): InventoryLoadResult {
  for (const item of [...result.nodes, ...result.pods, ...result.priorityClasses]) delete item.source;
  return result;
}

/** The file parsed without its unread fields (every kept line where it was), or in full if the cut left broken YAML. */
function parseWithoutUnreadFields(text: string): ParsedYamlFile {
  const lean = withoutUnreadInventoryFields(text);
  if (lean !== text) {
    const parsed = parseYamlFile(lean);
    // A cut that left broken YAML (it cannot, short of a key line inside a multi-line string) is not trusted.
    if (!parsed.documents.some(hasYamlErrors)) return parsed;
  }
  return parseYamlFile(text);
}

/** A read context for the one document of `text` that parses it the first time a place is asked for. */
function placedOnDemand(text: string, file: string, problems: LoadProblem[]): ReadContext {
  let parsed: ParsedYamlFile | undefined;
  const parse = (): ParsedYamlFile => (parsed ??= parseWithoutUnreadFields(text));
  return {
    file,
    problems,
    documentIndex: 0,
    get parsed() {
      return parse();
    },
    get doc() {
      return parse().documents[0];
    },
  };
}

/** Several files (a directory) in the given order, as one inventory. */
export function mergeInventories(parts: InventoryLoadResult[]): InventoryLoadResult {
  const merged: InventoryLoadResult = { nodes: [], pods: [], priorityClasses: [], groups: [], problems: [] };
  const clusterApi = emptyClusterApiParts();
  for (const part of parts) {
    merged.nodes.push(...part.nodes);
    merged.pods.push(...part.pods);
    merged.priorityClasses.push(...part.priorityClasses);
    merged.groups.push(...part.groups);
    merged.problems.push(...part.problems);
    clusterApi.refs.push(...(part.clusterApi?.refs ?? []));
    clusterApi.configs.push(...(part.clusterApi?.configs ?? []));
  }
  merged.groups = resolveClusterApiBootstrap(merged.groups, clusterApi);
  dropDuplicateNodes(merged);
  if (merged.nodes.length === 0 && merged.groups.length === 0 && merged.problems.length === 0) {
    // Only Pods: each file that holds them is where a node was expected.
    for (const file of new Set(merged.pods.map((pod) => pod.source?.file ?? ''))) {
      merged.problems.push({ file, line: 1, column: 1, path: '', message: `${NO_NODE}; the inventory has Pods but no Node`, severity: 'warning' });
    }
  }
  return merged;
}

export { formatLoadProblem };
