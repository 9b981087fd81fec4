/**
 * The fast reader's contract, checked against its reference: for any text,
 * readYamlFast either declines, or gives exactly js-yaml's value (keys in the
 * same order, numbers, -0, NaN and infinities as js-yaml resolves them) and
 * exactly the position index of js-yaml's events (with aliases sharing the
 * anchored node as in js-yaml, and for documents with anchors the value the
 * `yaml` package gives too); and it declines every text js-yaml rejects, so
 * syntax errors keep their diagnostics. Shared by the
 * model test and the long fuzz run.
 */
import assert from 'node:assert/strict';
import { constructFromEvents, parseEvents } from 'js-yaml';
import { parseDocument } from 'yaml';
import { hasGoTemplates, maskGoTemplates } from '../../server/src/model/goTemplates';
import { readYamlFast } from '../../server/src/model/yamlFastReader';
import { hasAnchors } from '../../server/src/model/yamlEvents';
import { positionsOf, type YamlPositions } from '../../server/src/model/yamlPositions';

/** js-yaml's reading of a document, as yamlDocuments.loadFast does it: values with the core schema, the index of the events. */
function reference(text: string): { value: unknown; positions: YamlPositions; anchors: boolean } | { error: unknown } {
  try {
    const events = parseEvents(text, { maxDepth: 1000 });
    const values = constructFromEvents(events, { source: text, maxAliases: 100 });
    if (values.length !== 1) return { error: new Error(`${values.length} documents`) };
    return { value: values[0], positions: positionsOf(events), anchors: hasAnchors(events) };
  } catch (error) {
    return { error };
  }
}

/** Whether js-yaml reads the text as one document without error (duplicate keys are errors to it). */
export function jsYamlReads(text: string): boolean {
  return !('error' in reference(text));
}

/** Each object or array of a value in depth-first order, as the index of its first appearance: where aliases share a node. */
function sharing(value: unknown): number[] {
  const seen = new Map<object, number>();
  const order: number[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const first = seen.get(node);
    order.push(first ?? seen.size);
    if (first !== undefined) return;
    seen.set(node, seen.size);
    for (const child of Object.values(node)) walk(child);
  };
  walk(value);
  return order;
}

/** Deep equality that also requires the same key order in every mapping. */
function assertSameValue(actual: unknown, expected: unknown, where: string): void {
  assert.deepStrictEqual(actual, expected, where);
  const keyOrder = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(keyOrder) : value !== null && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [k, keyOrder(v)]) : null;
  assert.deepStrictEqual(keyOrder(actual), keyOrder(expected), `${where}: key order`);
}

/**
 * Checks the contract on one document's text (Go templates masked first, as
 * parseYamlDocument does); returns whether the fast reader read it.
 */
export function assertFastReaderAgrees(documentText: string, where = 'document'): boolean {
  const text = hasGoTemplates(documentText) ? maskGoTemplates(documentText).text : documentText;
  const fast = readYamlFast(text);
  const expected = reference(text);
  if (!fast) return false;
  const shown = `${where}:\n${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`;
  if ('error' in expected) assert.fail(`the fast reader read what js-yaml rejects (${String(expected.error)}) in ${shown}`);
  assertSameValue(fast.value, expected.value, shown);
  assert.deepStrictEqual(sharing(fast.value), sharing(expected.value), `shared nodes (aliases) in ${shown}`);
  if (expected.anchors) {
    // Such a document is otherwise read by the yaml package (yamlDocuments.loadFast): the same value, no problem.
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
    assert.deepEqual([...doc.errors, ...doc.warnings].map((problem) => problem.message), [], `yaml package problems in ${shown}`);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    assertSameValue(fast.value, value, `${shown} (as the yaml package reads it)`);
    assert.deepStrictEqual(sharing(fast.value), sharing(value), `shared nodes as the yaml package shares them in ${shown}`);
  }
  assert.equal(fast.positions.constructor, expected.positions.constructor, `index width in ${shown}`);
  assert.deepStrictEqual([...fast.positions], [...expected.positions], `position index of ${shown}`);
  return true;
}

/** Plain scalars whose core-schema resolution is easy to get wrong, as js-yaml's DEFAULT schema sees them. */
export const TRICKY_PLAIN_SCALARS = [
  '0o17', '0o8', '1_000', '0x1F', '0x1f', '0X1F', '0b101', '012', '08', '+12', '-12', '0', '-0', '+0', '-0.0', '0.', '.5', '5.', '1e3', '1E+3', '-1.5e-3', '1e', '1_0.5',
  '.inf', '.Inf', '.INF', '-.inf', '+.inf', '.NaN', '.nan', '.NAN', 'NaN', 'Infinity', 'inf',
  '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'yes', 'no', 'on', 'off', 'y', 'n',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '12:30', '1:20:30', '190:20:30',
  '100m', '64Mi', '0.5Gi', '1e9', '-1Mi', '200%', '10%', '3s', 'v1.30.2', '1.2.3', '0755', '0o755',
  'a b', 'a,b', 'a[b]', 'a{b}', 'a]', 'a}', 'a:b', 'a#b', 'a -b', '-a', '?a', 'a?', 'http://x:8080/y?q=1#f', "it's", 'a "q"', 'é', 'ü-ß', '日本', 'x\u00a0y',
];

/**
 * A seeded random document as manifests with anchors are written — `%YAML`
 * directives, `---` and `...` markers, anchors on block and flow collections
 * and scalars, aliases to them — mostly valid, with the constructs the fast
 * reader leaves to the other paths mixed in: anchors on empty values, block
 * scalars and keys, aliases inside anchored nodes, before their anchor or as
 * `<<` values, redefined anchors, tags, other directives.
 */
export function randomAnchoredYaml(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const step = 1 + Math.floor(random() * 3);
  const pad = (n: number) => ' '.repeat(n);
  const defined: string[] = [];
  const names = ['labels', 'main', 'r', 'x.y', 'a-1', 'a_b', 'A9'];
  const anchor = () => {
    const name = chance(0.05) && defined.length > 0 ? pick(defined) : `${pick(names)}${defined.length}`;
    defined.push(name);
    return `&${name}`;
  };
  const alias = () => `*${defined.length > 0 && chance(0.93) ? pick(defined) : pick(['nope', 'labels', 'a,b'])}`;
  const comment = () => (chance(0.2) ? pick([' # c', '   # an: anchor', ' #c']) : '');
  const scalar = () => pick(['x', '"quoted"', "'it''s'", '12', 'true', '~', '10m', '"a\\tb"', 'sh -c "a && b"', '"*not-alias"', "'&not-anchor'"]);
  const flow = () => pick(['{cpu: 10m, memory: 32Mi}', '[a, "b", {k: v}]', '{}', '[]', '{requests: {cpu: 10m}, limits: {memory: 64Mi}}']);
  const lines: string[] = [];
  // A value after `head` (a key and its `:`, or a dash) at `indent`.
  const value = (head: string, indent: number, depth: number, inSequence: boolean): void => {
    const r = random();
    if (r < 0.2 && defined.length > 0) lines.push(`${head} ${alias()}${comment()}`);
    else if (r < 0.35 && depth < 3) {
      lines.push(`${head} ${anchor()}${comment()}`);
      block(indent + step + (inSequence ? 2 : 0), depth + 1, chance(0.7));
    } else if (r < 0.45) lines.push(`${head} ${anchor()} ${flow()}${comment()}`);
    else if (r < 0.6) lines.push(`${head} ${anchor()} ${scalar()}${comment()}`);
    else if (r < 0.65) lines.push(`${head} ${pick([`${anchor()}`, `${anchor()} |\n${pad(indent + step)}text`, `${anchor()} !!str x`, `!!map ${anchor()}`, `${anchor()} ${anchor()} x`, `${anchor()} k: v`, `${alias()} : v`, `${alias()} x`])}`);
    else if (r < 0.75 && depth < 3) {
      lines.push(`${head}${comment()}`);
      block(indent + step + (inSequence ? 2 : 0), depth + 1, chance(0.5));
    } else lines.push(`${head} ${chance(0.5) ? scalar() : flow()}${comment()}`);
  };
  const block = (indent: number, depth: number, asMapping: boolean): void => {
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      if (chance(0.1)) lines.push(pick(['', `${pad(indent)}# comment *x &y`]));
      if (asMapping) value(`${pad(indent)}${pick(['name', 'image', 'labels', 'a', 'b', '"q k"', '<<'])}${i}:`, indent, depth, false);
      else value(`${pad(indent)}-`, indent, depth, true);
    }
  };
  lines.push(chance(0.8) ? pick(['', '---', '--- # doc', '%YAML 1.2\n---', '%YAML 1.2\r\n# c\n--- # doc']) : pick(['%YAML 1.1\n---', '%YAML 1.2', '%YAML 1.2 # c\n---', '%YAML 1.2\n%YAML 1.2\n---', '%TAG ! tag:example.com,2000:\n---', '%FOO bar\n---']));
  block(0, 0, chance(0.9));
  lines.push(chance(0.8) ? pick(['', '...', '... # end', '...\n# after', '...\n\n  # after']) : pick(['...\nextra: 1', '...\n---', '...x', '....']));
  let text = lines.join('\n').replace(/^\n/, '') + '\n';
  if (chance(0.2)) text = text.replace(/\n/g, '\r\n');
  return text;
}

/** A seeded random document of block YAML as manifests are written, with edge cases and occasional mistakes. */
export function randomBlockYaml(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const step = 1 + Math.floor(random() * 4);
  const lines: string[] = [];
  const pad = (n: number) => ' '.repeat(n);
  const comment = () => (chance(0.1) ? pick(['  # note', ' #c', '    # trailing: comment']) : '') + (chance(0.05) ? '  ' : '');
  const trivia = (indent: number) => {
    if (chance(0.08)) lines.push(pad(Math.floor(random() * (indent + 2 * step))) + '# ' + pick(['comment', 'key: value', '- item', '|']));
    if (chance(0.06)) lines.push(pick(['', ' ', pad(indent + step)]));
  };
  const key = () =>
    chance(0.85)
      ? pick(['name', 'image', 'ports', 'labels', 'app.kubernetes.io/name', 'a', 'b', 'c', 'key', 'value', 'k8s', 'x-y', '1', '0x1', '01', 'true', 'null', '~', '-1', '.inf', '.nan', 'a b', 'a:b', 'a"b', 'dup', '__proto__'])
      : pick(['"name"', "'name'", '"a b"', "'it''s'", '"\\u0041"', '"1"', "''", '""', '"dup"']);
  const quoted = () =>
    chance(0.5)
      ? `'${pick(['', 'a', "it''s", ' x ', '#x', 'a: b', '"', 'a # b', '\\n', 'é'])}'`
      : `"${pick(['', 'a', '\\n', '\\t', '\\x41', '\\u00e9', '\\U0001F600', '\\"', '\\\\', '\\/', '\\0', '\\e', '\\N', '\\_', '\\L', '\\P', '\\ ', '\\q', '\\x4', '\\u12', 'a # b', "'", '10%', 'a: b'])}"`;
  const plain = () => (chance(0.6) ? pick(TRICKY_PLAIN_SCALARS) : pick(['nginx:1.27', 'NoSchedule', 'Exists', '/var/log', 'sh -c "a && b"', 'x', 'RollingUpdate', '0.0.0.0', '[]', '{}']));
  const flowScalar = () => (chance(0.3) ? quoted() : pick(TRICKY_PLAIN_SCALARS.filter((s) => !/[,[\]{}#]|: |:$/.test(s))));
  const flow = (depth: number): string => {
    const items = Math.floor(random() * 4);
    const entries: string[] = [];
    const mapping = chance(0.5);
    for (let i = 0; i < items; i++) {
      const inner = depth < 2 && chance(0.2) ? flow(depth + 1) : flowScalar();
      entries.push(mapping ? `${chance(0.9) ? pick(['a', 'b', 'cpu', 'memory', '1', 'true', '"q"']) : pick(['', '? a', '[a]'])}${pick([': ', ': ', ' : ', ':'])}${inner}` : inner);
    }
    const separator = pick([', ', ', ', ',', ' , ']);
    const body = entries.join(separator) + (chance(0.1) ? pick([',', ', ,', ' ']) : '');
    return mapping ? `{${chance(0.3) ? ' ' : ''}${body}}` : `[${body}]`;
  };
  const blockScalar = (indent: number) => {
    lines[lines.length - 1] += pick(['|', '>', '|-', '>-', '|+', '>+', '|2', '>1', '|-2', '|2-', '|+1', '|0', '|--', '| # comment', '|#x', '>  ']);
    const inner = indent + step + (chance(0.2) ? 1 : 0);
    const count = Math.floor(random() * 5);
    if (chance(0.2)) lines.push(pad(chance(0.5) ? inner + 2 : 0));
    for (let i = 0; i < count; i++) {
      const r = random();
      lines.push(r < 0.15 ? '' : r < 0.25 ? pad(inner + 2) + 'more indented' : r < 0.3 ? pad(inner - 1) + 'less' : pad(inner) + pick(['line', 'echo "$X" # not a comment', 'key: value', '- item', '  x', '---', 'tail   ']));
    }
    if (chance(0.3)) lines.push('');
    if (chance(0.1)) lines.push(pad(inner));
  };
  const value = (indent: number, depth: number, inSequence: boolean) => {
    const r = random();
    const deeper = depth < 4;
    if (deeper && r < 0.3) {
      lines[lines.length - 1] += comment();
      mapping(indent + step, depth + 1);
    } else if (deeper && r < 0.45) {
      lines[lines.length - 1] += comment();
      sequence(inSequence || chance(0.5) ? indent + step : indent, depth + 1);
    } else if (r < 0.55) {
      lines[lines.length - 1] += ' ' + quoted() + comment();
    } else if (r < 0.65) {
      lines[lines.length - 1] += ' ' + flow(0) + comment();
    } else if (r < 0.72) {
      lines[lines.length - 1] += ' ';
      blockScalar(indent);
    } else if (r < 0.76) {
      lines[lines.length - 1] += comment();
    } else {
      lines[lines.length - 1] += ' ' + plain() + comment();
      if (chance(0.03)) lines.push(pad(indent + step) + pick(['continued', '# more indented comment']));
    }
  };
  const mapping = (indent: number, depth: number, first?: string) => {
    const entries = 1 + Math.floor(random() * 4);
    for (let i = 0; i < entries; i++) {
      if (i > 0 || first === undefined) trivia(indent);
      const line = (i === 0 && first !== undefined ? first : pad(indent)) + key() + (chance(0.03) ? ' ' : '') + ':';
      lines.push(line);
      value(indent, depth, false);
    }
  };
  const sequence = (indent: number, depth: number) => {
    const items = 1 + Math.floor(random() * 4);
    for (let i = 0; i < items; i++) {
      trivia(indent);
      const r = random();
      if (r < 0.4 && depth < 4) {
        mapping(indent + 2, depth + 1, pad(indent) + '- ');
      } else if (r < 0.45 && depth < 4) {
        lines.push(pad(indent) + '-');
        value(indent, depth, true);
      } else if (r < 0.5) {
        lines.push(pad(indent) + '- - ' + plain());
      } else {
        lines.push(pad(indent) + '-');
        const before = lines.length;
        value(indent, depth + 4, true); // a scalar, a flow collection or a block scalar
        if (lines.length === before && lines[before - 1] === pad(indent) + '-' && chance(0.5)) lines[before - 1] += ' ' + plain();
      }
    }
  };
  if (chance(0.3)) lines.push(pick(['---', '--- # doc', '# leading comment', '', '--- x']));
  if (chance(0.85)) mapping(0, 0);
  else sequence(0, 0);
  if (chance(0.1)) lines.push(pick(['# trailing', '', '...', 'extra', '  ']));
  let text = lines.join('\n') + (chance(0.8) ? '\n' : '');
  if (chance(0.2)) text = text.replace(/\n/g, '\r\n');
  // Occasional mistakes: a character inserted or deleted.
  const mistakes = chance(0.3) ? 1 + Math.floor(random() * 2) : 0;
  for (let i = 0; i < mistakes; i++) {
    const at = Math.floor(random() * (text.length + 1));
    text = chance(0.5) ? text.slice(0, at) + pick([' ', ':', '-', '#', '\n', '"', "'", '\t', '&', '[', '{', '}', ',', '|', '\r']) + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  }
  return text;
}

/**
 * A seeded random JSON-shaped document, as `kubectl get -o json`, jq and JSON-in-YAML manifests write
 * them: nested objects and arrays, pretty (2 or 4 spaces, CRLF) or on one line, strings with escapes,
 * non-ASCII and astral characters, numbers in every JSON form; then, in a third of them, one near-miss
 * edit (a character inserted, removed or swapped: a comment, a `-` or `%` at a line's start, a plain word,
 * a line break inside a pair, a trailing comma) that the fast reader must read as js-yaml does or decline.
 */
export function randomJsonYaml(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const scalar = (): unknown =>
    pick<() => unknown>([
      () => pick(['', 'a', 'nginx:1.27', 'a: b', ' x ', '# not a comment', 'line\nbreak', 'tab\there', 'quote"s', 'back\\slash', 'é', '😀', '\u2028', 'null', 'true', '123', '0x1F', '- dash', '--- marker', '{}', '[]']),
      () => pick([0, -0, 1, -1, 3.5, 1e21, 1.5e-7, 2 ** 53, -(2 ** 31), 0.1]),
      () => pick([true, false, null]),
    ])();
  const value = (depth: number): unknown => {
    if (depth > 3 || chance(0.45)) return scalar();
    const count = Math.floor(random() * 4);
    if (chance(0.5)) return Array.from({ length: count }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) object[pick(['apiVersion', 'kind', 'name', 'a b', 'app.kubernetes.io/name', 'f:spec', '.', 'k:{"name":"x"}', '1', '', 'é', '__proto__', 'true'])] = value(depth + 1);
    return object;
  };
  const root = chance(0.85) ? { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'json' }, spec: value(0) } : value(0);
  let text = JSON.stringify(root, null, pick([0, 0, 2, 4, '\t']));
  if (chance(0.15)) text = text.replace(/\n/g, '\r\n');
  if (chance(0.33) && text.length > 0) {
    const at = Math.floor(random() * (text.length + 1));
    const insert = pick([' # c', '\n# c\n', '\n-', '\n%', '\n.', ',', ' ', '\n', 'x', ':', '"', '\t', '---\n', ' :', '- ', '? ']);
    text = pick([text.slice(0, at) + insert + text.slice(at), text.slice(0, at) + text.slice(at + 1), text.slice(0, at) + insert + text.slice(at + 1)]);
  }
  return `${chance(0.2) ? pick(['---\n', '--- # json\n', '%YAML 1.2\n---\n']) : ''}${text}${chance(0.8) ? '\n' : ''}`;
}
