/**
 * legacy-control-plane-toleration: the DaemonSet tolerates the legacy
 * `node-role.kubernetes.io/master` taint but not `node-role.kubernetes.io/control-plane`.
 * kubeadm taints control-plane nodes with the new key from Kubernetes 1.24 and
 * with it alone from 1.25, so after an upgrade such a log or CNI agent
 * silently leaves the control plane (rulebook N5: a toleration for one key
 * does not cover the other). Judged for the version in force; with none
 * known, the newest supported.
 */
import type { Taint, Toleration } from '../../model/kubeTypes';
import { describeVersionInForce, formatVersion, isAtLeast } from '../../model/kubernetesVersion';
import { CONTROL_PLANE_TAINT_SINCE, TAINT_CONTROL_PLANE, TAINT_LEGACY_MASTER } from '../../model/wellKnownTaints';
import { POD_SPEC_PATH } from '../../model/fieldPath';
import { formatTaint, suggestToleration, tolerationToleratesTaint, tolerationsTolerateTaint } from '../../reconciler';
import { isDaemonSetDocument } from '../kubernetesResource';
import { asArray, asRecord } from './fieldAccess';
import type { Rule } from './rule';

export const LEGACY_MASTER_TAINT: Taint = { key: TAINT_LEGACY_MASTER, effect: 'NoSchedule' };
export const CONTROL_PLANE_TAINT: Taint = { key: TAINT_CONTROL_PLANE, effect: 'NoSchedule' };

export const legacyControlPlaneToleration: Rule = {
  id: 'legacy-control-plane-toleration',
  defaultSeverity: 'warning',
  description:
    'Tolerates `node-role.kubernetes.io/master` but not `node-role.kubernetes.io/control-plane`: from Kubernetes 1.24 kubeadm taints control-plane nodes with the new key (from 1.25 with it alone), so the DaemonSet leaves the control plane after an upgrade. The quick fix adds the new toleration next to the old one.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const inForce = ctx.kubernetesVersion;
    if (!isAtLeast(inForce.version, CONTROL_PLANE_TAINT_SINCE)) return [];
    const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
    const tolerations = asArray(podSpec?.tolerations).map((t) => (asRecord(t) ?? {}) as Toleration);
    if (tolerationsTolerateTaint(tolerations, CONTROL_PLANE_TAINT)) return [];
    const index = tolerations.findIndex((t) => tolerationToleratesTaint(t, LEGACY_MASTER_TAINT));
    if (index < 0) return [];
    const since = formatVersion(CONTROL_PLANE_TAINT_SINCE);
    return [
      {
        path: [...POD_SPEC_PATH, 'tolerations', index, 'key'],
        message: `This toleration covers ${TAINT_LEGACY_MASTER} but not ${formatTaint(CONTROL_PLANE_TAINT)}, which kubeadm puts on control-plane nodes from Kubernetes ${since} (alone from 1.25), so the DaemonSet gets no pod there; the cluster is ${describeVersionInForce(inForce)}. Add the toleration ${suggestToleration(CONTROL_PLANE_TAINT)} next to it.`,
        data: { taints: [{ ...CONTROL_PLANE_TAINT }], after: index },
      },
    ];
  },
};
