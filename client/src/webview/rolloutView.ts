/**
 * The rollout stepper's data: the manifest against a baseline version of it
 * (the saved file or git HEAD), simulated with the reconciler's rolling
 * update, with the pods on every node after each step.
 */
import { loadDaemonSetsFromText } from '../../../server/src/model/daemonSet';
import { setDefaultsDaemonSet } from '../../../server/src/model/daemonSetDefaults';
import type { DaemonSet, Node } from '../../../server/src/model/kubeTypes';
import { compilePlacement, daemonSetRevisionHash, placementFlags, simulateRollout, type RolloutPlan } from '../../../server/src/reconciler';
import { daemonSetKey } from './sources';

/** Pods on one node: of the old template, of the new one. */
export interface NodePods {
  old: number;
  new: number;
}

export type RolloutView =
  | { kind: 'missing'; message: string }
  | { kind: 'unchanged'; message: string }
  | {
      kind: 'plan';
      plan: RolloutPlan;
      /** Nodes that have a pod at any point, in inventory order. */
      nodes: string[];
      /** frames[0] is before the rollout; frames[i] after step i. */
      frames: Array<Map<string, NodePods>>;
    };

/** The baseline's DaemonSet of the same namespace/name, if the baseline text has one. */
export function baselineDaemonSet(baselineText: string, key: string): DaemonSet | undefined {
  return loadDaemonSetsFromText(baselineText, 'baseline').daemonSets.find((daemonSet) => daemonSetKey(daemonSet) === key);
}

export function computeRollout(previous: DaemonSet | undefined, next: DaemonSet, nodes: readonly Node[], nowMs: number): RolloutView {
  if (!previous) return { kind: 'missing', message: `the baseline has no DaemonSet ${daemonSetKey(next)}: every pod would be new` };
  if (daemonSetRevisionHash(setDefaultsDaemonSet(previous)) === daemonSetRevisionHash(setDefaultsDaemonSet(next))) {
    return { kind: 'unchanged', message: 'the pod template is unchanged: no rollout' };
  }
  const plan = simulateRollout(previous, next, nodes, { nowMs });
  const compiled = compilePlacement(setDefaultsDaemonSet(previous));
  let current = new Map<string, NodePods>();
  for (const node of nodes) if (placementFlags(compiled, node).shouldRun) current.set(node.metadata.name, { old: 1, new: 0 });
  const frames = [current];
  for (const step of plan.steps) {
    current = new Map([...current].map(([name, pods]) => [name, { ...pods }]));
    for (const name of step.delete) {
      const pods = current.get(name);
      if (!pods) continue;
      // The controller deletes old pods during an update; a new one only when it is surplus.
      if (pods.old > 0) pods.old--;
      else if (pods.new > 0) pods.new--;
    }
    for (const name of step.create) {
      const pods = current.get(name) ?? { old: 0, new: 0 };
      pods.new++;
      current.set(name, pods);
    }
    frames.push(current);
  }
  const involved = new Set(frames.flatMap((frame) => [...frame.keys()]));
  return { kind: 'plan', plan, nodes: nodes.map((node) => node.metadata.name).filter((name) => involved.has(name)), frames };
}
