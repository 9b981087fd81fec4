/**
 * Filtering and sorting of node rows: by outcome, by a text that matches the
 * node name or a label (`key`, `key=value`, or part of either).
 */
import { OUTCOMES, type NodeRow, type Outcome } from './placementView';

export type SortOrder = 'outcome' | 'name' | 'cpu' | 'memory';

export interface NodeFilter {
  outcome: Outcome | 'all';
  text: string;
  sort: SortOrder;
}

export const DEFAULT_FILTER: NodeFilter = { outcome: 'all', text: '', sort: 'outcome' };

function matchesText(row: NodeRow, needle: string): boolean {
  if (!needle) return true;
  if (row.name.toLowerCase().includes(needle)) return true;
  for (const [key, value] of Object.entries(row.labels)) {
    if (`${key}=${value}`.toLowerCase().includes(needle)) return true;
  }
  return row.taints.some((taint) => taint.toLowerCase().includes(needle));
}

const byName = (a: NodeRow, b: NodeRow): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The rows to show, in order. Outcome order keeps the inventory order within a group. */
export function filterAndSort(rows: readonly NodeRow[], filter: NodeFilter): NodeRow[] {
  const needle = filter.text.trim().toLowerCase();
  const shown = rows.filter((row) => (filter.outcome === 'all' || row.outcome === filter.outcome) && matchesText(row, needle));
  switch (filter.sort) {
    case 'name':
      return shown.sort(byName);
    case 'cpu':
      return shown.sort((a, b) => (b.cpuShare ?? -1) - (a.cpuShare ?? -1) || byName(a, b));
    case 'memory':
      return shown.sort((a, b) => (b.memoryShare ?? -1) - (a.memoryShare ?? -1) || byName(a, b));
    case 'outcome': {
      const rank = new Map(OUTCOMES.map((outcome, index) => [outcome, index]));
      return shown
        .map((row, index) => ({ row, index }))
        .sort((a, b) => (rank.get(a.row.outcome) ?? 0) - (rank.get(b.row.outcome) ?? 0) || a.index - b.index)
        .map(({ row }) => row);
    }
  }
}

export function isNodeFilter(value: unknown): value is NodeFilter {
  if (value === null || typeof value !== 'object') return false;
  const filter = value as Record<string, unknown>;
  return (
    (filter.outcome === 'all' || OUTCOMES.includes(filter.outcome as Outcome)) &&
    typeof filter.text === 'string' &&
    ['outcome', 'name', 'cpu', 'memory'].includes(filter.sort as string)
  );
}
