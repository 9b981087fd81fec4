/**
 * The subset of the Kubernetes API types that placement, status and rollouts
 * read, with Kubernetes' own field names so code and docs can be compared
 * side by side. Plain data only: these objects cross into the browser
 * (webview) and are safe to structured-clone or JSON-encode.
 */
import type { LabelSelector } from './labelSelector';
import type { FieldPath } from './fieldPath';

/** Where an object came from, so a later layer can find the range of any of its fields. */
export interface ObjectSource {
  /** File path or URI as the caller named it. */
  file: string;
  /** Index of the YAML document in the file. */
  documentIndex: number;
  /** Path of the object inside the document: [] for a top-level object, ['items', 3] inside a List. */
  basePath: FieldPath;
  /** 1-based line of the object's first field. */
  line: number;
}

export type IntOrString = number | string;

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generation?: number;
  ownerReferences: OwnerReference[];
}

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeSelector {
  /** Absent (null) and empty both select no node (rule A4). */
  nodeSelectorTerms?: NodeSelectorTerm[] | null;
}

export interface PreferredSchedulingTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

export interface Affinity {
  nodeAffinity?: NodeAffinity;
  /** Kept opaque: pod (anti-)affinity never decides daemon placement (rule P6). */
  podAffinity?: unknown;
  podAntiAffinity?: unknown;
}

export interface ResourceRequirements {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  protocol?: string;
  /** The host address a hostPort binds; absent means every address (0.0.0.0). */
  hostIP?: string;
}

export interface Container {
  name: string;
  image?: string;
  resources?: ResourceRequirements;
  ports?: ContainerPort[];
  /** Init containers only: `Always` makes a native sidecar (SidecarContainers, GA 1.33). */
  restartPolicy?: string;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  hostNetwork?: boolean;
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  priorityClassName?: string;
  schedulerName?: string;
  overhead?: Record<string, string>;
  /** Set by the Priority admission plugin from priorityClassName; a pod read from a cluster carries it. */
  priority?: number;
  /** PreemptLowerPriority (the default) or Never. */
  preemptionPolicy?: string;
  /** Pod-level resources (PodLevelResources, beta on from 1.34): cpu and memory for the whole pod. */
  resources?: ResourceRequirements;
}

export interface PodTemplateSpec {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: PodSpec;
}

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DaemonSetUpdateStrategy {
  /** 'RollingUpdate' | 'OnDelete'; anything else is kept so validation can report it. */
  type?: string;
  rollingUpdate?: RollingUpdateDaemonSet;
}

export interface DaemonSetSpec {
  selector?: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  /** extensions/v1beta1 only. */
  templateGeneration?: number;
}

export interface DaemonSet {
  apiVersion: string;
  kind: 'DaemonSet';
  /** extensions/v1beta1 and apps/v1beta2 are served no more (removed in Kubernetes 1.16). */
  deprecated: boolean;
  metadata: ObjectMeta;
  spec: DaemonSetSpec;
  /** The raw `spec.template` value, for hashing the revision (rule R5). */
  rawTemplate: unknown;
  source?: ObjectSource;
}

export interface NodeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface Node {
  metadata: ObjectMeta;
  spec: { taints: Taint[]; unschedulable: boolean; podCIDR?: string };
  status: {
    conditions: NodeCondition[];
    allocatable: Record<string, string>;
    capacity: Record<string, string>;
    /** Only what the tools read of it: the kubelet's version decides which features the node has. */
    nodeInfo?: { kubeletVersion?: string };
  };
  source?: ObjectSource;
}

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export interface Pod {
  metadata: ObjectMeta;
  spec: PodSpec;
  status: { phase?: string; conditions: PodCondition[]; startTime?: string };
  source?: ObjectSource;
}

/** scheduling.k8s.io/v1 PriorityClass: the priority a pod naming it gets. */
export interface PriorityClass {
  metadata: ObjectMeta;
  value: number;
  globalDefault: boolean;
  /** PreemptLowerPriority (the default) or Never. */
  preemptionPolicy?: string;
  source?: ObjectSource;
}
