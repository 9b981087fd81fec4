/**
 * invalid-metadata: `ValidateObjectMeta` and the template's label checks
 * (rulebook V1.1, V1.4, V8): the name is a DNS subdomain, the namespace a DNS
 * label, label keys qualified names and values valid label values, annotation
 * keys qualified names and all annotations under 256 KiB.
 */
import { isDaemonSetDocument } from '../kubernetesResource';
import { dns1123LabelProblems, dns1123SubdomainProblems, joined, labelValueProblems, qualifiedNameProblems } from '../../model/labelSyntax';
import { POD_TEMPLATE_LABELS_PATH, type FieldPath } from '../../model/fieldPath';
import { asRecord, isSet } from './fieldAccess';
import type { Rule, RuleContext, RuleFinding } from './rule';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export const invalidMetadata: Rule = {
  id: 'invalid-metadata',
  defaultSeverity: 'error',
  description:
    'Names, namespaces, labels and annotations the API server rejects (DNS names, qualified keys, 63-character label values, 256 KiB of annotations).',
  appliesTo: (ctx) => isDaemonSetDocument(ctx.doc),
  check: checkMetadata,
};

/*
 * Every DaemonSet's name, namespace, labels and annotations pass here, and nearly all are valid: the
 * checks below ask for the problems and build a finding only when there are some, and fill one list,
 * instead of iterating `joined(…)` and spreading each part's list into the next (a fresh server runs
 * them unoptimized, which is what opening a file of a thousand DaemonSets measures).
 */
function checkMetadata(ctx: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const metadata = asRecord(ctx.root.metadata);
  if (!metadata || (!isSet(metadata.name) && !isSet(metadata.generateName))) {
    findings.push({
      path: ['metadata', 'name'],
      anchor: metadata ? ['metadata'] : ['kind'],
      on: 'key',
      message: 'metadata.name is required: name the DaemonSet (a DNS subdomain such as `fluent-bit`).',
    });
  }
  if (metadata) {
    if (typeof metadata.name === 'string') {
      const problems = dns1123SubdomainProblems(metadata.name);
      if (problems.length > 0) {
        findings.push({ path: ['metadata', 'name'], message: `Invalid name ${JSON.stringify(metadata.name)}: ${sentence(problems)}.` });
      }
    }
    if (typeof metadata.namespace === 'string') {
      const problems = dns1123LabelProblems(metadata.namespace);
      if (problems.length > 0) {
        findings.push({
          path: ['metadata', 'namespace'],
          message: `Invalid namespace ${JSON.stringify(metadata.namespace)}: ${sentence(problems)}.`,
        });
      }
    }
    addLabelFindings(findings, metadata.labels, ['metadata', 'labels'], ['metadata', 'labels']);
    addAnnotationFindings(findings, metadata.annotations, ['metadata', 'annotations']);
  }
  const template = asRecord(asRecord(ctx.root.spec)?.template);
  const templateMetadata = asRecord(template?.metadata);
  if (templateMetadata) {
    // ValidatePodTemplateSpec reports template labels at spec.template.labels.
    addLabelFindings(findings, templateMetadata.labels, ['spec', 'template', 'labels'], POD_TEMPLATE_LABELS_PATH);
    addAnnotationFindings(findings, templateMetadata.annotations, ['spec', 'template', 'metadata', 'annotations']);
  }
  return findings;
}

/** A value's problems as the one sentence of its one diagnostic (`joined`); only called with some. */
function sentence(problems: readonly string[]): string {
  return joined(problems)[0];
}

export function checkLabels(value: unknown, path: FieldPath, source: FieldPath): RuleFinding[] {
  const findings: RuleFinding[] = [];
  addLabelFindings(findings, value, path, source);
  return findings;
}

function addLabelFindings(findings: RuleFinding[], value: unknown, path: FieldPath, source: FieldPath): void {
  const labels = asRecord(value);
  if (!labels) return;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    const labelValue = labels[key];
    const keyProblems = qualifiedNameProblems(key);
    if (keyProblems.length > 0) {
      findings.push({ path, anchor: [...source, key], on: 'key', message: `Invalid label key ${JSON.stringify(key)}: ${sentence(keyProblems)}.` });
    }
    if (typeof labelValue === 'string') {
      const valueProblems = labelValueProblems(labelValue);
      if (valueProblems.length > 0) {
        findings.push({
          path,
          anchor: [...source, key],
          message: `Invalid value ${JSON.stringify(labelValue)} for label ${key}: ${sentence(valueProblems)}.`,
        });
      }
    }
  }
}

function addAnnotationFindings(findings: RuleFinding[], value: unknown, path: FieldPath): void {
  const annotations = asRecord(value);
  if (!annotations) return;
  let total = 0;
  for (const key in annotations) {
    if (!Object.hasOwn(annotations, key)) continue;
    const annotationValue = annotations[key];
    total += key.length + (typeof annotationValue === 'string' ? annotationValue.length : 0);
    const problems = qualifiedNameProblems(key.toLowerCase());
    if (problems.length > 0) {
      findings.push({ path, anchor: [...path, key], on: 'key', message: `Invalid annotation key ${JSON.stringify(key)}: ${sentence(problems)}.` });
    }
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    findings.push({
      path,
      on: 'key',
      message: `Annotations are ${total} bytes; the API server accepts at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes in total.`,
    });
  }
}
