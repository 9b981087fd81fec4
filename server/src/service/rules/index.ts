import { invalidContainer } from './containers';
import { invalidMetadata } from './metadata';
import { invalidNodeAffinity, invalidNodeSelector } from './nodeAffinity';
import { invalidPodTemplate } from './podTemplate';
import type { Rule } from './rule';
import { selectorDrift } from './selectorDrift';
import { invalidToleration } from './tolerations';
import { invalidUpdateStrategy } from './updateStrategy';

/**
 * Every document rule. The API-server checks come in the order of
 * `ValidateDaemonSet` (metadata, selector, template, strategy), so the first
 * error reported for a position is the one Kubernetes reports first.
 */
export const documentRules: readonly Rule[] = [
  invalidMetadata,
  selectorDrift,
  invalidPodTemplate,
  invalidContainer,
  invalidToleration,
  invalidNodeAffinity,
  invalidNodeSelector,
  invalidUpdateStrategy,
];

export type { Rule, RuleContext, RuleFinding } from './rule';
