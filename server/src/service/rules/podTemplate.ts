/**
 * invalid-pod-template: what `ValidateDaemonSetSpec` forbids in the pod
 * template of a DaemonSet (rulebook V1.4–V1.7, V1.10): a restart policy other
 * than Always, activeDeadlineSeconds, ephemeral containers, and negative
 * minReadySeconds or revisionHistoryLimit.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { asRecord, isSet, quote } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { EPHEMERAL_CONTAINERS_PATH, POD_SPEC_PATH } from '../../model/fieldPath';

export const invalidPodTemplate: Rule = {
  id: 'invalid-pod-template',
  defaultSeverity: 'error',
  description:
    'Pod template settings a DaemonSet may not have: `restartPolicy` other than Always, `activeDeadlineSeconds`, ephemeral containers, negative `minReadySeconds` or `revisionHistoryLimit`.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkPodTemplate,
};

function checkPodTemplate(ctx: RuleContext): RuleFinding[] {
  const spec = asRecord(ctx.root.spec);
  if (!spec) return [];
  const findings: RuleFinding[] = [];
  const podSpec = asRecord(asRecord(spec.template)?.spec);
  if (podSpec) {
    const restartPolicy = podSpec.restartPolicy;
    if (isSet(restartPolicy) && restartPolicy !== 'Always') {
      findings.push({
        path: [...POD_SPEC_PATH, 'restartPolicy'],
        message: `Unsupported restartPolicy ${quote(restartPolicy)}: a DaemonSet pod must use "Always" (the default). Daemon pods run until the node goes away; use a Job for work that finishes.`,
      });
    }
    if (isSet(podSpec.activeDeadlineSeconds)) {
      findings.push({
        path: [...POD_SPEC_PATH, 'activeDeadlineSeconds'],
        on: 'key',
        message: 'activeDeadlineSeconds is forbidden in a DaemonSet pod template: it would kill every daemon pod after that many seconds.',
      });
    }
    if (isSet(podSpec.ephemeralContainers)) {
      findings.push({
        path: EPHEMERAL_CONTAINERS_PATH,
        on: 'key',
        message: 'ephemeralContainers are forbidden in a pod template: they are added to running pods with `kubectl debug`.',
      });
    }
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    const value = spec[field];
    if (typeof value === 'number' && value < 0) {
      findings.push({ path: ['spec', field], message: `${field} must be greater than or equal to 0.` });
    }
  }
  return findings;
}
