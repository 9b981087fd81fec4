/**
 * What every pod-owning or pod-selecting object of a YAML file looks like to
 * the cross-document rules: its kind, namespace, selector, the labels of the
 * pods it creates, and its host ports. Read leniently from the plain value:
 * a half-typed Deployment still shows what it selects.
 */
import type { LabelSelector } from './labelSelector';
import type { ParsedYamlDocument } from './yamlDocuments';
import { SELECTOR_PATH, valueAt, type FieldPath } from './fieldPath';
import { scanKindLines } from './kindLine';
import { isListKind } from './kubernetesList';

export interface HostPortUse {
  port: number;
  protocol: string;
  path: FieldPath;
}

export interface WorkloadSummary {
  apiVersion: string;
  kind: string;
  name: string;
  /** `default` when absent, as the API server fills it. */
  namespace: string;
  documentIndex: number;
  /** The selector the controller (or PodDisruptionBudget) uses, when it has one. */
  selector?: LabelSelector;
  selectorPath?: FieldPath;
  /** Labels of the pods it creates (a bare Pod: its own labels). */
  podLabels?: Record<string, string>;
  podLabelsPath?: FieldPath;
  /** Host ports of its pod template. */
  hostPorts: HostPortUse[];
  /** Pod template nodeSelector, for telling whether two DaemonSets can share nodes. */
  nodeSelector?: Record<string, string>;
}

type Plain = Record<string, unknown>;

function record(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Plain) : undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const map = record(value);
  if (!map) return undefined;
  const out: Record<string, string> = {};
  // No entry list: this runs for the labels, selector and nodeSelector of every workload of a file.
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const item = map[key];
    if (item === null || item === undefined) out[key] = '';
    else if (typeof item !== 'object') out[key] = String(item);
  }
  return out;
}

function labelSelector(value: unknown): LabelSelector | undefined {
  const map = record(value);
  if (!map) return undefined;
  const selector: LabelSelector = {};
  const matchLabels = stringMap(map.matchLabels);
  if (matchLabels) selector.matchLabels = matchLabels;
  if (Array.isArray(map.matchExpressions)) {
    selector.matchExpressions = map.matchExpressions
      .map(record)
      .filter((e): e is Plain => !!e && typeof e.key === 'string' && typeof e.operator === 'string')
      .map((e) => ({
        key: e.key as string,
        operator: e.operator as string,
        values: Array.isArray(e.values) ? e.values.map(String) : undefined,
      }));
  }
  return selector;
}

/** Where a kind keeps its pod template and selector, and the paths under the template a summary names. */
interface KindPaths {
  template: FieldPath;
  selector: FieldPath;
  podLabels: FieldPath;
  podSpec: FieldPath;
}

function kindPaths(template: FieldPath, selector: FieldPath): KindPaths {
  return { template, selector, podLabels: [...template, 'metadata', 'labels'], podSpec: [...template, 'spec'] };
}

/**
 * Each pod-owning kind's paths, relative to the document root, made once: summaries share them
 * (field paths are never changed once made), instead of copying them for every workload of a file.
 */
const KIND_PATHS = new Map<string, KindPaths>([
  ['DaemonSet', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['Deployment', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['ReplicaSet', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['StatefulSet', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['ReplicationController', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['Job', kindPaths(['spec', 'template'], SELECTOR_PATH)],
  ['CronJob', kindPaths(['spec', 'jobTemplate', 'spec', 'template'], ['spec', 'jobTemplate', 'spec', 'selector'])],
]);

/** Every kind summarizeWorkload gives a summary of: the pod-owning kinds, Pod, PodDisruptionBudget and PriorityClass. */
const SUMMARIZED_KINDS: ReadonlySet<string> = new Set([...KIND_PATHS.keys(), 'Pod', 'PodDisruptionBudget', 'PriorityClass']);

/** A `kind` (block, flow or JSON) naming a kind summarizeWorkload reads, anywhere in a text. */
const SUMMARIZED_KIND = new RegExp(`\\bkind["']?[ \\t]*:[ \\t]*["']?(?:${[...SUMMARIZED_KINDS].join('|')})\\b`);

/**
 * Whether a document's text may give a summary, told without parsing it: false only when the text
 * has exactly one top-level `kind:` line, a single word, naming a kind summarizeWorkload ignores
 * (a ConfigMap, a CustomResourceDefinition), or a list kind (`kind: List`, `NodeList`) when nothing
 * in the text names a kind it reads (a `kubectl get nodes -o yaml` inventory is not parsed; a List of
 * DaemonSets is, and its items are summarized as documents of their own: listItemDocuments.ts).
 * Anything else — no such line, two, an alias, a tag, flow or JSON style — may, and is left to the parse.
 */
export function mayBeSummarized(documentText: string): boolean {
  const { lines, kind } = scanKindLines(documentText);
  if (lines === 1 && isListKind(kind)) return SUMMARIZED_KIND.test(documentText);
  return lines !== 1 || kind === undefined || SUMMARIZED_KINDS.has(kind);
}

const POD_LABELS_PATH: FieldPath = ['metadata', 'labels'];
const POD_SPEC_OF_POD: FieldPath = ['spec'];

export function summarizeWorkload(doc: ParsedYamlDocument): WorkloadSummary | undefined {
  const root = record(doc.value);
  if (!root || typeof root.kind !== 'string' || typeof root.apiVersion !== 'string') return undefined;
  const kind = root.kind;
  const metadata = record(root.metadata);
  const summary: WorkloadSummary = {
    apiVersion: root.apiVersion,
    kind,
    name: typeof metadata?.name === 'string' ? metadata.name : '',
    namespace: typeof metadata?.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default',
    documentIndex: doc.index,
    hostPorts: [],
  };
  if (kind === 'Pod') {
    summary.podLabels = stringMap(metadata?.labels) ?? {};
    summary.podLabelsPath = POD_LABELS_PATH;
    collectHostPorts(record(root.spec), POD_SPEC_OF_POD, summary);
    return summary;
  }
  if (kind === 'PriorityClass') return summary; // cluster-scoped; the typed object is read on demand (workspaceIndex)
  if (kind === 'PodDisruptionBudget') {
    summary.selector = labelSelector(record(root.spec)?.selector);
    summary.selectorPath = SELECTOR_PATH;
    return summary;
  }
  const paths = KIND_PATHS.get(kind);
  if (!paths) return undefined;
  const template = record(valueAt(root, paths.template));
  const rawSelector = valueAt(root, paths.selector);
  // ReplicationController selectors are a plain label map.
  summary.selector =
    kind === 'ReplicationController' ? { matchLabels: stringMap(rawSelector) ?? {} } : labelSelector(rawSelector);
  summary.selectorPath = paths.selector;
  summary.podLabels = stringMap(record(template?.metadata)?.labels) ?? {};
  summary.podLabelsPath = paths.podLabels;
  const podSpec = record(template?.spec);
  summary.nodeSelector = stringMap(podSpec?.nodeSelector);
  collectHostPorts(podSpec, paths.podSpec, summary);
  return summary;
}

function collectHostPorts(podSpec: Plain | undefined, path: FieldPath, summary: WorkloadSummary): void {
  if (!podSpec || !Array.isArray(podSpec.containers)) return;
  const containers: unknown[] = podSpec.containers;
  for (let containerIndex = 0; containerIndex < containers.length; containerIndex++) {
    const ports = record(containers[containerIndex])?.ports;
    if (!Array.isArray(ports)) continue;
    for (let portIndex = 0; portIndex < ports.length; portIndex++) {
      const p = record(ports[portIndex]);
      if (typeof p?.hostPort === 'number' && p.hostPort > 0) {
        summary.hostPorts.push({
          port: p.hostPort,
          protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
          path: [...path, 'containers', containerIndex, 'ports', portIndex, 'hostPort'],
        });
      }
    }
  }
}
