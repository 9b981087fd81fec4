/**
 * The scheduler verdict of the DaemonSets of a document, in their workspace:
 * the inventory's nodes and pods, the other DaemonSets of the file and of the
 * workspace index (their pods compete for the same nodes), and the
 * PriorityClasses of the inventory and the workspace (a workspace object
 * replaces the inventory's of the same name: it is what will be applied).
 * The rule `pending-on-nodes` and the code lens both ask here, and the
 * reconciler's scheduleDaemonPods answers — once per state: the answer for
 * every DaemonSet of a file is remembered per inventory until the file's
 * text or the index changes, so the diagnostics of a file's DaemonSets and
 * its code lenses share one computation.
 */
import type { DaemonSet } from '../model/kubeTypes';
import { distinctDaemonSets, namespaceOf, scheduleDaemonPods, type DaemonPodsSchedule, type DaemonSetSchedule } from '../reconciler';
import { typedPriorityClasses, type IndexedWorkload, type WorkspaceIndex } from './workspaceIndex';
import type { InventoryLike } from './types';

export interface WorkspaceSchedulingInput {
  /** The DaemonSet of the document at `documentIndex`. */
  daemonSet: DaemonSet;
  uri: string;
  /** The file's text: with the index's generation, what the remembered answer depends on. */
  text: string;
  /** The file's own workloads (fresh), including the DaemonSet's own document when it is not a template. */
  sameFile: readonly IndexedWorkload[];
  documentIndex: number;
  index: WorkspaceIndex | undefined;
  inventory: InventoryLike;
  /** Judge this DaemonSet in place of the document's (a what-if, e.g. with another priority class); never remembered. */
  replacement?: DaemonSet;
}

interface Remembered {
  uri: string;
  text: string;
  generation: number;
  schedule: DaemonPodsSchedule;
  /** Document index → position in `schedule.daemonSets`. */
  byDocument: Map<number, number>;
}

const REMEMBERED = new WeakMap<InventoryLike, Remembered>();

function key(daemonSet: DaemonSet): string {
  return `${namespaceOf(daemonSet)}/${daemonSet.metadata.name}`;
}

/** The index's DaemonSets of other files, typed. */
function otherFilesDaemonSets(input: WorkspaceSchedulingInput): DaemonSet[] {
  const out: DaemonSet[] = [];
  for (const workload of input.index?.daemonSets(input.uri) ?? []) {
    const daemonSet = workload.daemonSet?.();
    if (daemonSet) out.push(daemonSet);
  }
  return out;
}

function schedule(input: WorkspaceSchedulingInput, daemonSets: DaemonSet[]): DaemonPodsSchedule {
  const priorityClasses = [
    ...(input.inventory.priorityClasses ?? []),
    ...(input.index?.priorityClasses(input.uri) ?? []),
    ...typedPriorityClasses(input.sameFile),
  ];
  return scheduleDaemonPods({ daemonSets, nodes: input.inventory.nodes, pods: input.inventory.pods, priorityClasses });
}

/** Every DaemonSet of the file at once (the file's first copy of a name wins over copies elsewhere), remembered. */
function fileSchedule(input: WorkspaceSchedulingInput): Remembered {
  const generation = input.index?.generationExcept(input.uri) ?? -1;
  const remembered = REMEMBERED.get(input.inventory);
  if (remembered && remembered.uri === input.uri && remembered.text === input.text && remembered.generation === generation) return remembered;
  const own: { documentIndex: number; daemonSet: DaemonSet }[] = [];
  for (const workload of input.sameFile) {
    const daemonSet = workload.daemonSet?.();
    if (daemonSet) own.push({ documentIndex: workload.documentIndex, daemonSet });
  }
  const daemonSets = distinctDaemonSets([...own.map((entry) => entry.daemonSet), ...otherFilesDaemonSets(input)]);
  const position = new Map(daemonSets.map((daemonSet, index) => [daemonSet, index]));
  const byDocument = new Map<number, number>();
  for (const entry of own) {
    const at = position.get(entry.daemonSet);
    if (at !== undefined) byDocument.set(entry.documentIndex, at);
  }
  const result: Remembered = { uri: input.uri, text: input.text, generation, schedule: schedule(input, daemonSets), byDocument };
  REMEMBERED.set(input.inventory, result);
  return result;
}

/** The DaemonSet's schedule over the inventory's nodes. */
export function scheduleInWorkspace(input: WorkspaceSchedulingInput): DaemonSetSchedule {
  if (!input.replacement) {
    const remembered = fileSchedule(input);
    const at = remembered.byDocument.get(input.documentIndex);
    if (at !== undefined) return remembered.schedule.daemonSets[at];
  }
  // A replacement, a templated document the index skips, or a second copy of a name in the same file: on its own.
  const self = input.replacement ?? input.daemonSet;
  const sameFileOthers: DaemonSet[] = [];
  for (const workload of input.sameFile) {
    if (workload.documentIndex === input.documentIndex) continue;
    const daemonSet = workload.daemonSet?.();
    if (daemonSet && key(daemonSet) !== key(self)) sameFileOthers.push(daemonSet);
  }
  return schedule(input, distinctDaemonSets([self, ...sameFileOthers, ...otherFilesDaemonSets(input)])).daemonSets[0];
}
