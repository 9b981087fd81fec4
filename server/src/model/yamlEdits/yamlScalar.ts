/**
 * The one writer of string scalars for inserted YAML text. What it writes
 * reads back as the same string in any context (block or flow, key or value)
 * with the YAML 1.2 core schema and with YAML 1.1 readers (go-yaml v2, which
 * `kubectl` and `sigs.k8s.io/yaml` use): a string that any of them would
 * resolve to a number, boolean, null or timestamp (`1e3`, `0x1F`, `.inf`,
 * `1_000`, `yes`, `~`, `2001-12-14`) is quoted, so is anything outside a
 * conservative plain alphabet.
 */
import {
  boolCoreTag,
  boolYaml11Tag,
  floatCoreTag,
  floatYaml11Tag,
  intCoreTag,
  intYaml11Tag,
  NOT_RESOLVED,
  nullCoreTag,
  nullYaml11Tag,
  timestampTag,
} from 'js-yaml';
import { Schema } from 'yaml';

export type QuoteStyle = 'double' | 'single';

/** Characters a plain scalar may hold here: enough for names, labels, taint keys, images and paths. */
const PLAIN_ALPHABET = /^[A-Za-z0-9_./][A-Za-z0-9_./:-]*$/;

/** The implicit non-string types of YAML 1.2 core and YAML 1.1, as js-yaml resolves them. */
const JS_YAML_TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag, nullYaml11Tag, boolYaml11Tag, intYaml11Tag, floatYaml11Tag, timestampTag];

/** …and as the `yaml` package recognizes them (its YAML 1.1 float also takes `.`, as the 1.1 spec's pattern does). */
const YAML_TESTS: RegExp[] = (['core', 'yaml-1.1'] as const).flatMap((schema) =>
  new Schema({ schema }).tags.flatMap((tag) => (tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : [])),
);

/** Booleans of YAML 1.1 in any letter case: cheap to quote, and some readers are lenient. */
const BOOLEAN_WORDS = /^(?:true|false|yes|no|on|off|y|n|null)$/i;

/** Whether `value` written plain reads back as `value` everywhere. */
export function isPlainSafe(value: string): boolean {
  if (!PLAIN_ALPHABET.test(value) || value.endsWith(':') || BOOLEAN_WORDS.test(value)) return false;
  return JS_YAML_TAGS.every((tag) => tag.resolve(value, false, tag.tagName) === NOT_RESOLVED) && !YAML_TESTS.some((test) => test.test(value));
}

/**
 * Characters a quoted scalar may not hold as they are: line breaks and other
 * controls, DEL and C1, the Unicode line separators, BOM, non-characters and
 * unpaired surrogates (a YAML stream must be printable, one line per value).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\x00-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_ESCAPE = new RegExp(`${UNPRINTABLE.source}|["\\\\]`, 'g');

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

function escapeChar(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Double-quoted, escaped: holds any string, on one line. */
export function doubleQuoted(value: string): string {
  return `"${value.replace(NEEDS_ESCAPE, escapeChar)}"`;
}

/** Single-quoted (`'` doubled) when nothing needs an escape, else double-quoted. */
function singleQuoted(value: string): string {
  return UNPRINTABLE.test(value) ? doubleQuoted(value) : `'${value.replace(/'/g, "''")}'`;
}

/** A string quoted in the author's style. */
export function quotedYamlString(value: string, quote: QuoteStyle = 'double'): string {
  return quote === 'single' ? singleQuoted(value) : doubleQuoted(value);
}

/** A string as a YAML scalar: plain when that reads back as the same string everywhere, quoted otherwise. */
export function yamlScalar(value: string, quote: QuoteStyle = 'double'): string {
  return isPlainSafe(value) ? value : quotedYamlString(value, quote);
}
