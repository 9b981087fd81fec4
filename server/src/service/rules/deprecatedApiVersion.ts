/**
 * deprecated-api-version: extensions/v1beta1 and apps/v1beta2 DaemonSets are
 * no longer served (removed in Kubernetes 1.16, versionGates.ts); apps/v1 also
 * requires a selector, which extensions/v1beta1 used to default from the labels.
 * A cluster known to be older still serves them: then the warning is about the upgrade.
 */
import { describeVersionInForce, isAtLeast } from '../../model/kubernetesVersion';
import { resourceIdentity, isDaemonSetDocument } from '../kubernetesResource';
import type { Rule } from './rule';
import { DAEMONSET_API_REMOVALS, tableVersion } from './versionGates';

export const deprecatedApiVersion: Rule = {
  id: 'deprecated-api-version',
  defaultSeverity: 'warning',
  description: '`extensions/v1beta1` or `apps/v1beta2` DaemonSets: no API server since Kubernetes 1.16 serves them; use `apps/v1` (with an explicit selector).',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const apiVersion = resourceIdentity(ctx.doc)?.apiVersion;
    if (apiVersion === 'apps/v1') return [];
    const selectorNote =
      apiVersion === 'extensions/v1beta1' && !(ctx.root.spec as Record<string, unknown> | undefined)?.selector
        ? ' apps/v1 requires `spec.selector` (it was defaulted from the template labels here).'
        : '';
    const removal = DAEMONSET_API_REMOVALS.find((r) => r.apiVersion === apiVersion);
    const removedIn = removal && tableVersion(removal.removed);
    if (!removal || !removedIn) return [];
    const inForce = ctx.kubernetesVersion;
    const message = isAtLeast(inForce.version, removedIn)
      ? `${apiVersion} DaemonSets were removed in Kubernetes ${removal.removed}${inForce.source.kind === 'newest-supported' ? '' : `, and the cluster is ${describeVersionInForce(inForce)}`}: use apiVersion apps/v1.${selectorNote}`
      : `${apiVersion} DaemonSets are still served by the cluster's Kubernetes ${describeVersionInForce(inForce)}, but removed in ${removal.removed}: move to apiVersion apps/v1 before upgrading.${selectorNote}`;
    return [{ path: ['apiVersion'], message }];
  },
};
