/**
 * The node-group sources, recognised by content (apiVersion and kind), never
 * by file name: what the one inventory loader asks of every object it meets.
 */
import type { FieldPath } from '../fieldPath';
import type { NodeGroup } from '../nodeGroup';
import type { PlainMap, ReadContext } from '../objectReader';
import { isEksctlClusterConfig, readEksctlClusterConfig } from './eksctlClusterConfig';
import { isKarpenterNodePool, readKarpenterNodePool } from './karpenterNodePool';
import { isKindCluster, readKindCluster } from './kindCluster';

const SOURCES: ReadonlyArray<{ matches: (value: PlainMap) => boolean; read: (ctx: ReadContext, value: PlainMap, path: FieldPath) => NodeGroup[] }> = [
  { matches: isKindCluster, read: readKindCluster },
  { matches: isKarpenterNodePool, read: readKarpenterNodePool },
  { matches: isEksctlClusterConfig, read: readEksctlClusterConfig },
];

/** The groups an object declares, or undefined when it is no node-group source. */
export function readNodeGroups(ctx: ReadContext, value: PlainMap, path: FieldPath): NodeGroup[] | undefined {
  const source = SOURCES.find((candidate) => candidate.matches(value));
  return source ? source.read(ctx, value, path) : undefined;
}
