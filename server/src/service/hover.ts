/**
 * doHover: the Kubernetes documentation of the DaemonSet field under the
 * cursor (type, required, default, description, allowed values) with the
 * DaemonSet-specific notes, and, with a node inventory, what the field does
 * to the nodes: which taints a toleration tolerates, how many nodes a
 * nodeSelector or an affinity term matches. Counts come first.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from '../model/kubeTypes';
import { abbreviateLongWords } from './messageText';
import { hasYamlErrors, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { formatFieldPath, POD_SPEC_PATH, valueAt, type FieldPath } from '../model/fieldPath';
import { documentAtOffset, pathAtOffset, type PathAtOffset } from '../model/yamlNavigation';
import { yamlContextAt } from '../model/yamlContext';
import {
  compileNodeSelectorTerm,
  formatTaint,
  nodeMatchesNodeSelectorAndAffinity,
  tolerationToleratesTaint,
  type CompiledNodeAffinity,
  type CompiledTerm,
} from '../reconciler';
import { nodeList, ofNodes } from './completion/inventoryValues';
import { TAINT_EFFECTS } from './completion/wellKnown';
import { cleanDescription, fieldInfo } from './fieldInfo';
import { asRecord, looksLikeDaemonSet } from './kubernetesResource';
import type { EditingOptions, HoverResult, InventoryLike } from './types';
import { objectDocuments } from '../model/listItemDocuments';

const POD_SPEC_DEPTH = POD_SPEC_PATH.length;

export function doHover(parsed: ParsedYamlFile, offset: number, options: EditingOptions = {}): HoverResult | undefined {
  // In a list, the item under the cursor is a DaemonSet of its own (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  const doc = documentAtOffset(file, offset);
  if (!doc || !looksLikeDaemonSet(doc)) return undefined;
  let at = pathAtOffset(doc, offset);
  // Around a syntax error the AST may hold no field at the cursor, or a garbled one (`tolerat containers`).
  if (hasYamlErrors(doc) && (!at || !fieldInfo(at.path))) at = pathFromText(doc, offset) ?? at;
  if (!at || at.path.length === 0) return undefined;
  const path = at.path;
  const info = fieldInfo(path);
  const sections: string[] = [];

  const header = [`**${abbreviateLongWords(formatFieldPath(path))}**`];
  if (info) {
    header.push(`\`${info.typeLabel}\``);
    header.push(info.required ? 'required' : 'optional');
    if (info.defaultValue !== undefined) header.push(`default \`${info.defaultValue}\``);
    if (info.deprecated) header.push('deprecated');
  }
  sections.push(header.join(' · '));

  const root = asRecord(doc.value);
  if (options.inventory && root) {
    const facts = inventoryFacts(root, path, options.inventory);
    if (facts) sections.push(facts);
  }
  if (isTolerationField(path, 'effect') && at.on === 'value') {
    const effect = valueAt(root, path);
    if (typeof effect === 'string' && TAINT_EFFECTS[effect]) sections.push(`\`${effect}\`: ${TAINT_EFFECTS[effect]}`);
  }
  if (info?.note) sections.push(info.note);
  const description = cleanDescription(info?.node.description);
  if (description) sections.push(description);
  if (info?.node.enum && info.node.enum.length > 0) {
    sections.push(`Values: ${info.node.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  }
  if (sections.length === 1 && !info) return undefined;
  return { contents: sections.join('\n\n'), range: file.lines.rangeAt(at.start, at.end) };
}

/**
 * The field under the cursor read from the text's indentation, for a
 * document the parser could not read around the cursor (a half-typed key
 * above it, say): a key followed by its colon, or a value.
 */
function pathFromText(doc: ParsedYamlDocument, offset: number): PathAtOffset | undefined {
  const ctx = yamlContextAt(doc.text, offset - doc.offset);
  if (!ctx || ctx.wordEnd <= ctx.wordStart) return undefined;
  const start = doc.offset + ctx.wordStart;
  const end = doc.offset + ctx.wordEnd;
  if (ctx.on === 'value') return { path: ctx.path, on: 'value', start, end };
  if (!ctx.hasColon) return undefined; // a bare word is not (yet) a field
  return { path: [...ctx.path, doc.text.slice(ctx.wordStart, ctx.wordEnd)], on: 'key', start, end };
}

function isPodSpecPath(path: FieldPath): boolean {
  return POD_SPEC_PATH.every((segment, i) => path[i] === segment);
}

function isTolerationField(path: FieldPath, field?: string): boolean {
  return (
    isPodSpecPath(path) &&
    path[POD_SPEC_DEPTH] === 'tolerations' &&
    typeof path[POD_SPEC_DEPTH + 1] === 'number' &&
    (field === undefined || path[POD_SPEC_DEPTH + 2] === field)
  );
}

function inventoryFacts(root: Record<string, unknown>, path: FieldPath, inventory: InventoryLike): string | undefined {
  if (!isPodSpecPath(path)) return undefined;
  const nodes = inventory.nodes;
  const total = nodes.length;
  const where = `\`${inventory.label}\``;
  const field = path[POD_SPEC_DEPTH];
  if (field === 'tolerations' && typeof path[POD_SPEC_DEPTH + 1] === 'number') {
    const toleration = toToleration(valueAt(root, path.slice(0, POD_SPEC_DEPTH + 2)));
    if (!toleration) return undefined;
    const tolerated = new Map<string, { taint: Taint; nodes: string[] }>();
    for (const node of nodes) {
      for (const taint of node.spec.taints ?? []) {
        if (!tolerationToleratesTaint(toleration, taint)) continue;
        const id = formatTaint(taint);
        const entry = tolerated.get(id) ?? { taint, nodes: [] };
        entry.nodes.push(node.metadata.name);
        tolerated.set(id, entry);
      }
    }
    if (tolerated.size === 0) return `Tolerates **no taint** of the ${total} nodes of ${where}.`;
    const nodeCount = new Set([...tolerated.values()].flatMap((e) => e.nodes)).size;
    const lines = [...tolerated.values()].map(({ taint, nodes: on }) => `- \`${formatTaint(taint)}\` on ${nodeList(on)}`);
    return `Tolerates **${tolerated.size} taint${tolerated.size === 1 ? '' : 's'}** on **${ofNodes(nodeCount, total)}** of ${where}:\n${lines.join('\n')}`;
  }
  if (field === 'nodeSelector') {
    const selector = asRecord(valueAt(root, path.slice(0, POD_SPEC_DEPTH + 1)));
    if (!selector) return undefined;
    const labelKey = path[POD_SPEC_DEPTH + 1];
    const entries = typeof labelKey === 'string' ? [[labelKey, selector[labelKey]] as const] : Object.entries(selector);
    const affinity: CompiledNodeAffinity = { nodeSelector: entries.map(([key, value]) => [key, String(value ?? '')] as const), requiredTerms: undefined };
    return matchLine(nodesMatching(nodes, affinity), total, where);
  }
  if (field === 'affinity') {
    const termsIndex = path.indexOf('nodeSelectorTerms');
    if (termsIndex > 0 && typeof path[termsIndex + 1] === 'number') {
      const term = toTerm(valueAt(root, path.slice(0, termsIndex + 2)));
      if (!term) return undefined;
      const kindIndex = termsIndex + 2;
      const kind = path[kindIndex];
      let checked: NodeSelectorTerm = term;
      let what = 'term';
      if ((kind === 'matchExpressions' || kind === 'matchFields') && typeof path[kindIndex + 1] === 'number') {
        const requirement = term[kind]?.[path[kindIndex + 1] as number];
        if (requirement) {
          checked = { [kind]: [requirement] };
          what = 'expression';
        }
      }
      const compiled = compileNodeSelectorTerm(checked, 0);
      if (compiled.kind === 'invalid') return `This ${what} is invalid: ${compiled.error}.`;
      return matchLine(nodesMatching(nodes, { nodeSelector: [], requiredTerms: [compiled] }), total, where, what);
    }
    if (path[path.length - 1] === 'requiredDuringSchedulingIgnoredDuringExecution') {
      const terms = asArray(asRecord(valueAt(root, path))?.nodeSelectorTerms).map(toTerm).filter((t): t is NodeSelectorTerm => !!t);
      const requiredTerms: CompiledTerm[] = terms.map(compileNodeSelectorTerm);
      return matchLine(nodesMatching(nodes, { nodeSelector: [], requiredTerms }), total, where, 'required affinity');
    }
  }
  return undefined;
}

/** The names of the nodes the reconciler's selection (A1–A11) admits. */
function nodesMatching(nodes: InventoryLike['nodes'], affinity: CompiledNodeAffinity): string[] {
  return nodes.filter((node) => nodeMatchesNodeSelectorAndAffinity(affinity, node)).map((node) => node.metadata.name);
}

function matchLine(names: string[], total: number, where: string, what?: string): string {
  const subject = what ? `This ${what} matches` : 'Matches';
  if (names.length === 0) return `${subject} **no node** of the ${total} in ${where}.`;
  return `${subject} **${ofNodes(names.length, total)}** of ${where}: ${nodeList(names, 8)}`;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function toToleration(value: unknown): Toleration | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const toleration: Toleration = {};
  const key = str(record.key);
  const operator = str(record.operator);
  const tolerationValue = str(record.value);
  const effect = str(record.effect);
  if (key !== undefined) toleration.key = key;
  if (operator !== undefined) toleration.operator = operator;
  if (tolerationValue !== undefined) toleration.value = tolerationValue;
  if (effect !== undefined) toleration.effect = effect;
  return toleration;
}

function toRequirements(value: unknown): NodeSelectorRequirement[] {
  return asArray(value)
    .map((entry) => asRecord(entry))
    .filter((entry): entry is Record<string, unknown> => !!entry)
    .map((entry) => {
      const requirement: NodeSelectorRequirement = { key: str(entry.key) ?? '', operator: str(entry.operator) ?? '' };
      if (Array.isArray(entry.values)) requirement.values = entry.values.map((v) => str(v) ?? '');
      return requirement;
    });
}

function toTerm(value: unknown): NodeSelectorTerm | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  return { matchExpressions: toRequirements(record.matchExpressions), matchFields: toRequirements(record.matchFields) };
}
