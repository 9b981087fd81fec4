import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseYamlFile } from '../../../../server/src/model/yamlDocuments';
import { getLanguageService } from '../../../../server/src/service/languageService';
import { schema } from '../../../../server/src/service/rules/schema';
import { selectorDrift } from '../../../../server/src/service/rules/selectorDrift';
import { validateSchema } from '../../../../server/src/service/schema/validateSchema';
import { doValidation } from '../../../../server/src/service/validation';
import { assertGolden, fixturesDir, repoRoot } from '../../../support/golden';
import { renderDiagnostics } from '../../../support/render';
import { textDocument } from '../../../support/textDocument';

const schemaFixtures = join(fixturesDir, 'service', 'schema');

/** The schema rule alone through the validation driver: exact ranges, no other rule's findings. */
function schemaDiagnostics(text: string, uri = 'file:///schema.yaml') {
  return doValidation(uri, parseYamlFile(text), {}, {}, [schema]);
}

function findings(yaml: string) {
  return validateSchema(parseYamlFile(yaml).documents[0].value);
}

describe('schema rule golden files', () => {
  for (const name of readdirSync(schemaFixtures).filter((f) => f.endsWith('.yaml')).sort()) {
    it(name, () => {
      const text = readFileSync(join(schemaFixtures, name), 'utf8');
      const diagnostics = schemaDiagnostics(text, `file:///${name}`);
      if (name.endsWith('-clean.yaml')) assert.deepEqual(diagnostics, []);
      else assert.ok(diagnostics.length > 0, `${name} should have schema findings`);
      assertGolden(`service/schema/${name.replace(/\.yaml$/, '.txt')}`, renderDiagnostics(text, diagnostics));
    });
  }
});

describe('schema rule in the language service', () => {
  it('is registered', () => {
    const text = readFileSync(join(schemaFixtures, 'unknown-fields.yaml'), 'utf8');
    const rules = getLanguageService()
      .doValidation(textDocument(text, 'file:///registered.yaml'))
      .map((d) => d.rule);
    assert.ok(rules.includes('schema'));
  });
});

describe('schema rule on examples/', () => {
  const examples = join(repoRoot, 'examples');
  for (const name of readdirSync(examples).filter((f) => f.endsWith('.yaml'))) {
    it(`${name} has no schema finding`, () => {
      assert.deepEqual(schemaDiagnostics(readFileSync(join(examples, name), 'utf8')), []);
    });
  }
});

const base = (spec: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: x
spec:
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
${spec}`;

describe('validateSchema', () => {
  it('accepts IntOrString and quantities the way Kubernetes parses them', () => {
    for (const [field, value] of [
      ['maxUnavailable', '0'],
      ['maxUnavailable', '"25%"'],
      ['maxSurge', '1'],
    ]) {
      const yaml = base('      containers: [{name: a}]\n').replace('spec:\n', `spec:\n  updateStrategy:\n    rollingUpdate:\n      ${field}: ${value}\n`);
      assert.deepEqual(findings(yaml), [], `${field}: ${value}`);
    }
    for (const quantity of ['100m', '1.5Gi', '1', '0.5', '1e3', '2E-3', '.5', '5.', '+1k', '128974848', '500n', '10u', '1E']) {
      const yaml = base(`      containers:\n        - name: a\n          resources:\n            limits:\n              cpu: ${quantity}\n`);
      assert.deepEqual(findings(yaml), [], `cpu: ${quantity}`);
    }
    for (const port of ['http', '8080']) {
      const yaml = base(`      containers:\n        - name: a\n          readinessProbe:\n            httpGet:\n              port: ${port}\n`);
      assert.deepEqual(findings(yaml), [], `port: ${port}`);
    }
  });

  it('rejects a fractional IntOrString and a boolean one', () => {
    const yaml = base('      containers: [{name: a}]\n').replace('spec:\n', 'spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0.5\n      maxSurge: true\n');
    assert.deepEqual(
      findings(yaml).map((f) => f.message),
      [
        '`spec.updateStrategy.rollingUpdate.maxUnavailable` must be an integer or a string, not the decimal number 0.5.',
        '`spec.updateStrategy.rollingUpdate.maxSurge` must be an integer or a string, not the boolean true.',
      ],
    );
  });

  it('treats an explicit null as not set, as the Kubernetes decoder does', () => {
    assert.deepEqual(findings(base('      containers:\n        - name: a\n          args:\n          resources:\n')), []);
  });

  it('treats an explicit null as not set through the rule, which skips the walk for null only where the document has none', () => {
    const nulls = base('      containers:\n        - name: a\n          args:\n          resources: ~\n          ports:\n            - containerPort: 80\n              hostPort: null\n');
    assert.deepEqual(schemaDiagnostics(nulls), []);
    const wrong = base('      containers:\n        - name: a\n          args: {}\n');
    assert.deepEqual(schemaDiagnostics(wrong).map((d) => d.path), ['spec.template.spec.containers[0].args']);
  });

  it('reports a required field that is null as missing, on the parent', () => {
    assert.deepEqual(findings(base('      containers:\n        - name:\n          image: a\n')), [
      { path: ['spec', 'template', 'spec', 'containers', 0], on: 'key', message: '`spec.template.spec.containers[0]` is missing the required field `name`.' },
    ]);
  });

  it('gives one finding per mistake, in document order', () => {
    const result = findings(
      base('      zzz: 1\n      containers:\n        - name: a\n          image: 1\n      aaa: 2\n      hostNetwork: "true"\n'),
    );
    assert.deepEqual(
      result.map((f) => [f.path.join('.'), f.on]),
      [
        ['spec.template.spec.zzz', 'key'],
        ['spec.template.spec.containers.0.image', 'value'],
        ['spec.template.spec.aaa', 'key'],
        ['spec.template.spec.hostNetwork', 'value'],
      ],
    );
  });

  it('leaves a missing selector to selector-drift', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n';
    const rules = doValidation('file:///no-selector.yaml', parseYamlFile(text), {}, {}, [schema, selectorDrift]).map((d) => d.rule);
    assert.deepEqual(rules, ['selector-drift']);
  });

  it('checks apps/v1 only: the deprecated API versions differ in fields', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  templateGeneration: 2\n';
    assert.deepEqual(schemaDiagnostics(text), []);
    assert.deepEqual(schemaDiagnostics(text.replace('extensions/v1beta1', 'apps/v1beta2')), []);
    assert.deepEqual(
      schemaDiagnostics(text.replace('extensions/v1beta1', 'apps/v1')).map((d) => d.message),
      ['`spec` is missing the required field `template`.', 'Unknown field `templateGeneration` in `spec`.'],
    );
  });

  it('allows any status: the API server ignores it', () => {
    assert.deepEqual(findings('apiVersion: apps/v1\nkind: DaemonSet\nstatus:\n  whatever: [1, 2]\n'), []);
  });
});
