/**
 * invalid-container: the container checks of pod validation that bite
 * DaemonSet authors: container names (DNS labels, unique across init and app
 * containers), port numbers in range, port names (IANA service names, unique
 * within a container), and the same host port and protocol used twice in the
 * pod (`checkHostPortConflicts`).
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { dns1123LabelProblems, joined, portNameProblems } from '../../model/labelSyntax';
import { asArray, asRecord, isSet, POD_SPEC, quote } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const invalidContainer: Rule = {
  id: 'invalid-container',
  defaultSeverity: 'error',
  description:
    'Containers the API server rejects: duplicate or malformed names, ports out of range, port names that are not IANA service names or repeat, a host port used twice.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkContainers,
};

function checkContainers(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  if (!podSpec) return [];
  const findings: RuleFinding[] = [];
  const names = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  for (const group of ['initContainers', 'containers'] as const) {
    asArray(podSpec[group]).forEach((item, index) => {
      const container = asRecord(item);
      if (!container) return;
      const path = [...POD_SPEC, group, index];
      const where = `${group}[${index}]`;
      if (typeof container.name === 'string') {
        const earlier = names.get(container.name);
        if (earlier) {
          findings.push({
            path: [...path, 'name'],
            message: `Duplicate container name ${JSON.stringify(container.name)} (also ${earlier}): container names must be unique in a pod.`,
          });
        } else {
          names.set(container.name, where);
        }
        for (const problem of joined(dns1123LabelProblems(container.name))) {
          findings.push({ path: [...path, 'name'], message: `Invalid container name ${JSON.stringify(container.name)}: ${problem}.` });
        }
      }
      const portNames = new Set<string>();
      asArray(container.ports).forEach((portItem, portIndex) => {
        const port = asRecord(portItem);
        if (!port) return;
        const portPath = [...path, 'ports', portIndex];
        if (typeof port.name === 'string' && port.name.length > 0) {
          if (portNames.has(port.name)) {
            findings.push({ path: [...portPath, 'name'], message: `Duplicate port name ${JSON.stringify(port.name)} in this container.` });
          }
          portNames.add(port.name);
          for (const problem of joined(portNameProblems(port.name))) {
            findings.push({ path: [...portPath, 'name'], message: `Invalid port name ${JSON.stringify(port.name)}: ${problem}.` });
          }
        }
        if (typeof port.containerPort === 'number' && !isPortNumber(port.containerPort)) {
          findings.push({
            path: [...portPath, 'containerPort'],
            message: `containerPort must be between 1 and 65535, inclusive, not ${port.containerPort}.`,
          });
        }
        const hostPort = port.hostPort;
        if (typeof hostPort === 'number' && hostPort !== 0) {
          if (!isPortNumber(hostPort)) {
            findings.push({
              path: [...portPath, 'hostPort'],
              message: `hostPort must be between 1 and 65535, inclusive, not ${hostPort}.`,
            });
          } else {
            const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
            const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
            const key = `${hostPort}/${protocol}/${hostIP}`;
            const earlier = hostPorts.get(key);
            if (earlier) {
              findings.push({
                path: [...portPath, 'hostPort'],
                message: `Host port ${hostPort}/${protocol} is already used by ${earlier}: the pod could never be scheduled.`,
              });
            } else {
              hostPorts.set(key, `${where}.ports[${portIndex}]`);
            }
          }
        }
        if (isSet(port.protocol) && !PROTOCOLS.includes(String(port.protocol))) {
          findings.push({
            path: [...portPath, 'protocol'],
            message: `Unsupported protocol ${quote(port.protocol)}: supported values are "TCP", "UDP" and "SCTP".`,
          });
        }
      });
    });
  }
  return findings;
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
