/**
 * Which revision a pod runs (rule R5). Kubernetes labels each daemon pod with
 * `controller-revision-hash`, a hash of spec.template; legacy DaemonSets also
 * use `pod-template-generation`. The real hash is computed from Go's
 * in-memory object dump and cannot be reproduced here, so the current hash is
 * either given by the caller or computed from the template by our own stable
 * function (encoded with Kubernetes' alphabet, so it looks like one).
 */
import type { DaemonSet, Pod } from '../model/kubeTypes';
import { CONTROLLER_REVISION_HASH_LABEL, POD_TEMPLATE_GENERATION_LABEL } from '../model/podLabels';
import { DEPRECATED_TEMPLATE_GENERATION_ANNOTATION } from '../model/daemonSetDefaults';
import { parseInt64 } from './nodeAffinity';

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: each byte mapped into an alphabet without vowels. */
function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** FNV-1a 32 of the template's canonical JSON, in Kubernetes' hash alphabet. */
export function computeHash(template: unknown, collisionCount = 0): string {
  const text = stableJson(template) + (collisionCount ? String(collisionCount) : '');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return safeEncodeString(String(hash >>> 0));
}

export function daemonSetRevisionHash(daemonSet: DaemonSet): string {
  return computeHash(daemonSet.rawTemplate ?? daemonSet.spec.template);
}

/** GetTemplateGeneration: the deprecated annotation as an integer; unparsable counts as absent. */
export function getTemplateGeneration(daemonSet: DaemonSet): bigint | undefined {
  const annotation = daemonSet.metadata.annotations[DEPRECATED_TEMPLATE_GENERATION_ANNOTATION];
  return annotation === undefined ? undefined : parseInt64(annotation);
}

/** IsPodUpdated: the hash label equals the current hash, or the legacy generation label matches. */
export function isPodUpdated(pod: Pod, hash: string, generation: bigint | undefined): boolean {
  const templateMatches =
    generation !== undefined && pod.metadata.labels[POD_TEMPLATE_GENERATION_LABEL] === generation.toString();
  const hashMatches = hash.length > 0 && pod.metadata.labels[CONTROLLER_REVISION_HASH_LABEL] === hash;
  return hashMatches || templateMatches;
}
