import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import { walkFiles } from '../../../server/src/host/fileWalker';
import { copyInventoryWorkspace } from '../../support/inventoryWorkspace';

const workspace = copyInventoryWorkspace();
after(() => workspace.dispose());
const rel = (paths: string[]) => paths.map((path) => relative(workspace.root, path).split(sep).join('/'));

describe('walkFiles', () => {
  it('ends on a symbolic link loop, reads each folder once and never follows a link out of the root', async () => {
    const walk = await walkFiles(workspace.root, { include: () => true });
    assert.deepEqual(rel(walk.files), [
      'clusters/a/edge.nodes.json',
      'clusters/dev.nodes.yml',
      'clusters/prod/prod.nodes.yaml',
      'deploy/agent.yaml',
      'other/nodes/other.yaml',
      'pools/nodes/README.md',
      'pools/nodes/pool-a.yaml',
      'pools/nodes/sub/pool-b.json',
      'pools/nodes/sub/pool-c.yml',
    ]);
    assert.deepEqual(walk.unreadable, []);
    assert.equal(walk.truncated, false);
  });

  it('follows a link to a folder inside the root, reading its files once', async () => {
    const inner = copyInventoryWorkspace();
    try {
      symlinkSync(join(inner.root, 'pools', 'nodes', 'sub'), join(inner.root, 'deploy', 'pool-link'), 'dir');
      const names = (files: string[]) => files.map((f) => f.split(sep).pop()).sort();
      const whole = await walkFiles(inner.root, { include: (path) => path.endsWith('.json') || path.endsWith('.yml') });
      assert.deepEqual(names(whole.files), ['dev.nodes.yml', 'edge.nodes.json', 'pool-b.json', 'pool-c.yml']);
      // With deploy/ as the root, the link leads out of it: not followed.
      const deploy = await walkFiles(join(inner.root, 'deploy'), { include: () => true });
      assert.deepEqual(names(deploy.files), ['agent.yaml']);
    } finally {
      inner.dispose();
    }
  });

  it('keeps to its bounds and says so', async () => {
    const files = await walkFiles(workspace.root, { include: () => true, maxFiles: 2 });
    assert.equal(files.files.length, 2);
    assert.equal(files.truncated, true);
    const shallow = await walkFiles(workspace.root, { include: () => true, maxDepth: 1 });
    assert.deepEqual(rel(shallow.files), ['clusters/dev.nodes.yml', 'deploy/agent.yaml']);
    assert.equal(shallow.truncated, true);
  });

  it('leaves out excluded paths and VCS folders, and reports a broken link instead of throwing', async () => {
    const inner = copyInventoryWorkspace();
    try {
      mkdirSync(join(inner.root, '.git'));
      writeFileSync(join(inner.root, '.git', 'x.nodes.yaml'), '');
      symlinkSync(join(inner.root, 'gone'), join(inner.root, 'deploy', 'dangling.yaml'));
      const walk = await walkFiles(inner.root, { include: (path) => path.startsWith('deploy/') || path.startsWith('.git/'), isExcluded: (path) => path === 'pools' });
      assert.deepEqual(walk.files.map((f) => relative(inner.root, f).split(sep).join('/')), ['deploy/agent.yaml']);
      assert.deepEqual(walk.unreadable.map((u) => [relative(inner.root, u.path), u.reason]), [[join('deploy', 'dangling.yaml'), 'broken symbolic link']]);
    } finally {
      inner.dispose();
    }
  });
});
