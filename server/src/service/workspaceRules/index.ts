import { hostPortConflict } from './hostPortConflict';
import { liveDefaultedHostPort } from './liveDefaultedHostPort';
import { liveNodesLeft } from './liveNodesLeft';
import { liveStrategyChanged } from './liveStrategyChanged';
import { missingToleration } from './missingToleration';
import { noMatchingNodes } from './noMatchingNodes';
import { overlappingLabels } from './overlappingLabels';
import { pdbOnDaemonSet } from './pdbOnDaemonSet';
import { pendingOnNodes } from './pendingOnNodes';
import { selectorChanged } from './selectorChanged';
import type { WorkspaceRule } from './workspaceRule';

/** Rules that look at other documents and files of the workspace. */
export const workspaceRules: readonly WorkspaceRule[] = [
  overlappingLabels,
  hostPortConflict,
  pdbOnDaemonSet,
  missingToleration,
  noMatchingNodes,
  pendingOnNodes,
  selectorChanged,
  liveStrategyChanged,
  liveNodesLeft,
  liveDefaultedHostPort,
];

export type { BaselineContext, InventoryContext, LiveClusterContext, WorkspaceFinding, WorkspaceRule, WorkspaceRuleContext } from './workspaceRule';
