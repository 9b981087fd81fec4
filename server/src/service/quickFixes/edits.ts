/** The field path a diagnostic names, for the quick fixes (their edits are `model/yamlEdits/documentEdits.ts`). */
import type { FieldPath } from '../../model/yamlDocuments';

/** `a.b[0].c` → ['a', 'b', 0, 'c']. */
export function parseFieldPath(path: string): FieldPath {
  const out: (string | number)[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path))) out.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  return out;
}
