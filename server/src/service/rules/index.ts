import type { Rule } from './rule';
import { selectorDrift } from './selectorDrift';

/** Every document rule, in reporting order. */
export const documentRules: readonly Rule[] = [selectorDrift];

export type { Rule, RuleContext, RuleFinding } from './rule';
