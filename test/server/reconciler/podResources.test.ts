/** podRequests / podLimits, cases after component-helpers resource TestPodRequests and the sidecar KEP's examples. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, PodSpec } from '../../../server/src/model/kubeTypes';
import { formatQuantity } from '../../../server/src/model/quantity';
import { podLimits, podLimitsBounded, podRequests } from '../../../server/src/reconciler';

const c = (name: string, requests: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string): Container => {
  const container: Container = { name, resources: { requests, ...(limits ? { limits } : {}) } };
  if (restartPolicy) container.restartPolicy = restartPolicy;
  return container;
};

function shown(list: Map<string, { nanos: bigint; format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent' }>): Record<string, string> {
  return Object.fromEntries([...list].map(([resource, quantity]) => [resource, formatQuantity(quantity, resource)]));
}

test('TestPodRequests', () => {
  const cases: { name: string; spec: PodSpec; want: Record<string, string> }[] = [
    { name: 'no containers', spec: { containers: [] }, want: {} },
    { name: 'app containers are summed', spec: { containers: [c('a', { cpu: '100m', memory: '64Mi' }), c('b', { cpu: '150m', memory: '64Mi' })] }, want: { cpu: '250m', memory: '128Mi' } },
    { name: 'a limit without a request is the request', spec: { containers: [c('a', {}, { cpu: '1', memory: '1Gi' })] }, want: { cpu: '1', memory: '1Gi' } },
    {
      name: 'init container larger than the app containers wins',
      spec: { containers: [c('a', { cpu: '100m' })], initContainers: [c('init', { cpu: '500m' })] },
      want: { cpu: '500m' },
    },
    {
      name: 'native sidecar adds to the app containers',
      spec: { containers: [c('a', { cpu: '100m' })], initContainers: [c('sidecar', { cpu: '50m' }, undefined, 'Always')] },
      want: { cpu: '150m' },
    },
    {
      name: 'an init container after a sidecar runs beside it',
      spec: {
        containers: [c('a', { cpu: '100m' })],
        initContainers: [c('sidecar', { cpu: '200m' }, undefined, 'Always'), c('init', { cpu: '250m' })],
      },
      want: { cpu: '450m' },
    },
    {
      name: 'an init container before the sidecar does not',
      spec: {
        containers: [c('a', { cpu: '100m' })],
        initContainers: [c('init', { cpu: '250m' }), c('sidecar', { cpu: '200m' }, undefined, 'Always')],
      },
      want: { cpu: '300m' },
    },
    { name: 'overhead is added', spec: { containers: [c('a', { cpu: '100m' })], overhead: { cpu: '10m', memory: '120Mi' } }, want: { cpu: '110m', memory: '120Mi' } },
    {
      name: 'pod-level resources replace cpu and memory',
      spec: { containers: [c('a', { cpu: '100m', memory: '64Mi', 'nvidia.com/gpu': '1' })], resources: { requests: { cpu: '1' }, limits: { memory: '2Gi' } } },
      want: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
    },
  ];
  for (const { name, spec, want } of cases) assert.deepEqual(shown(podRequests(spec)), want, name);
});

test('podLimits sums limits like requests, adds overhead only to limited resources, and says when they bound the pod', () => {
  const spec: PodSpec = {
    containers: [c('a', {}, { cpu: '200m', memory: '128Mi' }), c('b', { cpu: '10m' }, { memory: '64Mi' })],
    initContainers: [c('sidecar', {}, { cpu: '100m' }, 'Always')],
    overhead: { memory: '10Mi', 'ephemeral-storage': '1Gi' },
  };
  assert.deepEqual(shown(podLimits(spec)), { cpu: '300m', memory: '202Mi' });
  assert.equal(podLimitsBounded(spec, 'memory'), false, 'the sidecar has no memory limit');
  assert.equal(podLimitsBounded(spec, 'cpu'), false, 'b has no cpu limit');
  assert.equal(podLimitsBounded({ ...spec, resources: { limits: { cpu: '1' } } }, 'cpu'), true);
});
