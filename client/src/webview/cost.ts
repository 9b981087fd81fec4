/**
 * What the DaemonSet costs on an inventory: its pod's CPU and memory
 * requests and limits, times the nodes that run it, and per node the share
 * of allocatable one pod takes.
 */
import type { DaemonSet, Node } from '../../../server/src/model/kubeTypes';
import { formatQuantityForPeople, parseQuantity, ZERO_QUANTITY, type Quantity } from '../../../server/src/model/quantity';
import { podLimits, podLimitsBounded, podRequests } from '../../../server/src/reconciler';

export const COST_RESOURCES = ['cpu', 'memory'] as const;
export type CostResource = (typeof COST_RESOURCES)[number];

export interface PodResources {
  requests: Record<CostResource, Quantity>;
  limits: Record<CostResource, Quantity>;
  /** Whether every app container and sidecar (or the pod itself) sets a limit for the resource; otherwise the sum of limits is not a bound. */
  limited: Record<CostResource, boolean>;
}

/** One pod's effective requests (as the scheduler counts them) and limits. */
export function podResources(daemonSet: DaemonSet): PodResources {
  const spec = daemonSet.spec.template.spec;
  const requests = podRequests(spec);
  const limits = podLimits(spec);
  const result: PodResources = {
    requests: { cpu: requests.get('cpu') ?? ZERO_QUANTITY, memory: requests.get('memory') ?? ZERO_QUANTITY },
    limits: { cpu: ZERO_QUANTITY, memory: ZERO_QUANTITY },
    limited: { cpu: true, memory: true },
  };
  for (const resource of COST_RESOURCES) {
    result.limits[resource] = limits.get(resource) ?? ZERO_QUANTITY;
    result.limited[resource] = podLimitsBounded(spec, resource);
  }
  return result;
}

/** One pod's share of a node's allocatable, 0–∞ (above 1 does not fit); undefined when unknown. */
export function allocatableShare(requested: Quantity, node: Node, resource: CostResource): number | undefined {
  if (requested.nanos <= 0n) return undefined;
  const text = node.status.allocatable[resource];
  const available = text === undefined ? undefined : parseQuantity(text);
  if (!available || available.nanos <= 0n) return undefined;
  return Number((requested.nanos * 10_000n) / available.nanos) / 10_000;
}

export interface CostSummary {
  pods: number;
  perPod: Record<'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit', string>;
  total: Record<'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit', string>;
  /** Nodes where the controller creates the pod but the scheduler leaves it Pending. */
  notFitting: number;
}

function times(quantity: Quantity, count: number): Quantity {
  return { nanos: quantity.nanos * BigInt(count), format: quantity.format };
}

function show(quantity: Quantity, resource: CostResource, limited = true): string {
  if (!limited) return 'unlimited';
  return quantity.nanos > 0n ? formatQuantityForPeople(quantity, resource) : '–';
}

export function costSummary(resources: PodResources, pods: number, notFitting: number): CostSummary {
  return {
    pods,
    perPod: {
      cpuRequest: show(resources.requests.cpu, 'cpu'),
      cpuLimit: show(resources.limits.cpu, 'cpu', resources.limited.cpu),
      memoryRequest: show(resources.requests.memory, 'memory'),
      memoryLimit: show(resources.limits.memory, 'memory', resources.limited.memory),
    },
    total: {
      cpuRequest: show(times(resources.requests.cpu, pods), 'cpu'),
      cpuLimit: show(times(resources.limits.cpu, pods), 'cpu', resources.limited.cpu),
      memoryRequest: show(times(resources.requests.memory, pods), 'memory'),
      memoryLimit: show(times(resources.limits.memory, pods), 'memory', resources.limited.memory),
    },
    notFitting,
  };
}
