/** Reading an overlay's tree from disk and running the real `kubectl kustomize` on it, bounded. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kustomizeErrorMessage, mayRenderDaemonSet, readKustomizeTree, renderKustomization } from '../../../server/src/host/kustomize';
import { fixturesDir } from '../../support/golden';

let root: string;
before(() => {
  root = join(mkdtempSync(join(tmpdir(), 'daemonset-kustomize-host-')), 'workspace');
  cpSync(join(fixturesDir, 'kustomize'), root, { recursive: true });
});
after(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('readKustomizeTree', () => {
  it('follows local bases: their folders, the DaemonSet sources, the overlay\'s patch files', async () => {
    const tree = await readKustomizeTree(join(root, 'overlays', 'drift'));
    assert.ok(tree);
    assert.deepEqual(tree.folders, [join(root, 'overlays', 'drift'), join(root, 'base')]);
    assert.deepEqual(tree.sources.map((file) => file.path), [join(root, 'base', 'daemonset.yaml')]);
    assert.deepEqual([...tree.patchFiles.keys()], ['template-labels.yaml']);
    assert.deepEqual(tree.remote, []);
    assert.equal(mayRenderDaemonSet(tree), true);
  });

  it('finds a remote resource in a local base, and a missing base', async () => {
    const nested = join(root, 'overlays', 'nested');
    cpSync(join(root, 'overlays', 'broken'), nested, { recursive: true });
    writeFileSync(join(nested, 'kustomization.yaml'), 'resources:\n  - ../remote\n  - ../../nowhere\n');
    const tree = await readKustomizeTree(nested);
    assert.ok(tree);
    assert.deepEqual(tree.remote, ['https://github.com/example/fluent-bit-config//deploy?ref=v1.0.0']);
    assert.deepEqual(tree.missing, ['../../nowhere']);
  });

  it('answers undefined for a folder without a kustomization, and reads an extensionless Kustomization', async () => {
    assert.equal(await readKustomizeTree(join(root, 'overlays')), undefined);
    const dir = join(root, 'capital');
    cpSync(join(root, 'base'), dir, { recursive: true });
    rmSync(join(dir, 'kustomization.yaml'));
    writeFileSync(join(dir, 'Kustomization'), 'resources:\n  - daemonset.yaml\n');
    assert.equal((await readKustomizeTree(dir))?.sources.length, 1);
  });
});

describe('renderKustomization (real kubectl)', () => {
  it('renders an overlay', async () => {
    const result = await renderKustomization(join(root, 'overlays', 'drift'));
    assert.equal(result.ok, true);
    assert.match(result.ok ? result.text : '', /app: fluent-bit-next/);
  });

  it('answers kustomize\'s message for a missing base, paths shown relative', async () => {
    const result = await renderKustomization(join(root, 'overlays', 'broken'), { displayRoot: root });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /^accumulating resources: .*'\.\.\/\.\.\/missing-base'/);
    assert.equal(result.ok ? '' : result.message.includes(root), false);
  });

  it('a render that does not finish is stopped at the time bound, in words that name the render, not a cluster', async () => {
    // A kubectl that never finishes: the outcome is the bound however fast the machine is.
    const bin = mkdtempSync(join(tmpdir(), 'daemonset-slow-kubectl-'));
    try {
      writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
      await assert.rejects(renderKustomization(join(root, 'overlays', 'drift'), { env: { ...process.env, PATH: `${bin}${delimiter}/usr/bin${delimiter}/bin` }, timeoutMs: 300 }), {
        name: 'KubectlError',
        problem: 'timeout',
        message: 'kubectl kustomize did not finish within 0.3 seconds, the most a render may take.',
      });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('a missing kubectl says what renders overlays', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'daemonset-no-kubectl-'));
    try {
      await assert.rejects(renderKustomization(join(root, 'overlays', 'drift'), { env: { ...process.env, PATH: empty } }), {
        problem: 'not-installed',
        message: 'kubectl is not installed or not on the PATH: Kustomize overlays are rendered with `kubectl kustomize`.',
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('stops reading at the output bound and says so', async () => {
    const result = await renderKustomization(join(root, 'base'), { maxBuffer: 100 });
    assert.deepEqual(result, { ok: false, message: 'its output is larger than 100 B, the most that is read' });
  });
});

describe('kustomizeErrorMessage', () => {
  it('reads klog\'s err field (kubectl 1.30+) and the older error: line', () => {
    assert.equal(kustomizeErrorMessage('E1130 20:44:53.088993     363 run.go:72] "command failed" err="accumulating resources: \\"x\\" missing"\n'), 'accumulating resources: "x" missing');
    assert.equal(kustomizeErrorMessage("# Warning: 'bases' is deprecated.\nerror: json: cannot unmarshal string\n"), 'json: cannot unmarshal string');
  });
});
