/**
 * The selected node in full: every reason and note, all labels and taints,
 * and the what-if edits that apply to it (nothing here touches a file).
 */
import type { Node, Taint } from '../../../server/src/model/kubeTypes';
import type { NodeMutation } from '../../../server/src/reconciler';
import { formatTaint } from '../../../server/src/reconciler';
import { h } from './dom';
import { OUTCOME_TITLES, taintConsequence, type NodeRow } from './placementView';
import { shareText } from './renderNodes';

export interface DetailActions {
  mutate(mutation: NodeMutation): void;
  addToleration(row: NodeRow, taint: Taint): void;
  close(): void;
}

const TAINT_INPUT = /^([^=:\s]+)(?:=([^:\s]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
const LABEL_INPUT = /^([^=\s]+)=(\S*)$/;

function button(text: string, title: string, onClick: () => void, className = 'small'): HTMLElement {
  // An icon button's glyph (×) says nothing to a screen reader: its title is its name.
  const element = h('button', { type: 'button', class: className, title, 'aria-label': className === 'icon' ? title : undefined }, text);
  element.addEventListener('click', onClick);
  return element;
}

/** A one-line form: a text input and a button, with the input's own validation message. */
function inlineForm(label: string, placeholder: string, pattern: RegExp, submit: (match: RegExpExecArray) => void): HTMLElement {
  const input = h('input', { type: 'text', placeholder, 'aria-label': label, spellcheck: 'false' }) as HTMLInputElement;
  const form = h('form', { class: 'inline-form' }, input, h('button', { type: 'submit', class: 'small secondary' }, label));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const match = pattern.exec(input.value.trim());
    if (!match) {
      input.setCustomValidity(`expected ${placeholder}`);
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    submit(match);
  });
  input.addEventListener('input', () => input.setCustomValidity(''));
  return form;
}

/** A fresh name for a copy of a node: `name-copy`, `name-copy-2`, … */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  let candidate = `${name}-copy`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-copy-${n}`;
  return candidate;
}

export function renderDetail(row: NodeRow, node: Node | undefined, nodeNames: ReadonlySet<string>, actions: DetailActions): HTMLElement {
  const name = row.name;
  const labels = Object.entries(row.labels).map(([key, value]) =>
    h(
      'li',
      {},
      h('code', {}, value ? `${key}=${value}` : key),
      ' ',
      button('×', `What if ${name} did not have the label ${key}`, () => actions.mutate({ kind: 'removeLabel', node: name, key }), 'icon'),
    ),
  );
  const taints = (node?.spec.taints ?? []).map((taint) =>
    h(
      'li',
      {},
      h('code', {}, formatTaint(taint)),
      ' ',
      button('×', `What if ${name} did not have the taint ${formatTaint(taint)}`, () =>
        actions.mutate({ kind: 'removeTaint', node: name, key: taint.key, effect: taint.effect }), 'icon'),
    ),
  );
  const tolerate = row.untolerated.map((taint) =>
    button(`Add toleration for ${formatTaint(taint)}`, 'Edit the manifest: add this toleration to spec.template.spec.tolerations', () => actions.addToleration(row, taint), ''),
  );
  const whatIf = [
    row.cordoned
      ? button('Uncordon', `What if ${name} were uncordoned`, () => actions.mutate({ kind: 'uncordon', node: name }))
      : button('Cordon', `What if ${name} were cordoned (kubectl cordon)`, () => actions.mutate({ kind: 'cordon', node: name })),
    row.notReady ? null : button('Mark NotReady', `What if ${name} went NotReady`, () => actions.mutate({ kind: 'markNotReady', node: name })),
    button('Remove node', `What if ${name} left the cluster`, () => actions.mutate({ kind: 'removeNode', node: name })),
    node
      ? button('Add a node like this', `What if a node like ${name} joined`, () => {
          const copy = structuredClone(node);
          copy.metadata.name = copyName(name, nodeNames);
          copy.metadata.labels = { ...copy.metadata.labels };
          if (copy.metadata.labels['kubernetes.io/hostname'] === name) copy.metadata.labels['kubernetes.io/hostname'] = copy.metadata.name;
          delete copy.source;
          actions.mutate({ kind: 'addNode', node: copy });
        })
      : null,
  ];
  const outcome = row.outcome === 'taint' ? `${OUTCOME_TITLES.taint}: ${taintConsequence(row)}` : OUTCOME_TITLES[row.outcome];
  return h(
    'section',
    { class: `detail outcome-${row.outcome}`, 'aria-label': `Node ${name}` },
    h(
      'div',
      { class: 'detail-head' },
      h('h3', {}, name),
      h('span', { class: 'detail-outcome' }, outcome),
      button('Close', 'Close the node details', actions.close, 'small secondary'),
    ),
    row.reasons.length ? h('ul', { class: 'reasons' }, row.reasons.map((reason) => h('li', {}, reason))) : null,
    renderScheduling(row),
    row.notes.length ? h('ul', { class: 'notes' }, row.notes.map((note) => h('li', {}, note))) : null,
    shareText(row) ? h('p', { class: 'muted' }, `One pod requests ${shareText(row)} of this node's allocatable.`) : null,
    tolerate.length ? h('div', { class: 'actions' }, tolerate) : null,
    h(
      'div',
      { class: 'detail-columns' },
      h('div', {}, h('h4', {}, 'Labels'), labels.length ? h('ul', { class: 'plain' }, labels) : h('p', { class: 'muted' }, 'none'),
        inlineForm('Add label', 'key=value', LABEL_INPUT, (m) => actions.mutate({ kind: 'setLabel', node: name, key: m[1], value: m[2] }))),
      h('div', {}, h('h4', {}, 'Taints'), taints.length ? h('ul', { class: 'plain' }, taints) : h('p', { class: 'muted' }, 'none'),
        inlineForm('Add taint', 'key=value:NoSchedule', TAINT_INPUT, (m) =>
          actions.mutate({ kind: 'addTaint', node: name, taint: m[2] ? { key: m[1], value: m[2], effect: m[3] } : { key: m[1], effect: m[3] } }))),
    ),
    h('div', { class: 'actions', role: 'group', 'aria-label': 'What-if edits' }, h('span', { class: 'muted' }, 'What if: '), whatIf),
  );
}

/** The scheduler's verdict: which filter fails and why, what preemption would do, and what fit was judged against. */
function renderScheduling(row: NodeRow): HTMLElement | null {
  const scheduling = row.scheduling;
  if (!scheduling) return null;
  return h(
    'div',
    { class: 'scheduling', 'aria-label': 'Scheduler' },
    scheduling.plugin ? h('p', {}, `The scheduler's ${scheduling.plugin} filter fails:`) : null,
    scheduling.reasons.length ? h('ul', { class: 'reasons' }, scheduling.reasons.map((reason) => h('li', {}, reason))) : null,
    scheduling.preemption ? h('p', { class: scheduling.pending ? 'warning' : '' }, `Preemption: ${scheduling.preemption}.`) : null,
    scheduling.victims.length ? h('ul', { class: 'plain' }, scheduling.victims.map((victim) => h('li', {}, victim))) : null,
    h('p', { class: 'muted' }, `${scheduling.basis[0].toUpperCase()}${scheduling.basis.slice(1)}.`),
  );
}
