/**
 * A pod's effective requests and limits, as Kubernetes computes them for the
 * scheduler and the kubelet (k8s.io/component-helpers resource PodRequests,
 * PodLimits, AggregateContainerRequests):
 *
 * - app containers are summed;
 * - a native sidecar (an init container with `restartPolicy: Always`) runs
 *   beside the app containers, so it is added to the sum, and it also runs
 *   beside every init container that starts after it;
 * - a plain init container runs alone (with the sidecars started before it),
 *   so the pod needs the largest such moment, not the sum;
 * - pod-level `resources` (PodLevelResources), where set, replace the
 *   aggregate for cpu and memory;
 * - `overhead` (RuntimeClass) is added on top (to limits only where the
 *   resource has a limit).
 *
 * A container limit without a request defaults the request to the limit, as
 * the API server defaults a created Pod; pod-level limits likewise.
 *
 * The arithmetic is a parameter: exact quantities for people and costs
 * (`podRequests`), the scheduler's integer units for NodeResourcesFit over a
 * hundred thousand pods (`podResourcesIn` with its own arithmetic), one
 * implementation of the rules either way.
 */
import type { Container, PodSpec } from '../model/kubeTypes';
import { addQuantities, maxQuantity, parseQuantity, ZERO_QUANTITY, type Quantity } from '../model/quantity';

/** Resource name → exact quantity, in the order resources first appear. */
export type ResourceList = Map<string, Quantity>;

/** Resources that pod-level `resources` may set (IsSupportedPodLevelResource). */
export const POD_LEVEL_RESOURCES: readonly string[] = ['cpu', 'memory'];

/** How amounts of type T are read from quantity text and combined. */
export interface ResourceArithmetic<T> {
  /** The amount a quantity text stands for; undefined skips it (malformed, or a resource the caller does not count). */
  read(resource: string, text: string): T | undefined;
  add(a: T, b: T): T;
  max(a: T, b: T): T;
  zero: T;
}

export const QUANTITY_ARITHMETIC: ResourceArithmetic<Quantity> = {
  read: (_resource, text) => parseQuantity(text),
  add: addQuantities,
  max: maxQuantity,
  zero: ZERO_QUANTITY,
};

type Field = 'requests' | 'limits';

/** Adds one container's requests (limits defaulting missing requests) or limits into `into`. */
function addContainer<T>(into: Map<string, T>, container: Container, field: Field, arithmetic: ResourceArithmetic<T>): void {
  const resources = container.resources;
  if (!resources) return;
  const own = resources[field];
  if (field === 'requests' && resources.limits) {
    for (const resource in resources.limits) {
      if (own?.[resource] !== undefined) continue;
      const amount = arithmetic.read(resource, resources.limits[resource]);
      if (amount !== undefined) into.set(resource, arithmetic.add(into.get(resource) ?? arithmetic.zero, amount));
    }
  }
  if (!own) return;
  for (const resource in own) {
    const amount = arithmetic.read(resource, own[resource]);
    if (amount !== undefined) into.set(resource, arithmetic.add(into.get(resource) ?? arithmetic.zero, amount));
  }
}

function maxInto<T>(into: Map<string, T>, list: ReadonlyMap<string, T>, arithmetic: ResourceArithmetic<T>): void {
  for (const [resource, amount] of list) into.set(resource, arithmetic.max(into.get(resource) ?? arithmetic.zero, amount));
}

/** PodRequests (field 'requests') or PodLimits (field 'limits') in the given arithmetic. */
export function podResourcesIn<T>(spec: PodSpec, field: Field, arithmetic: ResourceArithmetic<T>): Map<string, T> {
  const total = new Map<string, T>();
  for (const container of spec.containers) addContainer(total, container, field, arithmetic);
  const initContainers = spec.initContainers;
  if (initContainers && initContainers.length > 0) {
    const sidecarsSoFar = new Map<string, T>();
    const initPeak = new Map<string, T>();
    for (const container of initContainers) {
      if (container.restartPolicy === 'Always') {
        addContainer(total, container, field, arithmetic);
        addContainer(sidecarsSoFar, container, field, arithmetic);
        maxInto(initPeak, sidecarsSoFar, arithmetic);
      } else {
        const moment = new Map(sidecarsSoFar);
        addContainer(moment, container, field, arithmetic);
        maxInto(initPeak, moment, arithmetic);
      }
    }
    maxInto(total, initPeak, arithmetic);
  }
  const podLevel = spec.resources;
  if (podLevel) {
    for (const resource of POD_LEVEL_RESOURCES) {
      const text = field === 'limits' ? podLevel.limits?.[resource] : (podLevel.requests?.[resource] ?? podLevel.limits?.[resource]);
      const amount = text === undefined ? undefined : arithmetic.read(resource, text);
      if (amount !== undefined) total.set(resource, amount);
    }
  }
  const overhead = spec.overhead;
  if (overhead) {
    for (const resource in overhead) {
      const amount = arithmetic.read(resource, overhead[resource]);
      const current = total.get(resource);
      if (amount === undefined || (field === 'limits' && current === undefined)) continue;
      total.set(resource, arithmetic.add(current ?? arithmetic.zero, amount));
    }
  }
  return total;
}

/** PodRequests: what the scheduler reserves for the pod on its node (NodeResourcesFit) and what a cost view totals. */
export function podRequests(spec: PodSpec): ResourceList {
  return podResourcesIn(spec, 'requests', QUANTITY_ARITHMETIC);
}

/**
 * PodLimits: the most the pod may use. A resource some app container leaves
 * unlimited is still summed over the containers that limit it, as Kubernetes
 * does; `podLimitsBounded` tells whether that sum is a real bound.
 */
export function podLimits(spec: PodSpec): ResourceList {
  return podResourcesIn(spec, 'limits', QUANTITY_ARITHMETIC);
}

/** Whether the pod's use of `resource` is bounded: a pod-level limit, or a limit on every app container and sidecar. */
export function podLimitsBounded(spec: PodSpec, resource: string): boolean {
  if (spec.resources?.limits?.[resource] !== undefined && POD_LEVEL_RESOURCES.includes(resource)) return true;
  const running = [...spec.containers, ...(spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always')];
  return running.length > 0 && running.every((container) => container.resources?.limits?.[resource] !== undefined);
}
