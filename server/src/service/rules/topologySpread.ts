/**
 * invalid-topology-spread-constraint: `validateTopologySpreadConstraints` of
 * pod validation, in its order per constraint: maxSkew greater than zero
 * (a missing maxSkew is 0), a topologyKey, a whenUnsatisfiable (unknown values
 * are the schema rule's enum check), no two constraints with the same
 * {topologyKey, whenUnsatisfiable} (reported at the first, as Kubernetes
 * does), and minDomains greater than zero and only with DoNotSchedule.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { asArray, asRecord, isSet, quote, requiredFinding } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const invalidTopologySpreadConstraint: Rule = {
  id: 'invalid-topology-spread-constraint',
  defaultSeverity: 'error',
  description:
    'Topology spread constraints the API server rejects: maxSkew not greater than zero, no topologyKey or whenUnsatisfiable, two constraints with the same topologyKey and whenUnsatisfiable, minDomains not greater than zero or without DoNotSchedule.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkTopologySpreadConstraints,
};

const NOT_POSITIVE = 'must be greater than zero';

function checkTopologySpreadConstraints(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  const constraints = asArray(podSpec?.topologySpreadConstraints).map(asRecord);
  const findings: RuleFinding[] = [];
  constraints.forEach((constraint, index) => {
    if (!constraint) return;
    const path = [...POD_SPEC_PATH, 'topologySpreadConstraints', index];
    const maxSkew = constraint.maxSkew;
    if (!isSet(maxSkew)) {
      findings.push({
        path: [...path, 'maxSkew'],
        anchor: path,
        on: 'key',
        message: `Invalid value: 0: ${NOT_POSITIVE}. \`maxSkew\` is required: how many more matching pods one domain may have than another.`,
      });
    } else if (typeof maxSkew === 'number' && maxSkew <= 0) {
      findings.push({ path: [...path, 'maxSkew'], message: `Invalid value: ${maxSkew}: ${NOT_POSITIVE}.` });
    }
    const topologyKey = constraint.topologyKey;
    if (!isSet(topologyKey) || topologyKey === '') {
      findings.push(
        requiredFinding(
          path,
          'topologyKey',
          'Required value: can not be empty. Name the node label that defines the domains, e.g. `topology.kubernetes.io/zone`.',
          topologyKey,
        ),
      );
    }
    const action = constraint.whenUnsatisfiable;
    if (!isSet(action)) {
      findings.push({
        path: [...path, 'whenUnsatisfiable'],
        anchor: path,
        on: 'key',
        message: 'Unsupported value: "": supported values: "DoNotSchedule", "ScheduleAnyway".',
      });
    }
    const repeated = constraints
      .slice(index + 1)
      .some(
        (later) =>
          later !== undefined && later.topologyKey === topologyKey && later.whenUnsatisfiable === action,
      );
    if (repeated && typeof topologyKey === 'string' && typeof action === 'string') {
      findings.push({
        // Kubernetes names the pair; the squiggle goes on its topologyKey.
        path: [...path, '{topologyKey, whenUnsatisfiable}'],
        anchor: [...path, 'topologyKey'],
        on: 'key',
        message: `Duplicate value: "{${topologyKey}, ${action}}": a later constraint has the same topologyKey and whenUnsatisfiable. Merge them.`,
      });
    }
    const minDomains = constraint.minDomains;
    if (isSet(minDomains)) {
      if (typeof minDomains === 'number' && minDomains <= 0) {
        findings.push({
          path: [...path, 'minDomains'],
          message: `Invalid value: ${minDomains}: ${NOT_POSITIVE}.`,
        });
      }
      if (action !== 'DoNotSchedule') {
        findings.push({
          path: [...path, 'minDomains'],
          message: `Invalid value: ${quote(minDomains)}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${typeof action === 'string' ? action : ''}.`,
        });
      }
    }
  });
  return findings;
}
