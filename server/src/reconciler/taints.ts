/**
 * Taints against tolerations (k8s.io/api core/v1 toleration.go ToleratesTaint;
 * component-helpers scheduling/corev1 helpers.go FindMatchingUntoleratedTaint).
 */
import type { Taint, Toleration } from '../model/kubeTypes';

/**
 * T1: the effect must be empty (all effects) or equal; the key empty (all
 * keys) or equal, case-sensitively; operator Equal/empty compares values
 * (empty equals empty), Exists ignores them, any other operator never
 * matches. T2: tolerationSeconds plays no part.
 */
export function tolerationToleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      // Gt/Lt exist only behind an alpha gate (TaintTolerationComparisonOperators); off by default.
      return false;
  }
}

/** T3: a taint is tolerated when at least one toleration tolerates it. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const toleration of tolerations) {
    if (tolerationToleratesTaint(toleration, taint)) return true;
  }
  return false;
}

/** The first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** Every untolerated taint passing `filter`, for explanations. */
export function findAllUntoleratedTaints(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  filter: (taint: Taint) => boolean,
): Taint[] {
  return taints.filter((taint) => filter(taint) && !tolerationsTolerateTaint(tolerations, taint));
}

/** T4: only NoSchedule and NoExecute taints take part in placement. */
export function isSchedulingTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

export function isNoExecuteTaint(taint: Taint): boolean {
  return taint.effect === 'NoExecute';
}

/** `key=value:Effect`, as kubectl prints taints. */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** The toleration a user would add for a taint, as a YAML flow mapping. */
export function suggestToleration(taint: Taint): string {
  return taint.value
    ? `{key: ${taint.key}, operator: Equal, value: "${taint.value}", effect: ${taint.effect}}`
    : `{key: ${taint.key}, operator: Exists, effect: ${taint.effect}}`;
}
