/**
 * critical-priority-namespace: `priorityClassName: system-node-critical` (or
 * system-cluster-critical) outside kube-system on a cluster of 1.11–1.16. The
 * Priority admission plugin of those versions rejects such pods ("pods with
 * system-node-critical priorityClass is not permitted in <ns> namespace"), so
 * the DaemonSet is created but gets no pod at all; from 1.17 any namespace may
 * use them (versionGates.ts). Only a version in force from the setting or the
 * inventory can be that old; the newest supported never is.
 */
import { describeVersionInForce, isAtLeast } from '../../model/kubernetesVersion';
import { POD_SPEC_PATH } from '../../model/fieldPath';
import { isDaemonSetDocument } from '../kubernetesResource';
import { asRecord } from './fieldAccess';
import type { Rule } from './rule';
import { CRITICAL_PRIORITY_ANY_NAMESPACE, tableVersion } from './versionGates';

const CRITICAL_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

export const criticalPriorityNamespace: Rule = {
  id: 'critical-priority-namespace',
  defaultSeverity: 'warning',
  description:
    '`system-node-critical` or `system-cluster-critical` outside kube-system on a Kubernetes 1.11–1.16 cluster: the Priority admission plugin of those versions rejects every pod, so the DaemonSet runs nowhere (allowed in any namespace from 1.17).',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const inForce = ctx.kubernetesVersion;
    const from = tableVersion(CRITICAL_PRIORITY_ANY_NAMESPACE.restrictedFrom);
    const until = tableVersion(CRITICAL_PRIORITY_ANY_NAMESPACE.since);
    if (!from || !until || !isAtLeast(inForce.version, from) || isAtLeast(inForce.version, until)) return [];
    const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
    const priorityClassName = podSpec?.priorityClassName;
    if (typeof priorityClassName !== 'string' || !CRITICAL_CLASSES.has(priorityClassName)) return [];
    const namespace = asRecord(ctx.root.metadata)?.namespace;
    if (namespace === 'kube-system') return [];
    const where = typeof namespace === 'string' && namespace !== '' ? `in namespace ${namespace}` : 'unless it is applied to kube-system (the manifest names no namespace)';
    return [
      {
        path: [...POD_SPEC_PATH, 'priorityClassName'],
        message: `Before Kubernetes ${CRITICAL_PRIORITY_ANY_NAMESPACE.since} the API server admits ${priorityClassName} pods only in kube-system, so this DaemonSet gets no pod ${where}; the cluster is ${describeVersionInForce(inForce)}. Move it to kube-system or use a PriorityClass of your own.`,
      },
    ];
  },
};
