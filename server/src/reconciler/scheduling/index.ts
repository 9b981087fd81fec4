/**
 * Scheduler fit for daemon pods: controller-selected is not running.
 *
 * Since Kubernetes 1.12 the DaemonSet controller only decides which nodes get
 * a pod (nodeShouldRunDaemonPod); the default scheduler then binds each pod to
 * its node and can leave it Pending. This folder answers every such question
 * once, for every view (preview, CLI, code lens, diagnostics, cluster view):
 *
 *   scheduleDaemonPods({ daemonSets, nodes, pods?, priorityClasses? })
 *     → { daemonSets: [{ key, compiled, priority, requests, counts,
 *                        cells: [per node { outcome, flags, scheduling? }] }],
 *         competitionOrder, basis: per node 'pods' | 'daemonsets' }
 *
 * `outcome` is runs / pending / excluded / taintNotTolerated; `scheduling`
 * (where the controller places a pod) is `{ fits, pending, plugin, reasons,
 * insufficient, portConflicts, preemption?, basis, resourcesJudged }`. The
 * parts, each a Kubernetes function: podRequests (../podResources.ts),
 * NodeResourcesFit's fitsRequest, NodePorts' conflicts, the Priority
 * admission's podPriority, and preemption's selectVictimsOnNode.
 */
export {
  scheduleDaemonPods,
  sameScheduleInputs,
  describeSchedulingBases,
  describeSchedulingBasis,
  describeVictims,
  distinctDaemonSets,
  allocatableOf,
  podDemandOf,
  rememberedPodDemand,
  scheduledPodOf,
  type DaemonPodCell,
  type DaemonPodOutcome,
  type DaemonPodsSchedule,
  type DaemonSetSchedule,
  type PreviousSchedule,
  type PreemptionVerdict,
  type PreemptionVictim,
  type ScheduleDaemonPodsInput,
  type SchedulingBasis,
  type SchedulingPlugin,
  type SchedulingVerdict,
} from './scheduleDaemonPods';
export { judgeDaemonPod, filterFailureReasons, type DescribePortHolder } from './judgeDaemonPod';
export {
  fitsRequest,
  formatInsufficientResource,
  formatSchedulerAmount,
  isCheckedResource,
  isScalarResourceName,
  nodeAllocatable,
  podSchedulerRequests,
  schedulerAmount,
  schedulerRequests,
  type InsufficientResource,
  type NodeAllocatable,
  type SchedulerResources,
} from './nodeResourcesFit';
export { hostPortsOf, hostPortsConflict, formatHostPort, NODE_PORTS_REASON, type HostPortUse } from './nodePorts';
export { indexPriorityClasses, podPriority, podPriorityValue, type PodPriority, type PriorityClassIndex, type PrioritySource } from './podPriority';
export { moreImportantPod, selectVictimsOnNode, type PreemptionOutcome, type VictimSelection } from './preemption';
export {
  addPod,
  filtersPass,
  newNodeFitState,
  podFits,
  removePod,
  runFilters,
  type FilterResult,
  type NodeFitState,
  type PodDemand,
  type PortConflict,
  type ScheduledPod,
} from './nodeFitState';
