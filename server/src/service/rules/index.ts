import { invalidContainer } from './containers';
import { invalidHostAlias } from './hostAliases';
import { deploymentFields } from './deploymentFields';
import { deprecatedApiVersion } from './deprecatedApiVersion';
import { fieldNeedsNewerKubernetes } from './fieldNeedsNewerKubernetes';
import { legacyControlPlaneToleration } from './legacyControlPlaneToleration';
import { controlPlaneNodeLabel } from './controlPlaneNodeLabel';
import { criticalPriorityNamespace } from './criticalPriorityNamespace';
import { hostNetworkDnsPolicy } from './hostNetworkDnsPolicy';
import { hostPortWithSurge } from './hostPortWithSurge';
import { imageTagLatest } from './imageTagLatest';
import { missingResourceRequests } from './missingResourceRequests';
import { nodeNamePinned } from './nodeNamePinned';
import { noPriorityClass } from './noPriorityClass';
import { invalidNodeGroupSource } from './nodeGroupSource';
import { addedCapabilities, hostNamespaces, privilegedContainer, sensitiveHostPath } from './security';
import { invalidMetadata } from './metadata';
import { invalidNodeAffinity, invalidNodeSelector } from './nodeAffinity';
import { invalidPodTemplate } from './podTemplate';
import type { Rule } from './rule';
import { schema } from './schema';
import { invalidSelector } from './selector';
import { selectorDrift } from './selectorDrift';
import { invalidToleration } from './tolerations';
import { invalidTopologySpreadConstraint } from './topologySpread';
import { invalidUpdateStrategy } from './updateStrategy';
import { invalidVolume } from './volumes';

/**
 * Every document rule. The API-server checks come in the order of
 * `ValidateDaemonSet` (metadata, selector, template, strategy), so the first
 * error reported for a position is the one Kubernetes reports first; the
 * pitfall rules follow.
 */
export const documentRules: readonly Rule[] = [
  schema,
  invalidMetadata,
  invalidSelector,
  selectorDrift,
  invalidPodTemplate,
  // ValidatePodSpec: volumes before containers.
  invalidVolume,
  invalidContainer,
  invalidToleration,
  invalidNodeAffinity,
  invalidNodeSelector,
  // ValidatePodSpec: topology spread after affinity, host aliases after tolerations.
  invalidTopologySpreadConstraint,
  invalidHostAlias,
  invalidUpdateStrategy,
  // Pitfalls: valid to the API server, wrong in practice.
  deprecatedApiVersion,
  fieldNeedsNewerKubernetes,
  legacyControlPlaneToleration,
  controlPlaneNodeLabel,
  criticalPriorityNamespace,
  deploymentFields,
  hostPortWithSurge,
  nodeNamePinned,
  hostNetworkDnsPolicy,
  imageTagLatest,
  missingResourceRequests,
  noPriorityClass,
  privilegedContainer,
  addedCapabilities,
  hostNamespaces,
  sensitiveHostPath,
  // Not DaemonSets: the node-group sources of the inventory (kind, Karpenter, eksctl, Cluster API).
  invalidNodeGroupSource,
];

/** The rules that judge a manifest against the cluster's Kubernetes version (what `daemonset preview` reports besides placement). */
export const versionRules: readonly Rule[] = [fieldNeedsNewerKubernetes, legacyControlPlaneToleration, controlPlaneNodeLabel, criticalPriorityNamespace];

export type { Rule, RuleContext, RuleFinding } from './rule';
