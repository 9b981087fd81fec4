/**
 * Every rule the service can report, with its default severity and one-line
 * description: for SARIF's rule table, the README and settings validation.
 */
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
  ];
}
