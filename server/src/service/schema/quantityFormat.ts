/**
 * The Kubernetes resource.Quantity grammar, as `ParseQuantity` in
 * k8s.io/apimachinery/pkg/api/resource accepts it: a signed decimal number
 * (`1`, `0.5`, `.5`, `5.`), then at most one suffix — binary SI (Ki Mi Gi Ti
 * Pi Ei), decimal SI (n u m k M G T P E; none means units) or a decimal
 * exponent (`e`/`E` and a signed integer: `1e3`, `1E-3`). `1.5GB`, `1 Gi` and
 * `1gi` are not quantities. Bare YAML numbers (`cpu: 1`) are quantities too:
 * the decoder takes JSON numbers.
 *
 * scripts/generate-schema.mjs puts the same expression into the schema as the
 * `pattern` of every Quantity; a test keeps the two equal.
 */
export const QUANTITY_PATTERN =
  /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$/;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY_PATTERN.test(value);
}

/**
 * A hint for a string that is almost a quantity, e.g. `1.5GB` → `1.5G` or
 * `1.5Gi`, `512 Mi` → `512Mi`, `1gi` → `1Gi`; undefined when nothing is close.
 */
export function suggestQuantity(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact !== value && QUANTITY_PATTERN.test(compact)) return `\`${compact}\``;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))([a-zA-Z]+)$/.exec(compact);
  if (!match) return undefined;
  const [, number, suffix] = match;
  const upper = suffix.toUpperCase();
  const letter = upper[0];
  if (!'KMGTPE'.includes(letter)) return undefined;
  if (upper === `${letter}B` || upper === `${letter}IB` || upper === letter + 'I') {
    const decimal = letter === 'K' ? 'k' : letter;
    return `\`${number}${decimal}\` (powers of 1000) or \`${number}${letter}i\` (powers of 1024)`;
  }
  return undefined;
}
