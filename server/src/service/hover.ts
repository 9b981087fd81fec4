/**
 * doHover: documentation for the DaemonSet field under the cursor.
 */
import { formatPath, type ParsedYamlFile } from '../model/yamlDocuments';
import { documentAtOffset, pathAtOffset } from '../model/yamlNavigation';
import { daemonSetFieldNotes, notePathKey } from './fieldDocs';
import { isDaemonSetDocument } from './kubernetesResource';
import type { HoverResult } from './types';

export function doHover(file: ParsedYamlFile, offset: number): HoverResult | undefined {
  const doc = documentAtOffset(file, offset);
  if (!doc || !isDaemonSetDocument(doc)) return undefined;
  const at = pathAtOffset(doc, offset);
  if (!at || at.path.length === 0) return undefined;
  // A value shows its field's docs too (hovering `DaemonSet` explains kind).
  const note = daemonSetFieldNotes[notePathKey(at.path)];
  if (!note) return undefined;
  return {
    contents: `**${formatPath(at.path)}**\n\n${note}`,
    range: file.lines.rangeAt(at.start, at.end),
  };
}
