/**
 * Placement over a node group: does the DaemonSet run on every node the group
 * can have (always), on none (never), or on some, depending on a label value
 * the group leaves open (sometimes)?
 *
 * Exact, not sampled. For every label key the DaemonSet's selection reads,
 * the values a node could carry fall into finitely many classes on which
 * every predicate of both sides (the DaemonSet's nodeSelector and affinity,
 * the group's labels and requirements) is constant: absent, each constant
 * either side names, the integers between consecutive Gt/Lt/Gte/Lte bounds,
 * and any other string. One representative per class that the group admits
 * is enough; the product of the keys' classes is evaluated with the
 * controller's own matcher (placementSelectsNode) on a node carrying them,
 * so there is no second matcher. Taints are definite on a group and go
 * through the same toleration check as on a Node.
 */
import type { Node, Taint } from '../model/kubeTypes';
import { formatGroupRequirement, type GroupLabelRequirement, type NodeGroup } from '../model/nodeGroup';
import { labelRequirementMatches, parseInt64, type CompiledLabelRequirement } from './nodeAffinity';
import { evaluatePlacement, placementSelectsNode, type CompiledPlacement } from './nodeShouldRunDaemonPod';
import { findAllUntoleratedTaints, formatTaint, isSchedulingTaint, suggestToleration } from './taints';

export type GroupVerdict = 'always' | 'sometimes' | 'never';

export interface GroupPlacement {
  verdict: GroupVerdict;
  /** Why, naming the group's requirement or taint and what the DaemonSet needs; empty for always. */
  reasons: string[];
  /** NoSchedule/NoExecute taints of the group no toleration of the daemon pod tolerates. */
  untoleratedTaints: Taint[];
  /** Startup taints the pod does not tolerate: it starts only once something removes them. */
  untoleratedStartupTaints: Taint[];
}

/** Beyond this many label combinations the answer is "sometimes" with a note: no DaemonSet in practice comes near. */
const MAX_COMBINATIONS = 100_000;

/** A label value, or undefined for "no such label". */
type LabelClass = string | undefined;

/** The group's requirement as the shared matcher reads it; Gte n is Gt n-1 and Lte n is Lt n+1 on integers. */
function compileGroupRequirement(requirement: GroupLabelRequirement, index: number): CompiledLabelRequirement {
  const text = formatGroupRequirement(requirement);
  const base = { index, key: requirement.key, values: requirement.values, text };
  const bound = requirement.values.length === 1 ? parseInt64(requirement.values[0]) : undefined;
  switch (requirement.operator) {
    case 'Gte':
      return { ...base, operator: 'Gt', bound: bound === undefined ? undefined : bound - 1n };
    case 'Lte':
      return { ...base, operator: 'Lt', bound: bound === undefined ? undefined : bound + 1n };
    case 'Gt':
    case 'Lt':
      return { ...base, operator: requirement.operator, bound };
    default:
      return { ...base, operator: requirement.operator };
  }
}

interface GroupConstraints {
  labels: Record<string, string>;
  byKey: Map<string, CompiledLabelRequirement[]>;
}

function groupConstraints(group: NodeGroup): GroupConstraints {
  const byKey = new Map<string, CompiledLabelRequirement[]>();
  group.requirements.forEach((requirement, index) => {
    const list = byKey.get(requirement.key) ?? [];
    list.push(compileGroupRequirement(requirement, index));
    byKey.set(requirement.key, list);
  });
  return { labels: group.labels, byKey };
}

/** Whether a node of the group may carry `value` (undefined: no label) under `key`. */
function groupAdmits(constraints: GroupConstraints, key: string, value: LabelClass): boolean {
  const labels: Record<string, string> = value === undefined ? {} : { [key]: value };
  if (Object.prototype.hasOwnProperty.call(constraints.labels, key)) {
    if (value !== constraints.labels[key]) return false;
  } else if (!constraints.byKey.has(key)) {
    return value === undefined; // neither labelled nor required: absent on every node
  }
  for (const requirement of constraints.byKey.get(key) ?? []) if (!labelRequirementMatches(requirement, labels)) return false;
  return true;
}

/** spec.nodeSelector entries as `key In [value]`, which is how the controller matches them. */
function nodeSelectorRequirements(compiled: CompiledPlacement): CompiledLabelRequirement[] {
  return compiled.affinity.nodeSelector.map(([key, value], index) => ({ index, key, operator: 'In', values: [value], text: `${key}=${value}` }));
}

/** Every requirement the DaemonSet's selection reads, by key. */
function daemonRequirementsByKey(compiled: CompiledPlacement): Map<string, CompiledLabelRequirement[]> {
  const byKey = new Map<string, CompiledLabelRequirement[]>();
  const add = (requirement: CompiledLabelRequirement): void => {
    const list = byKey.get(requirement.key) ?? [];
    list.push(requirement);
    byKey.set(requirement.key, list);
  };
  nodeSelectorRequirements(compiled).forEach(add);
  for (const term of compiled.affinity.requiredTerms ?? []) if (term.kind === 'parsed') term.expressions.forEach(add);
  return byKey;
}

/** One representative per class of values on which all these requirements are constant. */
function valueClasses(requirements: readonly CompiledLabelRequirement[], groupValue: string | undefined): LabelClass[] {
  const constants = new Set<string>();
  const bounds = new Set<bigint>();
  if (groupValue !== undefined) constants.add(groupValue);
  for (const requirement of requirements) {
    if (requirement.operator === 'In' || requirement.operator === 'NotIn') for (const value of requirement.values) constants.add(value);
    if (requirement.bound !== undefined) bounds.add(requirement.bound);
  }
  const classes: LabelClass[] = [undefined, ...constants];
  // A label value that is an integer is a non-negative decimal (a label value cannot start with a sign).
  const sorted = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fresh = (from: bigint, below: bigint | undefined): void => {
    for (let x = from < 0n ? 0n : from; below === undefined || x < below; x++) {
      if (!constants.has(x.toString())) {
        classes.push(x.toString());
        return;
      }
    }
  };
  let start = 0n;
  for (const bound of sorted) {
    fresh(start, bound); // the integers below this bound
    if (bound >= 0n) fresh(bound, bound + 1n); // the bound itself
    start = bound + 1n;
  }
  fresh(start, undefined);
  for (let n = 0; ; n++) {
    if (!constants.has(`v${n}`)) {
      classes.push(`v${n}`); // any string that is not an integer and no constant
      break;
    }
  }
  return classes;
}

function syntheticNode(name: string, labels: Record<string, string>, taints: Taint[]): Node {
  return {
    metadata: { name, labels, annotations: {}, ownerReferences: [] },
    spec: { taints, unschedulable: false },
    status: { conditions: [], allocatable: {}, capacity: {} },
  };
}

function describeGroupKey(constraints: GroupConstraints, key: string): string {
  if (Object.prototype.hasOwnProperty.call(constraints.labels, key)) return `the group sets ${key}=${constraints.labels[key]}`;
  const requirements = constraints.byKey.get(key);
  return requirements ? requirements.map((requirement) => requirement.text).join(' and ') : `the group has no label ${key}`;
}

function describeDaemonNeed(compiled: CompiledPlacement, key: string): string {
  const selected = compiled.affinity.nodeSelector.find(([selectorKey]) => selectorKey === key);
  // An empty value (`node-role.kubernetes.io/control-plane: ""`) would read as nothing at all.
  if (selected) return `the nodeSelector needs ${selected[1] === '' ? 'the label, with an empty value' : selected[1]}`;
  const texts: string[] = [];
  for (const term of compiled.affinity.requiredTerms ?? []) {
    if (term.kind !== 'parsed') continue;
    for (const expression of term.expressions) if (expression.key === key) texts.push(expression.text);
  }
  return `node affinity needs ${texts.join(' or ')}`;
}

/** Where a DaemonSet runs on a group's nodes, always, sometimes or never, with why. */
export function evaluateGroupPlacement(compiled: CompiledPlacement, group: NodeGroup): GroupPlacement {
  const constraints = groupConstraints(group);
  const daemonRequirements = daemonRequirementsByKey(compiled);
  const untoleratedStartupTaints = findAllUntoleratedTaints(group.startupTaints, compiled.tolerations, isSchedulingTaint);
  const result = (verdict: GroupVerdict, reasons: string[], untoleratedTaints: Taint[] = []): GroupPlacement => ({
    verdict,
    reasons,
    untoleratedTaints,
    untoleratedStartupTaints,
  });

  // Every key either side names: a contradiction in the group's own requirements leaves it no node at all.
  const keys = [...new Set([...daemonRequirements.keys(), ...constraints.byKey.keys()])];
  const classesByKey = new Map<string, LabelClass[]>();
  for (const key of keys) {
    const all = [...(daemonRequirements.get(key) ?? []), ...(constraints.byKey.get(key) ?? [])];
    const admitted = valueClasses(all, constraints.labels[key]).filter((value) => groupAdmits(constraints, key, value));
    if (admitted.length === 0) return result('never', [`the group's requirements on ${key} admit no value: ${describeGroupKey(constraints, key)}`]);
    classesByKey.set(key, admitted);
  }

  // Node names take part only when the DaemonSet names nodes (spec.nodeName, matchFields metadata.name).
  const nameConstants = new Set<string>();
  if (compiled.nodeName !== undefined) nameConstants.add(compiled.nodeName);
  for (const term of compiled.affinity.requiredTerms ?? []) if (term.kind === 'parsed') for (const field of term.fields) nameConstants.add(field.value);
  let names = group.nodeNames ?? [];
  if (names.length === 0) {
    let fresh = `${group.name}-node`;
    while (nameConstants.has(fresh)) fresh += '-x';
    names = nameConstants.size > 0 ? [...nameConstants, fresh] : [fresh];
  }

  const selectionKeys = [...daemonRequirements.keys()];
  let combinations = names.length;
  for (const key of selectionKeys) combinations *= classesByKey.get(key)?.length ?? 1;
  if (combinations > MAX_COMBINATIONS) {
    return result('sometimes', [`too many label combinations (${combinations}) to decide exactly; the answer may be always or never`]);
  }

  let matching: { name: string; labels: Record<string, string> } | undefined;
  let failing: { name: string; labels: Record<string, string> } | undefined;
  const labels: Record<string, string> = {};
  const visit = (depth: number, name: string): void => {
    if (matching && failing) return;
    if (depth === selectionKeys.length) {
      const selected = placementSelectsNode(compiled, syntheticNode(name, labels, []));
      if (selected && !matching) matching = { name, labels: { ...labels } };
      if (!selected && !failing) failing = { name, labels: { ...labels } };
      return;
    }
    const key = selectionKeys[depth];
    for (const value of classesByKey.get(key) ?? []) {
      if (value === undefined) delete labels[key];
      else labels[key] = value;
      visit(depth + 1, name);
    }
    delete labels[key];
  };
  for (const name of names) visit(0, name);

  if (!matching) return result('never', neverReasons(compiled, constraints, classesByKey, failing));
  const untoleratedTaints = findAllUntoleratedTaints(group.taints, compiled.tolerations, isSchedulingTaint);
  if (untoleratedTaints.length > 0) {
    return result(
      'never',
      untoleratedTaints.map((taint) => `taint ${formatTaint(taint)} is not tolerated; add toleration ${suggestToleration(taint)}`),
      untoleratedTaints,
    );
  }
  if (!failing) return result('always', []);
  return result('sometimes', sometimesReasons(compiled, constraints, classesByKey, matching));
}

/** The keys whose value alone turns a matching node into a failing one. */
function sometimesReasons(
  compiled: CompiledPlacement,
  constraints: GroupConstraints,
  classesByKey: Map<string, LabelClass[]>,
  matching: { name: string; labels: Record<string, string> },
): string[] {
  const reasons: string[] = [];
  for (const key of daemonRequirementsByKey(compiled).keys()) {
    const deciding = (classesByKey.get(key) ?? []).some((value) => {
      const labels = { ...matching.labels };
      if (value === undefined) delete labels[key];
      else labels[key] = value;
      return !placementSelectsNode(compiled, syntheticNode(matching.name, labels, []));
    });
    if (deciding) reasons.push(`${describeGroupKey(constraints, key)} — ${describeDaemonNeed(compiled, key)}`);
  }
  return reasons.length > 0 ? reasons : ['which node names the group gets decides it — the DaemonSet selects nodes by name'];
}

/** The keys on which no value the group admits satisfies what the DaemonSet needs; else the controller's own words. */
function neverReasons(
  compiled: CompiledPlacement,
  constraints: GroupConstraints,
  classesByKey: Map<string, LabelClass[]>,
  failing: { name: string; labels: Record<string, string> } | undefined,
): string[] {
  const reasons: string[] = [];
  const admitsNone = (requirement: CompiledLabelRequirement): boolean =>
    (classesByKey.get(requirement.key) ?? [undefined]).every((value) => !labelRequirementMatches(requirement, value === undefined ? {} : { [requirement.key]: value }));
  // A nodeSelector entry is needed outright; an affinity expression only when its term is the only one.
  const needed = nodeSelectorRequirements(compiled);
  const terms = compiled.affinity.requiredTerms ?? [];
  if (terms.length === 1 && terms[0].kind === 'parsed') needed.push(...terms[0].expressions);
  const named = new Set<string>();
  for (const requirement of needed) {
    if (named.has(requirement.key) || !admitsNone(requirement)) continue;
    named.add(requirement.key);
    reasons.push(`${describeGroupKey(constraints, requirement.key)} — ${describeDaemonNeed(compiled, requirement.key)}`);
  }
  if (reasons.length > 0 || !failing) return reasons;
  return evaluatePlacement(compiled, syntheticNode(failing.name, failing.labels, [])).reasons.map((reason) => reason.message);
}

/**
 * What delays the pod on the group's nodes without deciding placement (the startup taints it does not
 * tolerate), and, given the group, what its source says about how far to trust it (Karpenter ignoring
 * startupTaints when it counts the pool's DaemonSets, a Cluster API bootstrap config not in the inventory,
 * kind removing a single node's control-plane taint…).
 */
export function groupPlacementNotes(placement: GroupPlacement, group?: NodeGroup): string[] {
  const notes = placement.untoleratedStartupTaints.map((taint) => `starts only once startup taint ${formatTaint(taint)} is removed (the pod does not tolerate it)`);
  return group ? [...notes, ...group.notes] : notes;
}

/** "sometimes: kubernetes.io/arch In [amd64, arm64] — the nodeSelector needs amd64" */
export function formatGroupPlacement(placement: GroupPlacement): string {
  const lines = [placement.reasons.length > 0 ? `${placement.verdict}: ${placement.reasons.join('; ')}` : placement.verdict];
  return [...lines, ...groupPlacementNotes(placement)].join('\n');
}
