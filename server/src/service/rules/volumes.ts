/**
 * invalid-volume: the volume checks of pod validation (`ValidateVolumes`,
 * `validateVolumeSource`, and `ValidateVolumeMounts` of each container) in
 * their order. Each volume has exactly one source (a source written as
 * `emptyDir:` with no value is no source: the API server decodes it as
 * absent), then a name that is a DNS label and unique. The common sources of
 * node agents are checked as Kubernetes checks them (hostPath.path,
 * secret.secretName, configMap.name, persistentVolumeClaim.claimName,
 * csi.driver; not file modes: YAML 1.1, which kubectl reads, takes `0644`
 * as octal where this YAML 1.2 parser reads 644). A volume with an error does
 * not count as declared, so mounts of it are "Not found", as in Kubernetes. Mounts need a name that
 * is a valid volume and a mountPath unique in the container; Bidirectional
 * propagation needs a privileged container. Enum values (hostPath.type,
 * mountPropagation) are the schema rule's.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { dns1123LabelProblems, dns1123SubdomainProblems, joined, utf8Length } from '../../model/labelSyntax';
import { POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import { asArray, asRecord, isSet, requiredFinding, type PlainRecord } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';

export const invalidVolume: Rule = {
  id: 'invalid-volume',
  defaultSeverity: 'error',
  description:
    'Volumes and mounts the API server rejects: no or more than one volume type, a missing or malformed or duplicate name, hostPath without path or with `..`, secret/configMap/persistentVolumeClaim/csi without their name, a mount of an unknown volume, a mount without or with a repeated mountPath, Bidirectional propagation in an unprivileged container.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkVolumes,
};

/**
 * Volume sources in `validateVolumeSource`'s order, with the name Kubernetes
 * uses in the "more than 1 volume type" path when it differs from the field.
 */
const VOLUME_SOURCES: ReadonlyArray<readonly [field: string, reportedAs?: string]> = [
  ['emptyDir'],
  ['hostPath'],
  ['gitRepo'],
  ['gcePersistentDisk'],
  ['awsElasticBlockStore'],
  ['secret'],
  ['nfs'],
  ['iscsi'],
  ['glusterfs'],
  ['flocker'],
  ['persistentVolumeClaim'],
  ['rbd'],
  ['cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc'],
  ['flexVolume'],
  ['configMap'],
  ['azureFile'],
  ['vsphereVolume'],
  ['photonPersistentDisk'],
  ['portworxVolume'],
  ['azureDisk'],
  ['storageos'],
  ['projected'],
  ['scaleIO'],
  ['csi'],
  ['ephemeral'],
  ['image'],
];

const CONTAINER_GROUPS = ['containers', 'initContainers'] as const;

// Indexed loops, findings appended to one array: every volume and mount of every document passes
// here, and forEach callbacks, iterators and spread arrays cost most while the code is still cold.
function checkVolumes(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  if (!podSpec) return [];
  const findings: RuleFinding[] = [];
  const valid = new Set<string>();
  const declared = new Map<string, number>();
  const volumes = asArray(podSpec.volumes);
  for (let index = 0; index < volumes.length; index++) {
    const volume = asRecord(volumes[index]);
    if (!volume) continue;
    const path = [...POD_SPEC_PATH, 'volumes', index];
    const before = findings.length;
    volumeSourceFindings(volume, path, findings);
    volumeNameFindings(volume, path, valid, findings);
    const name = typeof volume.name === 'string' ? volume.name : undefined;
    if (name !== undefined && !declared.has(name)) declared.set(name, index);
    if (findings.length === before && name !== undefined) valid.add(name);
  }
  // validateContainers runs before validateInitContainers.
  for (let g = 0; g < CONTAINER_GROUPS.length; g++) {
    const group = CONTAINER_GROUPS[g];
    const containers = asArray(podSpec[group]);
    for (let index = 0; index < containers.length; index++) {
      const container = asRecord(containers[index]);
      if (container) volumeMountFindings(container, group, index, valid, declared, findings);
    }
  }
  return findings;
}

/** Where each source stands in VOLUME_SOURCES. */
const VOLUME_SOURCE_ORDER = new Map(VOLUME_SOURCES.map(([field], index) => [field, index]));

/** The VOLUME_SOURCES indexes of the sources a volume sets, in that order. */
function setSources(volume: PlainRecord): number[] {
  // The volume's few keys, not thirty lookups of absent fields per volume of every document (slow while cold).
  const found: number[] = [];
  for (const key in volume) {
    const index = VOLUME_SOURCE_ORDER.get(key);
    if (index !== undefined && isSet(volume[key])) found.push(index);
  }
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
}

/** Appends a volume's source findings to `findings`. */
function volumeSourceFindings(volume: PlainRecord, path: FieldPath, findings: RuleFinding[]): void {
  let first: string | undefined;
  const sources = setSources(volume);
  for (let s = 0; s < sources.length; s++) {
    const i = sources[s];
    const field = VOLUME_SOURCES[i][0];
    const reportedAs = VOLUME_SOURCES[i][1];
    if (first !== undefined) {
      findings.push({
        path: [...path, reportedAs ?? field],
        anchor: [...path, field],
        on: 'key',
        message: `Forbidden: may not specify more than 1 volume type: this volume already is \`${first}\`. Split \`${field}\` into a volume of its own.`,
      });
      continue;
    }
    first = field;
    const source = asRecord(volume[field]);
    if (source) {
      const found = sourceFieldFindings(field, source, [...path, field]);
      for (let f = 0; f < found.length; f++) findings.push(found[f]);
    }
  }
  if (first === undefined) {
    const written = VOLUME_SOURCES.find(([field]) => field in volume && volume[field] === null)?.[0];
    findings.push({
      path,
      anchor: written ? [...path, written] : path,
      on: 'key',
      message: written
        ? `Required value: must specify a volume type. \`${written}:\` with no value is read as no \`${written}\` at all: write \`${written}: {}\`.`
        : 'Required value: must specify a volume type (e.g. `hostPath`, `configMap`, `secret`, `emptyDir: {}`).',
    });
  }
}

/** The checks of `validateHostPathVolumeSource`, `validateSecretVolumeSource`, … for the sources node agents use. */
function sourceFieldFindings(field: string, source: PlainRecord, path: FieldPath): RuleFinding[] {
  switch (field) {
    case 'hostPath': {
      const hostPath = source.path;
      if (!isSet(hostPath) || hostPath === '')
        return [requiredFinding(path, 'path', 'Required value: `hostPath` needs the `path` on the node.', hostPath)];
      if (typeof hostPath === 'string' && hostPath.split('/').includes('..')) {
        return [
          {
            path: [...path, 'path'],
            message: `Invalid value ${JSON.stringify(hostPath)}: must not contain '..'.`,
          },
        ];
      }
      return [];
    }
    case 'secret':
      return requiredName(
        source,
        path,
        'secretName',
        'Required value: a `secret` volume needs the `secretName` of the Secret to mount.',
      );
    case 'configMap':
      return requiredName(
        source,
        path,
        'name',
        'Required value: a `configMap` volume needs the `name` of the ConfigMap to mount.',
      );
    case 'persistentVolumeClaim':
      return requiredName(
        source,
        path,
        'claimName',
        'Required value: a `persistentVolumeClaim` volume needs the `claimName` of the claim.',
      );
    case 'csi':
      return csiDriverFindings(source, path);
    default:
      return [];
  }
}

/** `ValidateCSIDriverName`. */
function csiDriverFindings(source: PlainRecord, path: FieldPath): RuleFinding[] {
  const driver = source.driver;
  if (!isSet(driver) || driver === '')
    return [
      requiredFinding(
        path,
        'driver',
        'Required value: a `csi` volume needs the `driver` name (e.g. `secrets-store.csi.k8s.io`).',
        driver,
      ),
    ];
  if (typeof driver !== 'string') return [];
  const findings: RuleFinding[] = [];
  if (utf8Length(driver) > 63)
    findings.push({ path: [...path, 'driver'], message: 'Too long: may not be more than 63 bytes.' });
  for (const problem of joined(dns1123SubdomainProblems(driver.toLowerCase()))) {
    findings.push({
      path: [...path, 'driver'],
      message: `Invalid value ${JSON.stringify(driver)}: ${problem}.`,
    });
  }
  return findings;
}

/** Appends a volume's name findings to `findings`. */
function volumeNameFindings(volume: PlainRecord, path: FieldPath, valid: ReadonlySet<string>, findings: RuleFinding[]): void {
  const name = volume.name;
  if (!isSet(name) || name === '') {
    findings.push(
      requiredFinding(
        path,
        'name',
        'Required value: every volume needs a `name` (a DNS label), which `volumeMounts` refer to.',
        name,
      ),
    );
    return;
  }
  if (typeof name !== 'string') return;
  const problems = joined(dns1123LabelProblems(name));
  for (let i = 0; i < problems.length; i++) {
    findings.push({
      path: [...path, 'name'],
      message: `Invalid volume name ${JSON.stringify(name)}: ${problems[i]}.`,
    });
  }
  if (valid.has(name)) {
    findings.push({
      path: [...path, 'name'],
      message: `Duplicate value: ${JSON.stringify(name)}: volume names must be unique in a pod.`,
    });
  }
}

/** Appends the findings of a container's volume mounts to `findings`. */
function volumeMountFindings(
  container: PlainRecord,
  group: (typeof CONTAINER_GROUPS)[number],
  containerIndex: number,
  valid: ReadonlySet<string>,
  declared: ReadonlyMap<string, number>,
  findings: RuleFinding[],
): void {
  const mounts = asArray(container.volumeMounts);
  if (mounts.length === 0) return;
  const containerPath = [...POD_SPEC_PATH, group, containerIndex];
  const mountPaths = new Set<string>();
  const privileged = asRecord(container.securityContext)?.privileged === true;
  for (let index = 0; index < mounts.length; index++) {
    const mount = asRecord(mounts[index]);
    if (!mount) continue;
    const name = mount.name;
    if (!isSet(name) || name === '') {
      findings.push(
        requiredFinding(
          mountAt(containerPath, index),
          'name',
          "Required value: every volume mount needs the `name` of one of the pod's `volumes`.",
          name,
        ),
      );
    } else if (typeof name === 'string' && !valid.has(name)) {
      const at = declared.get(name);
      findings.push({
        path: [...mountAt(containerPath, index), 'name'],
        message:
          at === undefined
            ? `Not found: ${JSON.stringify(name)}: no volume of this pod has that name. Add it to \`spec.template.spec.volumes\` or fix the name.`
            : `Not found: ${JSON.stringify(name)}: the volume of that name (volumes[${at}]) is invalid, so the API server does not count it.`,
      });
    }
    const mountPath = mount.mountPath;
    if (!isSet(mountPath) || mountPath === '') {
      findings.push(
        requiredFinding(
          mountAt(containerPath, index),
          'mountPath',
          'Required value: every volume mount needs a `mountPath` in the container.',
          mountPath,
        ),
      );
    } else if (typeof mountPath === 'string') {
      if (mountPaths.has(mountPath)) {
        findings.push({
          path: [...mountAt(containerPath, index), 'mountPath'],
          message: `Invalid value ${JSON.stringify(mountPath)}: must be unique: another mount of this container uses it.`,
        });
      }
      mountPaths.add(mountPath);
    }
    if (mount.mountPropagation === 'Bidirectional' && !privileged) {
      findings.push({
        // Kubernetes names the list, not the entry, here.
        path: [...containerPath, 'volumeMounts', 'mountPropagation'],
        anchor: [...mountAt(containerPath, index), 'mountPropagation'],
        message:
          'Forbidden: Bidirectional mount propagation is available only to privileged containers. Set `securityContext.privileged: true` or use HostToContainer.',
      });
    }
  }
}

/** A mount's path, built for a finding only: most mounts have none. */
function mountAt(containerPath: FieldPath, index: number): FieldPath {
  return [...containerPath, 'volumeMounts', index];
}

function requiredName(source: PlainRecord, path: FieldPath, field: string, message: string): RuleFinding[] {
  return isSet(source[field]) && source[field] !== '' ? [] : [requiredFinding(path, field, message, source[field])];
}
