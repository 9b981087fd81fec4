/**
 * invalid-toleration: `ValidateTolerations` (rulebook V5), in its order and
 * with its field paths, including the quirk that an invalid value of an
 * Equal toleration is reported at `.operator`.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { joined, labelValueProblems, qualifiedNameProblems } from '../../model/labelSyntax';
import { asArray, asRecord, isSet, quote } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export const invalidToleration: Rule = {
  id: 'invalid-toleration',
  defaultSeverity: 'error',
  description:
    'Tolerations the API server rejects: a bad key, an empty key without `Exists`, `Exists` with a value, `tolerationSeconds` without `NoExecute`, an unknown operator or effect.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx: RuleContext) => {
    const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
    // One list filled by an indexed loop, not flatMap over a list per toleration: every toleration of
    // every DaemonSet passes here, in a fresh server unoptimized (what opening a large file measures).
    const tolerations = asArray(podSpec?.tolerations);
    const findings: RuleFinding[] = [];
    for (let index = 0; index < tolerations.length; index++) {
      addTolerationFindings(findings, asRecord(tolerations[index]), [...POD_SPEC_PATH, 'tolerations', index]);
    }
    return findings;
  },
};

/** Problems are asked for first and a finding built only when there are some: nearly every toleration is valid. */
function addTolerationFindings(findings: RuleFinding[], toleration: Record<string, unknown> | undefined, path: readonly (string | number)[]): void {
  if (!toleration) return;
  const key = typeof toleration.key === 'string' ? toleration.key : '';
  const operator = typeof toleration.operator === 'string' ? toleration.operator : '';
  const value = typeof toleration.value === 'string' ? toleration.value : '';
  const effect = typeof toleration.effect === 'string' ? toleration.effect : '';
  if (key.length > 0) {
    const problems = qualifiedNameProblems(key);
    if (problems.length > 0) {
      findings.push({ path: [...path, 'key'], message: `Invalid toleration key ${JSON.stringify(key)}: ${joined(problems)[0]}.` });
    }
  } else if (operator !== 'Exists') {
    findings.push({
      path: [...path, 'operator'],
      anchor: isSet(toleration.operator) ? [...path, 'operator'] : path,
      message:
        'A toleration without a key must use `operator: Exists`: it then tolerates every taint (of its effect, or of all effects when the effect is empty).',
    });
  }
  if (isSet(toleration.tolerationSeconds) && effect !== 'NoExecute') {
    findings.push({
      path: [...path, 'effect'],
      anchor: isSet(toleration.effect) ? [...path, 'effect'] : [...path, 'tolerationSeconds'],
      message: `tolerationSeconds only applies to the NoExecute effect${effect ? `, not ${effect}` : ''}: it bounds how long the pod stays after the taint appears.`,
    });
  }
  if (operator === 'Equal' || operator === '') {
    const problems = labelValueProblems(value);
    if (problems.length > 0) {
      findings.push({
        path: [...path, 'operator'],
        anchor: [...path, 'value'],
        message: `Invalid toleration value ${JSON.stringify(value)}: ${joined(problems)[0]}.`,
      });
    }
  } else if (operator === 'Exists') {
    if (value.length > 0) {
      findings.push({
        path: [...path, 'operator'],
        anchor: [...path, 'value'],
        message: `A toleration with \`operator: Exists\` must not have a value (it matches every value of ${key ? `\`${key}\`` : 'any key'}); remove \`value: ${value}\` or use \`operator: Equal\`.`,
      });
    }
  } else {
    findings.push({
      path: [...path, 'operator'],
      message: `Unsupported toleration operator ${quote(toleration.operator)}: supported values are "Equal" and "Exists".`,
    });
  }
  if (effect.length > 0 && !EFFECTS.includes(effect)) {
    findings.push({
      path: [...path, 'effect'],
      message: `Unsupported taint effect ${quote(effect)}: supported values are "NoSchedule", "PreferNoSchedule" and "NoExecute" (or empty for all effects).`,
    });
  }
}
