/**
 * The node-group sources, recognised by content (apiVersion and kind), never
 * by file name: what the one inventory loader asks of every object it meets.
 */
import type { FieldPath } from '../fieldPath';
import type { NodeGroup } from '../nodeGroup';
import type { PlainMap, ReadContext } from '../objectReader';
import { isClusterApiObject, readClusterApiObject, type ClusterApiParts } from './clusterApi';
import { isEksctlClusterConfig, readEksctlClusterConfig } from './eksctlClusterConfig';
import { isKarpenterNodePool, readKarpenterNodePool } from './karpenterNodePool';
import { isKindCluster, readKindCluster } from './kindCluster';

/** Cluster API groups name a bootstrap config that may be in another file: `clusterApi` gathers both for mergeInventories. */
type ReadSource = (ctx: ReadContext, value: PlainMap, path: FieldPath, clusterApi: ClusterApiParts) => NodeGroup[];

const SOURCES: ReadonlyArray<{ matches: (value: PlainMap) => boolean; read: ReadSource }> = [
  { matches: isKindCluster, read: readKindCluster },
  { matches: isKarpenterNodePool, read: readKarpenterNodePool },
  { matches: isEksctlClusterConfig, read: readEksctlClusterConfig },
  { matches: isClusterApiObject, read: readClusterApiObject },
];

/** Whether an object is a node-group source (by apiVersion and kind). */
export function isNodeGroupSource(value: PlainMap): boolean {
  return SOURCES.some((candidate) => candidate.matches(value));
}

/** The groups an object declares ([] for a Cluster API bootstrap config), or undefined when it is no node-group source. */
export function readNodeGroups(ctx: ReadContext, value: PlainMap, path: FieldPath, clusterApi: ClusterApiParts): NodeGroup[] | undefined {
  const source = SOURCES.find((candidate) => candidate.matches(value));
  return source ? source.read(ctx, value, path, clusterApi) : undefined;
}
