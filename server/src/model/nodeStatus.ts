/** Node status helpers; free of the YAML parser. */
import type { Node } from './kubeTypes';

/** The Ready condition's status: 'True', 'False', 'Unknown', or undefined when the node reports none. */
export function nodeReadyStatus(node: Node): string | undefined {
  return node.status.conditions.find((condition) => condition.type === 'Ready')?.status;
}
