/**
 * invalid-update-strategy: `ValidateDaemonSetUpdateStrategy` and
 * `ValidateRollingUpdateDaemonSet` on the defaulted object (rulebook D1, V3,
 * V4): the type, the IntOrPercent formats, percentages over 100%, and the rule
 * that exactly one of maxUnavailable and maxSurge is non-zero — counting the
 * defaults (maxUnavailable 1, maxSurge 0), which is what catches people who
 * write only `maxSurge: 1`.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { isZero, parseIntOrPercent, type IntOrPercent } from '../k8sValidation/intOrPercent';
import { asRecord, isSet, quote } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';

const STRATEGY = ['spec', 'updateStrategy'];
const ROLLING = [...STRATEGY, 'rollingUpdate'];

export const invalidUpdateStrategy: Rule = {
  id: 'invalid-update-strategy',
  defaultSeverity: 'error',
  description:
    'The update strategy the API server rejects: an unknown type, a malformed or over-100% `maxUnavailable`/`maxSurge`, or both (after defaults) zero or both non-zero.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkUpdateStrategy,
};

function checkUpdateStrategy(ctx: RuleContext): RuleFinding[] {
  const strategy = asRecord(asRecord(ctx.root.spec)?.updateStrategy);
  if (!strategy) return [];
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate'; // D1: defaulted
  if (type === 'OnDelete') return []; // V3: nothing else is checked
  if (type !== 'RollingUpdate') {
    const hint = type === 'Recreate' ? ' `Recreate` is a Deployment strategy; a DaemonSet replaces pods node by node.' : '';
    return [
      {
        path: STRATEGY,
        anchor: [...STRATEGY, 'type'],
        message: `Unsupported update strategy type ${quote(type)}: supported values are "RollingUpdate" and "OnDelete".${hint}`,
      },
    ];
  }
  const rolling = asRecord(strategy.rollingUpdate) ?? {};
  const findings: RuleFinding[] = [];
  const read = (field: 'maxUnavailable' | 'maxSurge', fallback: number): IntOrPercent | undefined => {
    const raw = rolling[field];
    if (!isSet(raw)) return { kind: 'int', value: fallback };
    const parsed = parseIntOrPercent(raw);
    if ('problem' in parsed) {
      findings.push({ path: [...ROLLING, field], message: `${field} ${parsed.problem}.` });
      return undefined;
    }
    if (parsed.kind === 'percent' && parsed.value > 100) {
      findings.push({ path: [...ROLLING, field], message: `${field} must not be greater than 100%.` });
      return undefined;
    }
    return parsed;
  };
  const maxUnavailable = read('maxUnavailable', 1);
  const maxSurge = read('maxSurge', 0);
  if (!maxUnavailable || !maxSurge) return findings;
  const unavailableWritten = isSet(rolling.maxUnavailable);
  const surgeWritten = isSet(rolling.maxSurge);
  if (!isZero(maxUnavailable) && !isZero(maxSurge)) {
    findings.push({
      path: [...ROLLING, 'maxSurge'],
      message: unavailableWritten
        ? 'maxSurge may not be set when maxUnavailable is non-zero: set one of them to 0.'
        : 'maxSurge may not be set when maxUnavailable is non-zero, and maxUnavailable defaults to 1: add `maxUnavailable: 0` to surge.',
    });
  } else if (isZero(maxUnavailable) && isZero(maxSurge)) {
    findings.push({
      path: [...ROLLING, 'maxUnavailable'],
      anchor: unavailableWritten ? [...ROLLING, 'maxUnavailable'] : ROLLING,
      message: surgeWritten
        ? 'maxUnavailable cannot be 0 when maxSurge is 0: the rolling update could never replace a pod.'
        : 'maxUnavailable cannot be 0 when maxSurge is 0 (its default): the rolling update could never replace a pod. Set maxSurge to surge instead.',
    });
  }
  return findings;
}
