/**
 * schema: an apps/v1 DaemonSet must fit the Kubernetes API's own definition
 * (unknown fields, types, enums, required fields, quantities), as the API
 * server checks it with strict field validation.
 *
 * Only apps/v1: the deprecated apps/v1beta2 and extensions/v1beta1 differ in
 * fields and defaults, and a schema of today's API would report false errors
 * on them; their shape is left to the API server that still serves them.
 */
import { resourceIdentity } from '../kubernetesResource';
import { documentMayHoldNull } from '../../model/yamlDocuments';
import { validateSchema } from '../schema/validateSchema';
import { CONTAINERS_PATH, POD_SPEC_PATH, type FieldPath } from '../../model/fieldPath';
import type { Rule } from './rule';

export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  description:
    'An apps/v1 DaemonSet field is unknown (with a suggestion for a typo), has the wrong type, an unknown enum value or an invalid quantity, or a required field is missing.',
  appliesTo: (ctx) => {
    const identity = resourceIdentity(ctx.doc);
    return identity?.apiVersion === 'apps/v1' && identity.kind === 'DaemonSet';
  },
  check: (ctx) => validateSchema(ctx.root, { ignoreMissing: REPORTED_ELSEWHERE, mayHoldNull: () => documentMayHoldNull(ctx.doc) }),
};

/**
 * Required fields a specific rule reports at the path Kubernetes names (the
 * field, not its parent): a missing selector is selector-drift's, with the
 * template labels to copy; containers, their names, ports and env names are
 * invalid-container's, which also catches them empty; volume names, the
 * names of the volume sources it checks and mounts are invalid-volume's;
 * spread constraints' and host aliases' are invalid-topology-spread-constraint's
 * and invalid-host-alias's.
 */
const CONTAINER_FIELDS: FieldPath[] = [
  ['name'],
  ['ports', '*', 'containerPort'],
  ['env', '*', 'name'],
  ['volumeMounts', '*', 'name'],
  ['volumeMounts', '*', 'mountPath'],
];
const VOLUME_FIELDS: FieldPath[] = [['name'], ['hostPath', 'path'], ['persistentVolumeClaim', 'claimName'], ['csi', 'driver']];
const REPORTED_ELSEWHERE: FieldPath[] = [
  ['spec', 'selector'],
  CONTAINERS_PATH,
  ...VOLUME_FIELDS.map((field) => [...POD_SPEC_PATH, 'volumes', '*', ...field]),
  ...['maxSkew', 'topologyKey', 'whenUnsatisfiable'].map((field) => [...POD_SPEC_PATH, 'topologySpreadConstraints', '*', field]),
  [...POD_SPEC_PATH, 'hostAliases', '*', 'ip'],
  ...(['containers', 'initContainers'] as const).flatMap((group) =>
    CONTAINER_FIELDS.map((field) => [...POD_SPEC_PATH, group, '*', ...field]),
  ),
];
