/**
 * Security rules that know node agents: privileged containers, added
 * capabilities, host PID/IPC namespaces and sensitive hostPath mounts are
 * reported with what they grant, while the read-only /proc, /sys and /var/log
 * mounts every metrics or logging agent needs are not.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { asArray, asRecord } from './fieldAccess';
import { containerLabel, containersOf, podSpecOf } from './podSpecAccess';
import type { Rule, RuleFinding } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const privilegedContainer: Rule = {
  id: 'privileged-container',
  defaultSeverity: 'warning',
  description: 'A privileged container: root on the node with every device and capability. CNI and CSI agents may need it; most agents need a few capabilities instead.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) =>
    containersOf(ctx)
      .filter((at) => asRecord(at.container.securityContext)?.privileged === true)
      .map((at) => ({
        path: [...at.path, 'securityContext', 'privileged'],
        message: `${containerLabel(at)} is privileged: it is root on every node, with all devices and capabilities. Keep it for network or storage plugins that need it; otherwise add only the capabilities it uses.`,
      })),
};

const POWERFUL_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'BPF']);

export const addedCapabilities: Rule = {
  id: 'added-capabilities',
  defaultSeverity: 'information',
  description: 'Capabilities added to a container, with what the powerful ones (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL…) grant on the node.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const at of containersOf(ctx)) {
      const added = asArray(asRecord(asRecord(at.container.securityContext)?.capabilities)?.add).filter(
        (c): c is string => typeof c === 'string',
      );
      if (added.length === 0) continue;
      const powerful = added.filter((c) => POWERFUL_CAPABILITIES.has(c.replace(/^CAP_/, '')));
      findings.push({
        path: [...at.path, 'securityContext', 'capabilities', 'add'],
        on: 'key',
        message: powerful.length
          ? `${containerLabel(at)} adds ${powerful.join(', ')}, which ${powerful.length > 1 ? 'grant' : 'grants'} ${powerful.includes('ALL') || powerful.includes('SYS_ADMIN') ? 'close to full root' : 'host-level network, process or kernel control'} on every node. Make sure the agent needs ${powerful.length > 1 ? 'them' : 'it'}.`
          : `${containerLabel(at)} adds ${added.join(', ')} on every node.`,
      });
    }
    return findings;
  },
};

export const hostNamespaces: Rule = {
  id: 'host-namespaces',
  defaultSeverity: 'information',
  description: '`hostPID` or `hostIPC`: the pod sees (and with enough privilege signals or reads) every process or shared memory segment of the node.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const podSpec = podSpecOf(ctx);
    const findings: RuleFinding[] = [];
    if (podSpec?.hostPID === true) {
      findings.push({
        path: [...POD_SPEC_PATH, 'hostPID'],
        message: 'hostPID shares the node\'s process namespace: the pod sees every process on the node (needed by process exporters and debuggers, not by most agents).',
      });
    }
    if (podSpec?.hostIPC === true) {
      findings.push({
        path: [...POD_SPEC_PATH, 'hostIPC'],
        message: 'hostIPC shares the node\'s IPC namespace: the pod can read shared memory of every process on the node.',
      });
    }
    return findings;
  },
};

/** Host paths that hand over the node when writable (sockets: even when read-only). */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
];
const SENSITIVE_DIRECTORIES = ['/', '/etc', '/root', '/var/run', '/run', '/var/lib/kubelet', '/etc/kubernetes', '/boot', '/usr', '/bin', '/sbin', '/lib'];

function normalize(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export const sensitiveHostPath: Rule = {
  id: 'sensitive-host-path',
  defaultSeverity: 'warning',
  description:
    'A container runtime socket, or a writable mount of `/`, `/etc` and other system paths of the node. Read-only `/proc`, `/sys` and `/var/log` mounts, typical of agents, are not reported.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const podSpec = podSpecOf(ctx);
    const findings: RuleFinding[] = [];
    asArray(podSpec?.volumes).forEach((item, index) => {
      const volume = asRecord(item);
      const hostPath = asRecord(volume?.hostPath)?.path;
      if (typeof hostPath !== 'string' || typeof volume?.name !== 'string') return;
      const path = normalize(hostPath);
      const volumePath = [...POD_SPEC_PATH, 'volumes', index, 'hostPath', 'path'];
      if (RUNTIME_SOCKETS.includes(path)) {
        findings.push({
          path: volumePath,
          message: `hostPath ${hostPath} is the container runtime socket: whoever can talk to it can start privileged containers on the node, read-only mount or not.`,
        });
        return;
      }
      if (!SENSITIVE_DIRECTORIES.includes(path)) return;
      const writable = containersOf(ctx).flatMap((at) =>
        asArray(at.container.volumeMounts)
          .map((m, mountIndex) => ({ mount: asRecord(m), mountIndex, at }))
          .filter(({ mount }) => mount !== undefined && mount.name === volume.name && mount.readOnly !== true),
      );
      if (writable.length === 0) return;
      findings.push({
        path: volumePath,
        message: `hostPath ${hostPath} is mounted writable by ${writable.map(({ at }) => containerLabel(at)).join(', ')}: the pod can change the node itself. Add \`readOnly: true\` to the mount if the agent only reads it.`,
        related: writable.map(({ at, mountIndex }) => ({
          path: [...at.path, 'volumeMounts', mountIndex],
          message: 'writable mount',
        })),
      });
    });
    return findings;
  },
};
