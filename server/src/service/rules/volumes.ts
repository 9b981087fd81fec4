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

function checkVolumes(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  if (!podSpec) return [];
  const findings: RuleFinding[] = [];
  const valid = new Set<string>();
  const declared = new Map<string, number>();
  asArray(podSpec.volumes).forEach((item, index) => {
    const volume = asRecord(item);
    if (!volume) return;
    const path = [...POD_SPEC_PATH, 'volumes', index];
    const before = findings.length;
    volumeSourceFindings(volume, path, findings);
    for (const finding of volumeNameFindings(volume, path, valid)) findings.push(finding);
    const name = typeof volume.name === 'string' ? volume.name : undefined;
    if (name !== undefined && !declared.has(name)) declared.set(name, index);
    if (findings.length === before && name !== undefined) valid.add(name);
  });
  // validateContainers runs before validateInitContainers.
  for (const group of ['containers', 'initContainers'] as const) {
    asArray(podSpec[group]).forEach((item, index) => {
      const container = asRecord(item);
      if (container)
        findings.push(...volumeMountFindings(container, [...POD_SPEC_PATH, group, index], valid, declared));
    });
  }
  return findings;
}

/** Appends a volume's source findings to `findings`. */
function volumeSourceFindings(volume: PlainRecord, path: FieldPath, findings: RuleFinding[]): void {
  let first: string | undefined;
  // Indexed, without destructuring: thirty sources are looked up for every volume of every document.
  for (let i = 0; i < VOLUME_SOURCES.length; i++) {
    const field = VOLUME_SOURCES[i][0];
    if (!isSet(volume[field])) continue;
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
    if (source) for (const finding of sourceFieldFindings(field, source, [...path, field])) findings.push(finding);
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

function volumeNameFindings(volume: PlainRecord, path: FieldPath, valid: ReadonlySet<string>): RuleFinding[] {
  const name = volume.name;
  if (!isSet(name) || name === '')
    return [
      requiredFinding(
        path,
        'name',
        'Required value: every volume needs a `name` (a DNS label), which `volumeMounts` refer to.',
        name,
      ),
    ];
  if (typeof name !== 'string') return [];
  const findings: RuleFinding[] = [];
  for (const problem of joined(dns1123LabelProblems(name))) {
    findings.push({
      path: [...path, 'name'],
      message: `Invalid volume name ${JSON.stringify(name)}: ${problem}.`,
    });
  }
  if (valid.has(name)) {
    findings.push({
      path: [...path, 'name'],
      message: `Duplicate value: ${JSON.stringify(name)}: volume names must be unique in a pod.`,
    });
  }
  return findings;
}

function volumeMountFindings(
  container: PlainRecord,
  containerPath: FieldPath,
  valid: ReadonlySet<string>,
  declared: ReadonlyMap<string, number>,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const mountPaths = new Set<string>();
  const privileged = asRecord(container.securityContext)?.privileged === true;
  asArray(container.volumeMounts).forEach((item, index) => {
    const mount = asRecord(item);
    if (!mount) return;
    const path = [...containerPath, 'volumeMounts', index];
    const name = mount.name;
    if (!isSet(name) || name === '') {
      findings.push(
        requiredFinding(
          path,
          'name',
          "Required value: every volume mount needs the `name` of one of the pod's `volumes`.",
          name,
        ),
      );
    } else if (typeof name === 'string' && !valid.has(name)) {
      const at = declared.get(name);
      findings.push({
        path: [...path, 'name'],
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
          path,
          'mountPath',
          'Required value: every volume mount needs a `mountPath` in the container.',
          mountPath,
        ),
      );
    } else if (typeof mountPath === 'string') {
      if (mountPaths.has(mountPath)) {
        findings.push({
          path: [...path, 'mountPath'],
          message: `Invalid value ${JSON.stringify(mountPath)}: must be unique: another mount of this container uses it.`,
        });
      }
      mountPaths.add(mountPath);
    }
    if (mount.mountPropagation === 'Bidirectional' && !privileged) {
      findings.push({
        // Kubernetes names the list, not the entry, here.
        path: [...containerPath, 'volumeMounts', 'mountPropagation'],
        anchor: [...path, 'mountPropagation'],
        message:
          'Forbidden: Bidirectional mount propagation is available only to privileged containers. Set `securityContext.privileged: true` or use HostToContainer.',
      });
    }
  });
  return findings;
}

function requiredName(source: PlainRecord, path: FieldPath, field: string, message: string): RuleFinding[] {
  return isSet(source[field]) && source[field] !== '' ? [] : [requiredFinding(path, field, message, source[field])];
}
