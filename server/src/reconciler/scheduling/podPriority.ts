/**
 * A pod's priority, as the Priority admission plugin gives it
 * (plugin/pkg/admission/priority): `spec.priority` when the pod already
 * carries it (every pod read from a cluster does); else the value of the
 * PriorityClass it names — the two system classes are built in, others come
 * from the workspace or the inventory; else the global default class (the
 * lowest value when several claim it, as admission picks); else 0. A name no
 * class answers to makes the API server reject the pod, so its priority is
 * unknown. The preemption policy follows the same path (PreemptLowerPriority
 * unless `Never`).
 */
import type { PodSpec, PriorityClass } from '../../model/kubeTypes';
import { SYSTEM_PRIORITY_CLASSES } from '../../model/priorityClass';

export interface PriorityClassIndex {
  byName: ReadonlyMap<string, PriorityClass>;
  globalDefault: PriorityClass | undefined;
}

/** Classes by name (the system classes built in; a later object of a name replaces an earlier one). */
export function indexPriorityClasses(classes: readonly PriorityClass[] = []): PriorityClassIndex {
  const byName = new Map<string, PriorityClass>();
  for (const priorityClass of SYSTEM_PRIORITY_CLASSES) byName.set(priorityClass.metadata.name, priorityClass);
  let globalDefault: PriorityClass | undefined;
  for (const priorityClass of classes) {
    byName.set(priorityClass.metadata.name, priorityClass);
    if (priorityClass.globalDefault && (!globalDefault || priorityClass.value < globalDefault.value)) globalDefault = priorityClass;
  }
  return { byName, globalDefault };
}

export type PrioritySource = 'spec.priority' | 'priorityClassName' | 'globalDefault' | 'none' | 'unknownClass';

export interface PodPriority {
  /** The priority; 0 when unknown, so that orders stay total. */
  value: number;
  source: PrioritySource;
  /** The class the value came from (or the unknown name). */
  className?: string;
  /** PreemptLowerPriority or Never. */
  preemptionPolicy: string;
}

export function podPriority(spec: PodSpec, index: PriorityClassIndex): PodPriority {
  const named = spec.priorityClassName ? index.byName.get(spec.priorityClassName) : undefined;
  const priorityClass = spec.priorityClassName ? named : index.globalDefault;
  const preemptionPolicy = spec.preemptionPolicy ?? priorityClass?.preemptionPolicy ?? 'PreemptLowerPriority';
  if (spec.priority !== undefined) {
    return { value: spec.priority, source: 'spec.priority', className: spec.priorityClassName, preemptionPolicy };
  }
  if (spec.priorityClassName) {
    if (!named) return { value: 0, source: 'unknownClass', className: spec.priorityClassName, preemptionPolicy };
    return { value: named.value, source: 'priorityClassName', className: named.metadata.name, preemptionPolicy };
  }
  if (priorityClass) return { value: priorityClass.value, source: 'globalDefault', className: priorityClass.metadata.name, preemptionPolicy };
  return { value: 0, source: 'none', preemptionPolicy };
}

/** The priority value alone, without allocating: the hot path over an inventory's pods. */
export function podPriorityValue(spec: PodSpec, index: PriorityClassIndex): number {
  if (spec.priority !== undefined) return spec.priority;
  if (spec.priorityClassName) return index.byName.get(spec.priorityClassName)?.value ?? 0;
  return index.globalDefault?.value ?? 0;
}
