/**
 * The name and label syntax checks of k8s.io/apimachinery/pkg/util/validation
 * (`IsQualifiedName`, `IsValidLabelValue`, `IsDNS1123Subdomain`,
 * `IsDNS1123Label`, `IsValidPortName`; rulebook V8). Each `…Problems` function
 * returns the problems in words, empty when valid. API validation reports
 * them; placement needs them too: a node affinity term with an invalid key or
 * value fails to parse and never matches (rule A9). Lengths are counted in
 * UTF-8 bytes, as Go's `len` counts them.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

/**
 * What a valid value has: one shared empty list. Every label, annotation, toleration and selector
 * key of every document is checked, and nearly all are valid; the patterns admit ASCII only, so
 * a match's length in characters is its length in bytes.
 */
const NO_PROBLEMS: readonly string[] = Object.freeze([]);

export function dns1123LabelProblems(value: string): readonly string[] {
  if (value.length <= 63 && DNS1123_LABEL.test(value)) return NO_PROBLEMS;
  const problems: string[] = [];
  if (utf8Length(value) > 63) problems.push('must be no more than 63 bytes');
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name')",
    );
  }
  return problems;
}

export function dns1123SubdomainProblems(value: string): readonly string[] {
  if (value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return NO_PROBLEMS;
  const problems: string[] = [];
  if (utf8Length(value) > 253) problems.push('must be no more than 253 bytes');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')",
    );
  }
  return problems;
}

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of up to 63 characters. */
export function qualifiedNameProblems(value: string): readonly string[] {
  const slash = value.indexOf('/');
  if (slash < 0 ? isValidNamePart(value) : value.indexOf('/', slash + 1) < 0 && dns1123SubdomainProblems(value.slice(0, slash)) === NO_PROBLEMS && isValidNamePart(value.slice(slash + 1))) {
    return NO_PROBLEMS;
  }
  const parts = value.split('/');
  let name: string;
  const problems: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) problems.push('prefix part must be non-empty');
    else for (const p of dns1123SubdomainProblems(prefix)) problems.push(`prefix part ${p}`);
  } else {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (utf8Length(name) > 63) problems.push('name part must be no more than 63 bytes');
  if (!QUALIFIED_NAME_PART.test(name)) {
    problems.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')",
    );
  }
  return problems;
}

/** A qualified name's name part without a problem (the pattern requires one character at least). */
function isValidNamePart(name: string): boolean {
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

export function labelValueProblems(value: string): readonly string[] {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return NO_PROBLEMS;
  const problems: string[] = [];
  if (utf8Length(value) > 63) problems.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "a label value must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', 'my_value' or '12345')",
    );
  }
  return problems;
}

/** IANA_SVC_NAME, the syntax of container port names (`IsValidPortName`). */
export function portNameProblems(value: string): readonly string[] {
  const problems: string[] = [];
  if (value.length > 15) problems.push('must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(value)) problems.push("must contain only lower case alphanumeric characters and '-' (e.g. 'http')");
  if (value.includes('--')) problems.push("must not contain consecutive hyphens ('--')");
  if (value.length > 0 && (value.startsWith('-') || value.endsWith('-'))) problems.push("must not begin or end with a hyphen");
  if (!HAS_LETTER.test(value)) problems.push('must contain at least one letter');
  return problems;
}

/** The length of a string in UTF-8 bytes, without allocating. */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** All problems of one value as a single sentence, so one bad field gives one diagnostic. */
export function joined(problems: readonly string[]): readonly string[] {
  return problems.length === 0 ? NO_PROBLEMS : [problems.join('; ')];
}

/** The first reason a label key is invalid, or undefined when it is valid. */
export function labelKeyError(key: string): string | undefined {
  return qualifiedNameProblems(key)[0];
}

/** The first reason a label value is invalid, or undefined when it is valid. */
export function labelValueError(value: string): string | undefined {
  return labelValueProblems(value)[0];
}

export function isQualifiedName(key: string): boolean {
  return qualifiedNameProblems(key).length === 0;
}

export function isValidLabelValue(value: string): boolean {
  return labelValueProblems(value).length === 0;
}
