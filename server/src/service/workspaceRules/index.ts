import { hostPortConflict } from './hostPortConflict';
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
];

export type { BaselineContext, InventoryContext, WorkspaceFinding, WorkspaceRule, WorkspaceRuleContext } from './workspaceRule';
