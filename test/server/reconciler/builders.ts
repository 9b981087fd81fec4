/** Small builders for table-driven reconciler tests (not a test file itself). */
import type { DaemonSet, Node, Pod, PodSpec, Taint } from '../../../server/src/model/kubeTypes';

export function node(name: string, options: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; ready?: string; allocatable?: Record<string, string> } = {}): Node {
  return {
    metadata: { name, labels: options.labels ?? {}, annotations: {}, ownerReferences: [] },
    spec: { taints: options.taints ?? [], unschedulable: options.unschedulable ?? false },
    status: {
      conditions: options.ready ? [{ type: 'Ready', status: options.ready }] : [],
      allocatable: options.allocatable ?? {},
      capacity: {},
    },
  };
}

export function daemonSet(spec: Partial<PodSpec> = {}, extra: Partial<DaemonSet['spec']> = {}, name = 'ds'): DaemonSet {
  const template = { metadata: { labels: { app: name }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'img:1' }], ...spec } };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    deprecated: false,
    metadata: { name, namespace: 'default', labels: {}, annotations: {}, ownerReferences: [] },
    spec: { selector: { matchLabels: { app: name } }, template, ...extra },
    rawTemplate: template,
  };
}

export function pod(
  name: string,
  nodeName: string,
  options: { hash?: string; ready?: boolean; readySince?: string; created?: string; phase?: string; deleting?: boolean; app?: string } = {},
): Pod {
  const labels: Record<string, string> = { app: options.app ?? 'ds' };
  if (options.hash) labels['controller-revision-hash'] = options.hash;
  const result: Pod = {
    metadata: {
      name,
      namespace: 'default',
      labels,
      annotations: {},
      creationTimestamp: options.created ?? '2024-01-01T00:00:00Z',
      ownerReferences: [{ kind: 'DaemonSet', name: options.app ?? 'ds', controller: true }],
    },
    spec: { nodeName, containers: [] },
    status: {
      phase: options.phase ?? 'Running',
      conditions: options.ready === false ? [{ type: 'Ready', status: 'False' }] : [{ type: 'Ready', status: 'True', lastTransitionTime: options.readySince ?? '2024-01-01T00:00:00Z' }],
    },
  };
  if (options.deleting) result.metadata.deletionTimestamp = '2024-01-02T00:00:00Z';
  return result;
}

export const taint = (key: string, effect: string, value?: string): Taint => (value === undefined ? { key, effect } : { key, value, effect });
