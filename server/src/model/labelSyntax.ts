/**
 * The name and label syntax checks of k8s.io/apimachinery/pkg/util/validation
 * (`IsQualifiedName`, `IsValidLabelValue`, `IsDNS1123Subdomain`,
 * `IsDNS1123Label`, `IsValidPortName`; rulebook V8). Each `…Problems` function
 * returns the problems in words, empty when valid. API validation reports
 * them; placement needs them too: a node affinity term with an invalid key or
 * value fails to parse and never matches (rule A9).
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;

export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name')",
    );
  }
  return problems;
}

export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')",
    );
  }
  return problems;
}

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of up to 63 characters. */
export function qualifiedNameProblems(value: string): string[] {
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
  else if (name.length > 63) problems.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME_PART.test(name)) {
    problems.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')",
    );
  }
  return problems;
}

export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 63) problems.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) {
    problems.push(
      "a label value must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', 'my_value' or '12345')",
    );
  }
  return problems;
}

/** IANA_SVC_NAME, the syntax of container port names (`IsValidPortName`). */
export function portNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 15) problems.push('must be no more than 15 characters');
  if (!IANA_SVC_NAME.test(value)) problems.push("must contain only lower case alphanumeric characters and '-' (e.g. 'http')");
  if (value.includes('--')) problems.push("must not contain consecutive hyphens ('--')");
  if (value.length > 0 && (value.startsWith('-') || value.endsWith('-'))) problems.push("must not begin or end with a hyphen");
  if (!HAS_LETTER.test(value)) problems.push('must contain at least one letter');
  return problems;
}

/** All problems of one value as a single sentence, so one bad field gives one diagnostic. */
export function joined(problems: string[]): string[] {
  return problems.length === 0 ? [] : [problems.join('; ')];
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
