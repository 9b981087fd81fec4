/**
 * overlapping-labels: two controllers fight over pods when one's selector
 * matches the other's pod labels in the same namespace. A DaemonSet adopts
 * (and deletes as surplus) matching pods it did not create, and a Deployment
 * or ReplicaSet would count daemon pods as its own replicas.
 */
import { labelSelectorMatches, isEmptyLabelSelector } from '../../model/labelSelector';
import type { IndexedWorkload } from '../workspaceIndex';
import { boundedPeerFindings, describeWorkload, otherThan, type WorkspaceFinding, type WorkspaceRule } from './workspaceRule';

const POD_OWNERS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob', 'DaemonSet', 'ReplicationController', 'Pod']);

export const overlappingLabels: WorkspaceRule = {
  id: 'overlapping-labels',
  defaultSeverity: 'warning',
  description:
    'Another workload in the same namespace (any YAML file of the workspace) whose pods this DaemonSet selects, or whose selector matches the daemon pods: the controllers would adopt and delete each other\'s pods.',
  check: (ctx) => {
    const self = ctx.self;
    const isOther = otherThan(ctx);
    const namespace = ctx.workspace.namespace(self.namespace);
    const selfSelector = self.selector && !isEmptyLabelSelector(self.selector) ? self.selector : undefined;
    const weSelect = new Set<IndexedWorkload>();
    if (selfSelector) {
      for (const other of namespace.podOwnersFor(selfSelector)) {
        if (POD_OWNERS.has(other.kind) && isOther(other) && other.podLabels && Object.keys(other.podLabels).length > 0 && labelSelectorMatches(selfSelector, other.podLabels)) {
          weSelect.add(other);
        }
      }
    }
    const theySelect = new Set<IndexedWorkload>();
    if (self.podLabels && Object.keys(self.podLabels).length > 0) {
      for (const other of namespace.selectorsFor(self.podLabels)) {
        if (other.kind === 'Pod' || !POD_OWNERS.has(other.kind) || weSelect.has(other) || !isOther(other)) continue;
        if (other.selector && !isEmptyLabelSelector(other.selector) && labelSelectorMatches(other.selector, self.podLabels)) theySelect.add(other);
      }
    }
    // Report in the order the workloads appear: this file first, then the index.
    const overlapping = [...weSelect, ...theySelect].sort((a, b) => namespace.position(a) - namespace.position(b));
    return boundedPeerFindings(
      overlapping,
      (other): WorkspaceFinding => {
        const weSelectThem = weSelect.has(other);
        const what = weSelectThem
          ? `this DaemonSet's selector also matches the pods of ${describeWorkload(other)}, so it would adopt them and delete them as surplus`
          : `the selector of ${describeWorkload(other)} matches this DaemonSet's pods, so that controller would count or adopt them`;
        return {
          path: weSelectThem ? ['spec', 'selector'] : ['spec', 'template', 'metadata', 'labels'],
          on: 'key',
          message: `Labels overlap with another workload: ${what}. Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
          related: [
            {
              uri: other.uri,
              range: (weSelectThem ? other.ranges().podLabels : other.ranges().selector) ?? other.ranges().name,
              message: weSelectThem ? `pod labels of ${describeWorkload(other)}` : `selector of ${describeWorkload(other)}`,
            },
          ],
        };
      },
      (rest) => `Labels overlap with ${rest} more workloads (the first is related). Give each workload a distinct label (e.g. app.kubernetes.io/instance).`,
    );
  },
};
