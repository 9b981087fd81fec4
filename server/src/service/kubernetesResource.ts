/**
 * Which Kubernetes object a YAML document is, decided by its content
 * (`apiVersion` and `kind`), never by the file name.
 */
import { DAEMONSET_API_VERSIONS } from '../model/daemonSetDefaults';
import { hasYamlErrors, type ParsedYamlDocument } from '../model/yamlDocuments';
import { scanKindLines } from '../model/kindLine';

export interface ResourceIdentity {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function resourceIdentity(doc: ParsedYamlDocument): ResourceIdentity | undefined {
  const root = asRecord(doc.value);
  if (!root || typeof root.apiVersion !== 'string' || typeof root.kind !== 'string') return undefined;
  const metadata = asRecord(root.metadata);
  return {
    apiVersion: root.apiVersion,
    kind: root.kind,
    name: typeof metadata?.name === 'string' ? metadata.name : undefined,
    namespace: typeof metadata?.namespace === 'string' ? metadata.namespace : undefined,
  };
}

/** Whether resourceIdentity names a DaemonSet of a served or deprecated API version; read in place, since most rules ask it of every document. */
export function isDaemonSetDocument(doc: ParsedYamlDocument): boolean {
  const root = asRecord(doc.value);
  return root !== undefined && root.kind === 'DaemonSet' && typeof root.apiVersion === 'string' && (DAEMONSET_API_VERSIONS as readonly string[]).includes(root.apiVersion);
}

/**
 * Whether a document the YAML parser cannot fully read still says it is a
 * DaemonSet in its top-level `apiVersion:` and `kind:` lines (read from the
 * text), so editing features keep working while the author types.
 */
export function looksLikeDaemonSet(doc: ParsedYamlDocument): boolean {
  if (isDaemonSetDocument(doc)) return true;
  if (!hasYamlErrors(doc)) return false;
  const kind = scanKindLines(doc.text).kind;
  const apiVersion = /^apiVersion:[ \t]*["']?([a-z0-9./]+)["']?[ \t]*(?:#.*)?\r?$/m.exec(doc.text)?.[1];
  return kind === 'DaemonSet' && (DAEMONSET_API_VERSIONS as readonly string[]).includes(apiVersion ?? '');
}

export { asRecord };
