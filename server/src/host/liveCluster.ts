/**
 * What runs in a cluster, read with the real kubectl for the comparison with
 * the manifest (the live rules, `daemonset lint --context`, `daemonset
 * rollout --context`, the editor's live baseline): the DaemonSets of the
 * namespaces asked for, the nodes, the unfinished pods of every namespace
 * (the scheduler weighs a surge pod against every pod bound to its node:
 * kube-system's daemons, other teams' workloads), and the cluster's
 * PriorityClasses (what a surge pod preempts with). The DaemonSets must be
 * read; nodes, pods and PriorityClasses are optional (a user may be allowed
 * to list DaemonSets but not nodes, or pods of their namespaces only), and
 * what could not be read is said in `unread`.
 */
import { loadDaemonSetsFromText } from '../model/daemonSet';
import { loadInventoryFromKubectlJson, loadInventoryFromKubectlValue, type InventoryLoadResult } from '../model/inventory';
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import type { LiveCluster } from '../model/liveCluster';
import { withoutUnreadObjectFields } from '../model/inventoryText';
import { isPlainMap } from '../model/objectReader';
import { podFitValue } from '../model/podFitValue';
import { getDaemonSetsArgs, getNodesArgs, getPodsArgs, getPriorityClassesArgs, type KubectlTarget } from '../protocol/kubectl';
import { mapKubectlListItems, textOf, type KubectlOutput } from './kubectlJsonList';
import { checkKubectlOutput, isUnreadFailure, KubectlError, runKubectl, runKubectlBytes, unreadableKubectlOutput, type KubectlRunOptions } from './kubectl';

export interface LiveClusterOptions extends KubectlRunOptions {
  target: KubectlTarget;
  /** The namespaces whose DaemonSets and pods are read (those of the manifests compared). */
  namespaces: readonly string[];
  /** The clock of the snapshot; default Date.now(). */
  now?: () => number;
  /** Called with the nodes as soon as they are read, while the pods' kubectl may still run (the worker hands them over meanwhile). */
  onNodes?: (nodes: readonly Node[]) => void;
}

export interface LiveClusterSnapshot extends LiveCluster {
  /** What could not be read, in words (`nodes: The cluster denied the request: …`): the comparison goes on without it. */
  unread: string[];
  /** kubectl's own output (one JSON document per namespace, YAML-separated), for the preview's rollout stepper. */
  daemonSetsText: string;
  /** The pods as `pods` holds them (one JSON list, or kubectl's documents per namespace when only those were read), for the preview's rollout stepper. */
  podsText?: string;
  /** kubectl's PriorityClass list as printed, when read, for the preview's rollout stepper. */
  priorityClassesText?: string;
}

/** kubectl's JSON documents as one multi-document YAML text (JSON is YAML). */
function joinDocuments(texts: readonly string[]): string {
  return texts.map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('---\n');
}

export function liveClusterLabel(target: KubectlTarget): string {
  return `context ${target.context}`;
}

function readDaemonSets(text: string, namespace: string): DaemonSet[] {
  const result = loadDaemonSetsFromText(text, `daemonsets of ${namespace}`);
  checkKubectlOutput(result.problems, 'DaemonSets');
  return result.daemonSets;
}

/** kubectl's output read (loadInventoryFromKubectlJson: its objects carry no source); a KubectlError when it holds an error. */
function readInventory(text: string, what: 'nodes' | 'pods' | 'priorityclasses'): InventoryLoadResult {
  return checkedInventory(loadInventoryFromKubectlJson(text, what), what);
}

function checkedInventory(result: InventoryLoadResult, what: string): InventoryLoadResult {
  checkKubectlOutput(result.problems, what);
  return result;
}

/**
 * kubectl's nodes (`get nodes -o json`) as the snapshot holds them: item by
 * item in kubectl's layout, each node's bulk nothing reads (its images,
 * addresses, most of nodeInfo) dropped as soon as it is parsed, so it dies
 * young (mapKubectlListItems, withoutUnreadObjectFields), else the whole text
 * at once; the same nodes and problems either way.
 */
export function readLiveNodes(text: string): Node[] {
  const list = mapKubectlListItems(text, withoutUnreadObjectFields);
  if (!list) return readInventory(text, 'nodes').nodes;
  return checkedInventory(loadInventoryFromKubectlValue(list, text, 'nodes'), 'nodes').nodes;
}

/** kubectl's PriorityClasses (`get priorityclasses -o json`) as the snapshot holds them. */
export function readLivePriorityClasses(text: string): PriorityClass[] {
  return readInventory(text, 'priorityclasses').priorityClasses;
}

/** The unread entry of pods of other namespaces (a cluster-wide list refused): the surge pods' fit counts the namespaces' pods only. */
export const OTHER_NAMESPACES_PODS = 'pods of other namespaces';

/**
 * What a rollout simulated from the snapshot misses for an entry of
 * `unread`, in words, when it can still be simulated (nodes and pods read):
 * the CLI's note on stderr. Undefined for unread nodes or pods, without which
 * no rollout is simulated.
 */
export function unreadRolloutCost(problem: string, namespaces: readonly string[]): string | undefined {
  if (problem.startsWith('priorityclasses:')) return 'surge pods preempt with the built-in PriorityClasses only';
  if (problem.startsWith(`${OTHER_NAMESPACES_PODS}:`)) return `surge pods are judged against the pods of ${namespaces.join(', ')} only`;
  return undefined;
}

/**
 * The unfinished pods of the cluster, in one cluster-wide list: those of
 * `namespaces` whole (their DaemonSets' own pods are among them, and the
 * rollout reads their labels, owners and conditions), the others cut to what
 * the scheduler's fit reads and only when bound to a node (podFitValue), so
 * a snapshot of a large cluster holds little of them. kubectl's JSON, taken
 * as the bytes it printed, is parsed item by item (podsKept) and dropped;
 * the kept values are read by the inventory
 * reader and written as the text the preview gets. When the cluster-wide list
 * cannot be read (RBAC allows many users their namespaces only), the
 * namespaces' pods as kubectl printed them, and `unread` says so.
 */
async function readPods(options: LiveClusterOptions, namespaces: readonly string[], unread: string[]): Promise<{ pods: Pod[]; text: string; everyNamespace: boolean }> {
  const output: { text: KubectlOutput } = { text: '' };
  try {
    output.text = await runKubectlBytes(getPodsArgs(options.target), options);
  } catch (error) {
    if (!isUnreadFailure(error)) throw error;
    unread.push(`${OTHER_NAMESPACES_PODS}: ${error.message}`);
    const pods: Pod[] = [];
    const texts: string[] = [];
    for (const namespace of namespaces) {
      const text = await runKubectl(getPodsArgs(options.target, namespace), options);
      pods.push(...readSnapshotPods(text));
      texts.push(text);
    }
    return { pods, text: joinDocuments(texts), everyNamespace: false };
  }
  return { ...readClusterPods(output, namespaces), everyNamespace: true };
}

/**
 * kubectl's cluster-wide pod list (`output.text`, as text or as the bytes
 * kubectl printed, taken out of it so that kubectl's whole output, hundreds
 * of MB on a large cluster, is let go before the kept pods are read) as the
 * snapshot keeps it, with the text the preview gets.
 */
export function readClusterPods(output: { text: KubectlOutput }, namespaces: readonly string[]): { pods: Pod[]; text: string } {
  const list = { apiVersion: 'v1', kind: 'List', items: podsKept(output, new Set(namespaces)) };
  const text = JSON.stringify(list);
  // The kept values are what the text reads: read them, not the text.
  return { pods: checkedInventory(loadInventoryFromKubectlValue(list, text, 'pods'), 'pods').pods, text };
}

/** kubectl's pods of one namespace as the snapshot keeps them. */
function readSnapshotPods(text: string): Pod[] {
  return readInventory(text, 'pods').pods;
}

/**
 * The items of kubectl's pod list (`output.text`, emptied once parsed) that a
 * snapshot keeps (readPods): item by item in kubectl's layout, so what is cut
 * dies young (mapKubectlListItems), else the whole text at once.
 */
function podsKept(output: { text: KubectlOutput }, namespaces: ReadonlySet<string>): unknown[] {
  const keep = (item: unknown): unknown => {
    const namespace = isPlainMap(item) && isPlainMap(item.metadata) ? item.metadata.namespace : undefined;
    return typeof namespace === 'string' && namespaces.has(namespace) ? item : podFitValue(item);
  };
  const itemByItem = mapKubectlListItems(output.text, keep);
  if (itemByItem) {
    output.text = '';
    return itemByItem.items;
  }
  let list: unknown;
  try {
    list = JSON.parse(textOf(output.text));
    output.text = '';
  } catch (error) {
    throw unreadableKubectlOutput('pods', error instanceof Error ? error.message : String(error));
  }
  if (!isPlainMap(list) || !Array.isArray(list.items)) throw unreadableKubectlOutput('pods', 'expected a list with items');
  const kept: unknown[] = [];
  for (const item of list.items as unknown[]) {
    const value = keep(item);
    if (value !== undefined) kept.push(value);
  }
  return kept;
}

/** A settled promise's outcome, so that a read whose result is not awaited (its need gone) never rejects unhandled. */
type Outcome<T> = { value: T } | { error: unknown };

function outcomeOf<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** An outcome's value, or undefined when it failed in a way the snapshot goes on without (said in `unread` as `what: …`). */
function valueOrUnread<T>(outcome: Outcome<T>, what: string, unread: string[]): T | undefined {
  if (!('error' in outcome)) return outcome.value;
  if (!isUnreadFailure(outcome.error)) throw outcome.error;
  unread.push(`${what}: ${outcome.error.message}`);
  return undefined;
}

/** The DaemonSets of each namespace, read at once; the first failure stops the others (`stop`) and is thrown. */
async function readAllDaemonSets(options: LiveClusterOptions, namespaces: readonly string[], stop: AbortController): Promise<{ daemonSets: DaemonSet[]; texts: string[] }> {
  const reads = namespaces.map((namespace) =>
    runKubectl(getDaemonSetsArgs(options.target, namespace), options).then((text) => ({ text, daemonSets: readDaemonSets(text, namespace) })),
  );
  for (const read of reads) void read.catch(() => stop.abort());
  const outcomes = await Promise.all(reads.map(outcomeOf));
  // The failure that stopped the others, not the `cancelled` it gave them.
  const failed = outcomes.filter((outcome) => 'error' in outcome).map((outcome) => outcome.error);
  if (failed.length > 0) throw failed.find((error) => !(error instanceof KubectlError && error.message === 'cancelled')) ?? failed[0];
  const values = outcomes.map((outcome) => (outcome as { value: { text: string; daemonSets: DaemonSet[] } }).value);
  return { daemonSets: values.flatMap((value) => value.daemonSets), texts: values.map((value) => value.text) };
}

/**
 * Reads the snapshot; a KubectlError when the DaemonSets cannot be read
 * (missing kubectl, timeout, unreachable, denied). The kubectl calls run at
 * once, so the API server lists pods while the nodes are parsed; each
 * outcome is then taken as a read one after another would: a DaemonSet
 * failure stops every other call and is thrown, unread nodes stop the pods'
 * and PriorityClasses' calls (no rollout is simulated without nodes), and a
 * cancel (`signal`) stops them all.
 */
export async function fetchLiveCluster(options: LiveClusterOptions): Promise<LiveClusterSnapshot> {
  const namespaces = [...new Set(options.namespaces)].sort();
  // Nothing to compare: no kubectl at all.
  if (namespaces.length === 0) return { label: liveClusterLabel(options.target), fetchedAtMs: (options.now ?? Date.now)(), namespaces, daemonSets: [], unread: [], daemonSetsText: '' };
  const stopAll = new AbortController();
  const stopNeedingNodes = new AbortController();
  const signalAll = options.signal ? AbortSignal.any([options.signal, stopAll.signal]) : stopAll.signal;
  const all = { ...options, signal: signalAll };
  const needingNodes = { ...options, signal: AbortSignal.any([signalAll, stopNeedingNodes.signal]) };
  const daemonSetsRead = outcomeOf(readAllDaemonSets(all, namespaces, stopAll));
  const nodesRead = outcomeOf(
    runKubectl(getNodesArgs(options.target), all).then((text) => {
      const nodes = readLiveNodes(text);
      options.onNodes?.(nodes);
      return nodes;
    }),
  );
  void nodesRead.then((outcome) => {
    if ('error' in outcome) stopNeedingNodes.abort();
  });
  const podsUnread: string[] = [];
  // The pods' output is taken in once the nodes are read: the API server lists both at once, but this process holds one large output at a time.
  const podsRead = outcomeOf(readPods({ ...needingNodes, readAfter: nodesRead }, namespaces, podsUnread));
  const priorityClassesRead = outcomeOf(
    runKubectl(getPriorityClassesArgs(options.target), needingNodes).then((text) => ({ text, priorityClasses: readLivePriorityClasses(text) })),
  );
  try {
    const daemonSetsOutcome = await daemonSetsRead;
    if ('error' in daemonSetsOutcome) throw daemonSetsOutcome.error;
    const { daemonSets, texts: daemonSetTexts } = daemonSetsOutcome.value;
    const fetchedAtMs = (options.now ?? Date.now)();
    const unread: string[] = [];
    const base = { label: liveClusterLabel(options.target), fetchedAtMs, namespaces, daemonSets, daemonSetsText: joinDocuments(daemonSetTexts), unread };
    const nodes = valueOrUnread(await nodesRead, 'nodes', unread);
    if (!nodes) {
      // The worker's hand-over sends the parts a snapshot has, so the unread ones are there, undefined.
      return { ...base, nodes: undefined, pods: undefined, podsOfEveryNamespace: undefined, priorityClasses: undefined, podsText: undefined, priorityClassesText: undefined };
    }
    const podsOutcome = await podsRead;
    unread.push(...podsUnread);
    const { pods, text: podsText, everyNamespace: podsOfEveryNamespace } = valueOrUnread(podsOutcome, 'pods', unread) ?? {};
    const { priorityClasses, text: priorityClassesText } = valueOrUnread(await priorityClassesRead, 'priorityclasses', unread) ?? {};
    return { ...base, nodes, pods, podsOfEveryNamespace, priorityClasses, podsText, priorityClassesText };
  } finally {
    // Whatever ended the read (a failure, unread nodes, a bug), no kubectl outlives it; a parse under way is not waited for.
    stopAll.abort();
  }
}
