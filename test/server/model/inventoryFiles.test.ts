import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparePaths, isDiscoverableInventoryFile, normalizePath, resolveInventory, type InventoryResolution } from '../../../server/src/model/inventoryFiles';

const WORKSPACE = [
  'z.nodes.yaml',
  'a-b/c.nodes.yml',
  'a/deep/x.nodes.json',
  'clusters/nodes/pool-b.yaml',
  'clusters/nodes/pool-a.json',
  'clusters/nodes/sub/pool-c.yml',
  'clusters/nodes/README.md',
  'deploy/app.yaml',
];

function found(resolution: InventoryResolution): { label: string; files: string[] } | string {
  if (resolution.kind === 'found') return { label: resolution.label, files: resolution.files };
  return resolution.kind === 'invalid' ? resolution.message : 'none';
}

describe('resolveInventory: which files form the inventory', () => {
  const cases: Array<[string, string, { files: string[]; directories?: string[] }, ReturnType<typeof found>]> = [
    ['the first *.nodes file in path order (segment by segment)', '', { files: WORKSPACE }, { label: 'a/deep/x.nodes.json', files: ['a/deep/x.nodes.json'] }],
    ['a .yml or .json inventory is discovered too', '', { files: ['b/c.nodes.yml', 'd.nodes.json'] }, { label: 'b/c.nodes.yml', files: ['b/c.nodes.yml'] }],
    [
      'no *.nodes file: the first nodes/ folder, recursively, in path order, YAML and JSON only',
      '',
      { files: WORKSPACE.filter((f) => !/\.nodes\./.test(f)) },
      { label: 'clusters/nodes/', files: ['clusters/nodes/pool-a.json', 'clusters/nodes/pool-b.yaml', 'clusters/nodes/sub/pool-c.yml'] },
    ],
    ['of two nodes/ folders the first in path order', '', { files: ['x/nodes/a.yaml', 'b/nodes/z.yaml', 'b/nodes/nodes/y.yaml'] }, { label: 'b/nodes/', files: ['b/nodes/nodes/y.yaml', 'b/nodes/z.yaml'] }],
    ['a nodes/ folder without inventory files is no inventory', '', { files: ['nodes/README.md', 'deploy/nodes.yaml'] }, 'none'],
    ['nothing to discover', '', { files: ['deploy/app.yaml'] }, 'none'],
    ['the setting names a file, whatever its name', 'cluster.txt', { files: ['cluster.txt'] }, { label: 'cluster.txt', files: ['cluster.txt'] }],
    ['the setting wins over discovery', './deploy/app.yaml', { files: ['deploy/app.yaml'] }, { label: './deploy/app.yaml', files: ['deploy/app.yaml'] }],
    [
      'the setting names a folder: every .yaml/.yml/.json file, recursively, in path order',
      'pools/',
      { files: ['pools/b.yaml', 'pools/a/z.json', 'pools/notes.txt', 'pools/a.yml'], directories: ['pools', 'pools/a'] },
      { label: 'pools/', files: ['pools/a/z.json', 'pools/a.yml', 'pools/b.yaml'] },
    ],
    ['an absolute folder', '/srv/nodes', { files: ['/srv/nodes/a.yaml'], directories: ['/srv/nodes'] }, { label: '/srv/nodes', files: ['/srv/nodes/a.yaml'] }],
    ['a folder outside the workspace', '../shared', { files: ['../shared/a.yaml'], directories: ['../shared'] }, { label: '../shared', files: ['../shared/a.yaml'] }],
    ['an empty folder', 'pools', { files: ['pools/readme.md'], directories: ['pools'] }, 'pools: no .yaml, .yml or .json files in the folder'],
    ['a missing target', 'gone.yaml', { files: ['other.yaml'] }, 'gone.yaml: cannot read: no such file or folder'],
  ];
  for (const [name, setting, listing, expected] of cases) {
    it(name, () => {
      assert.deepEqual(found(resolveInventory(setting, { directories: [], ...listing })), expected);
    });
  }

  it('the answer does not depend on the listing order', () => {
    const reversed = [...WORKSPACE].reverse();
    assert.deepEqual(resolveInventory('', { files: reversed, directories: [] }), resolveInventory('', { files: WORKSPACE, directories: [] }));
  });
});

describe('inventory path helpers', () => {
  it('orders paths segment by segment, by code unit', () => {
    assert.deepEqual(['a-b/x', 'a/x', 'B', 'a/x/y', 'a'].sort(comparePaths), ['B', 'a', 'a/x', 'a/x/y', 'a-b/x']);
  });

  it('normalizes setting values', () => {
    assert.equal(normalizePath('./a//b/'), 'a/b');
    assert.equal(normalizePath('a/../../b'), '../b');
    assert.equal(normalizePath('/x/../y'), '/y');
    assert.equal(normalizePath('nodes\\pool.yaml'), 'nodes/pool.yaml');
    assert.equal(normalizePath('C:\\k8s\\nodes'), 'C:/k8s/nodes');
    assert.equal(normalizePath('.'), '');
  });

  it('tells which files discovery may pick', () => {
    assert.ok(isDiscoverableInventoryFile('a/x.nodes.json'));
    assert.ok(isDiscoverableInventoryFile('nodes/pool.json'));
    assert.ok(!isDiscoverableInventoryFile('package.json'));
    assert.ok(!isDiscoverableInventoryFile('nodes.json'));
  });
});
