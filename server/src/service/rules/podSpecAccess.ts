/**
 * Reading a DaemonSet document's pod spec and containers for the pitfall
 * rules, tolerating any shape.
 */
import { POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import { asArray, asRecord, type PlainRecord } from './fieldAccess';
import type { RuleContext } from './rule';

export interface ContainerAt {
  readonly container: PlainRecord;
  readonly path: FieldPath;
  readonly kind: 'initContainers' | 'containers';
  readonly index: number;
}

export function podSpecOf(ctx: RuleContext): PlainRecord | undefined {
  return asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
}

/**
 * The containers of each pod spec, read once: several rules ask for them in every document. Keyed
 * by the parsed pod spec, which lives as long as its document's value and is never changed.
 */
const containersBySpec = new WeakMap<PlainRecord, readonly ContainerAt[]>();

/** The init containers, then the containers (or only the kind asked for), that are mappings. */
export function containersOf(ctx: RuleContext, kind?: 'containers'): readonly ContainerAt[] {
  const podSpec = podSpecOf(ctx);
  if (!podSpec) return [];
  let all = containersBySpec.get(podSpec);
  if (!all) {
    const found: ContainerAt[] = [];
    for (const group of ['initContainers', 'containers'] as const) {
      const items = asArray(podSpec[group]);
      for (let index = 0; index < items.length; index++) {
        const container = asRecord(items[index]);
        if (container) found.push({ container, path: [...POD_SPEC_PATH, group, index], kind: group, index });
      }
    }
    all = found;
    containersBySpec.set(podSpec, all);
  }
  return kind ? all.filter((at) => at.kind === kind) : all;
}

export function containerLabel(at: ContainerAt): string {
  const name = typeof at.container.name === 'string' ? at.container.name : `#${at.index + 1}`;
  return at.kind === 'initContainers' ? `init container ${name}` : `container ${name}`;
}

/**
 * Whether a DaemonSet looks like a node agent (logging, monitoring,
 * networking, storage): by namespace, well-known names or host access.
 */
export function looksLikeNodeAgent(ctx: RuleContext): boolean {
  const metadata = asRecord(ctx.root.metadata);
  const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : '';
  const name = typeof metadata?.name === 'string' ? metadata.name : '';
  if (['kube-system', 'monitoring', 'logging', 'kube-flannel', 'calico-system', 'tigera-operator', 'cilium'].includes(namespace)) {
    return true;
  }
  if (/fluent|filebeat|promtail|vector|log|node-exporter|metrics|monitor|datadog|newrelic|dynatrace|otel|collector|calico|cilium|flannel|weave|kube-proxy|proxy|cni|csi|storage|nvidia|device-plugin|agent/i.test(name)) {
    return true;
  }
  const podSpec = podSpecOf(ctx);
  return podSpec?.hostNetwork === true || asArray(podSpec?.volumes).some((v) => asRecord(v)?.hostPath !== undefined);
}
