/**
 * control-plane-node-label: a DaemonSet that selects control-plane nodes by a
 * kubeadm role label the cluster's version does not put on them. kubeadm
 * stopped labelling them `node-role.kubernetes.io/master` in 1.24 (and
 * `kubeadm upgrade` removes the label), so an agent pinned to the control
 * plane by that label silently runs nowhere after the upgrade; before 1.20 the
 * `node-role.kubernetes.io/control-plane` label did not exist yet
 * (versionGates.ts). Judged for the version in force; with none known, the
 * newest supported. A selection that names both labels is left alone.
 */
import { describeVersionInForce, isAtLeast } from '../../model/kubernetesVersion';
import { POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import { TAINT_CONTROL_PLANE, TAINT_LEGACY_MASTER } from '../../model/wellKnownTaints';
import { isDaemonSetDocument } from '../kubernetesResource';
import { asArray, asRecord } from './fieldAccess';
import type { Rule, RuleFinding } from './rule';
import { CONTROL_PLANE_LABEL_ADDED, MASTER_LABEL_REMOVED, tableVersion } from './versionGates';

/** kubeadm's role labels have the keys of its control-plane taints. */
const MASTER_LABEL = TAINT_LEGACY_MASTER;
const CONTROL_PLANE_LABEL = TAINT_CONTROL_PLANE;

/** Where the pod template selects by `key` so that a node without the label is not selected: nodeSelector, or In/Exists in a required term. */
function requiringPaths(podSpec: Record<string, unknown> | undefined, key: string): FieldPath[] {
  const paths: FieldPath[] = [];
  const nodeSelector = asRecord(podSpec?.nodeSelector);
  if (nodeSelector && Object.hasOwn(nodeSelector, key)) paths.push([...POD_SPEC_PATH, 'nodeSelector', key]);
  const required = asRecord(asRecord(asRecord(podSpec?.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution);
  const terms = asArray(required?.nodeSelectorTerms);
  for (let t = 0; t < terms.length; t++) {
    const expressions = asArray(asRecord(terms[t])?.matchExpressions);
    for (let e = 0; e < expressions.length; e++) {
      const record = asRecord(expressions[e]);
      if (record?.key === key && (record.operator === 'In' || record.operator === 'Exists')) {
        paths.push([...POD_SPEC_PATH, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', t, 'matchExpressions', e, 'key']);
      }
    }
  }
  return paths;
}

/** The squiggle goes on the label's name: a nodeSelector entry's key, an expression's `key` value. */
function onLabel(path: FieldPath): Pick<RuleFinding, 'on'> {
  return path[path.length - 1] === 'key' ? {} : { on: 'key' };
}

/** Whether the selection names `key` anywhere (nodeSelector, required or preferred terms): the author has covered it. */
function mentions(podSpec: Record<string, unknown> | undefined, key: string): boolean {
  const nodeSelector = asRecord(podSpec?.nodeSelector);
  if (nodeSelector && Object.hasOwn(nodeSelector, key)) return true;
  // Loops, no arrays or callbacks: asked twice of every document, mostly while this code is cold.
  const nodeAffinity = asRecord(asRecord(podSpec?.affinity)?.nodeAffinity);
  const required = asArray(asRecord(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms);
  for (let i = 0; i < required.length; i++) if (termMentions(required[i], key)) return true;
  const preferred = asArray(nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
  for (let i = 0; i < preferred.length; i++) if (termMentions(asRecord(preferred[i])?.preference, key)) return true;
  return false;
}

function termMentions(term: unknown, key: string): boolean {
  const expressions = asArray(asRecord(term)?.matchExpressions);
  for (let i = 0; i < expressions.length; i++) if (asRecord(expressions[i])?.key === key) return true;
  return false;
}

export const controlPlaneNodeLabel: Rule = {
  id: 'control-plane-node-label',
  defaultSeverity: 'warning',
  description:
    'Selects control-plane nodes by a kubeadm role label the cluster\'s version does not set: `node-role.kubernetes.io/master` from 1.24 (kubeadm stopped applying it and `kubeadm upgrade` removes it), `node-role.kubernetes.io/control-plane` before 1.20 (it did not exist yet). The DaemonSet then runs on no control-plane node.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const inForce = ctx.kubernetesVersion;
    const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
    const removed = tableVersion(MASTER_LABEL_REMOVED.since);
    const added = tableVersion(CONTROL_PLANE_LABEL_ADDED.since);
    const findings: RuleFinding[] = [];
    if (removed && isAtLeast(inForce.version, removed) && !mentions(podSpec, CONTROL_PLANE_LABEL)) {
      for (const path of requiringPaths(podSpec, MASTER_LABEL)) {
        findings.push({
          path,
          ...onLabel(path),
          message: `This selects nodes by ${MASTER_LABEL}, which kubeadm stopped putting on control-plane nodes in Kubernetes ${MASTER_LABEL_REMOVED.since} (kubeadm upgrade removes it), so on a kubeadm cluster (kind too) the DaemonSet runs on no control-plane node; the cluster is ${describeVersionInForce(inForce)}. Select ${CONTROL_PLANE_LABEL} instead.`,
        });
      }
    }
    if (added && !isAtLeast(inForce.version, added) && !mentions(podSpec, MASTER_LABEL)) {
      for (const path of requiringPaths(podSpec, CONTROL_PLANE_LABEL)) {
        findings.push({
          path,
          ...onLabel(path),
          message: `This selects nodes by ${CONTROL_PLANE_LABEL}, which kubeadm puts on control-plane nodes only from Kubernetes ${CONTROL_PLANE_LABEL_ADDED.since}; the cluster is ${describeVersionInForce(inForce)}, so the DaemonSet runs on no control-plane node. Select ${MASTER_LABEL} there.`,
        });
      }
    }
    return findings;
  },
};
