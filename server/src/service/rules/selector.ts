/**
 * invalid-selector: `ValidateDaemonSetSpec` validates `spec.selector` with
 * apimachinery's `ValidateLabelSelector` before anything else of the spec:
 * matchLabels keys and values must be valid labels; In/NotIn need values,
 * Exists/DoesNotExist forbid them, other operators are invalid; expression
 * keys and values must be valid labels. Errors are reported at the field
 * Kubernetes names, with its message, so the user is sent to the selector and
 * not to the template labels. (Whether a valid selector matches the template
 * is selector-drift's to report; Kubernetes skips that check when the
 * selector has errors, and so does selector-drift.)
 */
import { labelSelectorProblems, type LabelSelectorProblem } from '../../model/labelSelector';
import { SELECTOR_PATH, valueAt } from '../../model/fieldPath';
import { isDaemonSetDocument } from '../kubernetesResource';
import { asRecord, isSet } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';


export const invalidSelector: Rule = {
  id: 'invalid-selector',
  defaultSeverity: 'error',
  description:
    '`spec.selector` itself is invalid: a matchLabels key or value that is not a label, an In/NotIn expression without values, Exists/DoesNotExist with values, or an unknown operator.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkSelector,
};

function checkSelector(ctx: RuleContext): RuleFinding[] {
  const selector = asRecord(asRecord(ctx.root.spec)?.selector);
  if (!selector) return [];
  const problems = labelSelectorProblems(selector);
  // Nearly every selector is valid: nothing to group.
  if (problems.length === 0) return [];
  const findings: RuleFinding[] = [];
  // One diagnostic per field and value: Kubernetes lists every reason of one bad value separately.
  const byField = new Map<string, { problem: LabelSelectorProblem; details: string[] }>();
  for (const problem of problems) {
    const key = JSON.stringify([problem.path, problem.at, problem.of, problem.type]);
    const entry = byField.get(key);
    if (entry) entry.details.push(problem.detail);
    else byField.set(key, { problem, details: [problem.detail] });
  }
  for (const { problem, details } of byField.values()) {
    findings.push(findingFor(ctx, problem, details.join('; ')));
  }
  return findings;
}

function findingFor(ctx: RuleContext, problem: LabelSelectorProblem, detail: string): RuleFinding {
  const path = [...SELECTOR_PATH, ...problem.path];
  if (problem.at) {
    // matchLabels errors are reported at the map; the squiggle goes on the entry.
    return {
      path,
      anchor: [...SELECTOR_PATH, ...problem.at],
      on: problem.of === 'key' ? 'key' : 'value',
      message: `Invalid label ${problem.of} ${JSON.stringify(problem.value)}: ${detail}.`,
    };
  }
  const expression = [...SELECTOR_PATH, ...problem.path.slice(0, 2)];
  switch (problem.type) {
    case 'Required':
      return {
        path,
        // No values key to point at: point at the operator that needs them.
        anchor: isSet(valueAt(ctx.root, path)) ? path : [...expression, 'operator'],
        message: `Required value: values ${detail}. With no values the expression can never match.`,
      };
    case 'Forbidden':
      return { path, on: 'key', message: `Forbidden: values ${detail}. Remove \`values\`.` };
    default:
      if (problem.of === 'operator') {
        return {
          path,
          anchor: isSet(valueAt(ctx.root, path)) ? path : expression,
          message: `Invalid value ${JSON.stringify(problem.value)}: ${detail}. Use In, NotIn, Exists or DoesNotExist.`,
        };
      }
      return {
        path,
        anchor: isSet(valueAt(ctx.root, path)) ? path : expression,
        message: `Invalid label ${problem.of} ${JSON.stringify(problem.value)}: ${detail}.`,
      };
  }
}
