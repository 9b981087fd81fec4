/**
 * Readers for the parts shared by DaemonSet templates, Pods and Nodes:
 * ObjectMeta, PodSpec (the scheduling-relevant fields), tolerations and node
 * affinity.
 */
import type {
  Affinity,
  Container,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  ObjectMeta,
  OwnerReference,
  PodSpec,
  PreferredSchedulingTerm,
  ResourceRequirements,
  Toleration,
} from './kubeTypes';
import {
  readBoolean,
  readInteger,
  readList,
  readMap,
  readQuantityMap,
  readString,
  readStringList,
  readStringMap,
  report,
  type ReadContext,
} from './objectReader';
import type { FieldPath } from './fieldPath';

export function readObjectMeta(ctx: ReadContext, value: unknown, path: FieldPath, nameRequired: boolean): ObjectMeta {
  const map = readMap(ctx, value, path);
  const name = readString(ctx, map, 'name', path);
  if (nameRequired && !name && map?.name === undefined) report(ctx, [...path, 'name'], 'metadata.name is required');
  const ownerReferences: OwnerReference[] = [];
  readList(ctx, map?.ownerReferences, [...path, 'ownerReferences']).forEach((entry, index) => {
    const refPath = [...path, 'ownerReferences', index];
    const ref = readMap(ctx, entry, refPath);
    if (!ref) return;
    ownerReferences.push({
      apiVersion: readString(ctx, ref, 'apiVersion', refPath),
      kind: readString(ctx, ref, 'kind', refPath) ?? '',
      name: readString(ctx, ref, 'name', refPath) ?? '',
      uid: readString(ctx, ref, 'uid', refPath),
      controller: readBoolean(ctx, ref, 'controller', refPath),
    });
  });
  return {
    name: name ?? '',
    namespace: readString(ctx, map, 'namespace', path),
    uid: readString(ctx, map, 'uid', path),
    labels: readStringMap(ctx, map?.labels, [...path, 'labels']),
    annotations: readStringMap(ctx, map?.annotations, [...path, 'annotations']),
    creationTimestamp: readTimestamp(ctx, map, 'creationTimestamp', path),
    deletionTimestamp: readTimestamp(ctx, map, 'deletionTimestamp', path),
    generation: readInteger(ctx, map, 'generation', path),
    ownerReferences,
  };
}

/** Timestamps are RFC 3339 strings; the yaml package may hand back a Date for unquoted ones. */
export function readTimestamp(
  ctx: ReadContext,
  map: Record<string, unknown> | undefined,
  key: string,
  path: FieldPath,
): string | undefined {
  const value = map?.[key];
  if (value instanceof Date) return value.toISOString();
  const text = readString(ctx, map, key, path);
  if (text !== undefined && Number.isNaN(Date.parse(text))) {
    report(ctx, [...path, key], `expected an RFC 3339 timestamp, got ${JSON.stringify(text)}`);
    return undefined;
  }
  return text;
}

export function readToleration(ctx: ReadContext, value: unknown, path: FieldPath): Toleration | undefined {
  const map = readMap(ctx, value, path);
  if (!map) return undefined;
  const toleration: Toleration = {};
  const key = readString(ctx, map, 'key', path);
  const operator = readString(ctx, map, 'operator', path);
  const tolerationValue = readString(ctx, map, 'value', path);
  const effect = readString(ctx, map, 'effect', path);
  const seconds = readInteger(ctx, map, 'tolerationSeconds', path);
  if (key !== undefined) toleration.key = key;
  if (operator !== undefined) toleration.operator = operator;
  if (tolerationValue !== undefined) toleration.value = tolerationValue;
  if (effect !== undefined) toleration.effect = effect;
  if (seconds !== undefined) toleration.tolerationSeconds = seconds;
  return toleration;
}

function readRequirement(ctx: ReadContext, value: unknown, path: FieldPath): NodeSelectorRequirement | undefined {
  const map = readMap(ctx, value, path);
  if (!map) return undefined;
  const requirement: NodeSelectorRequirement = {
    key: readString(ctx, map, 'key', path) ?? '',
    operator: readString(ctx, map, 'operator', path) ?? '',
  };
  if (map.values !== undefined && map.values !== null) {
    requirement.values = readStringList(ctx, map.values, [...path, 'values']);
  }
  return requirement;
}

export function readNodeSelectorTerm(ctx: ReadContext, value: unknown, path: FieldPath): NodeSelectorTerm {
  const map = readMap(ctx, value, path);
  const term: NodeSelectorTerm = {};
  for (const field of ['matchExpressions', 'matchFields'] as const) {
    if (map?.[field] === undefined || map[field] === null) continue;
    const requirements: NodeSelectorRequirement[] = [];
    readList(ctx, map[field], [...path, field]).forEach((entry, index) => {
      const requirement = readRequirement(ctx, entry, [...path, field, index]);
      if (requirement) requirements.push(requirement);
    });
    term[field] = requirements;
  }
  return term;
}

function readAffinity(ctx: ReadContext, value: unknown, path: FieldPath): Affinity | undefined {
  const map = readMap(ctx, value, path);
  if (!map) return undefined;
  const affinity: Affinity = {};
  if (map.podAffinity !== undefined) affinity.podAffinity = map.podAffinity;
  if (map.podAntiAffinity !== undefined) affinity.podAntiAffinity = map.podAntiAffinity;
  const nodeAffinityPath = [...path, 'nodeAffinity'];
  const nodeAffinity = readMap(ctx, map.nodeAffinity, nodeAffinityPath);
  if (!nodeAffinity) return affinity;
  affinity.nodeAffinity = {};
  const requiredPath = [...nodeAffinityPath, 'requiredDuringSchedulingIgnoredDuringExecution'];
  const required = readMap(ctx, nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, requiredPath);
  if (required) {
    const selector: NodeSelector = {};
    if (required.nodeSelectorTerms === null || required.nodeSelectorTerms === undefined) {
      selector.nodeSelectorTerms = null;
    } else {
      selector.nodeSelectorTerms = readList(ctx, required.nodeSelectorTerms, [...requiredPath, 'nodeSelectorTerms']).map(
        (term, index) => readNodeSelectorTerm(ctx, term, [...requiredPath, 'nodeSelectorTerms', index]),
      );
    }
    affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector;
  }
  const preferredPath = [...nodeAffinityPath, 'preferredDuringSchedulingIgnoredDuringExecution'];
  if (nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution !== undefined) {
    const preferred: PreferredSchedulingTerm[] = [];
    readList(ctx, nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution, preferredPath).forEach((entry, index) => {
      const termPath = [...preferredPath, index];
      const term = readMap(ctx, entry, termPath);
      if (!term) return;
      preferred.push({
        weight: readInteger(ctx, term, 'weight', termPath) ?? 0,
        preference: readNodeSelectorTerm(ctx, term.preference, [...termPath, 'preference']),
      });
    });
    affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = preferred;
  }
  return affinity;
}

function readResources(ctx: ReadContext, value: unknown, path: FieldPath): ResourceRequirements | undefined {
  const resources = readMap(ctx, value, path);
  if (!resources) return undefined;
  return {
    requests: readQuantityMap(ctx, resources.requests, [...path, 'requests']),
    limits: readQuantityMap(ctx, resources.limits, [...path, 'limits']),
  };
}

function readContainers(ctx: ReadContext, value: unknown, path: FieldPath): Container[] {
  const containers: Container[] = [];
  readList(ctx, value, path).forEach((entry, index) => {
    const containerPath = [...path, index];
    const map = readMap(ctx, entry, containerPath);
    if (!map) return;
    const container: Container = { name: readString(ctx, map, 'name', containerPath) ?? '' };
    const image = readString(ctx, map, 'image', containerPath);
    if (image !== undefined) container.image = image;
    const resources = readResources(ctx, map.resources, [...containerPath, 'resources']);
    if (resources) container.resources = resources;
    const restartPolicy = readString(ctx, map, 'restartPolicy', containerPath);
    if (restartPolicy !== undefined) container.restartPolicy = restartPolicy;
    if (map.ports !== undefined) {
      container.ports = [];
      readList(ctx, map.ports, [...containerPath, 'ports']).forEach((port, portIndex) => {
        const portPath = [...containerPath, 'ports', portIndex];
        const portMap = readMap(ctx, port, portPath);
        if (!portMap) return;
        container.ports?.push({
          name: readString(ctx, portMap, 'name', portPath),
          containerPort: readInteger(ctx, portMap, 'containerPort', portPath),
          hostPort: readInteger(ctx, portMap, 'hostPort', portPath),
          protocol: readString(ctx, portMap, 'protocol', portPath),
          hostIP: readString(ctx, portMap, 'hostIP', portPath),
        });
      });
    }
    containers.push(container);
  });
  return containers;
}

export function readPodSpec(ctx: ReadContext, value: unknown, path: FieldPath): PodSpec {
  const map = readMap(ctx, value, path);
  const spec: PodSpec = { containers: readContainers(ctx, map?.containers, [...path, 'containers']) };
  const nodeName = readString(ctx, map, 'nodeName', path);
  if (nodeName !== undefined) spec.nodeName = nodeName;
  if (map?.nodeSelector !== undefined && map.nodeSelector !== null) {
    spec.nodeSelector = readStringMap(ctx, map.nodeSelector, [...path, 'nodeSelector']);
  }
  const affinity = readAffinity(ctx, map?.affinity, [...path, 'affinity']);
  if (affinity) spec.affinity = affinity;
  if (map?.tolerations !== undefined && map.tolerations !== null) {
    spec.tolerations = [];
    readList(ctx, map.tolerations, [...path, 'tolerations']).forEach((entry, index) => {
      const toleration = readToleration(ctx, entry, [...path, 'tolerations', index]);
      if (toleration) spec.tolerations?.push(toleration);
    });
  }
  const hostNetwork = readBoolean(ctx, map, 'hostNetwork', path);
  if (hostNetwork !== undefined) spec.hostNetwork = hostNetwork;
  if (map?.initContainers !== undefined) spec.initContainers = readContainers(ctx, map.initContainers, [...path, 'initContainers']);
  for (const key of ['restartPolicy', 'priorityClassName', 'schedulerName', 'preemptionPolicy'] as const) {
    const text = readString(ctx, map, key, path);
    if (text !== undefined) spec[key] = text;
  }
  if (map?.overhead !== undefined) spec.overhead = readQuantityMap(ctx, map.overhead, [...path, 'overhead']);
  const priority = readInteger(ctx, map, 'priority', path);
  if (priority !== undefined) spec.priority = priority;
  const resources = readResources(ctx, map?.resources, [...path, 'resources']);
  if (resources) spec.resources = resources;
  return spec;
}
