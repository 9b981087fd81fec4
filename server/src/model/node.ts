/**
 * A Node read from `kubectl get nodes -o yaml` output (or written by hand):
 * the fields placement and its explanations read, and the kubelet version
 * (`status.nodeInfo.kubeletVersion`) that tells the cluster's Kubernetes
 * version. Status noise (images, the rest of nodeInfo, managedFields,
 * addresses) is ignored, not rejected.
 */
import type { Node, NodeCondition, ObjectSource, Taint } from './kubeTypes';
import { lineOf, readList, readMap, readQuantityMap, readString, readBoolean, report, type ReadContext } from './objectReader';
import { readObjectMeta, readTimestamp } from './podSpec';
import { parseQuantity } from './quantity';
import type { FieldPath } from './fieldPath';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** One `{key, value, effect}` taint (a Node's, a NodePool's, a kubeadm nodeRegistration's); problems are recorded. */
export function readTaint(ctx: ReadContext, entry: unknown, taintPath: FieldPath): Taint | undefined {
  const map = readMap(ctx, entry, taintPath);
  if (!map) return undefined;
  const key = readString(ctx, map, 'key', taintPath);
  const effect = readString(ctx, map, 'effect', taintPath);
  if (!key) report(ctx, [...taintPath, 'key'], 'a taint needs a key');
  if (effect === undefined) report(ctx, [...taintPath, 'effect'], 'a taint needs an effect (NoSchedule, PreferNoSchedule or NoExecute)');
  else if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    report(ctx, [...taintPath, 'effect'], `unsupported taint effect ${JSON.stringify(effect)}: must be NoSchedule, PreferNoSchedule or NoExecute`);
  }
  const taint: Taint = { key: key ?? '', effect: effect ?? '' };
  const taintValue = readString(ctx, map, 'value', taintPath);
  if (taintValue !== undefined) taint.value = taintValue;
  const timeAdded = readTimestamp(ctx, map, 'timeAdded', taintPath);
  if (timeAdded !== undefined) taint.timeAdded = timeAdded;
  return taint;
}

/** Reads one Node at `basePath`; undefined (with problems recorded) when it is not usable. */
export function readNode(ctx: ReadContext, value: unknown, basePath: FieldPath): Node | undefined {
  const before = ctx.problems.length;
  const root = readMap(ctx, value, basePath);
  if (!root) return undefined;
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  const specPath = [...basePath, 'spec'];
  const spec = readMap(ctx, root.spec, specPath);
  const taints: Taint[] = [];
  readList(ctx, spec?.taints, [...specPath, 'taints']).forEach((entry, index) => {
    const taint = readTaint(ctx, entry, [...specPath, 'taints', index]);
    if (taint) taints.push(taint);
  });
  const statusPath = [...basePath, 'status'];
  const status = readMap(ctx, root.status, statusPath);
  const conditions: NodeCondition[] = [];
  readList(ctx, status?.conditions, [...statusPath, 'conditions']).forEach((entry, index) => {
    const conditionPath = [...statusPath, 'conditions', index];
    const map = readMap(ctx, entry, conditionPath);
    if (!map) return;
    const condition: NodeCondition = {
      type: readString(ctx, map, 'type', conditionPath) ?? '',
      status: readString(ctx, map, 'status', conditionPath) ?? '',
    };
    const reason = readString(ctx, map, 'reason', conditionPath);
    if (reason !== undefined) condition.reason = reason;
    const lastTransitionTime = readTimestamp(ctx, map, 'lastTransitionTime', conditionPath);
    if (lastTransitionTime !== undefined) condition.lastTransitionTime = lastTransitionTime;
    conditions.push(condition);
  });
  const node: Node = {
    metadata,
    spec: { taints, unschedulable: readBoolean(ctx, spec, 'unschedulable', specPath) ?? false },
    status: {
      conditions,
      allocatable: readQuantityMap(ctx, status?.allocatable, [...statusPath, 'allocatable']),
      capacity: readQuantityMap(ctx, status?.capacity, [...statusPath, 'capacity']),
    },
    source: sourceOf(ctx, basePath),
  };
  for (const field of ['allocatable', 'capacity'] as const) {
    for (const [resource, quantity] of Object.entries(node.status[field] ?? {})) {
      if (parseQuantity(quantity) === undefined) {
        report(ctx, [...statusPath, field, resource], `malformed quantity ${JSON.stringify(quantity)}: expected e.g. 4, 500m, 16Gi or 1e3`);
      }
    }
  }
  // Read leniently: a version the tools cannot use is noise, not a reason to drop the node.
  const nodeInfo = status?.nodeInfo;
  const kubeletVersion = nodeInfo && typeof nodeInfo === 'object' ? (nodeInfo as Record<string, unknown>).kubeletVersion : undefined;
  if (typeof kubeletVersion === 'string') node.status.nodeInfo = { kubeletVersion };
  const podCIDR = readString(ctx, spec, 'podCIDR', specPath);
  if (podCIDR !== undefined) node.spec.podCIDR = podCIDR;
  return ctx.problems.length === before ? node : undefined;
}

export function sourceOf(ctx: ReadContext, basePath: FieldPath): ObjectSource {
  const source = { file: ctx.file, documentIndex: ctx.documentIndex ?? ctx.doc.index, basePath } as ObjectSource;
  // The line needs the document's AST, which most objects never need: compute it on first read.
  Object.defineProperty(source, 'line', {
    enumerable: true,
    configurable: true,
    get() {
      const line = lineOf(ctx, basePath).line;
      Object.defineProperty(source, 'line', { value: line, enumerable: true, writable: true, configurable: true });
      return line;
    },
  });
  return source;
}

export { nodeReadyStatus } from './nodeStatus';
