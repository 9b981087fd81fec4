/**
 * DaemonSet documents (apps/v1, and the deprecated apps/v1beta2 and
 * extensions/v1beta1 shapes) → typed DaemonSet, plus the API server's
 * defaulting (rules D1, R1) so the reconciler always sees a complete spec.
 */
import type { DaemonSet, DaemonSetUpdateStrategy, PodTemplateSpec } from './kubeTypes';
import type { LabelSelector, LabelSelectorRequirement } from './labelSelector';
import {
  readInteger,
  readIntOrString,
  readList,
  readMap,
  readString,
  readStringList,
  readStringMap,
  report,
  type LoadProblem,
  type ReadContext,
} from './objectReader';
import { sourceOf } from './node';
import { readObjectMeta, readPodSpec } from './podSpec';
import { hasYamlErrors, parseYamlFile, type ParsedYamlDocument, type ParsedYamlFile } from './yamlDocuments';
import type { FieldPath } from './fieldPath';
import { problemsOfParse } from './inventory';
import { listItems } from './kubernetesList';
import { DAEMONSET_API_VERSIONS, DEPRECATED_DAEMONSET_API_VERSIONS } from './daemonSetDefaults';

export {
  DAEMONSET_API_VERSIONS,
  DEPRECATED_DAEMONSET_API_VERSIONS,
  DEPRECATED_TEMPLATE_GENERATION_ANNOTATION,
  setDefaultsDaemonSet,
} from './daemonSetDefaults';

function readLabelSelector(ctx: ReadContext, value: unknown, path: FieldPath): LabelSelector | undefined {
  const map = readMap(ctx, value, path);
  if (!map) return undefined;
  const selector: LabelSelector = {};
  if (map.matchLabels !== undefined && map.matchLabels !== null) {
    selector.matchLabels = readStringMap(ctx, map.matchLabels, [...path, 'matchLabels']);
  }
  if (map.matchExpressions !== undefined && map.matchExpressions !== null) {
    const expressions: LabelSelectorRequirement[] = [];
    readList(ctx, map.matchExpressions, [...path, 'matchExpressions']).forEach((entry, index) => {
      const entryPath = [...path, 'matchExpressions', index];
      const expression = readMap(ctx, entry, entryPath);
      if (!expression) return;
      const requirement: LabelSelectorRequirement = {
        key: readString(ctx, expression, 'key', entryPath) ?? '',
        operator: readString(ctx, expression, 'operator', entryPath) ?? '',
      };
      if (expression.values !== undefined && expression.values !== null) {
        requirement.values = readStringList(ctx, expression.values, [...entryPath, 'values']);
      }
      expressions.push(requirement);
    });
    selector.matchExpressions = expressions;
  }
  return selector;
}

/** Reads a DaemonSet object at `basePath`; undefined (problems recorded) when unusable. */
export function readDaemonSet(ctx: ReadContext, value: unknown, basePath: FieldPath): DaemonSet | undefined {
  const before = ctx.problems.length;
  const root = readMap(ctx, value, basePath);
  if (!root) return undefined;
  const apiVersion = readString(ctx, root, 'apiVersion', basePath) ?? '';
  if (!(DAEMONSET_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    report(ctx, [...basePath, 'apiVersion'], `unsupported apiVersion ${JSON.stringify(apiVersion)} for a DaemonSet: use apps/v1`);
  }
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  const specPath = [...basePath, 'spec'];
  const spec = readMap(ctx, root.spec, specPath);
  if (!spec) report(ctx, specPath, 'spec is required');
  const templatePath = [...specPath, 'template'];
  const templateMap = readMap(ctx, spec?.template, templatePath);
  if (spec && !templateMap) report(ctx, templatePath, 'spec.template is required');
  const templateMetadata = readMap(ctx, templateMap?.metadata, [...templatePath, 'metadata']);
  const template: PodTemplateSpec = {
    metadata: {
      labels: readStringMap(ctx, templateMetadata?.labels, [...templatePath, 'metadata', 'labels']),
      annotations: readStringMap(ctx, templateMetadata?.annotations, [...templatePath, 'metadata', 'annotations']),
    },
    spec: readPodSpec(ctx, templateMap?.spec, [...templatePath, 'spec']),
  };
  const strategyPath = [...specPath, 'updateStrategy'];
  const strategyMap = readMap(ctx, spec?.updateStrategy, strategyPath);
  let updateStrategy: DaemonSetUpdateStrategy | undefined;
  if (strategyMap) {
    updateStrategy = {};
    const type = readString(ctx, strategyMap, 'type', strategyPath);
    if (type !== undefined) updateStrategy.type = type;
    const rollingPath = [...strategyPath, 'rollingUpdate'];
    const rolling = readMap(ctx, strategyMap.rollingUpdate, rollingPath);
    if (rolling) {
      updateStrategy.rollingUpdate = {};
      const maxUnavailable = readIntOrString(ctx, rolling, 'maxUnavailable', rollingPath);
      const maxSurge = readIntOrString(ctx, rolling, 'maxSurge', rollingPath);
      if (maxUnavailable !== undefined) updateStrategy.rollingUpdate.maxUnavailable = maxUnavailable;
      if (maxSurge !== undefined) updateStrategy.rollingUpdate.maxSurge = maxSurge;
    }
  }
  const daemonSet: DaemonSet = {
    apiVersion,
    kind: 'DaemonSet',
    deprecated: (DEPRECATED_DAEMONSET_API_VERSIONS as readonly string[]).includes(apiVersion),
    metadata,
    spec: { template },
    rawTemplate: spec?.template,
    source: sourceOf(ctx, basePath),
  };
  const selector = readLabelSelector(ctx, spec?.selector, [...specPath, 'selector']);
  if (selector) daemonSet.spec.selector = selector;
  if (updateStrategy) daemonSet.spec.updateStrategy = updateStrategy;
  const minReadySeconds = readInteger(ctx, spec, 'minReadySeconds', specPath);
  if (minReadySeconds !== undefined) daemonSet.spec.minReadySeconds = minReadySeconds;
  const revisionHistoryLimit = readInteger(ctx, spec, 'revisionHistoryLimit', specPath);
  if (revisionHistoryLimit !== undefined) daemonSet.spec.revisionHistoryLimit = revisionHistoryLimit;
  const templateGeneration = readInteger(ctx, spec, 'templateGeneration', specPath);
  if (templateGeneration !== undefined) daemonSet.spec.templateGeneration = templateGeneration;
  return ctx.problems.length === before ? daemonSet : undefined;
}

export function isDaemonSetValue(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>).kind === 'DaemonSet'
  );
}

export interface DaemonSetLoadResult {
  daemonSets: DaemonSet[];
  problems: LoadProblem[];
}

/**
 * How many documents daemonSetFromDocument read into a typed DaemonSet, the costly part of
 * validating a document. Read by tests to prove a validation reads each one at most once, and
 * only when a rule needs it.
 */
let documentsRead = 0;

export function daemonSetDocumentReads(): number {
  return documentsRead;
}

/** One parsed document → its DaemonSet, if the document is one. Used by the language service. */
export function daemonSetFromDocument(
  parsed: ParsedYamlFile,
  doc: ParsedYamlDocument,
  file: string,
): { daemonSet?: DaemonSet; problems: LoadProblem[] } {
  const ctx: ReadContext = { file, parsed, doc, problems: [] };
  if (!isDaemonSetValue(doc.value)) return { problems: [] };
  documentsRead++;
  const daemonSet = readDaemonSet(ctx, doc.value, []);
  return daemonSet ? { daemonSet, problems: ctx.problems } : { problems: ctx.problems };
}

/**
 * Every DaemonSet of a file (multi-document, and `kind: List` items).
 * Documents of other kinds are skipped; YAML syntax errors are problems.
 */
export function loadDaemonSetsFromText(text: string, file: string): DaemonSetLoadResult {
  const parsed = parseYamlFile(text);
  const result: DaemonSetLoadResult = { daemonSets: [], problems: problemsOfParse(parsed, file) };
  for (const doc of parsed.documents) {
    if (hasYamlErrors(doc)) continue;
    const ctx: ReadContext = { file, parsed, doc, problems: result.problems };
    const value = doc.value;
    if (isDaemonSetValue(value)) {
      const daemonSet = readDaemonSet(ctx, value, []);
      if (daemonSet) result.daemonSets.push(daemonSet);
    } else {
      listItems(value)?.forEach((item, index) => {
        if (!isDaemonSetValue(item)) return;
        const daemonSet = readDaemonSet(ctx, item, ['items', index]);
        if (daemonSet) result.daemonSets.push(daemonSet);
      });
    }
  }
  return result;
}
