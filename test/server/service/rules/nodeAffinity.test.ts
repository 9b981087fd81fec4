/** invalid-node-affinity: each node selector requirement is checked as ValidateNodeSelectorRequirement checks it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from '../../../../server/src/service/languageService';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Near', undefined];
const VALUES = [undefined, '[]', '["1"]', '["1", "2"]'];
const KEYS = ['kubernetes.io/os', 'bad key!', '5', undefined];

/** Whether Kubernetes accepts the operator with this many values (undefined: no `values`). */
function operatorAccepts(operator: string | undefined, count: number): boolean {
  if (operator === 'In' || operator === 'NotIn') return count > 0;
  if (operator === 'Exists' || operator === 'DoesNotExist') return count === 0;
  if (operator === 'Gt' || operator === 'Lt') return count === 1;
  return false;
}

describe('invalid-node-affinity', () => {
  it('reports the operator and the key of every invalid requirement, required and preferred, and nothing on valid ones', () => {
    const cases: { text: string; expected: number }[] = [];
    for (const operator of OPERATORS) {
      for (const values of VALUES) {
        for (const key of KEYS) {
          const fields = [key === undefined ? '' : `key: ${key === '5' ? '5' : JSON.stringify(key)}`, operator ? `operator: ${operator}` : '', values ? `values: ${values}` : '']
            .filter(Boolean)
            .join(', ');
          const count = values === undefined ? 0 : JSON.parse(values).length;
          // A key that is not a string (5) is the schema's to report.
          cases.push({ text: `{${fields}}`, expected: (operatorAccepts(operator, count) ? 0 : 1) + (key === 'bad key!' ? 1 : 0) });
        }
      }
    }
    const expressions = cases.map((c) => `                  - ${c.text}`).join('\n');
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: agent:1.0
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
${expressions}
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 1
              preference:
                matchExpressions:
${expressions.replace(/^ {18}/gm, '                  ')}
`;
    const diagnostics = getLanguageService()
      .doValidation({ uri: 'file:///affinity.yaml', version: 1, getText: () => text } as never)
      .filter((d) => d.rule === 'invalid-node-affinity');
    for (const [prefix, where] of [
      ['spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions', 'required'],
      ['spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions', 'preferred'],
    ]) {
      cases.forEach((c, index) => {
        const found = diagnostics.filter((d) => d.path?.startsWith(`${prefix}[${index}]`)).length;
        assert.equal(found, c.expected, `${where} ${c.text}`);
      });
    }
  });
});
