/**
 * The NodePorts filter (pkg/scheduler/framework/plugins/nodeports
 * node_ports.go, and HostPortInfo in the scheduler framework's types): a pod
 * fits a node when none of the host ports it wants is already bound there.
 *
 * - The ports a pod wants are those of its app containers and native sidecars
 *   (init containers with `restartPolicy: Always`) with a hostPort above 0.
 *   A pod with `hostNetwork: true` binds its containerPorts on the host: the
 *   API server defaults hostPort to containerPort on created Pods, so a daemon
 *   pod's template ports count as host ports.
 * - An empty hostIP means 0.0.0.0 and an empty protocol means TCP.
 * - Two uses conflict when port and protocol are equal and either the host
 *   IPs are equal or one of them is 0.0.0.0 (every address).
 */
import type { Container, PodSpec } from '../../model/kubeTypes';

export const NODE_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

export interface HostPortUse {
  hostIP: string;
  protocol: string;
  port: number;
}

const ANY_ADDRESS = '0.0.0.0';

const NO_PORTS: readonly HostPortUse[] = Object.freeze([]);

function collectHostPorts(spec: PodSpec, containers: readonly Container[] | undefined, init: boolean, uses: HostPortUse[] | undefined): HostPortUse[] | undefined {
  if (!containers) return uses;
  for (const container of containers) {
    if (!container.ports || (init && container.restartPolicy !== 'Always')) continue;
    for (const port of container.ports) {
      const hostPort = port.hostPort ?? (spec.hostNetwork === true ? port.containerPort : undefined);
      if (hostPort === undefined || hostPort <= 0) continue;
      uses ??= [];
      uses.push({ hostIP: port.hostIP || ANY_ADDRESS, protocol: port.protocol || 'TCP', port: hostPort });
    }
  }
  return uses;
}

/** The host ports a pod binds, sanitized (0.0.0.0, TCP): native sidecars first, then app containers. */
export function hostPortsOf(spec: PodSpec): readonly HostPortUse[] {
  return collectHostPorts(spec, spec.containers, false, collectHostPorts(spec, spec.initContainers, true, undefined)) ?? NO_PORTS;
}

/** HostPortInfo.CheckConflict for one pair. */
export function hostPortsConflict(wanted: HostPortUse, used: HostPortUse): boolean {
  if (wanted.port !== used.port || wanted.protocol !== used.protocol) return false;
  return wanted.hostIP === used.hostIP || wanted.hostIP === ANY_ADDRESS || used.hostIP === ANY_ADDRESS;
}

/** "9100/TCP", "53/UDP on 10.0.0.1". */
export function formatHostPort(use: HostPortUse): string {
  return `${use.port}/${use.protocol}${use.hostIP === ANY_ADDRESS ? '' : ` on ${use.hostIP}`}`;
}
