/**
 * A text file's contents as a string. Most YAML is ASCII, and for ASCII bytes
 * latin1 gives the same string as UTF-8 at about half the cost, which shows
 * on a 46 MB `kubectl get nodes -o yaml` dump; anything else is decoded as
 * UTF-8 (a byte-order mark is kept, as readFileSync's 'utf8' keeps it).
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';

export function readTextFileSync(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
