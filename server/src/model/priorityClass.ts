/**
 * PriorityClass (scheduling.k8s.io/v1) as `kubectl get priorityclasses -o
 * yaml` prints it or a manifest declares it: the name, the value a pod
 * naming it gets, whether it is the cluster's default, and its preemption
 * policy. The two system classes every cluster has are built in, with the
 * values the API server creates them with (pkg/apis/scheduling:
 * SystemCriticalPriority = 2,000,000,000; system-node-critical is 1,000
 * higher).
 */
import type { ObjectMeta, PriorityClass } from './kubeTypes';
import { readBoolean, readInteger, readMap, readString, report, type ReadContext } from './objectReader';
import { sourceOf } from './node';
import { readObjectMeta } from './podSpec';
import type { FieldPath } from './fieldPath';
import type { ParsedYamlDocument, ParsedYamlFile } from './yamlDocuments';

export const PRIORITY_CLASS_API_VERSIONS = ['scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1'];

export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';

/** Highest value a user-defined PriorityClass may have (HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

function builtIn(name: string, value: number): PriorityClass {
  const metadata: ObjectMeta = { name, labels: {}, annotations: {}, ownerReferences: [] };
  return { metadata, value, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' };
}

/** The classes the API server creates in every cluster. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = Object.freeze([
  builtIn(SYSTEM_NODE_CRITICAL, 2_000_001_000),
  builtIn(SYSTEM_CLUSTER_CRITICAL, 2_000_000_000),
]);

export function isPriorityClassObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const map = value as Record<string, unknown>;
  return map.kind === 'PriorityClass' && (typeof map.apiVersion !== 'string' || PRIORITY_CLASS_API_VERSIONS.includes(map.apiVersion));
}

/** Reads one PriorityClass at `basePath`; undefined (with problems recorded) when it is not usable. */
export function readPriorityClass(ctx: ReadContext, value: unknown, basePath: FieldPath): PriorityClass | undefined {
  const before = ctx.problems.length;
  const root = readMap(ctx, value, basePath);
  if (!root) return undefined;
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  const priority = readInteger(ctx, root, 'value', basePath);
  if (priority === undefined && root.value === undefined) report(ctx, [...basePath, 'value'], 'a PriorityClass needs a value');
  const priorityClass: PriorityClass = {
    metadata,
    value: priority ?? 0,
    globalDefault: readBoolean(ctx, root, 'globalDefault', basePath) ?? false,
    source: sourceOf(ctx, basePath),
  };
  const preemptionPolicy = readString(ctx, root, 'preemptionPolicy', basePath);
  if (preemptionPolicy !== undefined) priorityClass.preemptionPolicy = preemptionPolicy;
  return ctx.problems.length === before ? priorityClass : undefined;
}

/** One parsed document → its PriorityClass, if the document is one (the workspace index reads them so). */
export function priorityClassFromDocument(parsed: ParsedYamlFile, doc: ParsedYamlDocument, file: string): PriorityClass | undefined {
  if (!isPriorityClassObject(doc.value)) return undefined;
  return readPriorityClass({ file, parsed, doc, problems: [] }, doc.value, []);
}
