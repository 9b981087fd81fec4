/**
 * metav1.LabelSelector and its evaluation against a label set, with the
 * semantics of k8s.io/apimachinery `LabelSelectorAsSelector` and
 * `labels.Requirement.Matches`: matchLabels and matchExpressions are ANDed;
 * `NotIn` and `DoesNotExist` match when the key is absent; an empty selector
 * matches everything (validation rejects it for a DaemonSet separately).
 */

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

export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

export function labelSelectorRequirementMatches(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
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
