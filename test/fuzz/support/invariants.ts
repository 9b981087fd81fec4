/**
 * The invariants every input must keep, checked through the real language
 * service: no exception escapes, every feature answers, and every range lies
 * inside the file. No time: the time budget is the long run's
 * (`npm run fuzz`, test/fuzz/support/budget.ts) and the bench's, never a
 * test's.
 */
import assert from 'node:assert/strict';
import { getLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import type { Position, Range } from '../../../server/src/service/types';
import { textDocument } from '../../support/textDocument';

/** LSP lines: split at \r\n, \r and \n only. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

export function assertRangeInside(lines: readonly number[], range: Range, what: string): void {
  const check = (p: Position, end: string) => {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: ${end} is not integral: ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: ${end} line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line], `${what}: ${end} character ${p.character} past line ${p.line} (length ${lines[p.line]})`);
  };
  check(range.start, 'start');
  check(range.end, 'end');
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: start after end ${JSON.stringify(range)}`);
}

/** Positions to probe the editing features at: start, end, a few in between, and past the end. */
export function probePositions(lines: readonly number[], seed = 0): Position[] {
  const last = lines.length - 1;
  const positions: Position[] = [
    { line: 0, character: 0 },
    { line: last, character: lines[last] },
    { line: last + 5, character: 3 },
    { line: 0, character: 10_000 },
  ];
  for (let i = 1; i <= 4; i++) {
    const line = (seed * 7919 + i * Math.floor(lines.length / 5)) % lines.length;
    positions.push({ line, character: Math.min(lines[line], (seed + i * 3) % 40) });
  }
  return positions;
}

export interface CheckResult {
  diagnostics: number;
  ruleErrors: string[];
}

/**
 * Runs validation and every editing feature on `text` with a fresh service
 * (cold caches), asserting the invariants. Rule errors are collected, not
 * thrown: the service isolates them, but the fuzz still wants to know.
 */
export function checkDocument(
  text: string,
  options: { name?: string; positions?: number; service?: LanguageService; measure?: <T>(call: () => T) => T } = {},
): CheckResult {
  const ruleErrors: string[] = [];
  const ls = options.service ?? getLanguageService({ onRuleError: (rule, error) => ruleErrors.push(`${rule.id}: ${error instanceof Error ? error.stack : String(error)}`) });
  const doc = textDocument(text, `file:///fuzz/${options.name ?? 'input'}.yaml`);
  const lines = lineLengths(text);
  const name = options.name ?? 'input';
  // Every call of the service goes through `measure` (npm run fuzz times them), the checks around them do not.
  const measure = options.measure ?? (<T>(call: () => T) => call());
  const diagnostics = measure(() => ls.doValidation(doc, { inventory: { label: 'fuzz', nodes: [] } }));
    for (const d of diagnostics) {
      assertRangeInside(lines, d.range, `${name}: diagnostic ${d.rule}`);
      for (const r of d.relatedInformation ?? []) if (r.uri === doc.uri) assertRangeInside(lines, r.range, `${name}: related of ${d.rule}`);
    }
    for (const range of measure(() => ls.getFoldingRanges(doc))) {
      assert.ok(range.startLine >= 0 && range.startLine <= range.endLine && range.endLine < lines.length, `${name}: folding ${JSON.stringify(range)}`);
    }
    const symbols = [...measure(() => ls.findDocumentSymbols(doc))];
    while (symbols.length > 0) {
      const symbol = symbols.pop() as (typeof symbols)[number];
      assertRangeInside(lines, symbol.range, `${name}: symbol ${symbol.name}`);
      assertRangeInside(lines, symbol.selectionRange, `${name}: symbol selection ${symbol.name}`);
      symbols.push(...(symbol.children ?? []));
    }
    for (const lens of measure(() => ls.getCodeLenses(doc))) assertRangeInside(lines, lens.range, `${name}: code lens`);
    for (const action of measure(() => ls.getCodeActions(doc, { diagnostics }))) {
      for (const edit of action.edits) assertRangeInside(lines, edit.range, `${name}: quick fix ${action.title}`);
    }
    for (const position of probePositions(lines).slice(0, options.positions ?? 8)) {
      const hover = measure(() => ls.doHover(doc, position));
      if (hover) assertRangeInside(lines, hover.range, `${name}: hover at ${JSON.stringify(position)}`);
      const completion = measure(() => ls.doComplete(doc, position));
      assert.ok(Array.isArray(completion.items), `${name}: completion answers a list`);
      for (const item of completion.items) assertRangeInside(lines, item.textEdit.range, `${name}: completion ${item.label}`);
    }
  return { diagnostics: diagnostics.length, ruleErrors };
}
