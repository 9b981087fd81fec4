/**
 * The rollout stepper: the plan of a template change step by step (which
 * nodes lose an old pod, which get a new one), with play, step and reset.
 */
import { plural } from '../../../server/src/model/plural';
import { h } from './dom';
import type { NodePods, RolloutView } from './rolloutView';

export interface RolloutActions {
  setBaseline(index: number): void;
  setStep(step: number): void;
  togglePlay(): void;
}

export interface RolloutControls {
  baselines: string[];
  baseline: number;
  step: number;
  playing: boolean;
}

function stepText(view: Extract<RolloutView, { kind: 'plan' }>, step: number): string {
  if (step === 0) return 'Before the rollout: every node runs its old pod.';
  const { create, delete: deleted } = view.plan.steps[step - 1];
  const list = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(', ')} and ${names.length - 6} more` : names.join(', '));
  const parts: string[] = [];
  if (deleted.length) parts.push(`delete the pod on ${list(deleted)}`);
  if (create.length) parts.push(`create a new pod on ${list(create)}`);
  return `Step ${step}: ${parts.join('; ')}.`;
}

/** R11: the surge pods of this step the scheduler leaves Pending, in the scheduler's words. */
function pendingList(view: Extract<RolloutView, { kind: 'plan' }>, step: number): HTMLElement[] {
  const pending = step === 0 ? undefined : view.plan.steps[step - 1].pending;
  if (!pending?.length) return [];
  // Where the rollout is stuck, the note above already gives the scheduler's words: point to it rather than repeat them.
  const stuck = new Set(view.plan.stuck?.map((entry) => entry.node));
  const line = (entry: (typeof pending)[number]) =>
    stuck.has(entry.node) ? `New pod Pending on ${entry.node}: it stays Pending, so the rollout is stuck there (see above).` : capitalize(entry.message);
  return [h('ul', { class: 'rollout-pending', 'aria-label': 'New pods left Pending' }, pending.map((entry) => h('li', {}, line(entry))))];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function renderRollout(view: RolloutView | undefined, controls: RolloutControls, actions: RolloutActions): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (controls.baselines.length === 0) {
    out.push(h('p', { class: 'muted' }, 'No earlier version to compare with: save the file, or use a git repository (trusted workspaces only).'));
    return out;
  }
  const select = h(
    'select',
    { 'aria-label': 'Compare the manifest with' },
    controls.baselines.map((label, index) => h('option', { value: index, selected: index === controls.baseline }, `Compare with ${label}`)),
  ) as HTMLSelectElement;
  select.addEventListener('change', () => actions.setBaseline(Number(select.value)));
  out.push(h('div', { class: 'toolbar' }, select));
  if (!view) return out;
  if (view.kind !== 'plan') {
    out.push(h('p', { class: 'muted' }, view.message));
    return out;
  }
  const plan = view.plan;
  const last = plan.steps.length;
  const step = Math.min(controls.step, last);
  const budget = plan.strategy === 'RollingUpdate' ? `, maxUnavailable ${plan.maxUnavailable}, maxSurge ${plan.maxSurge}` : '';
  out.push(
    h(
      'p',
      {},
      `${plan.strategy}${budget}: ${plural(last, 'step')} over ${plural(plan.desiredNumberScheduled, 'node')}`,
      plan.strategy === 'OnDelete' ? ' — pods are replaced only when you delete them.' : plan.complete ? '.' : ' — the rollout does not complete.',
    ),
  );
  if (plan.error) out.push(h('p', { class: 'error' }, plan.error));
  if (plan.stuck?.length) {
    out.push(
      h(
        'div',
        { class: 'rollout-stuck', role: 'note' },
        h('p', {}, `Stuck on ${plural(plan.stuck.length, 'node')}: a new pod stays Pending next to the old one, so the old pod is never deleted.`),
        h('ul', {}, plan.stuck.map((entry) => h('li', {}, capitalize(entry.message)))),
      ),
    );
  }
  // Words, not media glyphs: ⏮ ⏸ ⏭ are missing from many fonts and render as boxes (Chromium on Linux, for one).
  // Each accessible name starts with the visible word, so voice control finds the button by what it shows.
  const control = (text: string, label: string, disabled: boolean, onClick: () => void) => {
    const element = h('button', { type: 'button', class: 'small', 'aria-label': label, title: label, disabled }, text);
    element.addEventListener('click', onClick);
    return element;
  };
  out.push(
    h(
      'div',
      { class: 'toolbar stepper', role: 'group', 'aria-label': 'Rollout steps' },
      control('Reset', 'Reset to before the rollout', step === 0, () => actions.setStep(0)),
      control(controls.playing ? 'Pause' : 'Play', controls.playing ? 'Pause the rollout' : 'Play the rollout', last === 0, () => actions.togglePlay()),
      control('Next step', 'Next step', step >= last, () => actions.setStep(step + 1)),
      h('span', { class: 'step-counter', 'aria-live': 'polite' }, `step ${step} of ${last}`),
    ),
  );
  out.push(h('p', { class: 'step-text' }, stepText(view, step)), ...pendingList(view, step));
  const frame = view.frames[step];
  const current = step > 0 ? plan.steps[step - 1] : { create: [], delete: [] };
  const touched = new Set([...current.create, ...current.delete]);
  out.push(
    h(
      'div',
      { class: 'rollout-cells', role: 'list', 'aria-label': `Pods per node after step ${step}` },
      view.nodes.map((name) => {
        const pods: NodePods = frame.get(name) ?? { old: 0, new: 0 };
        const state = pods.old && pods.new ? 'both' : pods.new ? 'new' : pods.old ? 'old' : 'none';
        const pending = pods.new > 0 && pods.pending === true;
        const words = pending
          ? { both: 'old pod and new pod Pending', new: 'new pod Pending', old: 'old pod', none: 'no pod' }[state]
          : { both: 'old and new pod', new: 'new pod', old: 'old pod', none: 'no pod' }[state];
        const classes = `rollout-cell ${state}${pending ? ' pending' : ''}${touched.has(name) ? ' touched' : ''}`;
        return h('span', { class: classes, role: 'listitem', title: `${name}: ${words}`, 'aria-label': `${name}: ${words}` }, name);
      }),
    ),
  );
  return out;
}
