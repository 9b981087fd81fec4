/**
 * getCodeLenses: above each DaemonSet, how many nodes of the inventory it
 * runs on and on how many the scheduler would leave its pod Pending (the
 * reconciler's placement and scheduler verdict, counting the inventory's
 * pods and the workspace's other DaemonSets: "Runs on 41 of 48 nodes ·
 * 3 Pending") and, when the inventory declares node
 * groups, how many pools (in the preview panel's words: "Runs on 3 of 4 node
 * pools, on some nodes of `spot`"), opening the placement preview; or an
 * invitation to select an inventory. With a selected cluster, first the
 * live comparison's status ("Live in prod: fetched 2 min ago · Refresh").
 */
import { daemonSetFromDocument } from '../model/daemonSet';
import { findNodeAtPath, firstContentOffsets, nodeOffsets, rangeIndexOf, type ParsedYamlDocument, type ParsedYamlFile } from '../model/yamlDocuments';
import { indexedNodeAtPath } from '../model/yamlIndexRanges';
import { outlineHolds, outlineOf } from '../model/yamlOutline';
import { compilePlacement, evaluateGroupPlacement, nodePoolsHeadline } from '../reconciler';
import { isDaemonSetDocument } from './kubernetesResource';
import { liveLensTitle, REFRESH_LIVE_COMMAND } from './liveCodeLens';
import { summarizeWorkload } from '../model/workloads';
import type { CodeLens, EditingOptions } from './types';
import { workloadsOfFile, type IndexedWorkload, type WorkspaceIndex } from './workspaceIndex';
import { scheduleInWorkspace } from './workspaceScheduling';
import { objectDocuments } from '../model/listItemDocuments';

export const OPEN_PREVIEW_COMMAND = 'daemonset.openPreview';
export const SELECT_INVENTORY_COMMAND = 'daemonset.selectInventory';

export function getCodeLenses(uri: string, parsed: ParsedYamlFile, options: EditingOptions = {}, index?: WorkspaceIndex): CodeLens[] {
  const lenses: CodeLens[] = [];
  // Above each DaemonSet item of a list too (listItemDocuments.ts).
  const file = objectDocuments(parsed);
  let sameFile: IndexedWorkload[] | undefined;
  for (const doc of file.documents) {
    if (!isDaemonSetDocument(doc)) continue;
    const offsets = kindKeyOffsets(doc) ?? firstContentOffsets(doc);
    const line = file.lines.positionAt(offsets[0]).line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const summary = options.live && summarizeWorkload(doc);
    if (options.live && summary?.name) {
      lenses.push({ range, command: { title: liveLensTitle(options.live, summary.name, summary.namespace), command: REFRESH_LIVE_COMMAND, arguments: [] } });
    }
    const inventory = options.inventory;
    if (!inventory) {
      lenses.push({ range, command: { title: 'No node inventory · Select…', command: SELECT_INVENTORY_COMMAND, arguments: [] } });
      continue;
    }
    const { daemonSet } = daemonSetFromDocument(file, doc, uri);
    if (!daemonSet) {
      lenses.push({ range, command: { title: 'Placement unknown until the DaemonSet reads · Preview', command: OPEN_PREVIEW_COMMAND, arguments: [uri] } });
      continue;
    }
    const parts: string[] = [];
    const total = inventory.nodes.length;
    const groups = inventory.groups ?? [];
    if (total > 0 || groups.length === 0) {
      sameFile ??= workloadsOfFile(uri, file);
      const { counts } = scheduleInWorkspace({ daemonSet, uri, text: file.text, sameFile, documentIndex: doc.index, index, inventory });
      parts.push(`Runs on ${counts.runs} of ${total} node${total === 1 ? '' : 's'}`);
      if (counts.pending > 0) parts.push(`${counts.pending} Pending`);
    }
    if (groups.length > 0) {
      const compiled = compilePlacement(daemonSet);
      parts.push(nodePoolsHeadline(groups.map((group) => ({ name: group.name, verdict: evaluateGroupPlacement(compiled, group).verdict }))));
    }
    lenses.push({
      range,
      command: {
        title: `${parts.join(' · ')} · Preview`,
        command: OPEN_PREVIEW_COMMAND,
        arguments: [uri, daemonSet.metadata.name],
      },
    });
  }
  return lenses;
}

/** Where the `kind` key is: from the position index when it tells, else from the outline, which does so without composing a long flow collection (yamlOutline.ts). */
function kindKeyOffsets(doc: ParsedYamlDocument): [number, number] | undefined {
  const index = rangeIndexOf(doc);
  const found = index && indexedNodeAtPath(index, ['kind']);
  if (found) return found.key && [doc.offset + found.key[0], doc.offset + found.key[1]];
  const outline = outlineOf(doc);
  return nodeOffsets(doc, findNodeAtPath(outlineHolds(outline, doc.value, ['kind']) ? outline.doc : doc, ['kind']).key);
}
