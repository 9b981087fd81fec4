/**
 * What runs in a cluster, read with the real kubectl for the comparison with
 * the manifest (the live rules, `daemonset lint --context`, `daemonset
 * rollout --context`, the editor's live baseline): the DaemonSets of the
 * namespaces asked for, the nodes, the unfinished pods of those namespaces,
 * and the cluster's PriorityClasses (what a surge pod preempts with). The
 * DaemonSets must be read; nodes, pods and PriorityClasses are optional (a
 * user may be allowed to list DaemonSets but not nodes), and what could not
 * be read is said in `unread`.
 */
import { loadDaemonSetsFromText } from '../model/daemonSet';
import { loadInventoryFromText } from '../model/inventory';
import type { DaemonSet, Node, Pod, PriorityClass } from '../model/kubeTypes';
import type { LiveCluster } from '../model/liveCluster';
import { formatLoadProblem, isLoadError, type LoadProblem } from '../model/objectReader';
import { getDaemonSetsArgs, getNodesArgs, getPodsArgs, getPriorityClassesArgs, type KubectlTarget } from '../protocol/kubectl';
import { KubectlError, runKubectl, type KubectlRunOptions } from './kubectl';

export interface LiveClusterOptions extends KubectlRunOptions {
  target: KubectlTarget;
  /** The namespaces whose DaemonSets and pods are read (those of the manifests compared). */
  namespaces: readonly string[];
  /** The clock of the snapshot; default Date.now(). */
  now?: () => number;
}

export interface LiveClusterSnapshot extends LiveCluster {
  /** What could not be read, in words (`nodes: The cluster denied the request: …`): the comparison goes on without it. */
  unread: string[];
  /** kubectl's own output (one JSON document per namespace, YAML-separated), for the preview's rollout stepper. */
  daemonSetsText: string;
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

/** A KubectlError when kubectl's output holds an error the model reports. */
function checkProblems(problems: readonly LoadProblem[], what: string): void {
  const error = problems.find(isLoadError);
  if (error) throw new KubectlError('bad-output', `kubectl printed ${what} that cannot be read: ${formatLoadProblem(error)}`);
}

function readDaemonSets(text: string, namespace: string): DaemonSet[] {
  const result = loadDaemonSetsFromText(text, `daemonsets of ${namespace}`);
  checkProblems(result.problems, 'DaemonSets');
  return result.daemonSets;
}

function readInventory(text: string, what: 'nodes' | 'pods' | 'priorityclasses'): { nodes: Node[]; pods: Pod[]; priorityClasses: PriorityClass[] } {
  const result = loadInventoryFromText(text, what);
  checkProblems(result.problems, what);
  return result;
}

/** Reads the snapshot; a KubectlError when the DaemonSets cannot be read (missing kubectl, timeout, unreachable, denied). */
export async function fetchLiveCluster(options: LiveClusterOptions): Promise<LiveClusterSnapshot> {
  const namespaces = [...new Set(options.namespaces)].sort();
  // Nothing to compare: no kubectl at all.
  if (namespaces.length === 0) return { label: liveClusterLabel(options.target), fetchedAtMs: (options.now ?? Date.now)(), namespaces, daemonSets: [], unread: [], daemonSetsText: '' };
  const daemonSets: DaemonSet[] = [];
  const daemonSetTexts: string[] = [];
  for (const namespace of namespaces) {
    const text = await runKubectl(getDaemonSetsArgs(options.target, namespace), options);
    daemonSets.push(...readDaemonSets(text, namespace));
    daemonSetTexts.push(text);
  }
  const fetchedAtMs = (options.now ?? Date.now)();
  const unread: string[] = [];
  let nodes: Node[] | undefined;
  let pods: Pod[] | undefined;
  const podTexts: string[] = [];
  try {
    const text = await runKubectl(getNodesArgs(options.target), options);
    nodes = readInventory(text, 'nodes').nodes;
  } catch (error) {
    if (!(error instanceof KubectlError) || error.message === 'cancelled') throw error;
    unread.push(`nodes: ${error.message}`);
  }
  if (nodes) {
    try {
      pods = [];
      for (const namespace of namespaces) {
        const text = await runKubectl(getPodsArgs(options.target, namespace), options);
        pods.push(...readInventory(text, 'pods').pods);
        podTexts.push(text);
      }
    } catch (error) {
      if (!(error instanceof KubectlError) || error.message === 'cancelled') throw error;
      pods = undefined;
      unread.push(`pods: ${error.message}`);
    }
  }
  // Only a rollout weighs priorities, and it needs the nodes: without them the classes are not asked for.
  let priorityClasses: PriorityClass[] | undefined;
  let priorityClassesText: string | undefined;
  if (nodes) {
    try {
      priorityClassesText = await runKubectl(getPriorityClassesArgs(options.target), options);
      priorityClasses = readInventory(priorityClassesText, 'priorityclasses').priorityClasses;
    } catch (error) {
      if (!(error instanceof KubectlError) || error.message === 'cancelled') throw error;
      priorityClassesText = undefined;
      unread.push(`priorityclasses: ${error.message}`);
    }
  }
  const texts = { daemonSetsText: joinDocuments(daemonSetTexts), podsText: pods ? joinDocuments(podTexts) : undefined, priorityClassesText };
  return { label: liveClusterLabel(options.target), fetchedAtMs, namespaces, daemonSets, nodes, pods, priorityClasses, unread, ...texts };
}
