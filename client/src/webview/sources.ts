/**
 * The manifest and inventory text the extension sends, loaded into typed
 * DaemonSets, Nodes and node groups with their problems. Inventory files are cached by
 * text, so typing in the manifest never re-parses a large inventory.
 */
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { loadInventoryFromText, mergeInventories, type InventoryLoadResult } from '../../../server/src/model/inventory';
import type { DaemonSet, Node, Pod, PriorityClass } from '../../../server/src/model/kubeTypes';
import type { NodeGroup } from '../../../server/src/model/nodeGroup';
import type { LoadProblem } from '../../../server/src/model/objectReader';
import type { SourceText } from './protocol';

export interface LoadedSources {
  daemonSets: DaemonSet[];
  /** Problems of the manifest; `file` is the manifest's URI. */
  manifestProblems: LoadProblem[];
  nodes: Node[];
  /** Node groups the inventory declares (kind, Karpenter, eksctl, Cluster API). */
  groups: NodeGroup[];
  /** The inventory's Pods and PriorityClasses: what the scheduler verdict counts on each node. */
  pods: Pod[];
  priorityClasses: PriorityClass[];
  /** Problems of the inventory files; `file` is the inventory file's URI. */
  inventoryProblems: LoadProblem[];
}

const inventoryCache = new Map<string, { text: string; result: InventoryLoadResult }>();

function loadInventoryFile(file: SourceText): InventoryLoadResult {
  const cached = inventoryCache.get(file.uri);
  if (cached && cached.text === file.text) return cached.result;
  const result = loadInventoryFromText(file.text, file.uri);
  inventoryCache.set(file.uri, { text: file.text, result });
  return result;
}

/** The inventory files as one inventory; each file is parsed again only when its text changed. */
export function loadInventoryFiles(inventoryFiles: readonly SourceText[]): InventoryLoadResult {
  const live = new Set(inventoryFiles.map((file) => file.uri));
  for (const uri of inventoryCache.keys()) if (!live.has(uri)) inventoryCache.delete(uri);
  return mergeInventories(inventoryFiles.map(loadInventoryFile));
}

export function loadSources(manifest: SourceText, inventoryFiles: readonly SourceText[]): LoadedSources {
  const loaded = loadDaemonSetsFromText(manifest.text, manifest.uri);
  const inventory = loadInventoryFiles(inventoryFiles);
  return {
    daemonSets: loaded.daemonSets,
    manifestProblems: loaded.problems,
    nodes: inventory.nodes,
    groups: inventory.groups,
    pods: inventory.pods,
    priorityClasses: inventory.priorityClasses,
    inventoryProblems: inventory.problems,
  };
}

/** `namespace/name`, how kubectl and the picker name a DaemonSet. */
export function daemonSetKey(daemonSet: DaemonSet): string {
  return `${daemonSet.metadata.namespace || 'default'}/${daemonSet.metadata.name}`;
}

/** The last path segment of a URI, decoded, for messages. */
export function fileName(uri: string): string {
  const last = uri.split(/[/\\]/).pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
