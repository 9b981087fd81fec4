/**
 * One sentence for a DaemonSet over the inventory's node groups ("Runs on 3
 * of 4 node pools, on some nodes of `spot`"): the preview panel's Node pools
 * headline and the code lens say the same words.
 */
import { plural } from '../model/plural';
import type { GroupVerdict } from './nodeGroupPlacement';

export interface NamedGroupVerdict {
  name: string;
  verdict: GroupVerdict;
}

function names(groups: readonly NamedGroupVerdict[]): string {
  return groups.map((group) => `\`${group.name}\``).join(', ');
}

/** "Runs on 3 of 4 node pools, on some nodes of `spot`"; "Runs on none of 2 node pools". */
export function nodePoolsHeadline(groups: readonly NamedGroupVerdict[]): string {
  const always = groups.filter((group) => group.verdict === 'always').length;
  const sometimes = groups.filter((group) => group.verdict === 'sometimes');
  const total = plural(groups.length, 'node pool');
  if (always === groups.length) return groups.length === 1 ? 'Runs on the one node pool' : `Runs on all ${total}`;
  if (always === 0 && sometimes.length === 0) return `Runs on none of ${total}`;
  const runsOn = `Runs on ${always} of ${total}`;
  return sometimes.length === 0 ? runsOn : `${runsOn}, on some nodes of ${names(sometimes)}`;
}
