/**
 * hostnetwork-dns-policy: with hostNetwork the default dnsPolicy
 * (ClusterFirst) falls back to the node's resolv.conf, so cluster service
 * names stop resolving; ClusterFirstWithHostNet keeps cluster DNS.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { podSpecOf } from './podSpecAccess';
import type { Rule } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const hostNetworkDnsPolicy: Rule = {
  id: 'hostnetwork-dns-policy',
  defaultSeverity: 'warning',
  description: '`hostNetwork: true` without `dnsPolicy: ClusterFirstWithHostNet`: the pod resolves names with the node\'s DNS and cannot reach cluster services by name.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const podSpec = podSpecOf(ctx);
    if (podSpec?.hostNetwork !== true) return [];
    const policy = podSpec.dnsPolicy;
    if (policy === 'ClusterFirstWithHostNet' || policy === 'None' || policy === 'Default') return [];
    return [
      {
        path: [...POD_SPEC_PATH, policy === undefined ? 'hostNetwork' : 'dnsPolicy'],
        message:
          'hostNetwork is set but dnsPolicy is ' +
          (policy === undefined ? 'the default ClusterFirst' : String(policy)) +
          ': with the host network that uses the node\'s resolv.conf, so cluster service names do not resolve. Add `dnsPolicy: ClusterFirstWithHostNet` (or `Default` if node DNS is what you want).',
      },
    ];
  },
};
