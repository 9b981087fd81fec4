/**
 * kubectl's JSON list read item by item (mapKubectlListItems): the items of
 * what the real kubectl prints (loopback API server), each mapped once and in
 * order, exactly as JSON.parse of the whole text reads them; unusual items
 * (escaped look-alikes of the item separator, keys named `items` and
 * `__proto__`, non-ASCII text, deep nesting) as well; and undefined — the
 * caller then parses the whole text — for every truncation and corruption of
 * the text, another layout, an empty list, or a text around the list that
 * would make JSON.parse read another `items`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkKubectlOutput, runKubectl, runKubectlBytes } from '../../../server/src/host/kubectl';
import {
  mapKubectlListItems as mapItemsOfText,
  type KubectlOutput,
} from '../../../server/src/host/kubectlJsonList';
import { readClusterPods, readLiveNodes } from '../../../server/src/host/liveCluster';
import { loadInventoryFromKubectlJson } from '../../../server/src/model/inventory';
import type { Node } from '../../../server/src/model/kubeTypes';
import { getNodesArgs, getPodsArgs } from '../../../server/src/protocol/kubectl';
import { FakeApiServer } from '../../support/fakeApiServer';

/** kubectl's layout: Go's json.MarshalIndent with four spaces is JSON.stringify's with four. */
const kubectlJson = (value: unknown): string => JSON.stringify(value, null, 4);

const listOf = (items: unknown[]): Record<string, unknown> => ({
  apiVersion: 'v1',
  items,
  kind: 'List',
  metadata: { resourceVersion: '' },
});

const identity = (item: unknown): unknown => item;

function pod(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team-a', labels: { app: name } },
    spec: { nodeName: 'n1', containers: [{ name: 'main', resources: { requests: { cpu: '100m' } } }] },
    status: { phase: 'Running' },
    ...extra,
  };
}

/** Items that a line-based split could misread if it looked inside strings or relied on item shapes. */
const UNUSUAL = [
  pod('separator-lookalike', {
    metadata: {
      name: 'separator-lookalike',
      annotations: {
        text: '\n        },\n        {\n            "apiVersion": "v1"',
        brace: '}',
        tail: '\n    ]',
      },
    },
  }),
  pod('keys', {
    items: [1, 2],
    ['__proto__']: { polluted: true },
    metadata: { name: 'keys', 'kubectl-list-items-placeholder': 'x' },
  }),
  pod('unicode', { metadata: { name: 'unicodé-☃-😀', annotations: { rtl: 'مرحبا', escaped: '<>&\u2028' } } }),
  pod('deep', {
    spec: { nodeName: 'n1', containers: [], affinity: { a: { b: { c: { d: [[{ e: [] }], {}] } } } } },
  }),
  pod('numbers', {
    spec: { nodeName: 'n1', priority: -2147483648, overhead: { cpu: 1e-7 }, containers: [] },
  }),
];

/** The output as text and as the bytes kubectl printed: the two read alike (a byte cut may split a character). */
const FORMS: Array<
  [string, (text: string) => KubectlOutput, (text: string, length: number) => KubectlOutput]
> = [
  ['text', (text) => text, (text, length) => text.slice(0, length)],
  ['bytes', (text) => Buffer.from(text), (text, length) => Buffer.from(text).subarray(0, length)],
];

for (const [form, asOutput, cutOutput] of FORMS) {
  /** The items of the list read. */
  const mapKubectlListItems = <T>(text: string, map: (item: unknown) => T | undefined): T[] | undefined =>
    mapItemsOfText(asOutput(text), map)?.items;

  describe(`mapKubectlListItems of kubectl's output as ${form}`, () => {
    it("reads each item of kubectl's layout once, in order, as JSON.parse reads the whole list", () => {
      const text = kubectlJson(listOf([pod('a'), ...UNUSUAL, pod('z')]));
      const seen: unknown[] = [];
      const items = mapKubectlListItems(text, (item) => {
        seen.push(item);
        return item;
      });
      assert.deepEqual(items, (JSON.parse(text) as { items: unknown[] }).items);
      assert.deepEqual(
        mapItemsOfText(asOutput(text), identity),
        JSON.parse(text),
        'the list around its items as well',
      );
      assert.equal(seen.length, UNUSUAL.length + 2);
      assert.equal(
        Object.getPrototypeOf(items?.[2]),
        Object.prototype,
        'a `__proto__` key is a field, as JSON.parse reads it',
      );
    });

    it('keeps what the map returns, leaving out undefined', () => {
      const text = kubectlJson(listOf([pod('a'), pod('b'), pod('c')]));
      assert.deepEqual(
        mapKubectlListItems(text, (item) =>
          (item as { metadata: { name: string } }).metadata.name === 'b'
            ? undefined
            : (item as { metadata: { name: string } }).metadata.name,
        ),
        ['a', 'c'],
      );
    });

    it('a list of one item', () => {
      const text = kubectlJson(listOf([pod('only')]));
      assert.deepEqual(mapKubectlListItems(text, identity), [pod('only')]);
    });

    it("every truncation of the output gives undefined (the caller then reports JSON.parse's error)", () => {
      const text = kubectlJson(listOf([pod('a'), UNUSUAL[2], UNUSUAL[0], pod('b')]));
      const length = typeof asOutput(text) === 'string' ? text.length : Buffer.byteLength(text);
      // Up to the last `}`: what follows is whitespace JSON.parse allows either way.
      for (let cut = 0; cut < length - 1; cut++)
        assert.equal(mapItemsOfText(cutOutput(text, cut), identity), undefined, `cut at ${cut}`);
    });

    it('a corrupted item, separator or text around the list gives undefined', () => {
      const text = kubectlJson(listOf([pod('a'), pod('b'), pod('c')]));
      const corruptions = [
        text.replace('"name": "b"', '"name": b'),
        text.replace(
          '"phase": "Running"\n            }\n        },',
          '"phase": "Running"\n            }\n        };',
        ),
        text.replace('"kind": "List"', '"kind": List'),
        text.replace('"resourceVersion": ""\n    }\n}', '"resourceVersion": ""\n    }\n}}'),
        text.replace('{\n    "apiVersion"', '[\n    "apiVersion"'),
        `${text}\n{}`,
      ];
      for (const corrupted of corruptions) {
        assert.throws(() => JSON.parse(corrupted));
        assert.equal(mapKubectlListItems(corrupted, identity), undefined, corrupted);
      }
    });

    it('gives undefined where JSON.parse would read another `items`, or cannot be proved to read this one', () => {
      const text = kubectlJson(listOf([pod('a'), pod('b')]));
      const others = [
        // A second `items` key after the list: JSON.parse keeps the last.
        text.replace('"kind": "List"', '"kind": "List",\n    "items": []'),
        // The list is not the top-level object's `items`.
        kubectlJson({
          apiVersion: 'v1',
          items: [pod('a'), pod('b')],
          kind: 'List',
          metadata: { items: [] },
        }).replace('"items": [\n        {', '"other": [\n        {'),
        // An escape around the list (it could spell the placeholder).
        text.replace('"resourceVersion": ""', '"resourceVersion": "\\u0031"'),
        // A byte-order mark.
        `\ufeff${text}`,
      ];
      for (const other of others)
        assert.equal(mapKubectlListItems(other, identity), undefined, other.slice(0, 200));
    });

    it('another layout or an empty list gives undefined', () => {
      const items = [pod('a'), pod('b')];
      assert.equal(mapKubectlListItems(JSON.stringify(listOf(items)), identity), undefined, 'compact JSON');
      assert.equal(
        mapKubectlListItems(JSON.stringify(listOf(items), null, 2), identity),
        undefined,
        'two spaces',
      );
      assert.equal(mapKubectlListItems(kubectlJson(listOf([])), identity), undefined, 'no item');
      const withoutApiVersion = items.map(({ apiVersion: _apiVersion, ...item }) => item);
      assert.equal(
        mapKubectlListItems(kubectlJson(listOf(withoutApiVersion)), identity),
        undefined,
        'items that do not begin with apiVersion',
      );
    });
  });
}

function node(name: string, allocatableCpu = '4'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] },
    status: {
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
      allocatable: { cpu: allocatableCpu, memory: '16Gi', pods: '110' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: '2024-01-01T00:00:00Z',
        },
      ],
      images: [{ names: ['registry.k8s.io/pause:3.9'], sizeBytes: 321520 }],
      nodeInfo: { kubeletVersion: 'v1.31.2', osImage: 'Bottlerocket' },
    },
  };
}

describe('readLiveNodes item by item', () => {
  /** The whole text at once, as readLiveNodes read it before (JSON.parse, the inventory's objects). */
  const readWhole = (text: string): Node[] => {
    const read = loadInventoryFromKubectlJson(text, 'nodes');
    checkKubectlOutput(read.problems, 'nodes');
    return read.nodes;
  };
  const outcome = (read: () => unknown): unknown => {
    try {
      return { nodes: read() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  it('reads the nodes the whole text reads, with what nothing reads dropped', () => {
    const list = listOf([node('a'), node('b'), { ...node('c'), status: { nodeInfo: { osImage: 'Linux' } } }]);
    const nodes = readLiveNodes(kubectlJson(list));
    assert.deepEqual(nodes, readWhole(kubectlJson(list)));
    assert.deepEqual(
      nodes.map((read) => read.status.nodeInfo),
      [{ kubeletVersion: 'v1.31.2' }, { kubeletVersion: 'v1.31.2' }, undefined],
    );
  });

  it('a malformed node and a duplicate name fail in the words of the whole read', () => {
    for (const list of [listOf([node('a'), node('b', 'lots')]), listOf([node('a'), node('a')])]) {
      const whole = outcome(() => readWhole(kubectlJson(list)));
      assert.ok('error' in (whole as object), JSON.stringify(whole));
      assert.deepEqual(
        outcome(() => readLiveNodes(kubectlJson(list))),
        whole,
      );
    }
  });
});

describe('readClusterPods of output that is not a list', () => {
  it("truncated output: JSON.parse's own words", () => {
    const text = kubectlJson(listOf([pod('a'), pod('b')]));
    const cut = text.slice(0, text.length - 40);
    let parseError = '';
    try {
      JSON.parse(cut);
    } catch (error) {
      parseError = (error as Error).message;
    }
    assert.throws(() => readClusterPods({ text: cut }, ['team-a']), {
      message: `kubectl printed pods that cannot be read: ${parseError}`,
    });
    assert.throws(() => readClusterPods({ text: Buffer.from(cut) }, ['team-a']), {
      message: `kubectl printed pods that cannot be read: ${parseError}`,
    });
  });
});

describe("mapKubectlListItems of the real kubectl's output (loopback API server)", () => {
  let server: FakeApiServer;
  let scratch: string;

  before(async () => {
    server = await FakeApiServer.start({
      fixtures: ['test/fixtures/live/cluster.yaml', 'test/fixtures/live/crowded-cluster.yaml'],
    });
    scratch = mkdtempSync(join(tmpdir(), 'daemonset-kubectl-json-list-'));
  });

  after(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reads the pods and nodes kubectl prints item by item, as JSON.parse reads them', async () => {
    const target = { context: 'fake-a', kubeconfig: server.writeKubeconfig() };
    const env = { ...process.env, KUBECONFIG: '', KUBECACHEDIR: join(scratch, 'cache') };
    for (const args of [getPodsArgs(target), getNodesArgs(target)]) {
      const text = await runKubectl(args, { env });
      const whole = (JSON.parse(text) as { items: unknown[] }).items;
      assert.ok(whole.length > 1, args.join(' '));
      assert.deepEqual(mapItemsOfText(text, identity), JSON.parse(text), args.join(' '));
      assert.deepEqual(
        mapItemsOfText(await runKubectlBytes(args, { env }), identity)?.items,
        whole,
        `${args.join(' ')}, as bytes`,
      );
    }
  });
});
