/**
 * selector-drift: `spec.selector` must select the pods of `spec.template`.
 *
 * The API server rejects a DaemonSet whose selector does not match its
 * template labels (rulebook V1.2, V2) or is empty (V1.3), and the selector is
 * immutable once created (V9), so a drift caught here saves a delete-and-
 * recreate of every daemon pod later.
 */
import {
  explainLabelSelectorMismatch,
  isEmptyLabelSelector,
  labelSelectorProblems,
  type LabelSelector,
  type LabelSelectorMismatch,
} from '../../model/labelSelector';
import { POD_TEMPLATE_LABELS_PATH, type FieldPath } from '../../model/fieldPath';
import { asRecord, isDaemonSetDocument, resourceIdentity } from '../kubernetesResource';
import type { Rule, RuleContext, RuleFinding } from './rule';


export const selectorDrift: Rule = {
  id: 'selector-drift',
  defaultSeverity: 'error',
  description:
    '`spec.selector` is missing, empty, or does not match `spec.template.metadata.labels`; the API server rejects it and the selector is immutable afterwards.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkSelectorDrift,
};

function checkSelectorDrift(ctx: RuleContext): RuleFinding[] {
  const spec = asRecord(ctx.root.spec);
  if (!spec) return [];
  const apiVersion = resourceIdentity(ctx.doc)?.apiVersion;
  const labels = stringLabels(asRecord(asRecord(asRecord(spec.template)?.metadata)?.labels));

  if (spec.selector === undefined || spec.selector === null) {
    // extensions/v1beta1 defaulted the selector from the template labels; later versions require it.
    if (apiVersion === 'extensions/v1beta1') return [];
    const labelsText = describeLabels(labels);
    return [
      {
        // V2: the API server reports a missing selector as a template-labels mismatch.
        path: POD_TEMPLATE_LABELS_PATH,
        anchor: ['spec'],
        on: 'key',
        message:
          `spec.selector is required for an ${apiVersion} DaemonSet: add \`selector.matchLabels\`` +
          (labelsText ? ` matching the template labels (${labelsText})` : ' matching the pod template labels') +
          '. The selector cannot be changed after creation.',
        related: [{ path: POD_TEMPLATE_LABELS_PATH, message: 'pod template labels' }],
      },
    ];
  }
  const selector = asRecord(spec.selector) as LabelSelector | undefined;
  if (!selector || !isWellFormedSelector(selector)) return []; // shape errors belong to schema validation
  if (isEmptyLabelSelector(selector)) {
    const labelsText = describeLabels(labels);
    return [
      {
        path: ['spec', 'selector'],
        on: 'key',
        message:
          'Invalid value: empty selector is invalid for daemonset: it would select every pod in the namespace.' +
          (labelsText ? ` Select the template labels instead (${labelsText}).` : ''),
      },
    ];
  }
  // Like Kubernetes: a selector with errors (invalid-selector) does not convert, so it is not compared.
  if (labelSelectorProblems(selector).length > 0) return [];
  return explainLabelSelectorMismatch(selector, labels).map((mismatch) => findingFor(mismatch, labels));
}

function findingFor(mismatch: LabelSelectorMismatch, labels: Record<string, string>): RuleFinding {
  const anchor: FieldPath =
    mismatch.source === 'matchLabels'
      ? ['spec', 'selector', 'matchLabels', mismatch.key]
      : ['spec', 'selector', 'matchExpressions', mismatch.index ?? 0];
  const hasKey = Object.prototype.hasOwnProperty.call(labels, mismatch.key);
  const templateLabel = hasKey ? [...POD_TEMPLATE_LABELS_PATH, mismatch.key] : POD_TEMPLATE_LABELS_PATH;
  let detail: string;
  if (mismatch.source === 'matchLabels') {
    detail = hasKey
      ? `the selector requires label \`${mismatch.required}\` but the pod template has \`${mismatch.key}=${mismatch.actual}\``
      : `the selector requires label \`${mismatch.required}\` but the pod template has no \`${mismatch.key}\` label`;
  } else {
    detail = hasKey
      ? `the selector expression \`${mismatch.required}\` does not match the template label \`${mismatch.key}=${mismatch.actual}\``
      : `the selector expression \`${mismatch.required}\` needs a \`${mismatch.key}\` label that the pod template does not have`;
  }
  return {
    // V1.2: the API server reports the mismatch at the template labels.
    path: POD_TEMPLATE_LABELS_PATH,
    anchor,
    on: mismatch.source === 'matchLabels' ? 'key' : 'value',
    message: `Selector does not match template labels: ${detail}. The API server rejects this DaemonSet, and the selector is immutable once created.`,
    related: [
      {
        path: templateLabel,
        message: hasKey ? `template label ${mismatch.key}=${mismatch.actual}` : 'pod template labels',
      },
    ],
  };
}

function isWellFormedSelector(selector: LabelSelector): boolean {
  const matchLabels = selector.matchLabels as unknown;
  const matchExpressions = selector.matchExpressions as unknown;
  if (matchLabels !== undefined && matchLabels !== null && !asRecord(matchLabels)) return false;
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const expression of matchExpressions) {
      const record = asRecord(expression);
      if (!record || typeof record.key !== 'string' || typeof record.operator !== 'string') return false;
      if (record.values !== undefined && record.values !== null && !Array.isArray(record.values)) return false;
    }
  }
  return true;
}

function stringLabels(labels: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (value === null || value === undefined) out[key] = '';
    else if (typeof value !== 'object') out[key] = String(value);
  }
  return out;
}

function describeLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
