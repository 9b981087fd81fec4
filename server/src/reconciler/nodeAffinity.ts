/**
 * spec.nodeSelector and required node affinity, as
 * component-helpers/scheduling/corev1/nodeaffinity GetRequiredNodeAffinity and
 * LazyErrorNodeSelector evaluate them, with label requirements parsed and
 * matched as apimachinery labels.NewRequirement / Requirement.Matches do.
 *
 * Terms are compiled once per DaemonSet so matching a node is a few property
 * lookups: placement over tens of thousands of nodes stays fast.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../model/kubeTypes';
import { labelKeyError, labelValueError } from '../model/labelSyntax';
import { boundedMemo } from './boundedMemo';

export const OBJECT_NAME_FIELD = 'metadata.name';

type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface CompiledLabelRequirement {
  index: number;
  key: string;
  operator: LabelOperator;
  values: readonly string[];
  /** Gt/Lt bound (A8). */
  bound?: bigint;
  text: string;
}

export interface CompiledFieldRequirement {
  index: number;
  operator: 'In' | 'NotIn';
  value: string;
  text: string;
}

export type CompiledTerm =
  | { index: number; kind: 'parsed'; expressions: CompiledLabelRequirement[]; fields: CompiledFieldRequirement[] }
  /** A5: a term with neither matchExpressions nor matchFields is dropped: it selects nothing. */
  | { index: number; kind: 'empty' }
  /** A9: a term that fails to parse never matches. */
  | { index: number; kind: 'invalid'; error: string };

export interface CompiledNodeAffinity {
  /** A1: nodeSelector entries, ANDed. */
  nodeSelector: ReadonlyArray<readonly [string, string]>;
  /** A3: undefined when there is no required node affinity (every node passes). */
  requiredTerms: CompiledTerm[] | undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^[+-]?\d+$/;

const INT64_OF = boundedMemo((text: string): bigint | undefined => {
  const value = DECIMAL_INTEGER.test(text) ? BigInt(text) : undefined;
  return value === undefined || value < INT64_MIN || value > INT64_MAX ? undefined : value;
}, 4096);

/**
 * strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in int64 range.
 * Remembered (bounded): Gt and Lt read the same few label values ("rack": "17")
 * on every node for every DaemonSet.
 */
export function parseInt64(text: string): bigint | undefined {
  return INT64_OF(text);
}

export function describeNodeSelectorRequirement(requirement: NodeSelectorRequirement): string {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'Exists':
    case 'DoesNotExist':
      return `${requirement.key} ${requirement.operator}`;
    default:
      return `${requirement.key} ${requirement.operator} [${values.join(', ')}]`;
  }
}

/** labels.NewRequirement: the reasons a matchExpressions entry fails to parse (A9), or the compiled form. */
function compileLabelRequirement(
  requirement: NodeSelectorRequirement,
  index: number,
): CompiledLabelRequirement | { error: string } {
  const where = `matchExpressions[${index}]`;
  const values = requirement.values ?? [];
  const operator = requirement.operator;
  if (!['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'].includes(operator)) {
    return { error: `${where}: ${JSON.stringify(operator)} is not a valid operator (In, NotIn, Exists, DoesNotExist, Gt, Lt)` };
  }
  const keyError = labelKeyError(requirement.key);
  if (keyError) return { error: `${where}: key ${JSON.stringify(requirement.key)} is not a valid label key: ${keyError}` };
  let bound: bigint | undefined;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return { error: `${where}: ${operator} needs at least one value` };
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return { error: `${where}: ${operator} takes no values` };
      break;
    default:
      if (values.length !== 1) return { error: `${where}: ${operator} needs exactly one value` };
      bound = parseInt64(values[0]);
      if (bound === undefined) return { error: `${where}: ${operator} value ${JSON.stringify(values[0])} is not an integer` };
  }
  for (const value of values) {
    const valueError = labelValueError(value);
    // A8: this is what makes Gt ["-1"] unparsable: "-1" is not a valid label value.
    if (valueError) return { error: `${where}: value ${JSON.stringify(value)} is not a valid label value: ${valueError}` };
  }
  const compiled: CompiledLabelRequirement = {
    index,
    key: requirement.key,
    operator: operator as LabelOperator,
    values,
    text: describeNodeSelectorRequirement(requirement),
  };
  if (bound !== undefined) compiled.bound = bound;
  return compiled;
}

/** A10: matchFields knows only metadata.name, with In/NotIn and exactly one value. */
function compileFieldRequirement(
  requirement: NodeSelectorRequirement,
  index: number,
): CompiledFieldRequirement | { error: string } {
  const where = `matchFields[${index}]`;
  if (requirement.key !== OBJECT_NAME_FIELD) {
    return { error: `${where}: ${JSON.stringify(requirement.key)} is not a valid field selector key (only metadata.name)` };
  }
  const values = requirement.values ?? [];
  if (values.length !== 1) return { error: `${where}: metadata.name ${requirement.operator} must have exactly one value` };
  if (requirement.operator !== 'In' && requirement.operator !== 'NotIn') {
    return { error: `${where}: ${JSON.stringify(requirement.operator)} is not a valid field selector operator (In, NotIn)` };
  }
  return { index, operator: requirement.operator, value: values[0], text: describeNodeSelectorRequirement(requirement) };
}

export function compileNodeSelectorTerm(term: NodeSelectorTerm, index: number): CompiledTerm {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return { index, kind: 'empty' };
  const compiledExpressions: CompiledLabelRequirement[] = [];
  for (let i = 0; i < expressions.length; i++) {
    const compiled = compileLabelRequirement(expressions[i], i);
    if ('error' in compiled) return { index, kind: 'invalid', error: compiled.error };
    compiledExpressions.push(compiled);
  }
  const compiledFields: CompiledFieldRequirement[] = [];
  for (let i = 0; i < fields.length; i++) {
    const compiled = compileFieldRequirement(fields[i], i);
    if ('error' in compiled) return { index, kind: 'invalid', error: compiled.error };
    compiledFields.push(compiled);
  }
  return { index, kind: 'parsed', expressions: compiledExpressions, fields: compiledFields };
}

export function compileNodeAffinity(spec: PodSpec): CompiledNodeAffinity {
  const nodeSelector = Object.entries(spec.nodeSelector ?? {});
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const requiredTerms = required ? (required.nodeSelectorTerms ?? []).map(compileNodeSelectorTerm) : undefined;
  return { nodeSelector, requiredTerms };
}

function hasLabel(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}

/** A7/A8: Requirement.Matches against node labels. */
export function labelRequirementMatches(requirement: CompiledLabelRequirement, labels: Record<string, string>): boolean {
  switch (requirement.operator) {
    case 'In':
      return hasLabel(labels, requirement.key) && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !hasLabel(labels, requirement.key) || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return hasLabel(labels, requirement.key);
    case 'DoesNotExist':
      return !hasLabel(labels, requirement.key);
    case 'Gt':
    case 'Lt': {
      if (!hasLabel(labels, requirement.key)) return false;
      const actual = parseInt64(labels[requirement.key]);
      if (actual === undefined || requirement.bound === undefined) return false;
      return requirement.operator === 'Gt' ? actual > requirement.bound : actual < requirement.bound;
    }
  }
}

export function fieldRequirementMatches(requirement: CompiledFieldRequirement, nodeName: string): boolean {
  return requirement.operator === 'In' ? nodeName === requirement.value : nodeName !== requirement.value;
}

/** A6: every expression and every field requirement of the term. */
export function termMatches(term: CompiledTerm, node: Node): boolean {
  if (term.kind !== 'parsed') return false;
  const labels = node.metadata.labels;
  for (const expression of term.expressions) if (!labelRequirementMatches(expression, labels)) return false;
  for (const field of term.fields) if (!fieldRequirementMatches(field, node.metadata.name)) return false;
  return true;
}

export function nodeSelectorMatches(affinity: CompiledNodeAffinity, node: Node): boolean {
  const labels = node.metadata.labels;
  for (const [key, value] of affinity.nodeSelector) {
    if (labels[key] !== value || !hasLabel(labels, key)) return false;
  }
  return true;
}

/** A4: terms are ORed; no terms (absent or empty list) selects nothing. */
export function requiredNodeAffinityMatches(affinity: CompiledNodeAffinity, node: Node): boolean {
  const terms = affinity.requiredTerms;
  if (terms === undefined) return true;
  for (const term of terms) if (termMatches(term, node)) return true;
  return false;
}

/** A2: nodeSelector AND required node affinity. */
export function nodeMatchesNodeSelectorAndAffinity(affinity: CompiledNodeAffinity, node: Node): boolean {
  return nodeSelectorMatches(affinity, node) && requiredNodeAffinityMatches(affinity, node);
}

function describeLabel(labels: Record<string, string>, key: string): string {
  return hasLabel(labels, key) ? `node has ${key}=${JSON.stringify(labels[key])}` : `node has no label ${key}`;
}

/** One line per nodeSelector entry the node fails. */
export function explainNodeSelectorMismatch(affinity: CompiledNodeAffinity, node: Node): string[] {
  const labels = node.metadata.labels;
  const messages: string[] = [];
  for (const [key, value] of affinity.nodeSelector) {
    if (labels[key] === value && hasLabel(labels, key)) continue;
    messages.push(`nodeSelector requires ${key}=${JSON.stringify(value)}; ${describeLabel(labels, key)}`);
  }
  return messages;
}

/** Why the required node affinity fails: one line per term. Empty when it matches. */
export function explainRequiredNodeAffinityMismatch(affinity: CompiledNodeAffinity, node: Node): string[] {
  const terms = affinity.requiredTerms;
  if (terms === undefined || requiredNodeAffinityMatches(affinity, node)) return [];
  const prefix = 'requiredDuringSchedulingIgnoredDuringExecution';
  if (terms.length === 0) return [`${prefix} has no nodeSelectorTerms, so it selects no node`];
  const many = terms.length > 1;
  return terms.map((term) => {
    const where = `${prefix}.nodeSelectorTerms[${term.index}]`;
    if (term.kind === 'empty') return `${where} is empty and selects no node`;
    if (term.kind === 'invalid') return `${where} never matches: ${term.error}`;
    const failing: string[] = [];
    for (const expression of term.expressions) {
      if (labelRequirementMatches(expression, node.metadata.labels)) continue;
      let detail = describeLabel(node.metadata.labels, expression.key);
      if ((expression.operator === 'Gt' || expression.operator === 'Lt') && hasLabel(node.metadata.labels, expression.key) && parseInt64(node.metadata.labels[expression.key]) === undefined) {
        detail += ', which is not an integer';
      }
      failing.push(`matchExpressions[${expression.index}] "${expression.text}" fails: ${detail}`);
    }
    for (const field of term.fields) {
      if (fieldRequirementMatches(field, node.metadata.name)) continue;
      failing.push(`matchFields[${field.index}] "${field.text}" fails: node is ${JSON.stringify(node.metadata.name)}`);
    }
    return `${many ? where : prefix}: ${failing.join('; ')}`;
  });
}
