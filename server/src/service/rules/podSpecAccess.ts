/**
 * Reading a DaemonSet document's pod spec and containers for the pitfall
 * rules, tolerating any shape.
 */
import { POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import { asArray, asRecord, type PlainRecord } from './fieldAccess';
import type { RuleContext } from './rule';

export interface ContainerAt {
  container: PlainRecord;
  path: FieldPath;
  kind: 'initContainers' | 'containers';
  index: number;
}

export function podSpecOf(ctx: RuleContext): PlainRecord | undefined {
  return asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
}

export function containersOf(ctx: RuleContext, kinds: Array<'initContainers' | 'containers'> = ['initContainers', 'containers']): ContainerAt[] {
  const podSpec = podSpecOf(ctx);
  if (!podSpec) return [];
  const out: ContainerAt[] = [];
  for (const kind of kinds) {
    asArray(podSpec[kind]).forEach((item, index) => {
      const container = asRecord(item);
      if (container) out.push({ container, path: [...POD_SPEC_PATH, kind, index], kind, index });
    });
  }
  return out;
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
