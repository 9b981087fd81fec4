/**
 * The NodeResourcesFit filter (pkg/scheduler/framework/plugins/noderesources
 * fit.go, fitsRequest): the pod's effective requests plus what the pods
 * already on the node request, against the node's `status.allocatable`, in
 * the scheduler's integer units (cpu in millicores rounded up, everything
 * else in whole units rounded up), and one more pod against the `pods`
 * allocatable.
 *
 * Which resources count (Resource.Add, IsScalarResourceName): cpu, memory,
 * ephemeral-storage, and the scalar resources — extended resources
 * (`nvidia.com/gpu`: a domain other than kubernetes.io), hugepages-*, and
 * other kubernetes.io-prefixed names. Anything else a container names
 * (a typo such as `cpus`) is ignored, as the scheduler ignores it. A scalar
 * resource the node does not list has 0 allocatable: a GPU request on a node
 * without GPUs is "Insufficient nvidia.com/gpu".
 *
 * Amounts are JavaScript numbers holding the scheduler's int64 integers: exact
 * up to 2^53 (8 PiB of memory, 9 billion cores), and cheap enough to sum a
 * hundred thousand pods without allocating.
 */
import { formatQuantity, formatQuantityForPeople, milliValue, parseQuantity, unitValue, type Quantity } from '../../model/quantity';
import type { Node, PodSpec } from '../../model/kubeTypes';
import { podResourcesIn, type ResourceArithmetic, type ResourceList } from '../podResources';
import { boundedMemo } from '../boundedMemo';

/** Resource name → amount in the scheduler's units (cpu: millicores; others: units). */
export type SchedulerResources = Map<string, number>;

const NATIVE_CHECKED = new Set(['cpu', 'memory', 'ephemeral-storage']);
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * IsScalarResourceName: extended (a domain that is not *kubernetes.io, not
 * `requests.`-prefixed), hugepages-*, or a kubernetes.io-prefixed native name.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-')) return true;
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  if (name.includes('kubernetes.io/')) return true;
  return !name.startsWith('requests.') && QUALIFIED_NAME.test(name);
}

const CHECKED = boundedMemo((name: string) => NATIVE_CHECKED.has(name) || isScalarResourceName(name), 4096);

/** Whether NodeResourcesFit checks the resource at all. */
export function isCheckedResource(name: string): boolean {
  return CHECKED(name);
}

const LARGEST = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * One quantity in the scheduler's units: MilliValue for cpu, Value for the
 * rest. A value beyond 2^53 (an absurd `1e999`) saturates there, as the
 * scheduler's int64 saturates, so sums stay finite.
 */
export function schedulerAmount(resource: string, quantity: Quantity): number {
  const amount = resource === 'cpu' ? milliValue(quantity) : unitValue(quantity);
  return Number(amount > LARGEST ? LARGEST : amount < -LARGEST ? -LARGEST : amount);
}

/** Per checked resource, quantity text → scheduler units (undefined for a malformed text); undefined for a resource the plugin ignores. */
const AMOUNTS = boundedMemo(
  (resource: string) =>
    isCheckedResource(resource)
      ? boundedMemo((text: string) => {
          const quantity = parseQuantity(text);
          return quantity ? schedulerAmount(resource, quantity) : undefined;
        }, 4096)
      : undefined,
  1024,
);

/** Quantity text → scheduler units, remembered per resource; resources the plugin ignores read as undefined. */
function readAmount(resource: string, text: string): number | undefined {
  return AMOUNTS(resource)?.(text);
}

const SCHEDULER_ARITHMETIC: ResourceArithmetic<number> = { read: readAmount, add: (a, b) => a + b, max: Math.max, zero: 0 };

function withoutZeros(resources: SchedulerResources): SchedulerResources {
  for (const resource of resources.keys()) if ((resources.get(resource) ?? 0) <= 0) resources.delete(resource);
  return resources;
}

/** The requests NodeResourcesFit counts, in scheduler units; zero amounts are dropped (the plugin skips them). */
export function schedulerRequests(requests: ResourceList): SchedulerResources {
  const result: SchedulerResources = new Map();
  for (const [resource, quantity] of requests) if (isCheckedResource(resource)) result.set(resource, schedulerAmount(resource, quantity));
  return withoutZeros(result);
}

/** PodRequests straight in scheduler units (computePodResourceRequest): the same rules as podRequests, without exact quantities. */
export function podSchedulerRequests(spec: PodSpec): SchedulerResources {
  return withoutZeros(podResourcesIn(spec, 'requests', SCHEDULER_ARITHMETIC));
}

/** A node's allocatable as NodeResourcesFit reads it. */
export interface NodeAllocatable {
  /** False when the node lists no allocatable at all (a hand-written inventory): resources are not judged. */
  known: boolean;
  resources: SchedulerResources;
  /** The `pods` allocatable; undefined when the node does not list it (then the count is not judged). */
  allowedPodNumber: number | undefined;
}

export function nodeAllocatable(node: Node): NodeAllocatable {
  const resources: SchedulerResources = new Map();
  let allowedPodNumber: number | undefined;
  let known = false;
  for (const resource in node.status.allocatable) {
    const quantity = parseQuantity(node.status.allocatable[resource]);
    if (!quantity) continue;
    known = true;
    if (resource === 'pods') allowedPodNumber = Number(unitValue(quantity));
    else if (isCheckedResource(resource)) resources.set(resource, schedulerAmount(resource, quantity));
  }
  return { known, resources, allowedPodNumber };
}

/** One shortfall, with the plugin's numbers (InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  /** The scheduler's words: "Insufficient cpu", "Too many pods". */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/**
 * fitsRequest: every shortfall of one pod on one node. `used` is what the
 * node's pods already request (scheduler units) and `podCount` how many
 * pods it has.
 */
export function fitsRequest(
  podRequest: SchedulerResources,
  allocatable: NodeAllocatable,
  used: SchedulerResources,
  podCount: number,
): InsufficientResource[] {
  const insufficient: InsufficientResource[] = [];
  if (!allocatable.known) return insufficient;
  if (allocatable.allowedPodNumber !== undefined && podCount + 1 > allocatable.allowedPodNumber) {
    insufficient.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: podCount,
      capacity: allocatable.allowedPodNumber,
    });
  }
  // keys() and get(), not entries: no [name, amount] pair per resource of every Pending cell.
  for (const resource of podRequest.keys()) {
    const requested = podRequest.get(resource) ?? 0;
    const capacity = allocatable.resources.get(resource) ?? 0;
    const inUse = used.get(resource) ?? 0;
    if (requested > capacity - inUse) {
      insufficient.push({ resourceName: resource, reason: insufficientReason(resource), requested, used: inUse, capacity });
    }
  }
  return insufficient;
}

/** "Insufficient cpu": one string per resource, not one per shortfall. */
const insufficientReason = boundedMemo((resource: string) => `Insufficient ${resource}`, 1024);

const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage']);

const FORMATTED = boundedMemo((resource: string) => boundedMemo((amount: number) => renderSchedulerAmount(resource, amount), 4096), 1024);

/**
 * An amount in scheduler units for a message: 150m, 3920m, 2Gi, 1.5 GiB, 3.
 * Remembered per resource (bounded): a large view words thousands of
 * Pending pods with the same few requests and capacities, and the exact
 * rendering goes through BigInt.
 */
export function formatSchedulerAmount(resource: string, amount: number): string {
  return FORMATTED(resource)(amount);
}

function renderSchedulerAmount(resource: string, amount: number): string {
  if (!Number.isSafeInteger(amount)) return String(amount); // sums beyond 2^53: no exact rendering to give
  const whole = BigInt(Math.trunc(amount));
  if (resource === 'cpu') return formatQuantity({ nanos: whole * 1_000_000n, format: 'DecimalSI' }, 'cpu');
  const quantity: Quantity = { nanos: whole * 1_000_000_000n, format: 'BinarySI' };
  if (BYTE_RESOURCES.has(resource) || resource.startsWith('hugepages-')) {
    const exact = formatQuantity(quantity, resource);
    return /[KMGTPE]i$/.test(exact) ? exact : formatQuantityForPeople(quantity, resource);
  }
  return String(amount);
}

/** "Insufficient cpu (needs 200m, 150m free of 3920m)"; "Too many pods (110 of 110 in use)". */
export function formatInsufficientResource(shortfall: InsufficientResource): string {
  const { resourceName: resource, capacity, used, requested } = shortfall;
  if (resource === 'pods') return `${shortfall.reason} (${used} of ${capacity} in use)`;
  const free = capacity > used ? capacity - used : 0;
  return `${shortfall.reason} (needs ${formatSchedulerAmount(resource, requested)}, ${formatSchedulerAmount(resource, free)} free of ${formatSchedulerAmount(resource, capacity)})`;
}
