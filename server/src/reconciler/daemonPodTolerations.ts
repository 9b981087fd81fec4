/**
 * The tolerations the controller adds to every daemon pod
 * (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations), merged the
 * way pkg/apis/core/v1/helper AddOrUpdateTolerationInPodSpec merges them.
 */
import type { Toleration } from '../model/kubeTypes';

import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../model/wellKnownTaints';

export {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
};

/** U1, in the order the controller adds them. All Exists, no value, no tolerationSeconds. */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const added: Toleration[] = [
    // U3: not-ready and unreachable only for NoExecute, so a NoSchedule variant still blocks creation.
    { key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    // U4: pressure and cordon only for NoSchedule.
    { key: TAINT_NODE_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_NODE_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) added.push({ key: TAINT_NODE_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  return added;
}

/** MatchToleration: same key, operator, value and effect (operator compared as written). */
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  );
}

/**
 * U2: a user toleration matching on all four fields is replaced in place by
 * the automatic one (dropping its tolerationSeconds); otherwise the automatic
 * one is appended.
 */
export function addOrUpdateTolerationInPodSpec(tolerations: readonly Toleration[], toleration: Toleration): Toleration[] {
  let updated = false;
  const result: Toleration[] = [];
  for (const existing of tolerations) {
    if (matchToleration(toleration, existing)) {
      result.push(toleration);
      updated = true;
    } else {
      result.push(existing);
    }
  }
  if (!updated) result.push(toleration);
  return result;
}

/** The candidate daemon pod's tolerations (P0): the template's plus U1, merged per U2. */
export function addOrUpdateDaemonPodTolerations(
  tolerations: readonly Toleration[] | undefined,
  hostNetwork: boolean | undefined,
): Toleration[] {
  let result: Toleration[] = [...(tolerations ?? [])];
  for (const toleration of daemonPodTolerations(hostNetwork === true)) {
    result = addOrUpdateTolerationInPodSpec(result, toleration);
  }
  return result;
}
