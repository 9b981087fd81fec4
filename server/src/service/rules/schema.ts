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
import { validateSchema } from '../schema/validateSchema';
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
  // A missing selector is selector-drift's to report, with the template labels to copy.
  check: (ctx) => validateSchema(ctx.root, { ignoreMissing: [['spec', 'selector']] }),
};
