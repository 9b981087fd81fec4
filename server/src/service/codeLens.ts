/**
 * getCodeLenses: above each DaemonSet, how many nodes of the inventory it
 * runs on (the reconciler's placement), opening the placement preview; or
 * an invitation to select an inventory.
 */
import { daemonSetFromDocument } from '../model/daemonSet';
import { findNodeAtPath, firstContentOffsets, nodeOffsets, type ParsedYamlFile } from '../model/yamlDocuments';
import { previewDaemonSet } from '../reconciler';
import { isDaemonSetDocument } from './kubernetesResource';
import type { CodeLens, EditingOptions } from './types';

export const OPEN_PREVIEW_COMMAND = 'daemonset.openPreview';
export const SELECT_INVENTORY_COMMAND = 'daemonset.selectInventory';

export function getCodeLenses(uri: string, file: ParsedYamlFile, options: EditingOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const doc of file.documents) {
    if (!isDaemonSetDocument(doc)) continue;
    const kind = findNodeAtPath(doc, ['kind']);
    const offsets = nodeOffsets(doc, kind.key) ?? firstContentOffsets(doc);
    const line = file.lines.positionAt(offsets[0]).line;
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
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
    const preview = previewDaemonSet(daemonSet, inventory.nodes);
    const running = preview.nodes.filter((node) => node.shouldRun).length;
    const total = inventory.nodes.length;
    lenses.push({
      range,
      command: {
        title: `Runs on ${running} of ${total} node${total === 1 ? '' : 's'} · Preview`,
        command: OPEN_PREVIEW_COMMAND,
        arguments: [uri, daemonSet.metadata.name],
      },
    });
  }
  return lenses;
}
