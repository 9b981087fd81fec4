/** podDemandOf: pods that ask the same share one demand, and every demand is what the pod asks (seeded random specs). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../../bench/corpus';
import type { Container, PodSpec } from '../../../../server/src/model/kubeTypes';
import { hostPortsOf, podDemandOf, podSchedulerRequests } from '../../../../server/src/reconciler/scheduling';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

// A small alphabet, names and texts mixed, so that different pods often walk the same first steps.
const NAMES = ['cpu', 'memory', 'nvidia.com/gpu', '1', 'ephemeral-storage'];
const TEXTS = ['1', '100m', '64Mi', 'cpu', '2', ''];

function randomRecord(random: Random): Record<string, string> | undefined {
  if (random() < 0.25) return undefined;
  const record: Record<string, string> = {};
  const size = Math.floor(random() * 3);
  for (let index = 0; index < size; index++) record[pick(random, NAMES)] = pick(random, TEXTS);
  return record;
}

function randomContainer(random: Random, index: number): Container {
  const requests = randomRecord(random);
  const limits = randomRecord(random);
  const container: Container = { name: `c${index}`, image: 'img:1' };
  if (random() < 0.9) container.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  if (random() < 0.05) container.ports = [{ containerPort: 80, hostPort: 8080 }];
  return container;
}

function randomSpec(random: Random): PodSpec {
  const spec: PodSpec = { containers: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) => randomContainer(random, index)) };
  if (random() < 0.05) spec.initContainers = [randomContainer(random, 9)];
  if (random() < 0.05) spec.overhead = { cpu: '10m' };
  if (random() < 0.05) spec.resources = { requests: { cpu: '1' } };
  return spec;
}

test('every demand is the pod\'s requests and host ports, whichever pods came before', () => {
  const random = mulberry32(42);
  for (let index = 0; index < 5000; index++) {
    const spec = randomSpec(random);
    const demand = podDemandOf(spec);
    assert.deepEqual([...demand.requests], [...podSchedulerRequests(spec)], JSON.stringify(spec));
    assert.deepEqual(demand.hostPorts, hostPortsOf(spec), JSON.stringify(spec));
  }
});

test('pods with the same request and limit texts share one demand; any other text, record or container does not', () => {
  const pod = (requests?: Record<string, string>, limits?: Record<string, string>, more: Container[] = []): PodSpec => ({
    containers: [{ name: 'app', image: 'img:1', resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } }, ...more],
  });
  const replica = podDemandOf(pod({ cpu: '250m', memory: '1Gi' }, { memory: '1Gi' }));
  assert.equal(podDemandOf(pod({ cpu: '250m', memory: '1Gi' }, { memory: '1Gi' })), replica);
  assert.notEqual(podDemandOf(pod({ cpu: '250m', memory: '2Gi' }, { memory: '1Gi' })), replica);
  assert.notEqual(podDemandOf(pod({ cpu: '250m', memory: '1Gi' })), replica);
  assert.notEqual(podDemandOf(pod({ cpu: '250m', memory: '1Gi' }, { memory: '1Gi' }, [{ name: 'sidecar', image: 'img:1', resources: { requests: { cpu: '1' } } }])), replica);
  // A limit that defaults the request is not the same pod as that request with no limit; an absent record asks what an empty one asks.
  const limitOnly = podDemandOf(pod(undefined, { cpu: '1' }));
  assert.notEqual(podDemandOf(pod({ cpu: '1' })), limitOnly);
  assert.equal(podDemandOf(pod({}, { cpu: '1' })), limitOnly);
  // Host ports are the pod's own: never shared.
  const withPort: PodSpec = { containers: [{ name: 'app', image: 'img:1', ports: [{ containerPort: 80, hostPort: 80 }] }] };
  assert.notEqual(podDemandOf(withPort), podDemandOf(withPort));
});
