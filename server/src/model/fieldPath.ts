/**
 * Field paths: where a value sits in a Kubernetes object, as the map keys
 * and list indexes that lead to it (`['spec', 'template', 'spec',
 * 'containers', 0]`). One notation for people (Kubernetes' own), its parser,
 * the index-free pattern that docs and completion tables are keyed by, and
 * the one safe walk from an object's root to the value at a path.
 * Free of the YAML parser so the browser-safe webview can use it.
 */

export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/** A resource's name and a workload's selector: shared constants, so caches keyed by path object hit. */
export const NAME_PATH: FieldPath = ['metadata', 'name'];
export const SELECTOR_PATH: FieldPath = ['spec', 'selector'];
/** The pod template's pod spec of a DaemonSet (and of Deployments, Jobs…). */
export const POD_SPEC_PATH: FieldPath = ['spec', 'template', 'spec'];
export const POD_TEMPLATE_LABELS_PATH: FieldPath = ['spec', 'template', 'metadata', 'labels'];
export const CONTAINERS_PATH: FieldPath = [...POD_SPEC_PATH, 'containers'];
export const EPHEMERAL_CONTAINERS_PATH: FieldPath = [...POD_SPEC_PATH, 'ephemeralContainers'];

/**
 * A key that cannot be a field name: empty, or holding a dot, a slash or a
 * bracket — a label, annotation or resource name (`app.kubernetes.io/name`,
 * `nvidia.com/gpu`), which Kubernetes subscripts with `Key`
 * (`[app.kubernetes.io/name]`). Other keys print as `Child` names do, even
 * odd ones Kubernetes itself uses (`{topologyKey, whenUnsatisfiable}`).
 */
function isMapKeyOnly(segment: string): boolean {
  if (segment === '') return true;
  // A loop rather than a regular expression: every diagnostic's path is formatted.
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code === 0x2e || code === 0x2f || code === 0x5b || code === 0x5d) return true;
  }
  return false;
}

/**
 * The path as Kubernetes' `field.Path` prints it:
 * `spec.template.spec.containers[0].ports[1].hostPort`,
 * `spec.template.spec.nodeSelector[kubernetes.io/os]`.
 */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || isMapKeyOnly(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

/**
 * The inverse of `formatFieldPath`: `a.b[0][x.y/z]` → `['a', 'b', 0, 'x.y/z']`.
 * A subscript of digits is a list index. A subscript ends at the `]` that ends
 * the text or is followed by `.` or `[`, so a key holding `]` still reads back
 * (Kubernetes' notation has no escapes; a key holding `].` or `][` cannot).
 */
export function parseFieldPath(text: string): FieldPath {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      let close = text.indexOf(']', i + 1);
      while (close >= 0 && close + 1 < text.length && text[close + 1] !== '.' && text[close + 1] !== '[') close = text.indexOf(']', close + 1);
      const end = close < 0 ? text.length : close;
      const inner = text.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end + 1;
    } else {
      if (text[i] === '.') i++;
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
      if (end > i) out.push(text.slice(i, end));
      i = end;
    }
  }
  return out;
}

/**
 * The path with every list index erased, dot-joined
 * (`spec.template.spec.containers[].ports[].hostPort`): the key of tables
 * that hold one entry for all items of a list (field notes, completion).
 */
export function fieldPattern(path: FieldPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? '[]' : out ? `.${segment}` : segment;
  return out;
}

/** A string equal for equal paths and different for different ones (`'a.b'` vs `['a', 'b']`): a Map key. */
export function fieldPathId(path: FieldPath): string {
  return JSON.stringify(path);
}

/**
 * The value at `path` in a plain object tree, or undefined: list indexes only
 * into lists, keys only into mappings and only their own entries (a document
 * without `toString:` has no value at `toString`).
 */
export function valueAt(root: unknown, path: FieldPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isMapping(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
