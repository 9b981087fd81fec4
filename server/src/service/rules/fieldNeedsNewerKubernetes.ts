/**
 * field-needs-newer-kubernetes: a field the cluster's Kubernetes version does
 * not have on by default. The API server of such a cluster drops the field
 * silently (its feature gate is off), so the DaemonSet applies and then
 * behaves as if the field were not there: no surge, no sidecar, no user
 * namespace. The version in force comes from the setting, the inventory's
 * kubelets or the newest supported version (model/kubernetesVersion.ts);
 * the fields and versions from the table in versionGates.ts.
 */
import { describeVersionInForce, isAtLeast, type KubernetesVersion } from '../../model/kubernetesVersion';
import { isDaemonSetDocument } from '../kubernetesResource';
import type { Rule, RuleFinding } from './rule';
import { matchGatePath, tableVersion, VERSION_GATES, type VersionGate } from './versionGates';

export const fieldNeedsNewerKubernetes: Rule = {
  id: 'field-needs-newer-kubernetes',
  defaultSeverity: 'warning',
  description:
    'A field newer than the cluster\'s Kubernetes version (`daemonset.kubernetesVersion`, else the oldest kubelet of the node inventory): `maxSurge`, native sidecars, pod-level `resources`, `hostUsers: false`, `resizePolicy`, `image` volumes, `os`, `sleep` hooks. Before its feature gate is on by default the API server drops the field silently.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const inForce = ctx.kubernetesVersion;
    const findings: RuleFinding[] = [];
    for (const gate of VERSION_GATES) {
      const needed = tableVersion(gate.onByDefault);
      if (!needed || isAtLeast(inForce.version, needed)) continue;
      for (const at of matchGatePath(ctx.root, gate.path)) {
        if (gate.when && !gate.when(at.value)) continue;
        findings.push({
          path: at.path,
          on: 'key',
          message: `${capitalized(gate.what)} needs Kubernetes ${gate.onByDefault} (${stages(gate)}); the cluster is ${describeVersionInForce(inForce)}. ${consequence(gate, inForce.version)}`,
        });
      }
    }
    return findings;
  },
};

/** "beta, on by default; GA 1.25", or "GA". */
function stages(gate: VersionGate): string {
  if (gate.ga === gate.onByDefault) return 'GA';
  return gate.ga ? `beta, on by default; GA ${gate.ga}` : 'beta, on by default';
}

/** What a cluster of that version does with the field. */
function consequence(gate: VersionGate, version: KubernetesVersion): string {
  const alpha = gate.alpha === undefined ? undefined : tableVersion(gate.alpha);
  if (alpha && !isAtLeast(version, alpha)) return `Kubernetes before ${gate.alpha} does not know the field: the API server drops it.`;
  return `Before ${gate.onByDefault} the API server drops the field unless the ${gate.gate} feature gate is turned on.`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
