/**
 * A Pod as the DaemonSet controller and the scheduler see it: labels (revision
 * hash, template generation), owner, target node, phase, Ready condition,
 * deletion, start time (preemption's tie-break), and the pod spec's requests,
 * ports and priority.
 */
import type { Pod, PodCondition } from './kubeTypes';
import { readList, readMap, readString, type ReadContext } from './objectReader';
import { sourceOf } from './node';
import { readObjectMeta, readPodSpec, readTimestamp } from './podSpec';
import type { FieldPath } from './fieldPath';

export function readPod(ctx: ReadContext, value: unknown, basePath: FieldPath): Pod | undefined {
  const before = ctx.problems.length;
  const root = readMap(ctx, value, basePath);
  if (!root) return undefined;
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  const spec = readPodSpec(ctx, root.spec, [...basePath, 'spec']);
  const statusPath = [...basePath, 'status'];
  const status = readMap(ctx, root.status, statusPath);
  const conditions: PodCondition[] = [];
  readList(ctx, status?.conditions, [...statusPath, 'conditions']).forEach((entry, index) => {
    const conditionPath = [...statusPath, 'conditions', index];
    const map = readMap(ctx, entry, conditionPath);
    if (!map) return;
    const condition: PodCondition = {
      type: readString(ctx, map, 'type', conditionPath) ?? '',
      status: readString(ctx, map, 'status', conditionPath) ?? '',
    };
    const since = readTimestamp(ctx, map, 'lastTransitionTime', conditionPath);
    if (since !== undefined) condition.lastTransitionTime = since;
    conditions.push(condition);
  });
  const pod: Pod = {
    metadata,
    spec,
    status: { conditions },
    source: sourceOf(ctx, basePath),
  };
  const phase = readString(ctx, status, 'phase', statusPath);
  if (phase !== undefined) pod.status.phase = phase;
  const startTime = readTimestamp(ctx, status, 'startTime', statusPath);
  if (startTime !== undefined) pod.status.startTime = startTime;
  return ctx.problems.length === before ? pod : undefined;
}

export { CONTROLLER_REVISION_HASH_LABEL, POD_TEMPLATE_GENERATION_LABEL, podReadyCondition } from './podLabels';
