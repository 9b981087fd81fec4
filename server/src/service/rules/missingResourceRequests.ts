/**
 * missing-resource-requests: a daemon pod without CPU/memory requests is
 * scheduled regardless of what the node has left and is among the first
 * evicted under memory pressure (BestEffort QoS).
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { asRecord, isSet } from './fieldAccess';
import { containerLabel, containersOf } from './podSpecAccess';
import type { Rule, RuleFinding } from './rule';

export const missingResourceRequests: Rule = {
  id: 'missing-resource-requests',
  defaultSeverity: 'warning',
  description: 'A container without CPU or memory requests: the agent gets BestEffort treatment, is evicted first under pressure, and its cost on every node is invisible.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: (ctx) => {
    const findings: RuleFinding[] = [];
    for (const at of containersOf(ctx, 'containers')) {
      const resources = asRecord(at.container.resources);
      const requests = asRecord(resources?.requests);
      const limits = asRecord(resources?.limits);
      // Limits without requests default the requests to the limits.
      const missing = ['cpu', 'memory'].filter((r) => !isSet(requests?.[r]) && !isSet(limits?.[r]));
      if (missing.length === 0) continue;
      findings.push({
        path: isSet(at.container.resources) ? [...at.path, 'resources'] : [...at.path, 'name'],
        on: 'key',
        message: `${containerLabel(at)} has no ${missing.join(' or ')} request: it runs on every node, so set \`resources.requests\` to what it needs (it is scheduled and evicted as BestEffort otherwise).`,
      });
    }
    return findings;
  },
};
