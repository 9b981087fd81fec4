/**
 * A what-if change to a node inventory: applied to the typed nodes by the
 * reconciler (`applyNodeMutation`) and written back into the inventory's YAML
 * by `yamlEdits/inventoryEdits.ts`.
 */
import type { Node, Taint } from './kubeTypes';

export type NodeMutation =
  | { kind: 'addNode'; node: Node }
  | { kind: 'removeNode'; node: string }
  | { kind: 'setLabel'; node: string; key: string; value: string }
  | { kind: 'removeLabel'; node: string; key: string }
  | { kind: 'addTaint'; node: string; taint: Taint }
  | { kind: 'removeTaint'; node: string; key: string; effect?: string }
  | { kind: 'cordon'; node: string }
  | { kind: 'uncordon'; node: string }
  /** Ready=False, plus the not-ready NoSchedule and NoExecute taints a live cluster adds (N3) unless `withTaints` is false. */
  | { kind: 'markNotReady'; node: string; withTaints?: boolean };
