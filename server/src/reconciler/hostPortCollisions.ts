/**
 * Host ports two DaemonSets both bind on one node: on every such node one of
 * the two pods cannot be scheduled (the scheduler's NodePorts filter). Pairs
 * are reported once per port with the nodes and pools they share, never
 * once per node, so 5,000 nodes stay a short list.
 */
import type { DaemonSet } from '../model/kubeTypes';

export interface HostPortBinding {
  port: number;
  protocol: string;
  /** The address bound; '0.0.0.0' (every address) when the port names none. */
  hostIP: string;
}

/**
 * The host ports a daemon pod binds: every container's and init container's `hostPort`, and with `hostNetwork`
 * every `containerPort` (the API server defaults hostPort to it on such pods).
 */
export function daemonSetHostPorts(daemonSet: DaemonSet): HostPortBinding[] {
  const spec = daemonSet.spec.template.spec;
  const bindings: HostPortBinding[] = [];
  const seen = new Set<string>();
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const port of container.ports ?? []) {
      const number = port.hostPort !== undefined && port.hostPort > 0 ? port.hostPort : spec.hostNetwork ? port.containerPort : undefined;
      if (number === undefined || number <= 0) continue;
      const hostIP = (port as { hostIP?: string }).hostIP || '0.0.0.0';
      const binding = { port: number, protocol: port.protocol || 'TCP', hostIP };
      const key = `${binding.port}/${binding.protocol}/${binding.hostIP}`;
      if (seen.has(key)) continue;
      seen.add(key);
      bindings.push(binding);
    }
  }
  return bindings;
}

/** Two bindings claim the same socket: same port and protocol, and one binds every address or both the same one. */
export function bindingsCollide(a: HostPortBinding, b: HostPortBinding): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0' || a.hostIP === b.hostIP);
}
