/**
 * live-defaulted-host-port: the live DaemonSet's template binds a host port
 * that the manifest neither sets nor asks for through `hostNetwork: true`.
 *
 * Up to Kubernetes 1.27 the API server defaulted `hostPort` to `containerPort`
 * in every pod template with `hostNetwork: true`; from 1.28 only in Pods
 * (feature gate DefaultHostNetworkHostPortsInPodTemplates, deprecated and off
 * from 1.28: kubernetes/website feature-gates/DefaultHostNetworkHostPortsInPodTemplates.md;
 * ../shared/docs/scheduler-and-node-pools.md §3). A DaemonSet that once ran
 * with host networking on such a cluster keeps those hostPorts in its stored
 * template. `kubectl apply` deletes only fields its last-applied configuration
 * set, so turning `hostNetwork` off leaves them: every pod still takes the
 * port on its node (NodePorts), and a surge pod or a second agent on that port
 * stays Pending.
 */
import type { FieldPath } from '../../model/fieldPath';
import type { Container, ContainerPort, DaemonSet } from '../../model/kubeTypes';
import { lastAppliedTemplate } from '../../model/liveCluster';
import { liveDaemonSetOf, liveObjectLabel } from './liveDaemonSet';
import type { WorkspaceFinding, WorkspaceRule } from './workspaceRule';

const CONTAINER_LISTS = ['initContainers', 'containers'] as const;

const protocolOf = (port: ContainerPort) => port.protocol ?? 'TCP';
const samePort = (a: ContainerPort, b: ContainerPort) => a.containerPort === b.containerPort && protocolOf(a) === protocolOf(b);

/** The container lists of the template of the last `kubectl apply`; undefined when the live object has none that reads. */
function lastAppliedContainers(live: DaemonSet): Partial<Record<(typeof CONTAINER_LISTS)[number], unknown>> | undefined {
  const template = lastAppliedTemplate(live) as { spec?: Record<string, unknown> } | null | undefined;
  if (template === undefined) return undefined;
  return template?.spec ?? {};
}

/** Whether the last apply set this port's hostPort (then apply removes it when the manifest drops it). */
function lastAppliedSetsHostPort(applied: unknown, containerName: string, port: ContainerPort): boolean {
  if (!Array.isArray(applied)) return false;
  const container = applied.find((entry: unknown) => (entry as Container | null)?.name === containerName) as Container | undefined;
  const ports: unknown = container?.ports;
  return Array.isArray(ports) && ports.some((entry: ContainerPort) => entry !== null && typeof entry === 'object' && samePort(entry, port) && entry.hostPort !== undefined);
}

export const liveDefaultedHostPort: WorkspaceRule = {
  id: 'live-defaulted-host-port',
  defaultSeverity: 'warning',
  description:
    'The live DaemonSet binds a host port (hostPort = containerPort, stored while it had hostNetwork: true on Kubernetes 1.27 or older) that the manifest neither sets nor implies: `kubectl apply` keeps it, so the pods still take the port on every node.',
  check: (ctx) => {
    const live = liveDaemonSetOf(ctx);
    // The typed DaemonSet is read (once per document text) only when there is a live one to compare with.
    if (!live) return [];
    const next = ctx.daemonSet;
    // With host networking every pod binds its containerPorts anyway: a stored hostPort changes nothing.
    if (!next || next.spec.template.spec.hostNetwork === true) return [];
    const applied = lastAppliedContainers(live);
    const findings: WorkspaceFinding[] = [];
    for (const list of CONTAINER_LISTS) {
      (next.spec.template.spec[list] ?? []).forEach((container, containerIndex) => {
        const liveContainer = (live.spec.template.spec[list] ?? []).find((candidate) => candidate.name === container.name);
        (container.ports ?? []).forEach((port, portIndex) => {
          if (port.hostPort !== undefined || port.containerPort === undefined) return;
          const livePort = liveContainer?.ports?.find((candidate) => samePort(candidate, port));
          // hostPort equal to containerPort is what the defaulting stored; another value was set on purpose by someone.
          if (livePort?.hostPort !== port.containerPort) return;
          if (applied && lastAppliedSetsHostPort(applied[list], container.name, port)) return;
          const path: FieldPath = ['spec', 'template', 'spec', list, containerIndex, 'ports', portIndex];
          findings.push({
            path,
            on: 'key',
            message:
              `${liveObjectLabel(ctx)[0].toUpperCase()}${liveObjectLabel(ctx).slice(1)} binds host port ${port.containerPort}/${protocolOf(port)} for container ${container.name}: ` +
              `the API server stored \`hostPort: ${port.containerPort}\` in its template while it had \`hostNetwork: true\` (Kubernetes 1.27 and older default hostPort to containerPort in pod templates, 1.28 and newer only in Pods). ` +
              `kubectl apply keeps a field it never set, so without host networking each pod still takes port ${port.containerPort} on its node and a surge pod or another agent on that port stays Pending. ` +
              `Set \`hostPort: ${port.containerPort}\` here if it is meant; otherwise apply once with it and again without it, or remove it from the live object (kubectl edit).`,
            related: [],
          });
        });
      });
    }
    return findings;
  },
};
