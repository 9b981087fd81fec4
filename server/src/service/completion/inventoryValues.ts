/**
 * Label and taint vocabulary of a node inventory, for completion: which
 * keys and values the nodes carry, and on how many nodes.
 */
import type { Node, Taint } from '../../model/kubeTypes';
import { formatTaint } from '../../reconciler';

export interface Counted {
  value: string;
  /** Names of the nodes that carry it. */
  nodes: string[];
}

function add(map: Map<string, Counted>, value: string, node: string): void {
  const entry = map.get(value) ?? { value, nodes: [] };
  if (!entry.nodes.includes(node)) entry.nodes.push(node);
  map.set(value, entry);
}

export function labelKeys(nodes: readonly Node[]): Counted[] {
  const map = new Map<string, Counted>();
  for (const node of nodes) for (const key of Object.keys(node.metadata.labels ?? {})) add(map, key, node.metadata.name);
  return [...map.values()].sort((a, b) => b.nodes.length - a.nodes.length || a.value.localeCompare(b.value));
}

export function labelValues(nodes: readonly Node[], key: string): Counted[] {
  const map = new Map<string, Counted>();
  for (const node of nodes) {
    const value = node.metadata.labels?.[key];
    if (value !== undefined) add(map, value, node.metadata.name);
  }
  return [...map.values()].sort((a, b) => b.nodes.length - a.nodes.length || a.value.localeCompare(b.value));
}

export interface CountedTaint {
  taint: Taint;
  nodes: string[];
}

/** Distinct taints (key, value, effect) of the inventory, most common first. */
export function taintsOf(nodes: readonly Node[]): CountedTaint[] {
  const map = new Map<string, CountedTaint>();
  for (const node of nodes) {
    for (const taint of node.spec.taints ?? []) {
      const id = formatTaint(taint);
      const entry = map.get(id) ?? { taint: { key: taint.key, value: taint.value, effect: taint.effect }, nodes: [] };
      if (!entry.nodes.includes(node.metadata.name)) entry.nodes.push(node.metadata.name);
      map.set(id, entry);
    }
  }
  return [...map.values()].sort((a, b) => b.nodes.length - a.nodes.length || formatTaint(a.taint).localeCompare(formatTaint(b.taint)));
}

/** "kind-worker, kind-worker2 and 3 more" */
export function nodeList(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function ofNodes(count: number, total: number): string {
  return `${count} of ${total} node${total === 1 ? '' : 's'}`;
}
