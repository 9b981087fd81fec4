/**
 * The workloads the cross-document rules compare a DaemonSet with, built
 * once per validation and indexed so that a file of thousands of
 * DaemonSets is not compared pairwise: pods by label, selectors by their first
 * required label, DaemonSets by host port.
 */
import type { LabelSelector, Labels } from '../../model/labelSelector';
import type { PriorityClass } from '../../model/kubeTypes';
import { typedPriorityClasses, type IndexedWorkload, type WorkspaceIndex } from '../workspaceIndex';

function firstRequiredLabel(selector: LabelSelector | undefined): string | undefined {
  const entries = Object.entries(selector?.matchLabels ?? {});
  if (entries.length > 0) return `${entries[0][0]}=${entries[0][1]}`;
  const expression = selector?.matchExpressions?.find((e) => e.operator === 'In' && e.values?.length === 1);
  return expression ? `${expression.key}=${expression.values?.[0]}` : undefined;
}

/** Appends `value` to the list under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each `key=value` of a label set, in its order. */
function labelTexts(labels: Labels): string[] {
  const texts: string[] = [];
  for (const key in labels) if (Object.hasOwn(labels, key)) texts.push(`${key}=${labels[key]}`);
  return texts;
}

export class NamespaceWorkloads {
  private readonly byPodLabel = new Map<string, IndexedWorkload[]>();
  private readonly bySelectorLabel = new Map<string, IndexedWorkload[]>();
  /** Selectors without a single required label: every pod set is a candidate for them. */
  private readonly broadSelectors: IndexedWorkload[] = [];

  private readonly positions = new Map<IndexedWorkload, number>();
  /**
   * The label texts and first required labels read here, by label set and selector object: each
   * DaemonSet then asks for the candidates of its own pod labels and selector, the same objects.
   */
  private readonly labelTextsOf = new Map<Labels, string[]>();
  private readonly firstLabelOf = new Map<LabelSelector, string | undefined>();

  constructor(readonly workloads: readonly IndexedWorkload[]) {
    for (let index = 0; index < workloads.length; index++) {
      const workload = workloads[index];
      this.positions.set(workload, index);
      if (workload.podLabels) {
        const texts = labelTexts(workload.podLabels);
        this.labelTextsOf.set(workload.podLabels, texts);
        for (const text of texts) push(this.byPodLabel, text, workload);
      }
      if (workload.selector) {
        const first = firstRequiredLabel(workload.selector);
        this.firstLabelOf.set(workload.selector, first);
        if (first) push(this.bySelectorLabel, first, workload);
        else this.broadSelectors.push(workload);
      }
    }
  }

  private readonly kinds = new Map<string, NamespaceWorkloads>();

  /** The workloads of one kind, indexed the same way (built on first use). */
  ofKind(kind: string): NamespaceWorkloads {
    let view = this.kinds.get(kind);
    if (!view) {
      view = new NamespaceWorkloads(this.workloads.filter((workload) => workload.kind === kind));
      this.kinds.set(kind, view);
    }
    return view;
  }

  /** Where a workload stands in `workloads`, for reporting in file order. */
  position(workload: IndexedWorkload): number {
    return this.positions.get(workload) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Workloads whose pods might match `selector` (a superset; callers still match). */
  podOwnersFor(selector: LabelSelector): readonly IndexedWorkload[] {
    const first = this.firstLabelOf.has(selector) ? this.firstLabelOf.get(selector) : firstRequiredLabel(selector);
    return first ? (this.byPodLabel.get(first) ?? []) : this.workloads;
  }

  /** At most how many workloads `selectorsFor(labels)` hands back, told without collecting them. */
  selectorsForCount(labels: Labels): number {
    let count = this.broadSelectors.length;
    for (const text of this.labelTextsOf.get(labels) ?? labelTexts(labels)) count += this.bySelectorLabel.get(text)?.length ?? 0;
    return count;
  }

  /** Workloads whose selector might match pods with `labels` (a superset; callers still match), each once. */
  selectorsFor(labels: Labels): readonly IndexedWorkload[] {
    let found: readonly IndexedWorkload[] | undefined = this.broadSelectors.length > 0 ? this.broadSelectors : undefined;
    let candidates: Set<IndexedWorkload> | undefined;
    for (const text of this.labelTextsOf.get(labels) ?? labelTexts(labels)) {
      const selecting = this.bySelectorLabel.get(text);
      if (!selecting) continue;
      // One list (the common case) is handed back as it is: each workload is in it once.
      if (!found) found = selecting;
      else {
        candidates ??= new Set(found);
        for (const workload of selecting) candidates.add(workload);
      }
    }
    return candidates ? [...candidates] : (found ?? []);
  }
}

export class WorkspaceView {
  private readonly namespaces = new Map<string, NamespaceWorkloads>();
  private hostPorts: Map<string, IndexedWorkload[]> | undefined;
  private classes: PriorityClass[] | undefined;

  constructor(
    readonly uri: string,
    readonly sameFile: readonly IndexedWorkload[],
    readonly index: WorkspaceIndex,
  ) {}

  /** This file's workloads and the index's (other files) in one namespace. */
  namespace(name: string): NamespaceWorkloads {
    let view = this.namespaces.get(name);
    if (!view) {
      view = new NamespaceWorkloads([...this.sameFile.filter((w) => w.namespace === name), ...this.index.inNamespace(name, this.uri)]);
      this.namespaces.set(name, view);
    }
    return view;
  }

  /** The PriorityClasses of the other files, then this file's (a later one of a name wins, as in indexPriorityClasses), typed; read once per validation. */
  priorityClasses(): readonly PriorityClass[] {
    return (this.classes ??= [...this.index.priorityClasses(this.uri), ...typedPriorityClasses(this.sameFile)]);
  }

  /** DaemonSets of this file and the index that bind `port/protocol`. */
  daemonSetsOnHostPort(port: number, protocol: string): readonly IndexedWorkload[] {
    if (!this.hostPorts) {
      this.hostPorts = new Map();
      for (const workload of [...this.sameFile.filter((w) => w.kind === 'DaemonSet'), ...this.index.daemonSets(this.uri)]) {
        for (const use of workload.hostPorts) {
          const key = `${use.port}/${use.protocol}`;
          // Once per DaemonSet, also when two of its containers bind the port (the API server rejects that; hostPortConflict.ts counts peers).
          if (this.hostPorts.get(key)?.at(-1) !== workload) push(this.hostPorts, key, workload);
        }
      }
    }
    return this.hostPorts.get(`${port}/${protocol}`) ?? [];
  }
}
