import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Rule } from '../../../server/src/service/rules';
import { doValidation, type ValidationSettings } from '../../../server/src/service/validation';
import { documentRules } from '../../../server/src/service/rules';
import { workspaceRules, type WorkspaceRuleContext } from '../../../server/src/service/workspaceRules';
import { rangeInDocument, workloadsOfFile, WorkspaceIndex } from '../../../server/src/service/workspaceIndex';
import { DocumentFactsCache } from '../../../server/src/service/documentFactsCache';
import { loadInventoryFromText } from '../../../server/src/model/inventory';
import type { DaemonSet } from '../../../server/src/model/kubeTypes';
import { parseYamlFile, rangeOfPath } from '../../../server/src/model/yamlDocuments';
import { assertGolden, fixturesDir, repoRoot } from '../../support/golden';
import { renderDiagnostics } from '../../support/render';
import { textDocument } from '../../support/textDocument';

const diagnosticsFixtures = join(fixturesDir, 'service', 'diagnostics');

describe('doValidation golden files', () => {
  for (const name of readdirSync(diagnosticsFixtures).filter((f) => f.endsWith('.yaml')).sort()) {
    it(name, () => {
      const text = readFileSync(join(diagnosticsFixtures, name), 'utf8');
      const diagnostics = getLanguageService().doValidation(textDocument(text, `file:///${name}`));
      assertGolden(`service/diagnostics/${name.replace(/\.yaml$/, '.txt')}`, renderDiagnostics(text, diagnostics));
    });
  }
});

describe('doValidation on examples/', () => {
  const examples = join(repoRoot, 'examples');
  const files = readdirSync(examples).filter((f) => f.endsWith('.yaml'));
  for (const name of files) {
    it(`${name} has ${name === 'selector-drift.yaml' ? 'only the selector drift' : 'no errors'}`, () => {
      const text = readFileSync(join(examples, name), 'utf8');
      const rules = getLanguageService()
        .doValidation(textDocument(text))
        .filter((d) => d.severity === 'error')
        .map((d) => d.rule);
      assert.deepEqual(rules, name === 'selector-drift.yaml' ? ['selector-drift'] : []);
    });
  }
});

describe('doValidation robustness', () => {
  it('keeps reporting when a rule throws, and tells the hook once per failure', () => {
    const failures: string[] = [];
    const throwing: Rule = {
      id: 'always-throws',
      defaultSeverity: 'error',
      description: 'test rule',
      appliesTo: () => true,
      check: () => {
        throw new Error('boom');
      },
    };
    const reporting: Rule = {
      id: 'reports',
      defaultSeverity: 'warning',
      description: 'test rule',
      appliesTo: () => true,
      check: () => [{ path: ['kind'], message: 'still here' }],
    };
    const file = parseYamlFile('kind: DaemonSet\n');
    const diagnostics = doValidation('file:///x.yaml', file, {}, { onRuleError: (rule) => failures.push(rule.id) }, [
      throwing,
      reporting,
    ]);
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['still here'],
    );
    assert.deepEqual(failures, ['always-throws']);
  });

  it('turns a rule off or changes its severity through settings', () => {
    const text = readFileSync(join(diagnosticsFixtures, 'selector-missing.yaml'), 'utf8');
    const service = getLanguageService();
    const drift = (settings: Parameters<typeof service.doValidation>[1], uri: string) =>
      service.doValidation(textDocument(text, uri), settings).filter((d) => d.rule === 'selector-drift');
    assert.equal(drift(undefined, 'file:///a.yaml').length, 1);
    assert.equal(drift({ rules: { 'selector-drift': 'off' } }, 'file:///b.yaml').length, 0);
    assert.deepEqual(
      drift({ rules: { 'selector-drift': 'warning' } }, 'file:///c.yaml').map((d) => d.severity),
      ['warning'],
    );
  });

  for (const [name, text] of [
    ['empty text', ''],
    ['only a comment', '# nothing here\n'],
    ['a scalar document', 'just a string\n'],
    ['a list document', '- a\n- b\n'],
    ['a DaemonSet with a scalar spec', 'apiVersion: apps/v1\nkind: DaemonSet\nspec: 3\n'],
    ['a selector that is a list', 'apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  selector: [a]\n'],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'],
  ] as const) {
    it(`survives ${name}`, () => {
      const diagnostics = getLanguageService().doValidation(textDocument(text));
      for (const d of diagnostics) assert.ok(d.range.start.line >= 0);
    });
  }
});

describe('Helm and Go templates', () => {
  it('checks what the templates leave, with no false YAML or schema errors', () => {
    const text = readFileSync(join(fixturesDir, 'service', 'helm', 'fluent-bit-daemonset.yaml'), 'utf8');
    const diagnostics = getLanguageService().doValidation(textDocument(text, 'file:///chart/templates/daemonset.yaml'));
    assertGolden('service/helm/fluent-bit-daemonset.txt', renderDiagnostics(text, diagnostics));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule),
      ['invalid-pod-template'],
      'only the literal restartPolicy: Never is an error',
    );
  });
});

describe('the typed DaemonSet the cross-document rules read', () => {
  const text = readFileSync(join(repoRoot, 'examples', 'fluentd-elasticsearch.yaml'), 'utf8');
  const inventoryFile = join(repoRoot, 'examples', 'nodes', 'kind-cluster.nodes.yaml');
  const inventory = { label: 'kind-cluster', nodes: loadInventoryFromText(readFileSync(inventoryFile, 'utf8'), inventoryFile).nodes };

  /** Validates the example with every workspace rule, noting each DaemonSet a rule reads from its context. */
  function daemonSetsRead(settings: ValidationSettings): Array<DaemonSet | undefined> {
    const reads: Array<DaemonSet | undefined> = [];
    const watched = (ctx: WorkspaceRuleContext) =>
      new Proxy(ctx, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key);
          if (key === 'daemonSet') reads.push(value as DaemonSet | undefined);
          return value;
        },
      });
    const rules = workspaceRules.map((rule) => ({ ...rule, check: (ctx: WorkspaceRuleContext) => rule.check(watched(ctx)) }));
    doValidation('file:///examples/ds.yaml', parseYamlFile(text), settings, {}, documentRules, undefined, { index: new WorkspaceIndex(), rules, facts: new DocumentFactsCache() });
    return reads;
  }

  it('is read only by a rule with an inventory or a live DaemonSet to compare it with', () => {
    assert.deepEqual(daemonSetsRead({}), []);
  });

  it('is cached per document text without the position its source names', () => {
    const reads = daemonSetsRead({ inventory });
    assert.ok(reads.length > 0);
    for (const daemonSet of reads) {
      assert.equal(daemonSet?.kind, 'DaemonSet');
      assert.equal(daemonSet?.source, undefined);
    }
  });
});

describe('where cross-document findings are placed, once per document text', () => {
  const ds = (name: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: a}\n`;

  it('places a path as rangeOfPath does, by its content and the side asked for, wherever the document moved', () => {
    const facts = new DocumentFactsCache();
    const file = parseYamlFile(`${ds('a')}---\n${ds('b')}`);
    const doc = file.documents[1];
    for (const path of [['spec', 'selector'], ['spec', 'selector'], ['metadata', 'name'], ['spec', 'selector', 'matchLabels', 'app']]) {
      for (const prefer of ['key', 'value'] as const) {
        assert.deepEqual(rangeInDocument(file, doc, path, prefer, facts), rangeOfPath(file, doc, path, prefer), `${path.join('.')} ${prefer}`);
      }
    }
    assert.notDeepEqual(rangeInDocument(file, doc, ['metadata', 'name'], 'key', facts), rangeInDocument(file, doc, ['metadata', 'name'], 'value', facts));
    // The same text, moved down by a line, and a new text: the places of each, from one cache.
    const moved = parseYamlFile(`# x\n${ds('a')}---\n${ds('b')}`);
    const edited = parseYamlFile(`${ds('a')}---\n${ds('bb')}`);
    for (const other of [moved, edited]) {
      for (const path of [['metadata', 'name'], ['spec', 'selector']]) {
        assert.deepEqual(rangeInDocument(other, other.documents[1], path, 'value', facts), rangeOfPath(other, other.documents[1], path, 'value'), path.join('.'));
      }
    }
  });

  it('gives a workload\'s related ranges where its paths are, each placed when first asked for', () => {
    const text = `${ds('a')}---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: b\nspec:\n  selector:\n    matchLabels: {app: b}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers:\n        - name: c\n          ports:\n            - {containerPort: 80, hostPort: 80}\n            - {containerPort: 81, hostPort: 81}\n`;
    const file = parseYamlFile(text);
    for (const facts of [undefined, new DocumentFactsCache()]) {
      const [, b] = workloadsOfFile('file:///a.yaml', file, facts);
      const doc = file.documents[1];
      const ranges = b.ranges();
      assert.equal(b.ranges(), ranges, 'one set of ranges per workload');
      assert.deepEqual(ranges.hostPorts, b.hostPorts.map((use) => rangeOfPath(file, doc, use.path, 'value')));
      assert.equal(ranges.hostPorts.length, 2);
      assert.deepEqual(ranges.selector, rangeOfPath(file, doc, ['spec', 'selector'], 'key'));
      assert.deepEqual(ranges.podLabels, rangeOfPath(file, doc, ['spec', 'template', 'metadata', 'labels'], 'key'));
      assert.deepEqual(ranges.name, rangeOfPath(file, doc, ['metadata', 'name'], 'value'));
    }
  });
});
