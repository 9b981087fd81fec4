/** NodeResourcesFit: cases after fit_test.go TestEnoughRequests, with the messages' numbers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSpec } from '../../../../server/src/model/kubeTypes';
import {
  fitsRequest,
  formatInsufficientResource,
  isScalarResourceName,
  nodeAllocatable,
  podRequests,
  schedulerRequests,
  type SchedulerResources,
} from '../../../../server/src/reconciler';
import { node } from '../builders';

const spec = (requests: Record<string, string>, init?: Record<string, string>): PodSpec => ({
  containers: [{ name: 'c', resources: { requests } }],
  ...(init ? { initContainers: [{ name: 'i', resources: { requests: init } }] } : {}),
});

// The node of TestEnoughRequests: 10 milli-cpu, 20 bytes of memory, 32 pods, 5 of an extended resource, 20 of ephemeral storage.
const allocatable = nodeAllocatable(node('n', { allocatable: { cpu: '10m', memory: '20', pods: '32', 'example.com/aaa': '5', 'ephemeral-storage': '20' } }));

test('TestEnoughRequests', () => {
  const cases: { name: string; pod: PodSpec; used: Record<string, number>; pods?: number; want: string[] }[] = [
    { name: 'no resources requested always fits', pod: { containers: [{ name: 'c' }] }, used: { cpu: 10, memory: 20 }, want: [] },
    { name: 'too many resources fails', pod: spec({ cpu: '1m', memory: '1' }), used: { cpu: 10, memory: 20 }, want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'too many resources fails due to init container cpu', pod: spec({ cpu: '1m', memory: '1' }, { cpu: '3m', memory: '1' }), used: { cpu: 8, memory: 19 }, want: ['Insufficient cpu'] },
    { name: 'init container fits because it is sequential', pod: spec({ cpu: '1m', memory: '1' }, { cpu: '2m', memory: '1' }), used: { cpu: 8, memory: 19 }, want: [] },
    { name: 'both resources fit', pod: spec({ cpu: '1m', memory: '1' }), used: { cpu: 5, memory: 5 }, want: [] },
    { name: 'one resource memory fits', pod: spec({ cpu: '2m', memory: '1' }), used: { cpu: 9, memory: 5 }, want: ['Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: spec({ cpu: '1m', memory: '2' }), used: { cpu: 5, memory: 19 }, want: ['Insufficient memory'] },
    { name: 'equal edge case', pod: spec({ cpu: '5m', memory: '1' }), used: { cpu: 5, memory: 19 }, want: [] },
    { name: 'extended resource fits', pod: spec({ 'example.com/aaa': '1' }), used: { 'example.com/aaa': 0 }, want: [] },
    { name: 'extended resource capacity enforced', pod: spec({ 'example.com/aaa': '10' }), used: {}, want: ['Insufficient example.com/aaa'] },
    { name: 'extended resource allocatable enforced', pod: spec({ 'example.com/aaa': '1' }), used: { 'example.com/aaa': 5 }, want: ['Insufficient example.com/aaa'] },
    { name: 'extended resource the node does not have', pod: spec({ 'nvidia.com/gpu': '1' }), used: {}, want: ['Insufficient nvidia.com/gpu'] },
    { name: 'ephemeral storage enforced', pod: spec({ 'ephemeral-storage': '25' }), used: {}, want: ['Insufficient ephemeral-storage'] },
    { name: 'unknown unprefixed names are ignored', pod: spec({ cpus: '5' }), used: {}, want: [] },
    { name: 'pods count enforced', pod: spec({ cpu: '1m' }), used: {}, pods: 32, want: ['Too many pods'] },
  ];
  for (const { name, pod, used, pods, want } of cases) {
    const usedMap: SchedulerResources = new Map(Object.entries(used));
    const got = fitsRequest(schedulerRequests(podRequests(pod)), allocatable, usedMap, pods ?? 0).map((shortfall) => shortfall.reason);
    assert.deepEqual(got, want, name);
  }
});

test('a node without allocatable is not judged; a node without a pods count is not counted', () => {
  const request = schedulerRequests(podRequests(spec({ cpu: '1' })));
  assert.deepEqual(fitsRequest(request, nodeAllocatable(node('bare')), new Map(), 500), []);
  const noPods = nodeAllocatable(node('n', { allocatable: { cpu: '4' } }));
  assert.deepEqual(fitsRequest(request, noPods, new Map(), 500), []);
});

test('shortfalls read in the scheduler words with the numbers', () => {
  const big = nodeAllocatable(node('n', { allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' } }));
  const request = schedulerRequests(podRequests(spec({ cpu: '200m', memory: '1Gi' })));
  const used: SchedulerResources = new Map([['cpu', 3770], ['memory', 15 * 2 ** 30 - 512 * 2 ** 20]]);
  assert.deepEqual(fitsRequest(request, big, used, 110).map(formatInsufficientResource), [
    'Too many pods (110 of 110 in use)',
    'Insufficient cpu (needs 200m, 150m free of 3920m)',
    'Insufficient memory (needs 1Gi, 512Mi free of 15Gi)',
  ]);
});

test('IsScalarResourceName', () => {
  for (const name of ['nvidia.com/gpu', 'hugepages-2Mi', 'kubernetes.io/batch-in-memory', 'example.com/aaa']) assert.equal(isScalarResourceName(name), true, name);
  for (const name of ['cpu', 'memory', 'pods', 'requests.nvidia.com/gpu', 'cpus']) assert.equal(isScalarResourceName(name), false, name);
});

test('absurd quantities saturate instead of overflowing, and still read', () => {
  const huge = nodeAllocatable(node('n', { allocatable: { cpu: '1e999', memory: '1e999', pods: '110' } }));
  const request = schedulerRequests(podRequests(spec({ cpu: '1e999', memory: '1e999' })));
  const used: SchedulerResources = new Map([['cpu', Number.MAX_SAFE_INTEGER], ['memory', Number.MAX_SAFE_INTEGER]]);
  const shortfalls = fitsRequest(request, huge, used, 0);
  assert.deepEqual(shortfalls.map((shortfall) => shortfall.reason), ['Insufficient cpu', 'Insufficient memory']);
  for (const shortfall of shortfalls) assert.match(formatInsufficientResource(shortfall), /^Insufficient \w+ \(needs .+, .+ free of .+\)$/);
});
