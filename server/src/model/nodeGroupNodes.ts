/**
 * A node group of known size as that many Nodes, for what counts nodes
 * (status, cost). Each Node carries the group's definite labels (and the
 * value of a requirement that admits exactly one), its taints and its
 * allocatable; a label whose value varies per node is left off, so placement
 * questions go to the group (reconciler evaluateGroupPlacement), not to these
 * Nodes. A range or an unknown size is never turned into a number.
 */
import type { Node } from './kubeTypes';
import type { NodeGroup } from './nodeGroup';

export function expandNodeGroup(group: NodeGroup): Node[] | undefined {
  if (group.count.kind !== 'exact') return undefined;
  const fixed: Record<string, string> = {};
  for (const requirement of group.requirements) {
    if (requirement.operator === 'In' && requirement.values.length === 1) fixed[requirement.key] = requirement.values[0];
  }
  const nodes: Node[] = [];
  for (let index = 0; index < group.count.count; index++) {
    const name = group.nodeNames?.[index] ?? `${group.name}-${index + 1}`;
    const labels: Record<string, string> = { ...fixed, ...group.labels };
    if (group.requirements.some((requirement) => requirement.key === 'kubernetes.io/hostname') || 'kubernetes.io/hostname' in labels) {
      labels['kubernetes.io/hostname'] = name;
    }
    nodes.push({
      metadata: { name, labels, annotations: {}, ownerReferences: [] },
      spec: { taints: group.taints.map((taint) => ({ ...taint })), unschedulable: false },
      status: { conditions: [], allocatable: { ...(group.allocatable ?? group.capacity ?? {}) }, capacity: { ...(group.capacity ?? {}) } },
    });
  }
  return nodes;
}

/**
 * The inventory's Nodes followed by the Nodes of its groups of known size.
 * A group node whose name a read Node already has is the same machine (a
 * kind config beside `kubectl get nodes` of that cluster): the read Node wins.
 */
export function nodesWithGroupNodes(nodes: readonly Node[], groups: readonly NodeGroup[]): Node[] {
  const names = new Set(nodes.map((node) => node.metadata.name));
  const all = [...nodes];
  for (const group of groups) {
    for (const node of expandNodeGroup(group) ?? []) {
      if (names.has(node.metadata.name)) continue;
      names.add(node.metadata.name);
      all.push(node);
    }
  }
  return all;
}
