/**
 * A rule inspects one parsed YAML document of a file and reports problems by
 * field path; the validation driver turns paths into exact source ranges.
 */
import type { ParsedYamlDocument, ParsedYamlFile } from '../../model/yamlDocuments';
import type { FieldPath } from '../../model/fieldPath';
import type { VersionInForce } from '../../model/kubernetesVersion';
import type { Severity } from '../types';

export interface RuleFinding {
  /** The field the problem is about, as the API server names it (reported as `path`). */
  path: FieldPath;
  /** Where the squiggle goes when it is not `path` itself (e.g. the key inside a map the API server reports as a whole). */
  anchor?: FieldPath;
  message: string;
  /** Put the squiggle on the key instead of the value (e.g. for a block value). */
  on?: 'key' | 'value';
  related?: Array<{ path: FieldPath; message: string }>;
  /** Structured facts for quick fixes, passed on as the diagnostic's `data`. */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  file: ParsedYamlFile;
  doc: ParsedYamlDocument;
  /** The document's plain value, already known to be an object. */
  root: Record<string, unknown>;
  /** The cluster's Kubernetes version and where it came from (the newest supported when nothing says). */
  kubernetesVersion: VersionInForce;
}

export interface Rule {
  /** Stable kebab-case id, used in settings, suppression comments and the README. */
  id: string;
  defaultSeverity: Severity;
  /** One line for the README's rule table. */
  description: string;
  /** Which documents the rule looks at. */
  appliesTo(ctx: RuleContext): boolean;
  check(ctx: RuleContext): RuleFinding[];
}
