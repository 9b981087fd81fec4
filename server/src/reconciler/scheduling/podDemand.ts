/**
 * What a pod asks of a node: its requests in scheduler units
 * (podSchedulerRequests) and the host ports it binds (hostPortsOf).
 *
 * Pods that ask the same share one demand. The replicas of a workload ask
 * alike, and a hundred-thousand-pod inventory otherwise holds a Map per pod
 * that the garbage collector copies while a schedule is built. A pod is
 * shared when its demand is its app containers' requests and limits alone
 * (no init containers, pod-level resources, overhead or host ports); it is
 * found by walking its containers' request and limit texts down a trie, with
 * no string built and nothing allocated once the trie knows the shape.
 * Nothing mutates a demand.
 */
import type { PodSpec } from '../../model/kubeTypes';
import type { PodDemand } from './nodeFitState';
import { hostPortsOf } from './nodePorts';
import { podSchedulerRequests } from './nodeResourcesFit';

/**
 * One step of the walk. Each record (a container's requests, then its
 * limits) is its entries as name then text, then `end` (an absent record
 * asks what an empty one asks). Names and texts alternate and the end of a
 * record is a step of its own, so two pods reach the same node only with
 * the same containers' texts.
 */
interface DemandTrie {
  next: Map<string, DemandTrie>;
  end: DemandTrie | undefined;
  demand: PodDemand | undefined;
}

/** A bound on the trie's nodes (a few MB at most; a shape takes about ten): past it, new shapes get a demand of their own. */
const TRIE_NODES_LIMIT = 20_000;

const root = newTrie();
let trieNodes = 1;

function newTrie(): DemandTrie {
  return { next: new Map(), end: undefined, demand: undefined };
}

/** The node after a name or a text, created unless the trie is full. */
function child(node: DemandTrie, key: string): DemandTrie | undefined {
  let found = node.next.get(key);
  if (!found && trieNodes < TRIE_NODES_LIMIT) {
    found = newTrie();
    trieNodes++;
    node.next.set(key, found);
  }
  return found;
}

/** The node after the end of a record, created unless the trie is full. */
function endOf(node: DemandTrie): DemandTrie | undefined {
  if (!node.end && trieNodes < TRIE_NODES_LIMIT) {
    node.end = newTrie();
    trieNodes++;
  }
  return node.end;
}

function walkRecord(node: DemandTrie, record: Record<string, string> | undefined): DemandTrie | undefined {
  let at: DemandTrie | undefined = node;
  for (const name in record) {
    const text = record[name];
    if (typeof text !== 'string') return undefined; // not a quantity text: not shared
    at = child(at, name);
    if (at) at = child(at, text);
    if (!at) return undefined;
  }
  return endOf(at);
}

/** The trie node of a pod whose demand is its app containers' requests and limits alone; undefined for any other pod, or a full trie. */
function sharedNode(spec: PodSpec): DemandTrie | undefined {
  if ((spec.initContainers && spec.initContainers.length > 0) || spec.resources || spec.overhead) return undefined;
  let at: DemandTrie | undefined = root;
  const containers = spec.containers;
  for (let index = 0; index < containers.length && at; index++) {
    const resources = containers[index].resources;
    at = walkRecord(at, resources?.requests);
    if (at) at = walkRecord(at, resources?.limits);
  }
  return at;
}

/** What a pod asks of a node: its requests in scheduler units and its host ports. */
export function podDemandOf(spec: PodSpec): PodDemand {
  const hostPorts = hostPortsOf(spec);
  const node = hostPorts.length === 0 ? sharedNode(spec) : undefined;
  if (!node) return { requests: podSchedulerRequests(spec), hostPorts };
  return (node.demand ??= { requests: podSchedulerRequests(spec), hostPorts });
}
