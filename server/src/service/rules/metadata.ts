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
      for (const problem of joined(dns1123SubdomainProblems(metadata.name))) {
        findings.push({ path: ['metadata', 'name'], message: `Invalid name ${JSON.stringify(metadata.name)}: ${problem}.` });
      }
    }
    if (typeof metadata.namespace === 'string') {
      for (const problem of joined(dns1123LabelProblems(metadata.namespace))) {
        findings.push({
          path: ['metadata', 'namespace'],
          message: `Invalid namespace ${JSON.stringify(metadata.namespace)}: ${problem}.`,
        });
      }
    }
    findings.push(...checkLabels(metadata.labels, ['metadata', 'labels'], ['metadata', 'labels']));
    findings.push(...checkAnnotations(metadata.annotations, ['metadata', 'annotations']));
  }
  const template = asRecord(asRecord(ctx.root.spec)?.template);
  const templateMetadata = asRecord(template?.metadata);
  if (templateMetadata) {
    // ValidatePodTemplateSpec reports template labels at spec.template.labels.
    findings.push(
      ...checkLabels(templateMetadata.labels, ['spec', 'template', 'labels'], POD_TEMPLATE_LABELS_PATH),
    );
    findings.push(...checkAnnotations(templateMetadata.annotations, ['spec', 'template', 'metadata', 'annotations']));
  }
  return findings;
}

export function checkLabels(value: unknown, path: FieldPath, source: FieldPath): RuleFinding[] {
  const labels = asRecord(value);
  if (!labels) return [];
  const findings: RuleFinding[] = [];
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    const labelValue = labels[key];
    for (const problem of joined(qualifiedNameProblems(key))) {
      findings.push({ path, anchor: [...source, key], on: 'key', message: `Invalid label key ${JSON.stringify(key)}: ${problem}.` });
    }
    if (typeof labelValue === 'string') {
      for (const problem of joined(labelValueProblems(labelValue))) {
        findings.push({
          path,
          anchor: [...source, key],
          message: `Invalid value ${JSON.stringify(labelValue)} for label ${key}: ${problem}.`,
        });
      }
    }
  }
  return findings;
}

function checkAnnotations(value: unknown, path: FieldPath): RuleFinding[] {
  const annotations = asRecord(value);
  if (!annotations) return [];
  const findings: RuleFinding[] = [];
  let total = 0;
  for (const key in annotations) {
    if (!Object.hasOwn(annotations, key)) continue;
    const annotationValue = annotations[key];
    total += key.length + (typeof annotationValue === 'string' ? annotationValue.length : 0);
    for (const problem of joined(qualifiedNameProblems(key.toLowerCase()))) {
      findings.push({ path, anchor: [...path, key], on: 'key', message: `Invalid annotation key ${JSON.stringify(key)}: ${problem}.` });
    }
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    findings.push({
      path,
      on: 'key',
      message: `Annotations are ${total} bytes; the API server accepts at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes in total.`,
    });
  }
  return findings;
}
