import { hostPortConflict } from './hostPortConflict';
import { missingToleration } from './missingToleration';
import { noMatchingNodes } from './noMatchingNodes';
import { overlappingLabels } from './overlappingLabels';
import { pdbOnDaemonSet } from './pdbOnDaemonSet';
import type { WorkspaceRule } from './workspaceRule';

/** Rules that look at other documents and files of the workspace. */
export const workspaceRules: readonly WorkspaceRule[] = [
  overlappingLabels,
  hostPortConflict,
  pdbOnDaemonSet,
  missingToleration,
  noMatchingNodes,
];

export type { InventoryContext, WorkspaceFinding, WorkspaceRule, WorkspaceRuleContext } from './workspaceRule';
