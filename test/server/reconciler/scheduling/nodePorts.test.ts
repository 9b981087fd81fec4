/** NodePorts: cases after node_ports_test.go TestNodePorts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerPort, PodSpec } from '../../../../server/src/model/kubeTypes';
import { addPod, hostPortsOf, newNodeFitState, nodeAllocatable, runFilters, type NodeFitState } from '../../../../server/src/reconciler';
import { node } from '../builders';

const ports = (...entries: string[]): PodSpec => ({
  // "UDP/127.0.0.1/8080": protocol / hostIP / hostPort, as the Kubernetes test writes them.
  containers: [
    {
      name: 'c',
      ports: entries.map((entry): ContainerPort => {
        const [protocol, hostIP, port] = entry.split('/');
        return { protocol, hostIP, hostPort: Number(port), containerPort: Number(port) };
      }),
    },
  ],
});

function findPortConflictsFor(state: NodeFitState, spec: PodSpec) {
  return runFilters(state, { requests: new Map(), hostPorts: hostPortsOf(spec) }).portConflicts;
}

test('TestNodePorts', () => {
  const cases: { name: string; pod: PodSpec; existing: PodSpec[]; fits: boolean }[] = [
    { name: 'nothing running', pod: ports('UDP/127.0.0.1/8080'), existing: [], fits: true },
    { name: 'other port', pod: ports('UDP/127.0.0.1/8080'), existing: [ports('UDP/127.0.0.1/9090')], fits: true },
    { name: 'same udp port', pod: ports('UDP/127.0.0.1/8080'), existing: [ports('UDP/127.0.0.1/8080')], fits: false },
    { name: 'same tcp port', pod: ports('TCP/127.0.0.1/8080'), existing: [ports('TCP/127.0.0.1/8080')], fits: false },
    { name: 'different host ip', pod: ports('TCP/127.0.0.1/8080'), existing: [ports('TCP/127.0.0.2/8080')], fits: true },
    { name: 'different protocol', pod: ports('UDP/127.0.0.1/8080'), existing: [ports('TCP/127.0.0.1/8080')], fits: true },
    { name: 'second udp port conflict', pod: ports('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), existing: [ports('UDP/127.0.0.1/8080')], fits: false },
    { name: 'first tcp port conflict', pod: ports('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), existing: [ports('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')], fits: false },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: ports('TCP/0.0.0.0/8001'), existing: [ports('TCP/127.0.0.1/8001')], fits: false },
    { name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: ports('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), existing: [ports('TCP/127.0.0.1/8001')], fits: false },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: ports('TCP/127.0.0.1/8001'), existing: [ports('TCP/0.0.0.0/8001')], fits: false },
    { name: 'second different protocol', pod: ports('UDP/127.0.0.1/8001'), existing: [ports('TCP/0.0.0.0/8001')], fits: true },
    { name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: ports('UDP/127.0.0.1/8001'), existing: [ports('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')], fits: false },
    { name: 'empty hostIP is 0.0.0.0 and empty protocol is TCP', pod: ports('//8001'), existing: [ports('TCP/127.0.0.1/8001')], fits: false },
  ];
  for (const { name, pod, existing, fits } of cases) {
    const state = newNodeFitState(nodeAllocatable(node('n')));
    existing.forEach((spec, index) => addPod(state, { namespace: 'default', name: `p${index}`, priority: 0, requests: new Map(), hostPorts: hostPortsOf(spec) }));
    assert.equal(findPortConflictsFor(state, pod).length === 0, fits, name);
  }
});

test('hostNetwork binds the containerPorts; native sidecars count, plain init containers do not', () => {
  const spec: PodSpec = {
    hostNetwork: true,
    containers: [{ name: 'agent', ports: [{ containerPort: 9100 }] }],
    initContainers: [
      { name: 'setup', ports: [{ containerPort: 1, hostPort: 7000 }] },
      { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15000, protocol: 'UDP' }] },
    ],
  };
  assert.deepEqual(hostPortsOf(spec), [
    { hostIP: '0.0.0.0', protocol: 'UDP', port: 15000 },
    { hostIP: '0.0.0.0', protocol: 'TCP', port: 9100 },
  ]);
  assert.deepEqual(hostPortsOf({ containers: [{ name: 'web', ports: [{ containerPort: 80 }] }] }), [], 'a containerPort alone binds nothing on the host');
});
