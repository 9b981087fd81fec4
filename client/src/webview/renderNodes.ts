/**
 * Node rows for the virtualized list: a group header per outcome, one row
 * per node with its key labels, taints, the reason in plain words and, for
 * a taint that is not tolerated, the one-click "Add toleration". The grid
 * view packs nodes as small cells, many per line, for large clusters.
 */
import type { Taint } from '../../../server/src/model/kubeTypes';
import { formatTaint } from '../../../server/src/reconciler';
import { h } from './dom';
import { OUTCOME_TITLES, taintConsequence, type NodeRow, type Outcome } from './placementView';

export type ListItem = { kind: 'group'; outcome: Outcome; count: number } | { kind: 'node'; row: NodeRow } | { kind: 'cells'; rows: NodeRow[] };

export const ROW_HEIGHT = 52;
export const CELL_LINE_HEIGHT = 26;
export const CELL_WIDTH = 26;

export interface RowActions {
  addToleration(row: NodeRow, taint: Taint): void;
}

/** Group headers between outcomes, when the rows are in outcome order. */
export function listItems(rows: readonly NodeRow[], grouped: boolean, counts: Record<Outcome, number>): ListItem[] {
  const items: ListItem[] = [];
  let current: Outcome | undefined;
  for (const row of rows) {
    if (grouped && row.outcome !== current) {
      current = row.outcome;
      items.push({ kind: 'group', outcome: current, count: counts[current] });
    }
    items.push({ kind: 'node', row });
  }
  return items;
}

export function gridItems(rows: readonly NodeRow[], perLine: number): ListItem[] {
  const items: ListItem[] = [];
  for (let index = 0; index < rows.length; index += perLine) items.push({ kind: 'cells', rows: rows.slice(index, index + perLine) });
  return items;
}

function percent(share: number | undefined): string | undefined {
  if (share === undefined) return undefined;
  return share >= 0.1 ? `${Math.round(share * 100)}%` : `${(share * 100).toFixed(1)}%`;
}

/** "cpu 0.6% · memory 0.2%", the pod's share of the node's allocatable. */
export function shareText(row: NodeRow): string {
  const parts: string[] = [];
  const cpu = percent(row.cpuShare);
  const memory = percent(row.memoryShare);
  if (cpu) parts.push(`cpu ${cpu}`);
  if (memory) parts.push(`memory ${memory}`);
  return parts.join(' · ');
}

/** The scheduler's verdict in one line: the first reason and what preemption would do. */
export function schedulingText(row: NodeRow): string {
  const scheduling = row.scheduling;
  if (!scheduling) return '';
  return [scheduling.reasons[0], scheduling.preemption].filter(Boolean).join('; ');
}

function outcomeText(row: NodeRow): string {
  if (row.outcome === 'runs') return row.scheduling?.preemption ? `runs a pod: ${row.scheduling.preemption}` : 'runs a pod';
  if (row.outcome === 'pending') return `Pending (scheduler): ${schedulingText(row)}`;
  if (row.outcome === 'taint') return `taint not tolerated: ${taintConsequence(row)}`;
  return OUTCOME_TITLES[row.outcome].toLowerCase();
}

/** The accessible name of a row: everything a sighted user reads in it. */
export function rowLabel(row: NodeRow): string {
  return [row.name, outcomeText(row), ...row.reasons, ...row.notes].join('. ');
}

export function renderGroup(outcome: Outcome, count: number): HTMLElement {
  return h(
    'div',
    { class: `group outcome-${outcome}`, role: 'presentation' },
    h('span', { class: 'group-title' }, OUTCOME_TITLES[outcome]),
    h('span', { class: 'count' }, String(count)),
  );
}

export function renderNodeRow(row: NodeRow, actions: RowActions): HTMLElement {
  const chips: HTMLElement[] = [];
  if (row.cordoned) chips.push(h('span', { class: 'chip warn' }, 'cordoned'));
  if (row.notReady) chips.push(h('span', { class: 'chip warn' }, 'NotReady'));
  if (row.scheduling?.plugin) chips.push(h('span', { class: `chip ${row.outcome === 'pending' ? 'error' : 'warn'}` }, row.outcome === 'pending' ? row.scheduling.plugin : 'preempts'));
  for (const label of row.keyLabels) chips.push(h('span', { class: 'chip label' }, label));
  for (const taint of row.taints) chips.push(h('span', { class: 'chip taint' }, taint));
  const reason =
    row.outcome === 'pending' || row.scheduling?.preemption
      ? schedulingText(row)
      : row.outcome === 'runs'
      ? row.notes[0] ?? (shareText(row) ? `takes ${shareText(row)} of allocatable` : 'runs a pod')
      : row.outcome === 'taint'
        ? `${row.untolerated.map(formatTaint).join(', ')} not tolerated: ${taintConsequence(row)}`
        : row.reasons.join('; ');
  const buttons = row.untolerated.slice(0, 2).map((taint) => {
    const button = h(
      'button',
      { type: 'button', class: 'small', title: `Add a toleration for ${formatTaint(taint)} to the manifest` },
      row.untolerated.length > 1 ? `Tolerate ${taint.key}` : 'Add toleration',
    );
    button.addEventListener('click', () => actions.addToleration(row, taint));
    return button;
  });
  return h(
    'div',
    { class: `node outcome-${row.outcome}`, 'aria-label': rowLabel(row), 'data-node': row.name },
    h(
      'div',
      { class: 'node-line' },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('span', { class: 'node-name' }, row.name),
      h('span', { class: 'chips' }, chips),
      buttons,
    ),
    h('div', { class: 'node-reason' }, reason),
  );
}

export function renderCells(rows: readonly NodeRow[], select: (row: NodeRow) => void, selected: string | null): HTMLElement {
  return h(
    'div',
    { class: 'cells', role: 'presentation' },
    rows.map((row) => {
      const cell = h('button', {
        type: 'button',
        class: `cell outcome-${row.outcome}${row.scheduling?.preemption && !row.scheduling.pending ? ' misfit' : ''}${row.name === selected ? ' selected' : ''}`,
        title: `${row.name}: ${outcomeText(row)}`,
        'aria-label': rowLabel(row),
        'data-node': row.name,
      });
      cell.addEventListener('click', () => select(row));
      return cell;
    }),
  );
}
