/**
 * deprecated-api-version: extensions/v1beta1 and apps/v1beta2 DaemonSets are
 * no longer served (removed in Kubernetes 1.16); apps/v1 also requires a
 * selector, which extensions/v1beta1 used to default from the labels.
 */
import { resourceIdentity, isDaemonSetDocument } from '../kubernetesResource';
import type { Rule } from './rule';

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
    return [
      {
        path: ['apiVersion'],
        message: `${apiVersion} DaemonSets were removed in Kubernetes 1.16: use apiVersion apps/v1.${selectorNote}`,
      },
    ];
  },
};
