/**
 * Kubernetes list objects: what `kubectl get … -o yaml` prints (`kind: List`), a typed list
 * (`DaemonSetList`, `NodeList`, …) and a kindless `{items: […]}`. The one test of whether a value
 * is one, for the loaders (daemonSet.ts, inventory.ts) and the documents of a file's objects
 * (listItemDocuments.ts).
 */

/** `List`, or a typed list kind (`DaemonSetList`, `NodeList`, `PodList`, …). */
export function isListKind(kind: unknown): boolean {
  return typeof kind === 'string' && (kind === 'List' || /^[A-Z][A-Za-z0-9]*List$/.test(kind));
}

/**
 * The items of a list object — a mapping whose kind is a list kind, or which has no kind, with an
 * `items` sequence — else undefined.
 */
export function listItems(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { kind, items } = value as Record<string, unknown>;
  if (!Array.isArray(items)) return undefined;
  return kind === undefined || kind === null || isListKind(kind) ? items : undefined;
}
