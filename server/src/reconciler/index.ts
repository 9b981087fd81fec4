/**
 * The reconciler's public API: the DaemonSet controller's decisions,
 * re-implemented purely (no I/O, no Node built-ins) so the CLI, the language
 * service and the webview run the same code.
 */
export {
  nodeShouldRunDaemonPod,
  compilePlacement,
  evaluatePlacement,
  placementFlags,
  placementSelectsNode,
  type CompiledPlacement,
  type PlacementFlags,
  type PlacementReason,
  type PlacementReasonCode,
  type PlacementResult,
} from './nodeShouldRunDaemonPod';
export {
  tolerationToleratesTaint,
  tolerationsTolerateTaint,
  findMatchingUntoleratedTaint,
  formatTaint,
  suggestToleration,
} from './taints';
export { addOrUpdateDaemonPodTolerations, addOrUpdateTolerationInPodSpec, daemonPodTolerations } from './daemonPodTolerations';
export {
  compileNodeAffinity,
  compileNodeSelectorTerm,
  nodeMatchesNodeSelectorAndAffinity,
  parseInt64,
  type CompiledNodeAffinity,
  type CompiledTerm,
} from './nodeAffinity';
export {
  getScaledValueFromIntOrPercent,
  surgeCount,
  unavailableCount,
  allowsSurge,
  resolveUpdateBudget,
  type UpdateBudget,
} from './intOrPercent';
export { isPodReady, isPodAvailable, podByCreationTimestampAndPhase, getTargetNodeName } from './podUtil';
export { computeHash, daemonSetRevisionHash, getTemplateGeneration, isPodUpdated } from './revision';
export { getDaemonPods, getNodesToDaemonPods, namespaceOf } from './daemonPods';
export { updateDaemonSetStatus, convergedDaemonSetStatus, type DaemonSetStatus, type StatusOptions } from './status';
export { manage, podsShouldBeOnNode, syncContext, type SyncActions, type SyncContext } from './manage';
export { rollingUpdate, findUpdatedPodsOnNode, type RollingUpdateResult } from './rollingUpdate';
export { simulateRollout, steadyStatePods, type RolloutOptions, type RolloutPlan, type RolloutStep } from './rollout';
export type { PendingSurgePod } from './surgeFit';
export { applyNodeMutation, diffPlacement, whatIf, type NodeMutation, type PlacementDiff, type WhatIfPlan } from './whatIf';
export { placementNotes, type PlacementNote, type PlacementNoteCode } from './notes';
export { podRequests, podLimits, podLimitsBounded, POD_LEVEL_RESOURCES, type ResourceList } from './podResources';
export { previewDaemonSet, type DaemonSetPreview, type NodePreview } from './preview';
export { evaluateGroupPlacement, formatGroupPlacement, groupPlacementNotes, type GroupPlacement, type GroupVerdict } from './nodeGroupPlacement';
export { nodePoolsHeadline, type NamedGroupVerdict } from './nodePoolsHeadline';
export { NODE_POOL_LABELS, UNPOOLED, groupNodePools, nodePoolOf, type NodePool, type NodePoolKey } from './nodePools';
export {
  computeClusterView,
  describeClusterBasis,
  formatTaxResource,
  COVERAGE_THRESHOLD,
  OUTCOME_NOT_SELECTED,
  OUTCOME_PENDING,
  OUTCOME_RUNS,
  OUTCOME_TAINT,
  TAX_RESOURCES,
  type CellState,
  type ClusterCell,
  type ClusterDaemonSet,
  type ClusterView,
  type ClusterViewInput,
  type CoverageGap,
  type HostPortCollision,
  type NodeOutcome,
  type NodeTax,
  type PoolSummary,
  type TaxResource,
} from './clusterView';
export * from './scheduling';
export {
  gatherClusterDaemonSets,
  renderedDaemonSetLabel,
  clusterDaemonSetLabel,
  type ClusterBase,
  type ClusterProblem,
  type ClusterSourceText,
  type GatherOptions,
  type GatheredCluster,
  type GatheredDaemonSet,
  type RenderKind,
  type RenderedClusterSource,
} from './clusterSources';
