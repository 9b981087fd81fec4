/**
 * Which node pool a node belongs to, from the labels clouds and autoscalers
 * put on every node of a pool: the pool's own name where one is present
 * (EKS node group, GKE node pool, Karpenter NodePool, AKS agent pool), else
 * the instance type, else the node's role (kind, kubeadm), or a label the
 * user picks. Pools keep the order of their first node in the inventory.
 */
import type { Node } from '../model/kubeTypes';

/** Most specific first: a named pool says more than the machine type it is made of. */
export const NODE_POOL_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'cloud.google.com/gke-nodepool',
  'karpenter.sh/nodepool',
  'kubernetes.azure.com/agentpool',
  'node.kubernetes.io/instance-type',
] as const;

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Nodes that carry none of the pool labels (and no role): one pool of their own. */
export const UNPOOLED = '(no pool label)';

export interface NodePoolKey {
  /** The pool's name: the label's value, a role, or UNPOOLED. */
  name: string;
  /** The label the name comes from; undefined for UNPOOLED. */
  label?: string;
}

/** The pool of one node: `groupBy` alone when the user picked a label, else the most specific pool label present. */
export function nodePoolOf(node: Node, groupBy?: string): NodePoolKey {
  const labels = node.metadata.labels;
  if (groupBy !== undefined) {
    const value = labels[groupBy];
    return value === undefined ? { name: `(no ${groupBy})` } : { name: value === '' ? '""' : value, label: groupBy };
  }
  for (const label of NODE_POOL_LABELS) {
    const value = labels[label];
    if (value) return { name: value, label };
  }
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) return { name: key.slice(ROLE_PREFIX.length), label: key };
  }
  return { name: UNPOOLED };
}

export interface NodePool {
  name: string;
  /** The label the pool was told by (several when pools of one cluster are told by different labels). */
  labels: string[];
  /** Indices into the node list, in inventory order. */
  nodes: number[];
}

/** The nodes grouped into pools, in order of each pool's first node. */
export function groupNodePools(nodes: readonly Node[], groupBy?: string): { pools: NodePool[]; poolOfNode: Int32Array } {
  const indexByName = new Map<string, number>();
  const poolOfNode = new Int32Array(nodes.length);
  const pools: NodePool[] = [];
  nodes.forEach((node, index) => {
    const key = nodePoolOf(node, groupBy);
    let poolIndex = indexByName.get(key.name);
    if (poolIndex === undefined) {
      poolIndex = pools.push({ name: key.name, labels: [], nodes: [] }) - 1;
      indexByName.set(key.name, poolIndex);
    }
    const pool = pools[poolIndex];
    if (key.label && !pool.labels.includes(key.label)) pool.labels.push(key.label);
    poolOfNode[index] = poolIndex;
    pool.nodes.push(index);
  });
  return { pools, poolOfNode };
}
