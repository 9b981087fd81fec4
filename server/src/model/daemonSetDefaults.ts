/**
 * DaemonSet constants and the API server's defaulting, free of the YAML
 * parser so the browser-safe reconciler can use them.
 */
import type { DaemonSet, DaemonSetUpdateStrategy } from './kubeTypes';

export const DAEMONSET_API_VERSIONS = ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'] as const;
export const DEPRECATED_DAEMONSET_API_VERSIONS = ['apps/v1beta2', 'extensions/v1beta1'] as const;
/** Annotation of legacy DaemonSets whose pods carry `pod-template-generation` (rule R5). */
export const DEPRECATED_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/**
 * The object as the API server stores it after defaulting (D1, R1):
 * `SetDefaults_DaemonSet` of the object's API group. apps/v1 and apps/v1beta2
 * default to RollingUpdate with maxUnavailable 1 and maxSurge 0;
 * extensions/v1beta1 defaults to OnDelete and its selector to the template
 * labels. restartPolicy defaults to Always; revisionHistoryLimit to 10.
 */
export function setDefaultsDaemonSet(daemonSet: DaemonSet): DaemonSet {
  const legacy = daemonSet.apiVersion === 'extensions/v1beta1';
  const strategy: DaemonSetUpdateStrategy = { ...(daemonSet.spec.updateStrategy ?? {}) };
  if (!strategy.type) strategy.type = legacy ? 'OnDelete' : 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = { ...(strategy.rollingUpdate ?? {}) };
    if (rolling.maxUnavailable === undefined) rolling.maxUnavailable = 1;
    if (rolling.maxSurge === undefined) rolling.maxSurge = 0;
    strategy.rollingUpdate = rolling;
  }
  const spec = { ...daemonSet.spec, updateStrategy: strategy };
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.minReadySeconds === undefined) spec.minReadySeconds = 0;
  if (legacy && !spec.selector && Object.keys(spec.template.metadata.labels).length > 0) {
    spec.selector = { matchLabels: { ...spec.template.metadata.labels } };
  }
  if (!spec.template.spec.restartPolicy) {
    spec.template = { ...spec.template, spec: { ...spec.template.spec, restartPolicy: 'Always' } };
  }
  return { ...daemonSet, spec };
}

