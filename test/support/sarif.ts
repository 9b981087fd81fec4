/** The SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif), for tests of `daemonset lint --format sarif`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { repoRoot } from './golden';

export function sarifSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(
      join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
      'utf8',
    ),
  );
  return new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
}
