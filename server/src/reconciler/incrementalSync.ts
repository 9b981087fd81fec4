/**
 * One DaemonSet's syncs over a fixed node list, each revisiting only the
 * nodes whose pods changed since the one before (rules C2–C7, R7, R8). A
 * rollout's simulation runs one sync per step, and with maxUnavailable 1
 * there is about one step per node: a full sync per step (manage and
 * rollingUpdate over every node and pod) makes it quadratic in the nodes.
 *
 * Here placement is computed once per node (nothing a rollout does changes
 * it), the pods are indexed by node, and each visited node's rolling-update
 * role is kept in a tally by its place in the controller's visiting order.
 * The per-node decisions are manage's (podsShouldBeOnNode,
 * getUnscheduledPodsWithoutNode) and rollingUpdate's (nodeUpdateRole,
 * RollingUpdateTally), so a sync acts exactly as manage, then rollingUpdate
 * on the state manage left, over every node would.
 *
 * What a node decides depends on its pods, its placement and the clock (a
 * pod's availability, R6). Pods change only through add, remove and
 * changed; the clock through advanceTo, which revisits the nodes of the pods
 * that become available (a Ready pod, once minReadySeconds have passed) and,
 * should the clock go back, every node.
 */
import type { DaemonSet, Node, Pod } from '../model/kubeTypes';
import { isDeletedTerminalPod } from './daemonPods';
import { resolveUpdateBudget, type UpdateBudget } from './intOrPercent';
import { getUnscheduledPodsWithoutNode, podsShouldBeOnNode, syncContext, type SyncActions, type SyncContext } from './manage';
import { placementFlags, type PlacementFlags } from './nodeShouldRunDaemonPod';
import { availableAfterMs, getTargetNodeName, isPodReady } from './podUtil';
import { nodeUpdateContext, nodeUpdateRole, RollingUpdateTally, type NodeUpdateContext, type RollingUpdateResult } from './rollingUpdate';

export class IncrementalSync {
  private readonly ctx: SyncContext;
  private readonly minReadySeconds: number;
  private readonly flags: readonly PlacementFlags[];
  /** Each node name's places in the visiting order: its inventory entries (a repeated name has several), then the nodes only pods name, by name. */
  private readonly positions = new Map<string, number[]>();
  private readonly names: string[];
  /** shouldRun of the node the controller finds by name (the last entry of a repeated name, as a map by name keeps). */
  private readonly shouldRunByName = new Map<string, boolean>();
  /** Every pod with a target node, per node, in the order they were added. */
  private readonly podsByNode = new Map<string, Pod[]>();
  private readonly present = new Set<Pod>();
  private readonly manageDue = new Set<string>();
  private readonly updateDue = new Set<string>();
  private tally: RollingUpdateTally | undefined;
  /** nodeUpdateRole's view of the syncs, made with the first rolling update (only a budget without error has one). */
  private roleContext: NodeUpdateContext | undefined;
  /** Pods that become available later on the clock (R6), latest first, so the soonest is popped from the end. */
  private readonly becomingAvailable: Array<{ atMs: number; pod: Pod }> = [];
  readonly desiredNumberScheduled: number;
  /** The rolling update's budget over the desired nodes (R2, R3); placement does not change, so neither does it. */
  readonly budget: UpdateBudget | { error: string };

  constructor(daemonSet: DaemonSet, nodes: readonly Node[], hash: string, nowMs: number, pods: readonly Pod[]) {
    this.ctx = syncContext(daemonSet, nodes, hash, nowMs);
    this.minReadySeconds = daemonSet.spec.minReadySeconds ?? 0;
    const compiled = this.ctx.compiled;
    this.flags = nodes.map((node) => placementFlags(compiled, node));
    this.names = nodes.map((node) => node.metadata.name);
    let desired = 0;
    nodes.forEach((node, position) => {
      const name = node.metadata.name;
      const places = this.positions.get(name);
      if (places) places.push(position);
      else this.positions.set(name, [position]);
      this.shouldRunByName.set(name, this.flags[position].shouldRun);
      if (this.flags[position].shouldRun) desired++;
    });
    this.desiredNumberScheduled = desired;
    this.budget = resolveUpdateBudget(daemonSet, desired);
    for (const pod of pods) this.index(pod);
    const vanished = [...this.podsByNode.keys()].filter((name) => !this.positions.has(name)).sort();
    for (const name of vanished) {
      this.positions.set(name, [this.names.length]);
      this.names.push(name);
    }
    for (const name of this.positions.keys()) this.due(name);
  }

  /** Every pod on the node (terminating and finished ones too), in the order they were added. */
  podsOn(nodeName: string): readonly Pod[] {
    return this.podsByNode.get(nodeName) ?? [];
  }

  /** Every pod with a target node, by node. */
  nodesToPods(): ReadonlyMap<string, readonly Pod[]> {
    return this.podsByNode;
  }

  has(pod: Pod): boolean {
    return this.present.has(pod);
  }

  add(pod: Pod): void {
    const nodeName = this.index(pod);
    if (nodeName !== undefined) this.due(nodeName);
  }

  remove(pod: Pod): void {
    if (!this.present.delete(pod)) return;
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) return;
    const onNode = this.podsByNode.get(nodeName);
    const at = onNode ? onNode.indexOf(pod) : -1;
    if (onNode && at >= 0) onNode.splice(at, 1);
    this.due(nodeName);
  }

  /** The pod's status or binding changed (it keeps its target node). */
  changed(pod: Pod): void {
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) return;
    this.watchAvailability(pod);
    this.due(nodeName);
  }

  advanceTo(nowMs: number): void {
    const back = nowMs < this.ctx.nowMs;
    this.ctx.nowMs = nowMs;
    if (back) {
      // Availability can be lost only when the clock goes back: decide every node again.
      for (const name of this.positions.keys()) this.due(name);
      return;
    }
    const soon = this.becomingAvailable;
    while (soon.length > 0 && soon[soon.length - 1].atMs < nowMs) {
      const { pod } = soon.pop() as { atMs: number; pod: Pod };
      if (this.present.has(pod)) this.changed(pod);
    }
  }

  /** manage over the nodes whose pods or clock changed since the last call: every other node would decide nothing again. */
  manage(): SyncActions {
    const actions: SyncActions = { createOnNodes: [], deletePods: [] };
    const places: number[] = [];
    for (const name of this.manageDue) places.push(...(this.positions.get(name) ?? []));
    this.manageDue.clear();
    places.sort((a, b) => a - b); // creations in the controller's node order
    const inventory = this.ctx.nodes.length;
    for (const position of places) {
      const pods = this.listed(this.names[position]);
      if (position < inventory) {
        const onNode = podsShouldBeOnNode(this.ctx, this.ctx.nodes[position], pods, this.flags[position]);
        actions.createOnNodes.push(...onNode.createOnNodes);
        actions.deletePods.push(...onNode.deletePods);
      } else if (pods) {
        actions.deletePods.push(...getUnscheduledPodsWithoutNode(pods)); // C7
      }
    }
    return actions;
  }

  /** rollingUpdate, revisiting the nodes changed since the last call. */
  rollingUpdate(): RollingUpdateResult {
    const budget = this.budget;
    if ('error' in budget) return { createOnNodes: [], deletePods: [], error: budget.error };
    const tally = (this.tally ??= new RollingUpdateTally(this.names.length));
    const roleContext = (this.roleContext ??= nodeUpdateContext(this.ctx, budget, (nodeName) => this.shouldRunByName.get(nodeName)));
    const inventory = this.ctx.nodes.length;
    for (const name of this.updateDue) {
      const pods = this.listed(name);
      for (const position of this.positions.get(name) ?? []) {
        // The controller visits desired nodes and nodes with pods.
        const visited = pods !== undefined || (position < inventory && this.flags[position].shouldRun);
        tally.set(position, name, visited ? nodeUpdateRole(name, pods ?? [], roleContext) : undefined);
      }
    }
    this.updateDue.clear();
    return tally.actions(budget);
  }

  /** The node's pods as getNodesToDaemonPods lists them (the index's own list when it drops none: read it before changing the node); undefined when it lists none. */
  private listed(nodeName: string): readonly Pod[] | undefined {
    const onNode = this.podsByNode.get(nodeName);
    if (!onNode) return undefined;
    const pods = onNode.some(isDeletedTerminalPod) ? onNode.filter((pod) => !isDeletedTerminalPod(pod)) : onNode;
    return pods.length > 0 ? pods : undefined;
  }

  private index(pod: Pod): string | undefined {
    this.present.add(pod);
    const nodeName = getTargetNodeName(pod);
    if (nodeName === undefined) return undefined;
    const onNode = this.podsByNode.get(nodeName);
    if (onNode) onNode.push(pod);
    else this.podsByNode.set(nodeName, [pod]);
    this.watchAvailability(pod);
    return nodeName;
  }

  private due(nodeName: string): void {
    this.manageDue.add(nodeName);
    this.updateDue.add(nodeName);
  }

  /** A Ready pod not yet past minReadySeconds becomes available later: remember when (isPodAvailable's comparison). */
  private watchAvailability(pod: Pod): void {
    if (this.minReadySeconds === 0 || !isPodReady(pod)) return;
    const atMs = availableAfterMs(pod, this.minReadySeconds);
    if (atMs === undefined || !(atMs >= this.ctx.nowMs)) return; // available already, or never
    const soon = this.becomingAvailable;
    let low = 0;
    let high = soon.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (soon[middle].atMs > atMs) low = middle + 1;
      else high = middle;
    }
    soon.splice(low, 0, { atMs, pod });
  }
}
