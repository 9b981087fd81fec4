/**
 * invalid-host-alias: `ValidateHostAliases` of pod validation. Each entry's
 * `ip` must be an IP address as the API server parses it for this legacy
 * field (IPv4 octets with leading zeros and IPv4-mapped IPv6 are accepted
 * while the StrictIPCIDRValidation feature gate is off, its default), and each
 * hostname a DNS subdomain. Only the pod's /etc/hosts sees these entries, so
 * nothing else would catch the mistake before the API server does.
 */
import { ipAddressProblems } from '../../model/ipAddress';
import { dns1123SubdomainProblems, joined } from '../../model/labelSyntax';
import { isDaemonSetDocument } from '../kubernetesResource';
import { asArray, asRecord, isSet } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { POD_SPEC_PATH } from '../../model/fieldPath';

export const invalidHostAlias: Rule = {
  id: 'invalid-host-alias',
  defaultSeverity: 'error',
  description:
    '`hostAliases` the API server rejects: an `ip` that is missing or not an IP address, a hostname that is not a DNS subdomain.',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkHostAliases,
};

function checkHostAliases(ctx: RuleContext): RuleFinding[] {
  const podSpec = asRecord(asRecord(asRecord(ctx.root.spec)?.template)?.spec);
  const findings: RuleFinding[] = [];
  asArray(podSpec?.hostAliases).forEach((item, index) => {
    const alias = asRecord(item);
    if (!alias) return;
    const path = [...POD_SPEC_PATH, 'hostAliases', index];
    const ip = alias.ip;
    if (!isSet(ip) || typeof ip === 'string') {
      const text = typeof ip === 'string' ? ip : '';
      for (const problem of ipAddressProblems(text, { strict: false })) {
        findings.push({
          path: [...path, 'ip'],
          anchor: isSet(ip) ? [...path, 'ip'] : path,
          on: isSet(ip) ? 'value' : 'key',
          message: `Invalid value ${JSON.stringify(text)}: ${problem}.`,
        });
      }
    }
    asArray(alias.hostnames).forEach((hostname, hostnameIndex) => {
      if (typeof hostname !== 'string') return;
      for (const problem of joined(dns1123SubdomainProblems(hostname))) {
        findings.push({
          path: [...path, 'hostnames', hostnameIndex],
          message: `Invalid value ${JSON.stringify(hostname)}: ${problem}.`,
        });
      }
    });
  });
  return findings;
}
