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
import { asArray, asRecord, isSet, quote, requiredFinding, type PlainRecord } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { CONTAINERS_PATH, POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

export const invalidContainer: Rule = {
  id: 'invalid-container',
  defaultSeverity: 'error',
  description:
    'Containers the API server rejects: no containers, a missing name or image, duplicate or malformed names, a missing or out-of-range containerPort, port names that are not IANA service names or repeat, an env var without a name or with a name that is not printable ASCII or has \'=\', a host port used twice.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkContainers,
};

const CONTAINER_GROUPS = ['containers', 'initContainers'] as const;
type ContainerGroup = (typeof CONTAINER_GROUPS)[number];

// Indexed loops and paths built only for a finding: every container, port and env var of every
// document passes here, and forEach callbacks and spread arrays cost most while the code is cold.
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
  for (let g = 0; g < CONTAINER_GROUPS.length; g++) {
    const group = CONTAINER_GROUPS[g];
    const containers = asArray(podSpec[group]);
    for (let index = 0; index < containers.length; index++) {
      const container = asRecord(containers[index]);
      if (!container) continue;
      const where = `${group}[${index}]`;
      if (!isSet(container.name) || container.name === '') {
        findings.push(requiredFinding(containerAt(group, index), 'name', 'Required value: every container needs a `name` (a DNS label such as `agent`).', container.name));
      }
      if (typeof container.name === 'string' && container.name !== '') {
        const problems = joined(dns1123LabelProblems(container.name));
        for (let p = 0; p < problems.length; p++) {
          findings.push({ path: [...containerAt(group, index), 'name'], message: `Invalid container name ${JSON.stringify(container.name)}: ${problems[p]}.` });
        }
        const earlier = names.get(container.name);
        if (earlier) {
          findings.push({
            path: [...containerAt(group, index), 'name'],
            message: `Duplicate container name ${JSON.stringify(container.name)} (also ${earlier}): container names must be unique in a pod.`,
          });
        } else {
          names.set(container.name, where);
        }
      }
      if (!isSet(container.image) || container.image === '') {
        findings.push(requiredFinding(containerAt(group, index), 'image', 'Required value: every container needs an `image`.', container.image));
      }
      portFindings(container, group, index, where, hostPorts, findings);
      envFindings(container, group, index, findings);
    }
  }
  return findings;
}

/** `validateContainerPorts` and the pod's host port conflicts, for one container. */
function portFindings(container: PlainRecord, group: ContainerGroup, index: number, where: string, hostPorts: Map<string, string>, findings: RuleFinding[]): void {
  const ports = asArray(container.ports);
  let portNames: Set<string> | undefined;
  for (let portIndex = 0; portIndex < ports.length; portIndex++) {
    const port = asRecord(ports[portIndex]);
    if (!port) continue;
    if (typeof port.name === 'string' && port.name.length > 0) {
      if (portNames?.has(port.name)) {
        findings.push({ path: [...portAt(group, index, portIndex), 'name'], message: `Duplicate port name ${JSON.stringify(port.name)} in this container.` });
      }
      (portNames ??= new Set()).add(port.name);
      const problems = joined(portNameProblems(port.name));
      for (let p = 0; p < problems.length; p++) {
        findings.push({ path: [...portAt(group, index, portIndex), 'name'], message: `Invalid port name ${JSON.stringify(port.name)}: ${problems[p]}.` });
      }
    }
    if (!isSet(port.containerPort) || port.containerPort === 0) {
      findings.push(
        requiredFinding(portAt(group, index, portIndex), 'containerPort', 'Required value: every port needs a `containerPort`, the port the container listens on.', port.containerPort),
      );
    } else if (typeof port.containerPort === 'number' && !isPortNumber(port.containerPort)) {
      findings.push({
        path: [...portAt(group, index, portIndex), 'containerPort'],
        message: `containerPort must be between 1 and 65535, inclusive, not ${port.containerPort}.`,
      });
    }
    const hostPort = port.hostPort;
    if (typeof hostPort === 'number' && hostPort !== 0) {
      if (!isPortNumber(hostPort)) {
        findings.push({
          path: [...portAt(group, index, portIndex), 'hostPort'],
          message: `hostPort must be between 1 and 65535, inclusive, not ${hostPort}.`,
        });
      } else {
        const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
        const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
        const key = `${hostPort}/${protocol}/${hostIP}`;
        const earlier = hostPorts.get(key);
        if (earlier) {
          findings.push({
            path: [...portAt(group, index, portIndex), 'hostPort'],
            message: `Host port ${hostPort}/${protocol} is already used by ${earlier}: the pod could never be scheduled.`,
          });
        } else {
          hostPorts.set(key, `${where}.ports[${portIndex}]`);
        }
      }
    }
    if (isSet(port.protocol) && !PROTOCOLS.includes(String(port.protocol))) {
      findings.push({
        path: [...portAt(group, index, portIndex), 'protocol'],
        message: `Unsupported protocol ${quote(port.protocol)}: supported values are "TCP", "UDP" and "SCTP".`,
      });
    }
  }
}

/** `ValidateEnv` for one container: every env var needs a valid name. */
function envFindings(container: PlainRecord, group: ContainerGroup, index: number, findings: RuleFinding[]): void {
  const envs = asArray(container.env);
  for (let envIndex = 0; envIndex < envs.length; envIndex++) {
    const env = asRecord(envs[envIndex]);
    if (!env) continue;
    if (typeof env.name === 'string' && env.name !== '') {
      if (!isRelaxedEnvVarName(env.name)) {
        findings.push({ path: [...envAt(group, index, envIndex), 'name'], message: `Invalid value ${JSON.stringify(env.name)}: ${ENV_VAR_NAME_MESSAGE}.` });
      }
      continue;
    }
    if (isSet(env.name) && env.name !== '') continue;
    findings.push(requiredFinding(envAt(group, index, envIndex), 'name', 'Required value: every environment variable needs a `name`.', env.name));
  }
}

function containerAt(group: ContainerGroup, index: number): FieldPath {
  return [...POD_SPEC_PATH, group, index];
}

function portAt(group: ContainerGroup, index: number, portIndex: number): FieldPath {
  return [...POD_SPEC_PATH, group, index, 'ports', portIndex];
}

function envAt(group: ContainerGroup, index: number, envIndex: number): FieldPath {
  return [...POD_SPEC_PATH, group, index, 'env', envIndex];
}

/**
 * `IsRelaxedEnvVarName`: since Kubernetes 1.34 (RelaxedEnvironmentVariableValidation, GA)
 * an env var name may be any printable ASCII except '=' — dots, dashes, even spaces.
 */
const ENV_VAR_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";

function isRelaxedEnvVarName(name: string): boolean {
  // Code units 0x20–0x7e but '=' (0x3d), as /^[\x20-\x3c\x3e-\x7e]*$/ says, without a cold regular expression.
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x3d) return false;
  }
  return true;
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
