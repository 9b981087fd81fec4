/**
 * The "Node pools" section: the headline, then one row per group of the
 * inventory with its source (a link to its definition), its size, its
 * verdict and why.
 */
import { h } from './dom';
import type { NodePoolRow, NodePoolsView } from './nodePoolsView';
import { fileName } from './sources';

/** Opens the group's definition (file URI, 0-based line). */
export type RevealSource = (uri: string, line: number) => void;

function renderRow(row: NodePoolRow, reveal: RevealSource): HTMLElement {
  const where = `${fileName(row.file)}:${row.line}`;
  const link = h('button', { type: 'button', class: 'link', title: `Open ${row.file} at line ${row.line}` }, where);
  link.addEventListener('click', () => reveal(row.file, row.line - 1));
  const why = [...row.reasons, ...row.notes];
  return h(
    'tr',
    { class: `pool verdict-${row.verdict}`, 'data-pool': row.name },
    h('th', { scope: 'row', class: 'mono' }, row.name),
    h('td', {}, row.source, ' ', link),
    h('td', {}, row.size),
    h('td', {}, h('span', { class: 'verdict' }, row.verdict)),
    h('td', {}, why.length === 0 ? h('span', { class: 'muted' }, 'every node of the pool runs a pod') : why.length === 1 ? why[0] : h('ul', {}, why.map((line) => h('li', {}, line)))),
  );
}

export function renderNodePools(view: NodePoolsView, reveal: RevealSource): HTMLElement {
  return h(
    'section',
    { class: 'node-pools', 'aria-label': 'Node pools' },
    h('h2', {}, 'Node pools'),
    h('p', { class: 'pools-headline' }, view.headline),
    h(
      'table',
      { class: 'pools' },
      h('thead', {}, h('tr', {}, ['Pool', 'Source', 'Size', 'Placement', 'Why'].map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, view.rows.map((row) => renderRow(row, reveal))),
    ),
  );
}
