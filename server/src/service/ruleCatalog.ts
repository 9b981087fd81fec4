/**
 * Every rule the service can report, with its default severity and one-line
 * description: for SARIF's rule table, the README and settings validation.
 */
import { KUSTOMIZE_RENDER_RULE } from './kustomizeFindings';
import { documentRules } from './rules';
import type { Severity } from './types';
import { YAML_SYNTAX_RULE } from './validation';
import { HELM_RENDER_RULE, HELM_RENDER_SEVERITY } from './helm/renderedChartDiagnostics';
import { workspaceRules } from './workspaceRules';

export interface RuleDescription {
  id: string;
  defaultSeverity: Severity;
  description: string;
}

export function ruleCatalog(): RuleDescription[] {
  return [
    {
      id: YAML_SYNTAX_RULE,
      defaultSeverity: 'error',
      description: 'The YAML cannot be parsed as written (duplicate keys, bad indentation, unterminated collections, tabs, alias bombs).',
    },
    {
      id: HELM_RENDER_RULE,
      defaultSeverity: HELM_RENDER_SEVERITY,
      description: 'A Helm chart does not render with its values (a `required` value is missing, `fail`, a template error): reported at the template line Go names.',
    },
    ...[...documentRules, ...workspaceRules].map(({ id, defaultSeverity, description }) => ({ id, defaultSeverity, description })),
    {
      id: KUSTOMIZE_RENDER_RULE,
      defaultSeverity: 'error',
      description:
        'A Kustomize overlay could not be rendered: kubectl kustomize failed (a missing base, a bad patch; its message), or it was not run (an untrusted workspace, a remote base not allowed).',
    },
  ];
}

/**
 * Rule settings for a Kustomize patch file: a partial object that only means
 * something merged into its base, so every rule is off but YAML syntax (as the
 * user set it); the overlay's rendered findings are reported in it instead.
 */
export function patchFileRules(rules: Readonly<Record<string, Severity | 'off'>> = {}): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  for (const rule of ruleCatalog()) out[rule.id] = 'off';
  if (rules[YAML_SYNTAX_RULE] !== undefined) out[YAML_SYNTAX_RULE] = rules[YAML_SYNTAX_RULE];
  else delete out[YAML_SYNTAX_RULE];
  return out;
}
