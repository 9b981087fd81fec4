/** Pod labels and conditions the controller reads; free of the YAML parser. */
import type { Pod, PodCondition } from './kubeTypes';

export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** The pod's Ready condition, if it has one. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status.conditions.find((condition) => condition.type === 'Ready');
}
