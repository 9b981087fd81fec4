/**
 * The built-in API group versions a cluster of a given Kubernetes version
 * serves, for Helm's `.Capabilities.APIVersions` (`.Has "policy/v1"`,
 * `.Has "policy/v1/PodDisruptionBudget"`). Each entry holds from its first
 * minor to its last served one (the removals of the deprecation guide).
 */
import { isAtLeast, type KubernetesVersion } from './kubernetesVersion';

interface ServedVersion {
  groupVersion: string;
  kinds: readonly string[];
  since: number;
  /** The last minor that serves it; absent while it is served. */
  until?: number;
}

const SERVED: readonly ServedVersion[] = [
  { groupVersion: 'v1', kinds: ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Pod', 'Namespace', 'Node', 'PersistentVolumeClaim', 'Endpoints', 'Event', 'LimitRange', 'ResourceQuota'], since: 0 },
  { groupVersion: 'apps/v1', kinds: ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'ControllerRevision'], since: 9 },
  { groupVersion: 'batch/v1', kinds: ['Job', 'CronJob'], since: 0 },
  { groupVersion: 'batch/v1beta1', kinds: ['CronJob'], since: 8, until: 24 },
  { groupVersion: 'policy/v1', kinds: ['PodDisruptionBudget'], since: 21 },
  { groupVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'], since: 5, until: 24 },
  { groupVersion: 'rbac.authorization.k8s.io/v1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], since: 8 },
  { groupVersion: 'networking.k8s.io/v1', kinds: ['NetworkPolicy', 'Ingress', 'IngressClass'], since: 7 },
  { groupVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], since: 14, until: 21 },
  { groupVersion: 'autoscaling/v1', kinds: ['HorizontalPodAutoscaler'], since: 2 },
  { groupVersion: 'autoscaling/v2', kinds: ['HorizontalPodAutoscaler'], since: 23 },
  { groupVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], since: 8, until: 24 },
  { groupVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], since: 12, until: 25 },
  { groupVersion: 'scheduling.k8s.io/v1', kinds: ['PriorityClass'], since: 14 },
  { groupVersion: 'storage.k8s.io/v1', kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'], since: 6 },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'CSIStorageCapacity'], since: 10, until: 24 },
  { groupVersion: 'apiextensions.k8s.io/v1', kinds: ['CustomResourceDefinition'], since: 16 },
  { groupVersion: 'admissionregistration.k8s.io/v1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], since: 16 },
  { groupVersion: 'coordination.k8s.io/v1', kinds: ['Lease'], since: 14 },
  { groupVersion: 'discovery.k8s.io/v1', kinds: ['EndpointSlice'], since: 21 },
  { groupVersion: 'node.k8s.io/v1', kinds: ['RuntimeClass'], since: 20 },
  { groupVersion: 'certificates.k8s.io/v1', kinds: ['CertificateSigningRequest'], since: 19 },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], since: 29 },
];

/** Every group version served at `version`, each followed by its "group/version/Kind" entries, as Helm lists discovered APIs. */
export function servedApiVersions(version: KubernetesVersion): string[] {
  const served: string[] = [];
  for (const entry of SERVED) {
    if (!isAtLeast(version, { major: 1, minor: entry.since })) continue;
    if (entry.until !== undefined && isAtLeast(version, { major: 1, minor: entry.until + 1 })) continue;
    served.push(entry.groupVersion, ...entry.kinds.map((kind) => `${entry.groupVersion}/${kind}`));
  }
  return served;
}
