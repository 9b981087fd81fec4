/**
 * The data of `field-needs-newer-kubernetes`: DaemonSet fields that only
 * work from some Kubernetes version on. A field is usable from the version
 * its feature gate is on by default (beta-on or GA): before that the API
 * server drops it silently (a disabled gate clears the field on create), so
 * the manifest applies but does not do what it says.
 *
 * Stages are the front matter of the feature-gate pages in kubernetes/website
 * (content/en/docs/reference/command-line-tools-reference/feature-gates/<Gate>.md),
 * as collected in ../shared/docs/scheduler-and-node-pools.md §3.
 */
import type { FieldPath, PathSegment } from '../../model/fieldPath';
import { parseKubernetesVersion, type KubernetesVersion } from '../../model/kubernetesVersion';

/** A path below the DaemonSet; `*` is any index of a list. */
export type GatePathPattern = readonly (string | '*')[];

export interface VersionGate {
  path: GatePathPattern;
  /** Only values this accepts are gated (e.g. `restartPolicy: Always`, `hostUsers: false`). */
  when?: (value: unknown) => boolean;
  /** What the message calls it, in Markdown. */
  what: string;
  /** The feature gate, or the component that decides. */
  gate: string;
  alpha?: string;
  /** Beta, off by default: usable only where the cluster's admin turned the gate on. */
  betaOff?: string;
  /** Beta on by default, or GA, whichever came first: the version the field works from. */
  onByDefault: string;
  ga?: string;
  source: string;
}

const SPEC = ['spec', 'template', 'spec'] as const;
const FEATURE_GATES = 'kubernetes/website content/en/docs/reference/command-line-tools-reference/feature-gates/';

const isNonZero = (value: unknown) => value !== 0 && value !== '0' && value !== '0%' && value !== null;

export const VERSION_GATES: readonly VersionGate[] = [
  {
    path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'],
    when: isNonZero,
    what: '`maxSurge`',
    gate: 'DaemonSetUpdateSurge',
    alpha: '1.21',
    onByDefault: '1.22',
    ga: '1.25',
    source: `${FEATURE_GATES}DaemonSetUpdateSurge.md; KEP-1591`,
  },
  {
    path: [...SPEC, 'initContainers', '*', 'restartPolicy'],
    when: (value) => value === 'Always',
    what: 'an init container with `restartPolicy: Always` (a native sidecar)',
    gate: 'SidecarContainers',
    alpha: '1.28',
    onByDefault: '1.29',
    ga: '1.33',
    source: `${FEATURE_GATES}SidecarContainers.md; KEP-753`,
  },
  {
    path: [...SPEC, 'resources'],
    what: 'pod-level `resources`',
    gate: 'PodLevelResources',
    alpha: '1.32',
    onByDefault: '1.34',
    source: `${FEATURE_GATES}PodLevelResources.md; KEP-2837`,
  },
  {
    path: [...SPEC, 'hostUsers'],
    when: (value) => value === false,
    what: '`hostUsers: false` (user namespaces)',
    gate: 'UserNamespacesSupport',
    alpha: '1.25',
    betaOff: '1.30',
    onByDefault: '1.33',
    ga: '1.36',
    source: `${FEATURE_GATES}UserNamespacesSupport.md; KEP-127`,
  },
  ...(['containers', 'initContainers'] as const).map(
    (list): VersionGate => ({
      path: [...SPEC, list, '*', 'resizePolicy'],
      what: '`resizePolicy` (in-place resize)',
      gate: 'InPlacePodVerticalScaling',
      alpha: '1.27',
      onByDefault: '1.33',
      ga: '1.35',
      source: `${FEATURE_GATES}InPlacePodVerticalScaling.md; KEP-1287`,
    }),
  ),
  {
    path: [...SPEC, 'volumes', '*', 'image'],
    what: 'an `image` volume',
    gate: 'ImageVolume',
    alpha: '1.31',
    betaOff: '1.33',
    onByDefault: '1.35',
    source: `${FEATURE_GATES}ImageVolume.md; KEP-4639`,
  },
  {
    path: [...SPEC, 'os'],
    what: 'the pod `os` field',
    gate: 'IdentifyPodOS',
    alpha: '1.23',
    onByDefault: '1.24',
    ga: '1.25',
    source: `${FEATURE_GATES}IdentifyPodOS.md; KEP-2802`,
  },
  ...(['containers', 'initContainers'] as const).flatMap((list) =>
    (['preStop', 'postStart'] as const).map(
      (hook): VersionGate => ({
        path: [...SPEC, list, '*', 'lifecycle', hook, 'sleep'],
        what: `a \`sleep\` ${hook} hook`,
        gate: 'PodLifecycleSleepAction',
        alpha: '1.29',
        onByDefault: '1.30',
        ga: '1.34',
        source: `${FEATURE_GATES}PodLifecycleSleepAction.md; KEP-3960`,
      }),
    ),
  ),
];

/** DaemonSet API versions the API server stopped serving, and from which version. */
export interface ApiRemoval {
  apiVersion: string;
  removed: string;
  source: string;
}

export const DAEMONSET_API_REMOVALS: readonly ApiRemoval[] = [
  // Deprecated since 1.8 (extensions) and 1.9 (apps/v1beta2); no longer served from 1.16.
  { apiVersion: 'extensions/v1beta1', removed: '1.16', source: 'kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md (v1.16)' },
  { apiVersion: 'apps/v1beta2', removed: '1.16', source: 'kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md (v1.16)' },
];

/**
 * Behaviour that changed between versions for the same manifest: what the
 * version-aware rules beside field-needs-newer-kubernetes judge by. Each with
 * the version the change took effect and its source.
 */
export interface BehaviourChange {
  /** The first version with the new behaviour. */
  since: string;
  source: string;
}

/**
 * kubeadm labels control-plane nodes `node-role.kubernetes.io/control-plane`,
 * beside the old `node-role.kubernetes.io/master`, from 1.20 (KEP-2067,
 * "Rename the kubeadm master label and taint"; kubernetes CHANGELOG-1.20, kubeadm).
 */
export const CONTROL_PLANE_LABEL_ADDED: BehaviourChange = {
  since: '1.20',
  source: 'kubernetes/enhancements KEP-2067; kubernetes CHANGELOG-1.20 (kubeadm)',
};

/**
 * From 1.24 kubeadm labels control-plane nodes only `node-role.kubernetes.io/control-plane`:
 * init and join stop applying `node-role.kubernetes.io/master`, and `kubeadm upgrade apply`
 * removes it from existing nodes (kubernetes/kubernetes PR #107533).
 */
export const MASTER_LABEL_REMOVED: BehaviourChange = {
  since: '1.24',
  source: 'kubernetes/kubernetes PR #107533 (kubeadm: apply "master" label/taint migration for 1.24); KEP-2067',
};

/**
 * The Priority admission plugin of 1.11–1.16 admits the `system-node-critical` and
 * `system-cluster-critical` priority classes only in kube-system ("pods with
 * system-node-critical priorityClass is not permitted in <ns> namespace"); from 1.17
 * any namespace may use them (ResourceQuota can still cap them).
 */
export const CRITICAL_PRIORITY_ANY_NAMESPACE: BehaviourChange & { restrictedFrom: string } = {
  restrictedFrom: '1.11',
  since: '1.17',
  source: 'kubernetes/kubernetes PR #65593 (restricted to kube-system), issue #60596 (lifted in 1.17); website pod-priority-preemption.md',
};

const parsedVersions = new Map<string, KubernetesVersion | undefined>();

/** A version these tables name, parsed once: the version-aware rules compare with them on every document. */
export function tableVersion(text: string): KubernetesVersion | undefined {
  if (!parsedVersions.has(text)) parsedVersions.set(text, parseKubernetesVersion(text));
  return parsedVersions.get(text);
}

/** Every path of `value` that matches `pattern`, with the value there. */
export function matchGatePath(value: unknown, pattern: GatePathPattern): Array<{ path: FieldPath; value: unknown }> {
  const found: Array<{ path: FieldPath; value: unknown }> = [];
  collectGatePath(value, pattern, [], found);
  return found;
}

/** Depth first, in document order, one path under construction: most documents have none of most gated fields. */
function collectGatePath(at: unknown, pattern: GatePathPattern, path: PathSegment[], found: Array<{ path: FieldPath; value: unknown }>): void {
  if (path.length === pattern.length) {
    if (at !== undefined) found.push({ path: [...path], value: at });
    return;
  }
  const segment = pattern[path.length];
  if (segment === '*') {
    if (!Array.isArray(at)) return;
    for (let index = 0; index < at.length; index++) {
      path.push(index);
      collectGatePath(at[index], pattern, path, found);
      path.pop();
    }
  } else if (at !== null && typeof at === 'object' && !Array.isArray(at) && Object.hasOwn(at, segment)) {
    path.push(segment);
    collectGatePath((at as Record<string, unknown>)[segment], pattern, path, found);
    path.pop();
  }
}
