/**
 * Snippet texts (LSP snippet syntax). Lines after the first are indented
 * relative to the key the snippet starts with; `indentSnippet` shifts them
 * to the cursor's column. Literal text is escaped with `escapeSnippet`.
 */
import { restyle as styled, type YamlStyle } from '../../model/yamlEdits/yamlStyle';

export { styled };
import type { SchemaNode } from '../schema/schemaAtPath';
import { schemaAtPath } from '../schema/schemaAtPath';
import type { FieldPath } from '../../model/fieldPath';

export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function choice(index: number, values: readonly string[]): string {
  return `\${${index}|${values.map((v) => v.replace(/[,|\\$}]/g, (c) => `\\${c}`)).join(',')}|}`;
}

/** Prefixes every line but the first with `prefix`. */
export function indentSnippet(text: string, prefix: string): string {
  return prefix ? text.replace(/\n/g, `\n${prefix}`) : text;
}

function unit(style: YamlStyle, levels = 1): string {
  return ' '.repeat(style.indent * levels);
}

/** Where a sequence's `- ` goes under its key, relative to the key. */
function seqIndent(style: YamlStyle): string {
  return ' '.repeat(style.sequenceIndent);
}

export function daemonSetSnippet(style: YamlStyle): string {
  return styled(
    [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      '  name: ${1:node-agent}',
      '  namespace: ${2:kube-system}',
      '  labels:',
      '    app.kubernetes.io/name: ${1}',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app.kubernetes.io/name: ${1}',
      '  updateStrategy:',
      '    type: RollingUpdate',
      '    rollingUpdate:',
      '      maxUnavailable: ${3:1}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app.kubernetes.io/name: ${1}',
      '    spec:',
      '      priorityClassName: system-node-critical',
      '      tolerations:',
      '        - key: node-role.kubernetes.io/control-plane',
      '          operator: Exists',
      '          effect: NoSchedule',
      '      containers:',
      '        - name: ${1}',
      '          image: ${4:registry.example.com/node-agent:1.0.0}',
      '          resources:',
      '            requests:',
      '              cpu: ${5:100m}',
      '              memory: ${6:128Mi}',
      '            limits:',
      '              memory: ${6}',
      '$0',
    ].join('\n'),
    style,
  );
}

export function tolerationItemSnippet(style: YamlStyle, key?: string, operator = 'Exists', effect?: string, value?: string): string {
  const lines = [
    `- key: ${key === undefined ? '${1:node-role.kubernetes.io/control-plane}' : escapeSnippet(key)}`,
    `  operator: ${key === undefined ? choice(2, ['Exists', 'Equal']) : operator}`,
  ];
  if (value !== undefined) lines.push(`  value: ${escapeSnippet(JSON.stringify(value))}`);
  lines.push(`  effect: ${effect === undefined ? choice(3, ['NoSchedule', 'NoExecute', 'PreferNoSchedule']) : effect}`);
  return styled(lines.join('\n'), style);
}

export function tolerationsSnippet(style: YamlStyle): string {
  return `tolerations:\n${indentSnippet(seqIndent(style) + tolerationItemSnippet(style), seqIndent(style))}`;
}

export function nodeAffinitySnippet(style: YamlStyle): string {
  return styled(
    [
      'affinity:',
      '  nodeAffinity:',
      '    requiredDuringSchedulingIgnoredDuringExecution:',
      '      nodeSelectorTerms:',
      '        - matchExpressions:',
      '            - key: ${1:kubernetes.io/os}',
      `              operator: ${choice(2, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'])}`,
      '              values:',
      '                - ${3:linux}',
    ].join('\n'),
    style,
  );
}

export function rollingUpdateSnippet(style: YamlStyle): string {
  return styled(
    ['updateStrategy:', '  type: RollingUpdate', '  rollingUpdate:', '    maxUnavailable: ${1:1}', '    maxSurge: ${2:0}'].join('\n'),
    style,
  );
}

/** `key: $1` shaped by the field's schema: a choice for enums and booleans, required children for objects. */
export function schemaKeySnippet(name: string, node: SchemaNode, path: FieldPath, style: YamlStyle): string {
  const counter = { next: 1 };
  return escapeSnippet(name) + valueSnippet(node, path, style, counter, 1);
}

function valueSnippet(node: SchemaNode, path: FieldPath, style: YamlStyle, counter: { next: number }, depth: number): string {
  const type = node.type;
  if (node.enum && node.enum.length > 0) {
    return `: ${choice(counter.next++, node.enum.map(String))}`;
  }
  if (type.length === 1 && type[0] === 'boolean') return `: ${choice(counter.next++, ['true', 'false'])}`;
  if (type.length === 1 && type[0] === 'array') {
    const items = schemaAtPath([...path, 0]);
    const dash = `\n${seqIndent(style)}- `;
    if (items && items.type.includes('object') && !items.isMap) {
      const required = items.required.filter((r) => r !== 'apiVersion' && r !== 'kind');
      if (required.length === 0) return `:${dash}$${counter.next++}`;
      const lines = required.map((child, i) => {
        const childNode = schemaAtPath([...path, 0, child]);
        const childText = childNode && depth < 2 ? valueSnippet(childNode, [...path, 0, child], style, counter, depth + 1) : `: $${counter.next++}`;
        return (i === 0 ? '' : '  ') + escapeSnippet(child) + indentSnippet(childText, '  ');
      });
      return `:${dash}${indentSnippet(lines.join('\n'), seqIndent(style))}`;
    }
    return `:${dash}$${counter.next++}`;
  }
  if (type.length === 1 && type[0] === 'object') {
    const inner = unit(style);
    if (node.isMap || node.required.length === 0) return `:\n${inner}$${counter.next++}`;
    const lines = node.required.map((child) => {
      const childNode = schemaAtPath([...path, child]);
      const childText = childNode && depth < 2 ? valueSnippet(childNode, [...path, child], style, counter, depth + 1) : `: $${counter.next++}`;
      return escapeSnippet(child) + childText;
    });
    return `:\n${inner}${indentSnippet(lines.join('\n'), inner)}`;
  }
  return `: $${counter.next++}`;
}
