import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import { assertGolden, fixturesDir } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';

const workspace = join(fixturesDir, 'service', 'workspace');
const uriOf = (name: string) => `file:///workspace/${name}`;

function serviceWithWorkspace() {
  const service = getLanguageService();
  for (const name of readdirSync(workspace)) service.updateWorkspaceFile(uriOf(name), readFileSync(join(workspace, name), 'utf8'));
  return service;
}

const crossDocumentRules = new Set(['overlapping-labels', 'hostport-conflict', 'pdb-on-daemonset']);

describe('cross-document rules over the workspace index', () => {
  for (const name of ['agents.yaml', 'other-agents.yaml']) {
    it(name, () => {
      const text = readFileSync(join(workspace, name), 'utf8');
      const diagnostics = serviceWithWorkspace()
        .doValidation(textDocument(text, uriOf(name)))
        .filter((d) => crossDocumentRules.has(d.rule));
      assertGolden(`service/workspace/${name.replace('.yaml', '.txt')}`, renderDiagnostics(text, diagnostics, uriOf(name)));
    });
  }

  it('forgets a removed file', () => {
    const service = serviceWithWorkspace();
    const text = readFileSync(join(workspace, 'agents.yaml'), 'utf8');
    const before = service.doValidation(textDocument(text, uriOf('agents.yaml'), 1)).filter((d) => crossDocumentRules.has(d.rule));
    assert.ok(before.some((d) => d.rule === 'pdb-on-daemonset'));
    assert.equal(service.removeWorkspaceFile(uriOf('prometheus.yaml')), true);
    const after = service.doValidation(textDocument(text, uriOf('agents.yaml'), 2)).filter((d) => crossDocumentRules.has(d.rule));
    assert.deepEqual(
      after.map((d) => d.rule),
      ['hostport-conflict'],
    );
  });

  it('uses the open text of the file itself, not its indexed version', () => {
    const service = serviceWithWorkspace();
    // Rename node-exporter's labels so nothing overlaps any more.
    const text = readFileSync(join(workspace, 'agents.yaml'), 'utf8').replace(/app: exporter/g, 'app: node-exporter');
    const rules = service
      .doValidation(textDocument(text, uriOf('agents.yaml')))
      .filter((d) => crossDocumentRules.has(d.rule))
      .map((d) => d.rule);
    assert.deepEqual(rules, ['hostport-conflict']);
  });

  it('reports that an unchanged file changes nothing', () => {
    const service = serviceWithWorkspace();
    assert.equal(service.updateWorkspaceFile(uriOf('agents.yaml'), readFileSync(join(workspace, 'agents.yaml'), 'utf8')), false);
    assert.equal(service.updateWorkspaceFile(uriOf('notes.yaml'), 'just: text\n'), false);
  });
});
