/**
 * The rolling-update pass of a sync (update.go rollingUpdate,
 * findUpdatedPodsOnNode, updatedDesiredNodeCounts; rules R2–R8). Kubernetes
 * visits nodes in Go map order; we visit them in inventory order (then
 * vanished nodes by name), which picks the same number of pods.
 */
import type { Pod } from '../model/kubeTypes';
import { getNodesToDaemonPods } from './daemonPods';
import { resolveUpdateBudget, type UpdateBudget } from './intOrPercent';
import type { SyncActions, SyncContext } from './manage';
import { placementFlags } from './nodeShouldRunDaemonPod';
import { isPodAvailable } from './podUtil';
import { PositionSet } from './positionSet';
import { getTemplateGeneration, isPodUpdated } from './revision';

export interface RollingUpdateResult extends SyncActions {
  budget?: UpdateBudget;
  /** Set when the controller would stop with an error and act on nothing. */
  error?: string;
}

/** findUpdatedPodsOnNode: at most one new and one old non-terminating pod, else not ok. */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  generation: bigint | undefined,
): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, newPod, oldPod };
}

/** The node visiting order: desired nodes and nodes with pods, inventory first. */
function nodesToVisit(ctx: SyncContext, byNode: Map<string, Pod[]>): { order: string[]; desired: number } {
  const order: string[] = [];
  const seen = new Set<string>();
  let desired = 0;
  for (const node of ctx.nodes) {
    const { shouldRun } = placementFlags(ctx.compiled, node);
    if (shouldRun) desired++;
    if (shouldRun || byNode.has(node.metadata.name)) {
      order.push(node.metadata.name);
      seen.add(node.metadata.name);
    }
  }
  const vanished = [...byNode.keys()].filter((name) => !seen.has(name)).sort();
  return { order: [...order, ...vanished], desired };
}

/**
 * What rollingUpdate's pass over the nodes needs besides each node's pods:
 * the mode the budget chose, the revision, the clock, and whether a node
 * runs the new template (undefined when the controller cannot look it up).
 */
export interface NodeUpdateContext {
  /** The budget's maxSurge is not 0: R8, else R7. */
  surge: boolean;
  hash: string;
  generation: bigint | undefined;
  available(pod: Pod): boolean;
  shouldRunOn(nodeName: string): boolean | undefined;
}

/** What nodeUpdateRole reads of a sync (its clock read when asked, so a context kept across syncs follows `ctx.nowMs`), `shouldRunOn` aside. */
export function nodeUpdateContext(ctx: SyncContext, budget: UpdateBudget, shouldRunOn: (nodeName: string) => boolean | undefined): NodeUpdateContext {
  const minReadySeconds = ctx.daemonSet.spec.minReadySeconds ?? 0;
  return {
    surge: budget.maxSurge !== 0,
    hash: ctx.hash,
    generation: getTemplateGeneration(ctx.daemonSet),
    available: (pod) => isPodAvailable(pod, minReadySeconds, ctx.nowMs),
    shouldRunOn,
  };
}

/** What one visited node's pods ask of the rolling update (the branch of the controller's loop it takes). */
export type NodeUpdateAction =
  /** R7: an old pod that is not available, replaced whatever the budget. R8: such a pod on a node leaving the schedule, or an old pod whose new pod is available. */
  | { kind: 'delete'; pod: Pod }
  /** R7: an available old pod, deleted while maxUnavailable allows. */
  | { kind: 'deleteWithinBudget'; pod: Pod }
  /** R8: an available old pod on a node leaving the schedule, deleted once enough new pods are available. */
  | { kind: 'deleteOnceAvailable'; pod: Pod }
  /** R8: an old pod that is not available on a desired node: a new pod next to it, outside the surge budget. */
  | { kind: 'create' }
  /** R8: an available old pod on a desired node: a surge pod while maxSurge allows. */
  | { kind: 'createWithinBudget' }
  /** R8: an old pod alone on a node the controller cannot look up: the sync stops with an error. */
  | { kind: 'missingNode' };

export interface NodeUpdateRole {
  /** R7: the node counts toward numUnavailable; R8: toward numSurge. */
  counted: boolean;
  /** R8: the node counts toward numAvailable. */
  available: boolean;
  action?: NodeUpdateAction;
}

/** The per-node branch of update.go rollingUpdate (R7 without surge, R8 with), from the node's pods (getNodesToDaemonPods' list). */
export function nodeUpdateRole(nodeName: string, pods: readonly Pod[], ctx: NodeUpdateContext): NodeUpdateRole {
  const { ok, newPod, oldPod } = findUpdatedPodsOnNode(pods, ctx.hash, ctx.generation);
  if (!ok) return { counted: true, available: false }; // excess pods: manage trims them
  if (!ctx.surge) {
    // R7: delete just enough old pods to stay within maxUnavailable; manage recreates them.
    if (!oldPod || newPod) return { counted: !(newPod && !oldPod && ctx.available(newPod)), available: false };
    if (!ctx.available(oldPod)) return { counted: true, available: false, action: { kind: 'delete', pod: oldPod } };
    return { counted: false, available: false, action: { kind: 'deleteWithinBudget', pod: oldPod } };
  }
  // R8: surge new pods next to old ones, within maxSurge.
  if (!oldPod) return { counted: false, available: newPod !== undefined && ctx.available(newPod) }; // manage handles it
  const oldAvailable = ctx.available(oldPod);
  if (!newPod) {
    const shouldRun = ctx.shouldRunOn(nodeName);
    if (shouldRun === undefined) return { counted: false, available: oldAvailable, action: { kind: 'missingNode' } };
    if (!oldAvailable) return { counted: false, available: false, action: shouldRun ? { kind: 'create' } : { kind: 'delete', pod: oldPod } };
    return { counted: false, available: true, action: shouldRun ? { kind: 'createWithinBudget' } : { kind: 'deleteOnceAvailable', pod: oldPod } };
  }
  if (!ctx.available(newPod)) return { counted: true, available: oldAvailable };
  return { counted: false, available: oldAvailable, action: { kind: 'delete', pod: oldPod } };
}

/**
 * The visited nodes' roles by their place in the controller's visiting
 * order, and the counts over them: a sync's rolling update is the budget
 * applied to a tally. A full sync tallies every node; a sync that changed
 * a few nodes sets only theirs again.
 */
export class RollingUpdateTally {
  private readonly roles: Array<NodeUpdateRole | undefined>;
  private readonly names: Array<string | undefined>;
  private readonly members: Record<NodeUpdateAction['kind'], PositionSet>;
  private counted = 0;
  private available = 0;

  constructor(capacity: number) {
    this.roles = new Array<NodeUpdateRole | undefined>(capacity);
    this.names = new Array<string | undefined>(capacity);
    const set = (): PositionSet => new PositionSet(capacity);
    this.members = { delete: set(), deleteWithinBudget: set(), deleteOnceAvailable: set(), create: set(), createWithinBudget: set(), missingNode: set() };
  }

  /** The role of the node at `position` (undefined: not visited). */
  set(position: number, nodeName: string, role: NodeUpdateRole | undefined): void {
    const previous = this.roles[position];
    if (previous) {
      if (previous.counted) this.counted--;
      if (previous.available) this.available--;
      if (previous.action) this.members[previous.action.kind].delete(position);
    }
    this.roles[position] = role;
    this.names[position] = nodeName;
    if (!role) return;
    if (role.counted) this.counted++;
    if (role.available) this.available++;
    if (role.action) this.members[role.action.kind].add(position);
  }

  /**
   * The controller's loop keeps a node as a candidate only while the count
   * of the nodes before it is below the budget, then takes
   * min(budget − total count, candidates) of them. The count only grows
   * along the loop, so when that difference is positive every such node was
   * kept: the first ones in visiting order are taken, as here.
   */
  actions(budget: UpdateBudget): RollingUpdateResult {
    const missing = this.members.missingNode.first(1);
    if (missing.length > 0) {
      // The controller cannot look the node up and gives up on this sync.
      return { createOnNodes: [], deletePods: [], budget, error: `couldn't get node for nodeName "${this.names[missing[0]] ?? ''}"` };
    }
    const deletePods = this.podsAt(this.members.delete.first());
    if (budget.maxSurge === 0) {
      const remaining = Math.max(0, budget.maxUnavailable - this.counted);
      return { createOnNodes: [], deletePods: [...deletePods, ...this.podsAt(this.members.deleteWithinBudget.first(remaining))], budget };
    }
    // Old pods on nodes leaving the schedule go only once enough new pods are available.
    const deletable = this.available - budget.desiredNumberScheduled;
    if (deletable > 0) deletePods.push(...this.podsAt(this.members.deleteOnceAvailable.first(deletable)));
    const remainingSurge = Math.max(0, budget.maxSurge - this.counted);
    return {
      createOnNodes: [...this.namesAt(this.members.create.first()), ...this.namesAt(this.members.createWithinBudget.first(remainingSurge))],
      deletePods,
      budget,
    };
  }

  private podsAt(positions: readonly number[]): Pod[] {
    return positions.map((position) => {
      const action = this.roles[position]?.action;
      if (!action || !('pod' in action)) throw new Error(`no pod to delete at position ${position}`);
      return action.pod;
    });
  }

  private namesAt(positions: readonly number[]): string[] {
    return positions.map((position) => this.names[position] ?? '');
  }
}

export function rollingUpdate(ctx: SyncContext, daemonPods: readonly Pod[]): RollingUpdateResult {
  const byNode = getNodesToDaemonPods(daemonPods);
  const { order, desired } = nodesToVisit(ctx, byNode);
  const budget = resolveUpdateBudget(ctx.daemonSet, desired);
  if ('error' in budget) return { createOnNodes: [], deletePods: [], error: budget.error };
  const nodesByName = new Map(ctx.nodes.map((node) => [node.metadata.name, node]));
  const roleContext = nodeUpdateContext(ctx, budget, (nodeName) => {
    const node = nodesByName.get(nodeName);
    return node && placementFlags(ctx.compiled, node).shouldRun;
  });
  const tally = new RollingUpdateTally(order.length);
  order.forEach((nodeName, position) => tally.set(position, nodeName, nodeUpdateRole(nodeName, byNode.get(nodeName) ?? [], roleContext)));
  return tally.actions(budget);
}
