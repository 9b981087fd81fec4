/**
 * node-group-source: what the node inventory cannot read in a kind Cluster, a
 * Karpenter NodePool, an eksctl ClusterConfig or a Cluster API
 * MachineDeployment/MachinePool, and a kind node label that makes `kind
 * create cluster` fail — at the field, in the file itself, whether or not a
 * preview is open. The model's own readers decide (model/nodeGroups/), so the
 * editor says exactly what the preview and `daemonset preview` refuse.
 */
import { parseFieldPath } from '../../model/fieldPath';
import { emptyClusterApiParts } from '../../model/nodeGroups/clusterApi';
import { isNodeGroupSource, readNodeGroups } from '../../model/nodeGroups/nodeGroupSources';
import type { ReadContext } from '../../model/objectReader';
import type { Rule } from './rule';

export const invalidNodeGroupSource: Rule = {
  id: 'node-group-source',
  defaultSeverity: 'error',
  description:
    'A node-group source the inventory cannot read (a kind `Cluster`, Karpenter `NodePool`, eksctl `ClusterConfig`, Cluster API `MachineDeployment`/`MachinePool`: a wrong type, an unknown role, operator or taint effect), or a kind node label the kubelet refuses (`kind create cluster` fails): the preview leaves that group out.',
  appliesTo: (ctx) => isNodeGroupSource(ctx.root),
  check: (ctx) => {
    const read: ReadContext = { file: '', parsed: ctx.file, doc: ctx.doc, problems: [] };
    readNodeGroups(read, ctx.root, [], emptyClusterApiParts());
    return read.problems.map((problem) => ({ path: parseFieldPath(problem.path), message: problem.message }));
  },
};
