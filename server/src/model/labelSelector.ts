/**
 * metav1.LabelSelector and its evaluation against a label set, with the
 * semantics of k8s.io/apimachinery `LabelSelectorAsSelector` and
 * `labels.Requirement.Matches`: matchLabels and matchExpressions are ANDed;
 * `NotIn` and `DoesNotExist` match when the key is absent; an empty selector
 * matches everything (validation rejects it for a DaemonSet separately).
 */

import { labelValueProblems, qualifiedNameProblems } from './labelSyntax';

export type Labels = Readonly<Record<string, string>>;

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** One requirement of a selector that a label set does not satisfy, in words. */
export interface LabelSelectorMismatch {
  /** 'matchLabels' entries are reported by key; expressions by index. */
  source: 'matchLabels' | 'matchExpressions';
  key: string;
  /** Index of the expression in matchExpressions, when source is matchExpressions. */
  index?: number;
  /** What the selector requires, e.g. `app=web` or `tier in (a, b)`. */
  required: string;
  /** What the labels have for the key, or undefined when absent. */
  actual: string | undefined;
}

/** One error of `ValidateLabelSelector`, at a path relative to the selector. */
export interface LabelSelectorProblem {
  /** e.g. `['matchLabels']` or `['matchExpressions', 0, 'values']`, as Kubernetes names the field. */
  path: Array<string | number>;
  /** Where in the selector the problem is written, when that is narrower than `path` (the matchLabels key). */
  at?: Array<string | number>;
  /** What is wrong: a label key, a label value, the operator, or the values list as a whole. */
  of: 'key' | 'value' | 'operator' | 'values';
  /** Kubernetes' field error type. */
  type: 'Required' | 'Forbidden' | 'Invalid';
  /** The value that is wrong, for Invalid errors. */
  value?: string;
  /** Kubernetes' detail message. */
  detail: string;
}

/**
 * The errors of k8s.io/apimachinery `ValidateLabelSelector`, in its order:
 * every matchLabels entry (key, then value), then each expression (operator
 * and values, key, each value). A selector without errors is exactly one that
 * `LabelSelectorAsSelector` converts; one with errors matches nothing.
 * Entries of the wrong shape are skipped: they are type errors, not these.
 */
export function labelSelectorProblems(selector: unknown): LabelSelectorProblem[] {
  const record = asPlainRecord(selector);
  if (!record) return [];
  const problems: LabelSelectorProblem[] = [];
  // Own keys in order and indexed loops, no entry lists or callbacks: the selector of every DaemonSet
  // passes here twice (invalid-selector, selector-drift), in a fresh server unoptimized.
  const matchLabels = asPlainRecord(record.matchLabels);
  for (const key in matchLabels) {
    if (!Object.hasOwn(matchLabels, key)) continue;
    const value = matchLabels[key];
    for (const detail of qualifiedNameProblems(key)) {
      problems.push({ path: ['matchLabels'], at: ['matchLabels', key], of: 'key', type: 'Invalid', value: key, detail });
    }
    if (typeof value !== 'string') continue;
    for (const detail of labelValueProblems(value)) {
      problems.push({ path: ['matchLabels'], at: ['matchLabels', key], of: 'value', type: 'Invalid', value, detail });
    }
  }
  const expressions: unknown[] = Array.isArray(record.matchExpressions) ? record.matchExpressions : [];
  for (let index = 0; index < expressions.length; index++) {
    const expression = asPlainRecord(expressions[index]);
    if (!expression) continue;
    const at = ['matchExpressions', index];
    const values = Array.isArray(expression.values) ? expression.values : [];
    const operator = expression.operator;
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        problems.push({ path: [...at, 'values'], of: 'values', type: 'Required', detail: "must be specified when `operator` is 'In' or 'NotIn'" });
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        problems.push({
          path: [...at, 'values'],
          of: 'values',
          type: 'Forbidden',
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
      }
    } else if (typeof operator === 'string' || operator === undefined || operator === null) {
      const text = typeof operator === 'string' ? operator : '';
      problems.push({ path: [...at, 'operator'], of: 'operator', type: 'Invalid', value: text, detail: 'not a valid selector operator' });
    }
    const key = typeof expression.key === 'string' ? expression.key : expression.key === undefined || expression.key === null ? '' : undefined;
    if (key !== undefined) {
      for (const detail of qualifiedNameProblems(key)) problems.push({ path: [...at, 'key'], of: 'key', type: 'Invalid', value: key, detail });
    }
    for (let valueIndex = 0; valueIndex < values.length; valueIndex++) {
      const value: unknown = values[valueIndex];
      if (typeof value !== 'string') continue;
      for (const detail of labelValueProblems(value)) {
        problems.push({ path: [...at, 'values', valueIndex], of: 'value', type: 'Invalid', value, detail });
      }
    }
  }
  return problems;
}

/** A mapping or undefined (not objectReader's isPlainMap: that module pulls in `yaml`, which the reconciler must not). */
function asPlainRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

export function labelSelectorRequirementMatches(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = requirement.values ?? [];
  // A requirement LabelSelectorAsSelector refuses (In/NotIn without values,
  // Exists/DoesNotExist with values) fails the selector, which then matches nothing.
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]);
    case 'NotIn':
      return values.length > 0 && (!has || !values.includes(labels[requirement.key]));
    case 'Exists':
      return values.length === 0 && has;
    case 'DoesNotExist':
      return values.length === 0 && !has;
    default:
      // LabelSelectorAsSelector fails on an unknown operator; a failed selector matches nothing.
      return false;
  }
}

export function labelSelectorMatches(selector: LabelSelector, labels: Labels): boolean {
  // The hot path of the cross-document rules: no allocation, stop at the first miss.
  const matchLabels = selector.matchLabels;
  if (matchLabels) {
    for (const key in matchLabels) {
      if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== String(matchLabels[key])) return false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    if (!labelSelectorRequirementMatches(requirement, labels)) return false;
  }
  return true;
}

/** Every requirement of the selector the labels fail, in selector order. Empty when it matches. */
export function explainLabelSelectorMismatch(selector: LabelSelector, labels: Labels): LabelSelectorMismatch[] {
  const mismatches: LabelSelectorMismatch[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const actual = Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
    if (actual !== String(value)) {
      mismatches.push({ source: 'matchLabels', key, required: `${key}=${value}`, actual });
    }
  }
  (selector.matchExpressions ?? []).forEach((requirement, index) => {
    if (!labelSelectorRequirementMatches(requirement, labels)) {
      const actual = Object.prototype.hasOwnProperty.call(labels, requirement.key)
        ? labels[requirement.key]
        : undefined;
      mismatches.push({
        source: 'matchExpressions',
        key: requirement.key,
        index,
        required: describeRequirement(requirement),
        actual,
      });
    }
  });
  return mismatches;
}

/** Renders a requirement the way `kubectl get -o wide` prints selectors. */
export function describeRequirement(requirement: LabelSelectorRequirement): string {
  const values = (requirement.values ?? []).join(',');
  switch (requirement.operator) {
    case 'In':
      return `${requirement.key} in (${values})`;
    case 'NotIn':
      return `${requirement.key} notin (${values})`;
    case 'Exists':
      return requirement.key;
    case 'DoesNotExist':
      return `!${requirement.key}`;
    default:
      return `${requirement.key} ${requirement.operator} (${values})`;
  }
}

/** `kubectl get ds -o wide` style rendering of a whole selector. */
export function describeLabelSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const requirement of selector.matchExpressions ?? []) parts.push(describeRequirement(requirement));
  return parts.length ? parts.join(',') : '<none>';
}
