/**
 * The top of the panel: the `kubectl get ds -o wide` line, the outcome
 * counts, the what-if difference, the cost, and problems with the inputs.
 */
import type { LoadProblem } from '../../../server/src/model/objectReader';
import { plural } from '../../../server/src/model/plural';
import type { NodeMutation } from '../../../server/src/reconciler';
import { h } from './dom';
import { describeOutcomeCount, OUTCOMES, type PlacementView } from './placementView';
import { fileName } from './sources';
import { describeDiff, describeMutation, type PlacementDiff } from './whatIf';

export function renderStatusTable(view: PlacementView): HTMLElement {
  const columns = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR'];
  const status = view.status;
  const values = [
    view.name,
    status.desiredNumberScheduled,
    status.currentNumberScheduled,
    status.numberReady,
    status.updatedNumberScheduled,
    status.numberAvailable,
    view.nodeSelector,
  ];
  return h(
    'table',
    { class: 'status mono', 'aria-label': 'DaemonSet status, as kubectl get ds -o wide prints it' },
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
    h('tbody', {}, h('tr', {}, values.map((value) => h('td', {}, String(value))))),
  );
}

export function renderCounts(view: PlacementView): HTMLElement {
  const total = view.rows.length;
  return h(
    'p',
    { class: 'counts' },
    `${plural(total, 'node')}: `,
    OUTCOMES.filter((outcome) => view.counts[outcome] > 0).map((outcome, index) =>
      h('span', { class: `count-item outcome-${outcome}` }, index > 0 ? ' · ' : '', describeOutcomeCount(outcome, view.counts[outcome])),
    ),
  );
}

export function renderCost(view: PlacementView): HTMLElement {
  const cost = view.cost;
  const rows: Array<[string, string, string, string]> = [
    ['CPU requests', cost.perPod.cpuRequest, cost.total.cpuRequest, ''],
    ['CPU limits', cost.perPod.cpuLimit, cost.total.cpuLimit, ''],
    ['Memory requests', cost.perPod.memoryRequest, cost.total.memoryRequest, ''],
    ['Memory limits', cost.perPod.memoryLimit, cost.total.memoryLimit, ''],
  ];
  return h(
    'section',
    { class: 'cost', 'aria-label': 'Cost on this inventory' },
    h(
      'table',
      { class: 'mono' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Cost'), h('th', { scope: 'col' }, 'per pod'), h('th', { scope: 'col' }, `× ${plural(cost.pods, 'node')}`))),
      h('tbody', {}, rows.map(([name, perPod, total]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, perPod), h('td', {}, total)))),
    ),
    cost.notFitting > 0
      ? h('p', { class: 'warning' }, `On ${plural(cost.notFitting, 'node')} the pod is created but the scheduler leaves it Pending; they are not in the totals.`)
      : null,
  );
}

export interface WhatIfActions {
  undo(index: number): void;
  reset(): void;
  /** "Save to inventory"; absent when there is no inventory file to write. */
  save?: () => void;
  /** A save is on its way: the button is disabled. */
  saving?: boolean;
}

export function renderWhatIf(mutations: readonly NodeMutation[], skipped: readonly number[], diff: PlacementDiff, actions: WhatIfActions): HTMLElement {
  const chips = mutations.map((mutation, index) => {
    const undo = h('button', { type: 'button', class: 'icon', title: `Undo: ${describeMutation(mutation)}`, 'aria-label': `Undo ${describeMutation(mutation)}` }, '×');
    undo.addEventListener('click', () => actions.undo(index));
    return h('span', { class: `chip what-if${skipped.includes(index) ? ' skipped' : ''}` }, describeMutation(mutation), ' ', undo);
  });
  const reset = h('button', { type: 'button', class: 'small secondary' }, 'Reset');
  reset.addEventListener('click', () => actions.reset());
  let save: HTMLElement | null = null;
  if (actions.save) {
    const onSave = actions.save;
    save = h(
      'button',
      { type: 'button', class: 'small', title: 'Write these what-if edits into the node inventory files, as minimal edits', disabled: actions.saving === true },
      actions.saving ? 'Saving…' : 'Save to inventory',
    );
    save.addEventListener('click', () => onSave());
  }
  const names = (label: string, list: string[]) => (list.length ? `${label} ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}` : '');
  const detail = [names('new pod on', diff.created), names('pod deleted on', diff.deleted), names('evicted from', diff.evicted)].filter(Boolean).join('; ');
  return h(
    'section',
    { class: 'what-if-bar', 'aria-label': 'What-if edits', role: 'status' },
    h('strong', {}, 'What if: '),
    h('span', { class: 'diff' }, describeDiff(diff)),
    detail ? h('span', { class: 'muted' }, ` (${detail})`) : null,
    ' ',
    reset,
    save ? ' ' : null,
    save,
    h('div', { class: 'chips' }, chips),
  );
}

export function renderProblems(
  title: string,
  problems: readonly LoadProblem[],
  reveal: (problem: LoadProblem) => void,
  extra: string[] = [],
  severity: 'error' | 'warning' = 'error',
): HTMLElement {
  const shown = problems.slice(0, 20);
  return h(
    'section',
    severity === 'error' ? { class: 'error', role: 'alert' } : { class: 'warning', role: 'status' },
    h('strong', {}, title),
    h(
      'ul',
      {},
      extra.map((message) => h('li', {}, message)),
      shown.map((problem) => {
        const link = h('a', { href: '#', title: 'Show in the editor' }, `${fileName(problem.file)}:${problem.line}:${problem.column}`);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          reveal(problem);
        });
        return h('li', {}, link, ` ${problem.path ? `${problem.path}: ` : ''}${problem.message}`);
      }),
      problems.length > shown.length ? h('li', {}, `… and ${problems.length - shown.length} more`) : null,
    ),
  );
}
