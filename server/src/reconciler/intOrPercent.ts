/**
 * intstr.GetScaledValueFromIntOrPercent and the DaemonSet's use of it
 * (daemonset_util.go SurgeCount, UnavailableCount; update.go
 * updatedDesiredNodeCounts).
 */
import type { DaemonSet, IntOrString } from '../model/kubeTypes';

export type Scaled = { value: number } | { error: string };

const PERCENT = /^([+-]?\d+)%$/;

/** R2: an integer is used as is; "N%" of total, rounded up (both fields) or down. */
export function getScaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): Scaled {
  if (value === undefined) return { error: 'nil value for IntOrString' };
  if (typeof value === 'number') return { value };
  const match = PERCENT.exec(value);
  if (!match) return { error: `invalid value for IntOrString: invalid type: string is not a percentage (${JSON.stringify(value)})` };
  const percent = Number(match[1]);
  const exact = (percent * total) / 100;
  return { value: roundUp ? Math.ceil(exact) : Math.floor(exact) };
}

function isRollingUpdate(daemonSet: DaemonSet): boolean {
  return (daemonSet.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** SurgeCount: 0 unless RollingUpdate with maxSurge set. */
export function surgeCount(daemonSet: DaemonSet, numberToSchedule: number): Scaled {
  const rolling = daemonSet.spec.updateStrategy?.rollingUpdate;
  if (!isRollingUpdate(daemonSet) || !rolling || rolling.maxSurge === undefined) return { value: 0 };
  return getScaledValueFromIntOrPercent(rolling.maxSurge, numberToSchedule, true);
}

/** UnavailableCount: 0 unless RollingUpdate. */
export function unavailableCount(daemonSet: DaemonSet, numberToSchedule: number): Scaled {
  const rolling = daemonSet.spec.updateStrategy?.rollingUpdate;
  if (!isRollingUpdate(daemonSet) || !rolling) return { value: 0 };
  return getScaledValueFromIntOrPercent(rolling.maxUnavailable, numberToSchedule, true);
}

/** R4: surge is on when maxSurge resolves above 0 for a single node. */
export function allowsSurge(daemonSet: DaemonSet): boolean {
  const surge = surgeCount(daemonSet, 1);
  return 'value' in surge && surge.value > 0;
}

export interface UpdateBudget {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/** updatedDesiredNodeCounts' arithmetic, with R3's fallback to maxUnavailable 1. */
export function resolveUpdateBudget(daemonSet: DaemonSet, desiredNumberScheduled: number): UpdateBudget | { error: string } {
  const unavailable = unavailableCount(daemonSet, desiredNumberScheduled);
  if ('error' in unavailable) return unavailable;
  const surge = surgeCount(daemonSet, desiredNumberScheduled);
  if ('error' in surge) return surge;
  let maxUnavailable = unavailable.value;
  const maxSurge = surge.value;
  // R3: an impossible configuration (both 0) falls back to accepting one unavailable pod.
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}
