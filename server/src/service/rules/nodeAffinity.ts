/**
 * invalid-node-affinity and invalid-node-selector: `ValidateNodeSelector`,
 * `ValidateNodeSelectorRequirement`, `validateNodeFieldSelectorRequirement`
 * and `validatePreferredSchedulingTerms` (rulebook V6), and the label syntax
 * of `nodeSelector` (V7).
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { joined, labelValueProblems, qualifiedNameProblems } from '../../model/labelSyntax';
import { POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import { asArray, asRecord, isSet, quote } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';

const NODE_AFFINITY = [...POD_SPEC_PATH, 'affinity', 'nodeAffinity'];
const NODE_SELECTOR: FieldPath = [...POD_SPEC_PATH, 'nodeSelector'];

export const invalidNodeAffinity: Rule = {
  id: 'invalid-node-affinity',
  defaultSeverity: 'error',
  description:
    'Node affinity the API server rejects: no required terms, operators without the values they need (or with values they forbid), `matchFields` other than `metadata.name`, preferred weights outside 1–100.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkNodeAffinity,
};

export const invalidNodeSelector: Rule = {
  id: 'invalid-node-selector',
  defaultSeverity: 'error',
  description: '`nodeSelector` keys or values that are not valid labels, so no node could ever carry them.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx: RuleContext) => {
    const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
    const selector = asRecord(podSpec?.nodeSelector);
    if (!selector) return [];
    const findings: RuleFinding[] = [];
    // Own keys, no entry list; problems asked for first and a finding built only when there are some.
    for (const key in selector) {
      if (!Object.hasOwn(selector, key)) continue;
      const value = selector[key];
      const keyProblems = qualifiedNameProblems(key);
      if (keyProblems.length > 0) {
        findings.push({ path: NODE_SELECTOR, anchor: [...NODE_SELECTOR, key], on: 'key', message: `Invalid nodeSelector key ${JSON.stringify(key)}: ${joined(keyProblems)[0]}.` });
      }
      if (typeof value === 'string') {
        const valueProblems = labelValueProblems(value);
        if (valueProblems.length > 0) {
          findings.push({ path: NODE_SELECTOR, anchor: [...NODE_SELECTOR, key], message: `Invalid nodeSelector value ${JSON.stringify(value)}: ${joined(valueProblems)[0]}.` });
        }
      }
    }
    return findings;
  },
};

/*
 * Every DaemonSet with node affinity passes here, and nearly every term is valid: one findings list is
 * filled down the walk, by indexed loops, and a requirement's path is made only when it has a finding
 * (a fresh server runs this unoptimized, which is what opening a file of a thousand DaemonSets measures).
 */
function checkNodeAffinity(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  const nodeAffinity = asRecord(asRecord(podSpec?.affinity)?.nodeAffinity);
  if (!nodeAffinity) return [];
  const findings: RuleFinding[] = [];
  const required = asRecord(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution);
  if (required) {
    const termsPath = [...NODE_AFFINITY, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
    const terms = asArray(required.nodeSelectorTerms);
    if (terms.length === 0) {
      findings.push({
        path: termsPath,
        anchor: isSet(required.nodeSelectorTerms) ? termsPath : termsPath.slice(0, -1),
        on: 'key',
        message: 'Required node affinity needs at least one node selector term (terms are ORed; with none, no node would match).',
      });
    }
    for (let index = 0; index < terms.length; index++) addTermFindings(findings, asRecord(terms[index]), () => [...termsPath, index]);
  }
  const preferredPath = [...NODE_AFFINITY, 'preferredDuringSchedulingIgnoredDuringExecution'];
  const preferences = asArray(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution);
  for (let index = 0; index < preferences.length; index++) {
    const preferred = asRecord(preferences[index]);
    if (!preferred) continue;
    const weight = preferred.weight;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) {
      findings.push({
        path: [...preferredPath, index, 'weight'],
        anchor: isSet(weight) ? [...preferredPath, index, 'weight'] : [...preferredPath, index],
        message: `weight must be an integer in the range 1-100${isSet(weight) ? `, not ${quote(weight)}` : ''}.`,
      });
    }
    addTermFindings(findings, asRecord(preferred.preference), () => [...preferredPath, index, 'preference']);
  }
  return findings;
}

/** A term's findings; `termPath` makes its path, asked for only by a requirement with a finding. */
function addTermFindings(findings: RuleFinding[], term: Record<string, unknown> | undefined, termPath: () => FieldPath): void {
  if (!term) return;
  const expressions = asArray(term.matchExpressions);
  for (let index = 0; index < expressions.length; index++) {
    const requirement = asRecord(expressions[index]);
    if (requirement) addRequirementFindings(findings, requirement, () => [...termPath(), 'matchExpressions', index]);
  }
  const fields = asArray(term.matchFields);
  for (let index = 0; index < fields.length; index++) {
    const requirement = asRecord(fields[index]);
    if (requirement) for (const finding of checkFieldRequirement(requirement, [...termPath(), 'matchFields', index])) findings.push(finding);
  }
}

/** A requirement's findings; `requirementPath` makes its path, asked for only when there is a finding. */
function addRequirementFindings(findings: RuleFinding[], requirement: Record<string, unknown>, requirementPath: () => FieldPath): void {
  let made: FieldPath | undefined;
  const path = (): FieldPath => (made ??= requirementPath());
  const values = asArray(requirement.values);
  const valuesAnchor = () => (isSet(requirement.values) ? [...path(), 'values'] : [...path(), 'operator']);
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        findings.push({
          path: [...path(), 'values'],
          anchor: valuesAnchor(),
          message: `Operator ${requirement.operator} needs at least one value.`,
        });
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        findings.push({
          path: [...path(), 'values'],
          anchor: valuesAnchor(),
          on: 'key',
          message: `Operator ${requirement.operator} takes no values: remove \`values\`.`,
        });
      }
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        findings.push({
          path: [...path(), 'values'],
          anchor: valuesAnchor(),
          message: `Operator ${requirement.operator} needs exactly one value, an integer the node label is compared with.`,
        });
      }
      break;
    default:
      findings.push({
        path: [...path(), 'operator'],
        anchor: isSet(requirement.operator) ? [...path(), 'operator'] : path(),
        message: `Unsupported operator ${quote(requirement.operator)}: supported values are "In", "NotIn", "Exists", "DoesNotExist", "Gt" and "Lt".`,
      });
  }
  if (typeof requirement.key === 'string') {
    const problems = qualifiedNameProblems(requirement.key);
    if (problems.length > 0) findings.push({ path: [...path(), 'key'], message: `Invalid label key ${JSON.stringify(requirement.key)}: ${joined(problems)[0]}.` });
  }
}

function checkFieldRequirement(requirement: Record<string, unknown>, path: FieldPath): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
    findings.push({
      path: [...path, 'operator'],
      anchor: isSet(requirement.operator) ? [...path, 'operator'] : path,
      message: `Unsupported operator ${quote(requirement.operator)} in matchFields: supported values are "In" and "NotIn".`,
    });
  }
  if (asArray(requirement.values).length !== 1) {
    findings.push({
      path: [...path, 'values'],
      anchor: isSet(requirement.values) ? [...path, 'values'] : path,
      message: 'matchFields requirements take exactly one value (a node name).',
    });
  }
  if (requirement.key !== 'metadata.name') {
    findings.push({
      path: [...path, 'key'],
      anchor: isSet(requirement.key) ? [...path, 'key'] : path,
      message: `Unsupported matchFields key ${quote(requirement.key)}: the only supported field is "metadata.name".`,
    });
  }
  return findings;
}
