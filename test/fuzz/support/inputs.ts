/**
 * Inputs for fuzzing: the repository's real manifests (fixtures and
 * examples), fast-check arbitraries that mutate them, and the pathological
 * documents the hardening issue names (deep nesting, huge scalars, alias
 * bombs, thousands of documents, unusual line ends and Unicode).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixturesDir, repoRoot } from '../../support/golden';

export interface Corpus {
  name: string;
  text: string;
}

/** Every YAML file under test/fixtures and examples/, smallest first. */
export function loadCorpus(): Corpus[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry)) files.push(full);
    }
  };
  walk(fixturesDir);
  walk(join(repoRoot, 'examples'));
  return files
    .map((file) => ({ name: relative(repoRoot, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }))
    .filter((c) => c.text.length <= 200_000)
    .sort((a, b) => a.text.length - b.text.length || a.name.localeCompare(b.name));
}

/** Snippets a random edit inserts: YAML punctuation, DaemonSet keys, line ends, odd Unicode. */
const SNIPPETS = [
  ':', ': ', '- ', '-', '\n', '\r\n', '\r', '\t', ' ', '  ', '#', '---\n', '...\n', '&a ', '*a', '*a ', '!!str ', '!custom ',
  '{', '}', '[', ']', ',', '"', "'", '|', '>', '|-', '? ', '%YAML 1.2\n', '{{ .Values.x }}', '{{- if .x }}', '{{ end }}',
  'kind: DaemonSet\n', 'apiVersion: apps/v1\n', 'spec:\n', 'template:\n', 'containers:\n', 'tolerations:\n', '- operator: Exists\n',
  'matchLabels:\n', 'nodeSelector:\n', 'hostPort: 80', 'cpu: 1e9', 'memory: -1Mi', 'maxUnavailable: 200%', 'null', '~', '0x1F',
  '\ufeff', '\u2028', '\u0085', '\u00a0', '\u200b', '\ud83d\ude00', '\ud800', '\udc00', '\u0000', '\u001b[31m', '<script>', '${x}',
];

export type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'truncate'; at: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyEdit(text: string, edit: Edit): string {
  const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  if (edit.kind === 'insert') return text.slice(0, at) + edit.text + text.slice(at);
  if (edit.kind === 'delete') return text.slice(0, at) + text.slice(at + edit.length);
  return text.slice(0, at);
}

/** A corpus file with up to `maxEdits` random edits (insertions, deletions, truncation). */
export function mutatedManifest(corpus: readonly Corpus[], maxEdits = 6): fc.Arbitrary<{ name: string; text: string; edits: Edit[] }> {
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(editArbitrary, { minLength: 1, maxLength: maxEdits }))
    .map(([base, edits]) => ({ name: base.name, edits, text: edits.reduce(applyEdit, base.text) }));
}

/** Whole-file transformations that keep the meaning: CRLF, BOM, CR only, trailing spaces. */
export const lineEndVariants: readonly [string, (text: string) => string][] = [
  ['crlf', (t) => t.replace(/\r?\n/g, '\r\n')],
  ['bom', (t) => '\ufeff' + t],
  ['bom-crlf', (t) => '\ufeff' + t.replace(/\r?\n/g, '\r\n')],
  ['cr', (t) => t.replace(/\r?\n/g, '\r')],
  ['tabs', (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))],
  ['nel-ls', (t) => t.replace(/\n/g, '\u2028\n')],
];

/** Random text: any UTF-16 code units, or printable ASCII with YAML punctuation. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(...' \n\t:-[]{},#&*!|>?\'"abc01'.split('')), maxLength: 400 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

export const DAEMONSET = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
  labels: {app: agent}
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: agent
        image: registry.example/agent:1.2.3
        ports:
        - containerPort: 9100
          hostPort: 9100
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;

/** The pathological documents of the issue, built in memory (some are megabytes). */
export function pathologicalDocuments(): Corpus[] {
  const depth = 10_000;
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  'bcdefghi'.split('').forEach((name, i) => bomb.push(`${name}: &${name} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`));
  const nestedLabels = Array.from({ length: 2500 }, (_, i) => ' '.repeat(4 + i) + 'k:').join('\n');
  return [
    { name: 'nested-flow-sequences-10000', text: '['.repeat(depth) + ']'.repeat(depth) },
    { name: 'nested-flow-maps-10000', text: '{a: '.repeat(depth) + '1' + '}'.repeat(depth) },
    { name: 'nested-block-sequences-10000', text: '- '.repeat(depth) + 'x\n' },
    { name: 'nested-unclosed-flow-10000', text: DAEMONSET + 'extra: ' + '[{'.repeat(depth / 2) },
    { name: 'nested-block-maps-2500-in-a-daemonset', text: DAEMONSET.replace('  labels: {app: agent}\n', `  labels:\n${nestedLabels}\n`) },
    { name: 'scalar-1mb-plain', text: DAEMONSET.replace('name: agent\n', `name: ${'a'.repeat(1 << 20)}\n`) },
    { name: 'scalar-1mb-double-quoted-escapes', text: DAEMONSET.replace('name: agent\n', `name: "${'\\u00e9\\n'.repeat(1 << 17)}"\n`) },
    { name: 'scalar-1mb-block-literal', text: DAEMONSET + `  extra: |\n${'    line\n'.repeat(1 << 17)}` },
    { name: 'key-1mb', text: `${'k'.repeat(1 << 20)}: v\n` + DAEMONSET },
    { name: 'billion-laughs', text: bomb.join('\n') + '\n' },
    { name: 'billion-laughs-in-a-daemonset', text: DAEMONSET + '  extra:\n' + bomb.map((l) => '    ' + l).join('\n') + '\n' },
    { name: 'aliases-everywhere', text: DAEMONSET.replace('labels: {app: agent}\nspec', 'labels: &l {app: agent}\nspec').replace(/matchLabels: \{app: agent\}/, 'matchLabels: *l') },
    { name: 'documents-3000', text: Array.from({ length: 3000 }, (_, i) => DAEMONSET.replace(/agent/g, `agent-${i}`)).join('---\n') },
    { name: 'identical-daemonsets-1000', text: Array(1000).fill(DAEMONSET).join('---\n') },
    { name: 'empty-documents-20000', text: '---\n'.repeat(20_000) },
    { name: 'lines-200000', text: DAEMONSET + '#\n'.repeat(200_000) },
    { name: 'one-line-1mb', text: DAEMONSET + `  args: [${Array(100_000).fill('"x"').join(',')}]\n` },
    { name: 'crlf-bom-tabs-unicode', text: '\ufeff' + DAEMONSET.replace(/\n/g, '\r\n').replace('agent:1.2.3', 'agent:1.2.3\t# \u202e\ud83d\ude00\u0000').replace('name: agent', 'name: "\ud800 é\u0301"') },
    { name: 'lone-surrogates-and-nul', text: DAEMONSET + '\ud800: \udc00\n\u0000: x\n' },
    { name: 'go-templates-everywhere', text: DAEMONSET.replace(/agent/g, '{{ .Values.name | default "x" }}') + '{{- range .Values.items }}\n- {{ . }}\n{{- end }}\n' },
  ];
}
