/** A seeded NodeList as `kubectl get nodes -o yaml` prints it, for large-cluster UI tests and the bench. */
import { mulberry32 } from '../../../bench/corpus';

const POOLS = [
  { pool: 'default', taint: undefined, cpu: '4', memory: '16Gi' },
  { pool: 'highmem', taint: undefined, cpu: '8', memory: '64Gi' },
  { pool: 'gpu', taint: 'nvidia.com/gpu=present:NoSchedule', cpu: '16', memory: '128Gi' },
  { pool: 'infra', taint: 'dedicated=infra:NoExecute', cpu: '2', memory: '8Gi' },
  { pool: 'tiny', taint: undefined, cpu: '250m', memory: '512Mi' },
];

export function syntheticInventory(count: number, seed = 7): string {
  const random = mulberry32(seed);
  const lines = ['apiVersion: v1', 'kind: List', 'items:'];
  for (let index = 0; index < count; index++) {
    const pool = POOLS[Math.floor(random() * POOLS.length)];
    const name = `node-${pool.pool}-${String(index).padStart(5, '0')}`;
    const zone = `zone-${'abc'[index % 3]}`;
    lines.push(
      '- apiVersion: v1',
      '  kind: Node',
      '  metadata:',
      `    name: ${name}`,
      '    labels:',
      `      kubernetes.io/hostname: ${name}`,
      '      kubernetes.io/os: linux',
      `      topology.kubernetes.io/zone: ${zone}`,
      `      pool: ${pool.pool}`,
      '  spec:',
    );
    if (pool.taint) {
      const [keyValue, effect] = pool.taint.split(':');
      const [key, value] = keyValue.split('=');
      lines.push('    taints:', `    - key: ${key}`, `      value: "${value}"`, `      effect: ${effect}`);
    } else {
      lines.push('    podCIDR: 10.0.0.0/24');
    }
    lines.push(
      '  status:',
      '    allocatable:',
      `      cpu: "${pool.cpu}"`,
      `      memory: ${pool.memory}`,
      '      pods: "110"',
      '    conditions:',
      '    - type: Ready',
      `      status: "${random() < 0.02 ? 'False' : 'True'}"`,
    );
  }
  return lines.join('\n') + '\n';
}
