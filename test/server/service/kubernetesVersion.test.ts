import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { ValidationSettings } from '../../../server/src/service/validation';
import { assertGolden } from '../../support/golden';
import { applyEdits, renderCodeActions, renderDiagnostics } from '../../support/render';
import { exampleInventory, fixtureDocument } from './editingSupport';

const VERSION_RULES = new Set(['field-needs-newer-kubernetes', 'legacy-control-plane-toleration', 'control-plane-node-label', 'critical-priority-namespace']);
const setting = (value: string): ValidationSettings => ({ kubernetesVersion: { value, label: 'the daemonset.kubernetesVersion setting' } });

function versionDiagnostics(fixture: string, settings: ValidationSettings) {
  const { text, document } = fixtureDocument(`service/kubernetesVersion/${fixture}.yaml`);
  const service = getLanguageService();
  return { text, document, service, diagnostics: service.doValidation(document, settings).filter((d) => VERSION_RULES.has(d.rule)) };
}

describe('field-needs-newer-kubernetes', () => {
  for (const [name, settings] of [
    ['1.21', setting('1.21')],
    ['1.30', setting('v1.30.4')],
    ['kind-cluster', { inventory: exampleInventory() }],
    ['newest', {}],
  ] as const) {
    it(`judges every gated field against ${name}`, () => {
      const { text, diagnostics } = versionDiagnostics('gated-fields', settings);
      assertGolden(`service/kubernetesVersion/gated-fields--${name}.txt`, renderDiagnostics(text, diagnostics));
    });
  }

  it('says nothing on the newest supported version', () => {
    assert.deepEqual(versionDiagnostics('gated-fields', {}).diagnostics, []);
  });

  it('re-judges a cached document when the version changes', () => {
    const { document, service } = versionDiagnostics('gated-fields', {});
    assert.equal(service.doValidation(document, {}).filter((d) => VERSION_RULES.has(d.rule)).length, 0);
    assert.ok(service.doValidation(document, setting('1.28')).some((d) => d.rule === 'field-needs-newer-kubernetes'));
  });
});

describe('deprecated-api-version follows the version in force', () => {
  it('says the cluster still serves apps/v1beta2 before 1.16, and that it was removed after', () => {
    const messages = (settings: ValidationSettings) => {
      const { document, service } = versionDiagnostics('apps-v1beta2', settings);
      return service.doValidation(document, settings).filter((d) => d.rule === 'deprecated-api-version').map((d) => d.message);
    };
    assert.deepEqual(messages(setting('1.15')), [
      "apps/v1beta2 DaemonSets are still served by the cluster's Kubernetes 1.15 (from the daemonset.kubernetesVersion setting), but removed in 1.16: move to apiVersion apps/v1 before upgrading.",
    ]);
    assert.deepEqual(messages(setting('1.16')), [
      'apps/v1beta2 DaemonSets were removed in Kubernetes 1.16, and the cluster is 1.16 (from the daemonset.kubernetesVersion setting): use apiVersion apps/v1.',
    ]);
    assert.deepEqual(messages({}), ['apps/v1beta2 DaemonSets were removed in Kubernetes 1.16: use apiVersion apps/v1.']);
  });
});

describe('legacy-control-plane-toleration', () => {
  for (const [name, settings] of [
    ['newest', {}],
    ['1.23', setting('1.23')],
    ['1.24', setting('1.24')],
  ] as const) {
    it(`judges the master toleration for ${name}`, () => {
      const { text, diagnostics } = versionDiagnostics('legacy-master-toleration', settings);
      assertGolden(`service/kubernetesVersion/legacy-master-toleration--${name}.txt`, renderDiagnostics(text, diagnostics));
    });
  }

  it('adds the control-plane toleration right after the master one', () => {
    const { text, document, service, diagnostics } = versionDiagnostics('legacy-master-toleration', {});
    const out: string[] = [];
    for (const diagnostic of diagnostics) {
      out.push(`### ${diagnostic.rule} ${diagnostic.path ?? ''}`);
      out.push(renderCodeActions(text, service.getCodeActions(document, { diagnostics: [diagnostic] })));
    }
    assertGolden('service/kubernetesVersion/legacy-master-toleration--fixes.txt', out.join('\n'));
  });

  it('leaves nothing to report after the fix, and the missing-toleration hint does not repeat it', () => {
    const { text, document, service, diagnostics } = versionDiagnostics('legacy-master-toleration', {});
    assert.ok(!service.doValidation(document).some((d) => d.rule === 'missing-toleration'));
    let fixed = text;
    for (const diagnostic of [...diagnostics].reverse()) {
      const [action] = service.getCodeActions(document, { diagnostics: [diagnostic] });
      fixed = applyEdits(fixed, action.edits);
    }
    const after = getLanguageService().doValidation({ uri: 'file:///fixed.yaml', version: 1, getText: () => fixed });
    assert.deepEqual(after.filter((d) => VERSION_RULES.has(d.rule) || d.rule === 'missing-toleration' || d.severity === 'error'), []);
  });
});

describe('control-plane-node-label', () => {
  for (const [name, settings] of [
    ['newest', {}],
    ['1.19', setting('1.19')],
    ['1.23', setting('1.23')],
    ['1.24', setting('1.24')],
  ] as const) {
    it(`judges kubeadm's role labels for ${name}`, () => {
      const { text, diagnostics } = versionDiagnostics('control-plane-label', settings);
      assertGolden(`service/kubernetesVersion/control-plane-label--${name}.txt`, renderDiagnostics(text, diagnostics));
    });
  }

  it('says nothing between 1.20 and 1.23, when kubeadm sets both labels', () => {
    assert.deepEqual(versionDiagnostics('control-plane-label', setting('1.20')).diagnostics, []);
    assert.deepEqual(versionDiagnostics('control-plane-label', setting('1.23')).diagnostics, []);
  });

  it('flags the master label on the newest version, at the key, naming the version and where it came from', () => {
    const { diagnostics } = versionDiagnostics('control-plane-label', {});
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.path]),
      [
        ['control-plane-node-label', 'spec.template.spec.nodeSelector[node-role.kubernetes.io/master]'],
        ['control-plane-node-label', 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key'],
      ],
    );
  });
});

describe('critical-priority-namespace', () => {
  for (const [name, settings] of [
    ['1.16', setting('1.16')],
    ['1.17', setting('1.17')],
    ['newest', {}],
  ] as const) {
    it(`judges system-*-critical outside kube-system for ${name}`, () => {
      const { text, diagnostics } = versionDiagnostics('critical-priority', settings);
      assertGolden(`service/kubernetesVersion/critical-priority--${name}.txt`, renderDiagnostics(text, diagnostics));
    });
  }

  it('flags only the DaemonSets outside kube-system, and only for 1.11-1.16', () => {
    assert.equal(versionDiagnostics('critical-priority', setting('1.16')).diagnostics.length, 2);
    assert.equal(versionDiagnostics('critical-priority', setting('1.11')).diagnostics.length, 2);
    assert.equal(versionDiagnostics('critical-priority', setting('1.10')).diagnostics.length, 0);
    assert.equal(versionDiagnostics('critical-priority', setting('1.17')).diagnostics.length, 0);
  });
});
