/**
 * invalid-container: the container checks of pod validation
 * (`validateContainers`, `validateInitContainers`, `validateContainerCommon`,
 * `validateContainerPorts`, `ValidateEnv`) in their order: a pod needs at
 * least one container; each needs a name (a DNS label, unique across app and
 * init containers — a clash is reported at the init container, which
 * Kubernetes checks second) and an image; ports need a containerPort in
 * range, port names are IANA service names unique within a container; env
 * vars need a name of printable ASCII other than '='; the same host port and protocol may not be used twice in
 * the pod (`checkHostPortConflicts`).
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { dns1123LabelProblems, joined, portNameProblems } from '../../model/labelSyntax';
import { asArray, asRecord, isSet, quote, requiredFinding } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { CONTAINERS_PATH, POD_SPEC_PATH } from '../../model/fieldPath';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const invalidContainer: Rule = {
  id: 'invalid-container',
  defaultSeverity: 'error',
  description:
    'Containers the API server rejects: no containers, a missing name or image, duplicate or malformed names, a missing or out-of-range containerPort, port names that are not IANA service names or repeat, an env var without a name or with a name that is not printable ASCII or has \'=\', a host port used twice.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkContainers,
};

function checkContainers(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  if (!podSpec) return [];
  const findings: RuleFinding[] = [];
  const containersPath = CONTAINERS_PATH;
  if (!Array.isArray(podSpec.containers) || podSpec.containers.length === 0) {
    findings.push({
      path: containersPath,
      anchor: isSet(podSpec.containers) ? containersPath : [...POD_SPEC_PATH],
      on: 'key',
      message: 'Required value: a pod template needs at least one container in `containers`.',
    });
  }
  const names = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  // validateContainers runs before validateInitContainers, so a shared name is the init container's error.
  for (const group of ['containers', 'initContainers'] as const) {
    asArray(podSpec[group]).forEach((item, index) => {
      const container = asRecord(item);
      if (!container) return;
      const path = [...POD_SPEC_PATH, group, index];
      const where = `${group}[${index}]`;
      if (!isSet(container.name) || container.name === '') {
        findings.push(requiredFinding(path, 'name', 'Required value: every container needs a `name` (a DNS label such as `agent`).', container.name));
      }
      if (typeof container.name === 'string' && container.name !== '') {
        for (const problem of joined(dns1123LabelProblems(container.name))) {
          findings.push({ path: [...path, 'name'], message: `Invalid container name ${JSON.stringify(container.name)}: ${problem}.` });
        }
        const earlier = names.get(container.name);
        if (earlier) {
          findings.push({
            path: [...path, 'name'],
            message: `Duplicate container name ${JSON.stringify(container.name)} (also ${earlier}): container names must be unique in a pod.`,
          });
        } else {
          names.set(container.name, where);
        }
      }
      if (!isSet(container.image) || container.image === '') {
        findings.push(requiredFinding(path, 'image', 'Required value: every container needs an `image`.', container.image));
      }
      let portNames: Set<string> | undefined;
      asArray(container.ports).forEach((portItem, portIndex) => {
        const port = asRecord(portItem);
        if (!port) return;
        const portPath = [...path, 'ports', portIndex];
        if (typeof port.name === 'string' && port.name.length > 0) {
          if (portNames?.has(port.name)) {
            findings.push({ path: [...portPath, 'name'], message: `Duplicate port name ${JSON.stringify(port.name)} in this container.` });
          }
          (portNames ??= new Set()).add(port.name);
          for (const problem of joined(portNameProblems(port.name))) {
            findings.push({ path: [...portPath, 'name'], message: `Invalid port name ${JSON.stringify(port.name)}: ${problem}.` });
          }
        }
        if (!isSet(port.containerPort) || port.containerPort === 0) {
          findings.push(
            requiredFinding(portPath, 'containerPort', 'Required value: every port needs a `containerPort`, the port the container listens on.', port.containerPort),
          );
        } else if (typeof port.containerPort === 'number' && !isPortNumber(port.containerPort)) {
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
      asArray(container.env).forEach((envItem, envIndex) => {
        const env = asRecord(envItem);
        if (!env) return;
        const envPath = [...path, 'env', envIndex];
        if (typeof env.name === 'string' && env.name !== '') {
          if (!isRelaxedEnvVarName(env.name)) {
            findings.push({ path: [...envPath, 'name'], message: `Invalid value ${JSON.stringify(env.name)}: ${ENV_VAR_NAME_MESSAGE}.` });
          }
          return;
        }
        if (isSet(env.name) && env.name !== '') return;
        findings.push(requiredFinding(envPath, 'name', 'Required value: every environment variable needs a `name`.', env.name));
      });
    });
  }
  return findings;
}

/**
 * `IsRelaxedEnvVarName`: since Kubernetes 1.34 (RelaxedEnvironmentVariableValidation, GA)
 * an env var name may be any printable ASCII except '=' — dots, dashes, even spaces.
 */
const ENV_VAR_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function isRelaxedEnvVarName(name: string): boolean {
  return /^[\x20-\x3c\x3e-\x7e]*$/.test(name);
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
