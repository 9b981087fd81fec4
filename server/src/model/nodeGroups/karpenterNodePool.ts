/**
 * A Karpenter `NodePool` (karpenter.sh/v1) as one node group
 * (kubernetes-sigs/karpenter:pkg/apis/v1/nodepool.go, nodeclaim.go): template
 * labels and the labels Karpenter adds (`karpenter.sh/nodepool`, the node
 * class label, the lifecycle labels), `requirements` as they are, and the
 * well-known labels Karpenter always sets from the offering it launches
 * (pkg/apis/v1/labels.go WellKnownLabels) as open requirements when the
 * NodePool leaves them open. `replicas` (static NodePools, v1.8) is an exact
 * count; otherwise the size is unknown, bounded only by `limits`.
 */
import type { Taint } from '../kubeTypes';
import type { FieldPath } from '../fieldPath';
import { GROUP_REQUIREMENT_OPERATORS, type GroupLabelRequirement, type GroupRequirementOperator, type NodeGroup } from '../nodeGroup';
import { readTaint } from '../node';
import { readInteger, readList, readMap, readQuantityMap, readRequiredString, readString, readStringList, readStringMap, report, type PlainMap, type ReadContext } from '../objectReader';
import { readObjectMeta } from '../podSpec';
import { labelKeyError, labelValueError } from '../labelSyntax';
import { groupSource } from './groupReading';

export function isKarpenterNodePool(value: PlainMap): boolean {
  return value.kind === 'NodePool' && value.apiVersion === 'karpenter.sh/v1';
}

/** Labels Karpenter sets on every node from the offering it picks, when the NodePool does not fix them. */
const OFFERING_LABELS = [
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'karpenter.sh/capacity-type',
];

const NON_NEGATIVE_INTEGER = /^\d+$/;

function readRequirement(ctx: ReadContext, entry: unknown, path: FieldPath): GroupLabelRequirement | undefined {
  const map = readMap(ctx, entry, path);
  if (!map) return undefined;
  const key = readRequiredString(ctx, map, 'key', path);
  const operator = readRequiredString(ctx, map, 'operator', path);
  const values = readStringList(ctx, map.values, [...path, 'values']);
  if (key === undefined || operator === undefined) return undefined;
  const keyError = labelKeyError(key);
  if (keyError) {
    report(ctx, [...path, 'key'], `${JSON.stringify(key)} is not a label key: ${keyError}`);
    return undefined;
  }
  if (!(GROUP_REQUIREMENT_OPERATORS as readonly string[]).includes(operator)) {
    report(ctx, [...path, 'operator'], `unsupported operator ${JSON.stringify(operator)}: must be one of ${GROUP_REQUIREMENT_OPERATORS.join(', ')}`);
    return undefined;
  }
  // The NodePool CRD's CEL rules (nodeclaim.go).
  let error: string | undefined;
  let errorPath: FieldPath = [...path, 'values'];
  switch (operator) {
    case 'In':
      if (values.length === 0) error = 'In needs at least one value';
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) error = `${operator} takes no values`;
      break;
    case 'Gt':
    case 'Lt':
    case 'Gte':
    case 'Lte':
      if (values.length !== 1) error = `${operator} needs exactly one non-negative integer value`;
      else if (!NON_NEGATIVE_INTEGER.test(values[0])) {
        error = `${operator} needs a non-negative integer, not ${JSON.stringify(values[0])}`;
        errorPath = [...path, 'values', 0];
      }
      break;
  }
  const badIndex = values.findIndex((value) => labelValueError(value) !== undefined);
  if (!error && badIndex >= 0) {
    error = `${JSON.stringify(values[badIndex])} is not a label value: ${labelValueError(values[badIndex])}`;
    errorPath = [...path, 'values', badIndex];
  }
  if (error) {
    report(ctx, errorPath, error);
    return undefined;
  }
  return { key, operator: operator as GroupRequirementOperator, values };
}

export function readKarpenterNodePool(ctx: ReadContext, root: PlainMap, basePath: FieldPath): NodeGroup[] {
  const before = ctx.problems.length;
  const metadata = readObjectMeta(ctx, root.metadata, [...basePath, 'metadata'], true);
  const specPath = [...basePath, 'spec'];
  const spec = readMap(ctx, root.spec, specPath);
  const templatePath = [...specPath, 'template'];
  const template = readMap(ctx, spec?.template, templatePath);
  const templateMeta = readMap(ctx, template?.metadata, [...templatePath, 'metadata']);
  const templateSpecPath = [...templatePath, 'spec'];
  const templateSpec = readMap(ctx, template?.spec, templateSpecPath);

  const labels: Record<string, string> = { ...readStringMap(ctx, templateMeta?.labels, [...templatePath, 'metadata', 'labels']) };
  labels['karpenter.sh/nodepool'] = metadata.name;
  const nodeClassRef = readMap(ctx, templateSpec?.nodeClassRef, [...templateSpecPath, 'nodeClassRef']);
  const classGroup = readString(ctx, nodeClassRef, 'group', [...templateSpecPath, 'nodeClassRef']);
  const classKind = readString(ctx, nodeClassRef, 'kind', [...templateSpecPath, 'nodeClassRef']);
  const className = readString(ctx, nodeClassRef, 'name', [...templateSpecPath, 'nodeClassRef']);
  if (classGroup && classKind && className) labels[`${classGroup}/${classKind.toLowerCase()}`] = className;
  // Set on every registered, initialized node; Karpenter counts DaemonSets selecting them (nodeclaimtemplate.go).
  labels['karpenter.sh/registered'] = 'true';
  labels['karpenter.sh/initialized'] = 'true';

  const requirements: GroupLabelRequirement[] = [];
  readList(ctx, templateSpec?.requirements, [...templateSpecPath, 'requirements']).forEach((entry, index) => {
    const requirement = readRequirement(ctx, entry, [...templateSpecPath, 'requirements', index]);
    if (requirement) requirements.push(requirement);
  });
  for (const key of OFFERING_LABELS) {
    if (key in labels || requirements.some((requirement) => requirement.key === key)) continue;
    requirements.push({ key, operator: 'Exists', values: [], origin: 'Karpenter sets it from the offering it launches' });
  }
  requirements.push({ key: 'kubernetes.io/hostname', operator: 'Exists', values: [], origin: 'each node its own' });

  const readTaints = (field: 'taints' | 'startupTaints'): Taint[] => {
    const taints: Taint[] = [];
    readList(ctx, templateSpec?.[field], [...templateSpecPath, field]).forEach((entry, index) => {
      const taint = readTaint(ctx, entry, [...templateSpecPath, field, index]);
      if (taint) taints.push(taint);
    });
    return taints;
  };
  const taints = readTaints('taints');
  const startupTaints = readTaints('startupTaints');
  const replicas = readInteger(ctx, spec, 'replicas', specPath);
  const limits = readQuantityMap(ctx, spec?.limits, [...specPath, 'limits']);
  if (ctx.problems.length !== before) return [];
  const limitText = Object.entries(limits).map(([name, quantity]) => `${name} ${quantity}`).join(', ');
  const notes: string[] = [];
  if (startupTaints.length > 0) notes.push('Karpenter ignores startupTaints when it counts the DaemonSets of this pool');
  return [
    {
      sourceKind: 'karpenter',
      name: metadata.name,
      labels,
      requirements,
      taints,
      startupTaints,
      count:
        replicas !== undefined
          ? { kind: 'exact', count: replicas }
          : { kind: 'unknown', note: limitText ? `Karpenter launches nodes on demand, within limits ${limitText}` : 'Karpenter launches nodes on demand' },
      notes,
      source: groupSource(ctx, basePath),
    },
  ];
}
