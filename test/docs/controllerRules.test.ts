/**
 * The rulebook (docs/controller-rules.md) stays complete and true: every rule
 * code a source file cites (in a comment, a test name, a fixture) is defined
 * there, and every rule says where it is implemented, in files and functions
 * that exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/golden';

const RULEBOOK = 'docs/controller-rules.md';
/** The rule families of the rulebook; a letter outside them is not a rule code. */
const FAMILIES = 'PATUNKCFSRDV';
const CODE = String.raw`[${FAMILIES}]\d{1,2}(?:\.\d{1,2})?`;
/** A code, or a range of codes such as `R2–R8` or `V1.4–V1.7`. */
const CITATION = new RegExp(String.raw`\b(${CODE})(?:\s*[–-]\s*(${CODE}))?\b`, 'g');
const DEFINITION = new RegExp(String.raw`^\s*- \*\*(${CODE})\*\*`);

const SOURCE_ROOTS = ['server', 'client', 'test', 'bench', 'scripts'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', '.vscode-test', '.tools', 'test-results', 'generated']);
const TEXT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.yaml', '.yml', '.json', '.txt']);

interface Citation {
  code: string;
  where: string;
}

function parseCode(code: string): { family: string; major: number; minor?: number } {
  const [major, minor] = code.slice(1).split('.').map(Number);
  return minor === undefined ? { family: code[0], major } : { family: code[0], major, minor };
}

/** Every code a range names: `A1–A4` is A1, A2, A3, A4; a range across families or levels names its ends only. */
function expandRange(from: string, to: string): string[] {
  const a = parseCode(from);
  const b = parseCode(to);
  if (a.family === b.family && a.minor === undefined && b.minor === undefined && a.major < b.major && b.major - a.major < 30) {
    return Array.from({ length: b.major - a.major + 1 }, (_, i) => `${a.family}${a.major + i}`);
  }
  if (a.family === b.family && a.major === b.major && a.minor !== undefined && b.minor !== undefined && a.minor < b.minor) {
    return Array.from({ length: b.minor - a.minor + 1 }, (_, i) => `${a.family}${a.major}.${a.minor! + i}`);
  }
  return [from, to];
}

/** The rule codes a text cites, with `file:line` of each. */
function citedCodes(text: string, file: string): Citation[] {
  const citations: Citation[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(CITATION)) {
      const codes = match[2] ? expandRange(match[1], match[2]) : [match[1]];
      for (const code of codes) citations.push({ code, where: `${file}:${index + 1}` });
    }
  });
  return citations;
}

/** The rulebook's rules: code → the text of its list item. */
function definedRules(rulebook: string): Map<string, string> {
  const rules = new Map<string, string>();
  for (const line of rulebook.split('\n')) {
    const match = DEFINITION.exec(line);
    if (!match) continue;
    assert.ok(!rules.has(match[1]), `${RULEBOOK} defines ${match[1]} twice`);
    rules.set(match[1], line);
  }
  return rules;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (TEXT_EXTENSIONS.has(extname(entry.name))) {
        files.push(join(dir, entry.name));
      }
    }
  };
  for (const root of SOURCE_ROOTS) walk(join(repoRoot, root));
  return files;
}

function sourceCitations(): Citation[] {
  return sourceFiles().flatMap((file) => citedCodes(readFileSync(file, 'utf8'), relative(repoRoot, file).split('\\').join('/')));
}

/** Citations of codes the rulebook does not define, as `CODE at file:line`. */
function undefinedCitations(rulebook: string, citations: readonly Citation[]): string[] {
  const rules = definedRules(rulebook);
  return citations.filter((citation) => !rules.has(citation.code)).map((citation) => `${citation.code} at ${citation.where}`);
}

/** What a rule's "Implemented in" names that does not exist: a missing file, or a function the file does not contain. */
function missingImplementations(code: string, item: string): string[] {
  const at = item.indexOf('Implemented in');
  if (at < 0) return [`${code} says nowhere where it is implemented`];
  const problems: string[] = [];
  let paths = 0;
  const pathThenNames = /`((?:server|client)\/src\/[^`]+\.ts)`((?:,? (?:and )?`[A-Za-z_$][\w$]*`)*)/g;
  for (const match of item.slice(at).matchAll(pathThenNames)) {
    paths++;
    const file = join(repoRoot, match[1]);
    if (!existsSync(file)) {
      problems.push(`${code}: ${match[1]} does not exist`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const name of match[2].matchAll(/`([^`]+)`/g)) {
      if (!new RegExp(String.raw`\b${name[1].replace(/\$/g, '\\$')}\b`).test(text)) problems.push(`${code}: ${match[1]} has no ${name[1]}`);
    }
  }
  if (paths === 0) problems.push(`${code} names no file under server/src or client/src`);
  return problems;
}

const rulebook = readFileSync(join(repoRoot, RULEBOOK), 'utf8');

describe(RULEBOOK, () => {
  it('defines every rule code the sources cite', () => {
    assert.deepEqual(undefinedCitations(rulebook, sourceCitations()), []);
  });

  it('defines every rule code it refers to itself', () => {
    assert.deepEqual(undefinedCitations(rulebook, citedCodes(rulebook, RULEBOOK)), []);
  });

  it('says for every rule which Kubernetes source it follows', () => {
    const missing = [...definedRules(rulebook)].filter(([, item]) => !/Kubernetes: `/.test(item)).map(([code]) => code);
    assert.deepEqual(missing, []);
  });

  it('names for every rule the files and functions that implement it, and they exist', () => {
    assert.deepEqual(
      [...definedRules(rulebook)].flatMap(([code, item]) => missingImplementations(code, item)),
      [],
    );
  });

  it('fails when a rule the sources cite is deleted from it', () => {
    const citations = sourceCitations();
    // P1 is cited directly, A10 also through "A1–A10", V1.5 only through "V1.4–V1.7".
    for (const code of ['P1', 'A10', 'V1.5']) {
      const withoutRule = rulebook
        .split('\n')
        .filter((line) => DEFINITION.exec(line)?.[1] !== code)
        .join('\n');
      assert.notEqual(withoutRule, rulebook, `${code} is defined`);
      const problems = undefinedCitations(withoutRule, citations);
      assert.ok(problems.length > 0 && problems.every((problem) => problem.startsWith(`${code} at `)), `${code}: ${problems.join(', ')}`);
    }
  });

  it('reads codes, ranges and sub-codes, and nothing else, as citations', () => {
    const codes = (text: string) => citedCodes(text, 'x').map((c) => c.code);
    assert.deepEqual(codes('// P3/P4, T1–T3: see V1.4–V1.7 and A12.'), ['P3', 'P4', 'T1', 'T2', 'T3', 'V1.4', 'V1.5', 'V1.6', 'V1.7', 'A12']);
    assert.deepEqual(codes("it('C2/C6: creates', …) // R2-R4"), ['C2', 'C6', 'R2', 'R3', 'R4']);
    assert.deepEqual(codes('0x1F, 1e3, K8s, P123, #A1B2C3, v1, apps/v1beta2'), []);
  });
});
