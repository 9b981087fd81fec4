import type { ServiceDiagnostic } from '../service/types';

/** One file's diagnostics, as `daemonset lint` found them and every output format prints them. */
export interface LintedFile {
  /** As given or found, relative to the working directory. */
  path: string;
  /** The `file:` URI the language service knows the file by, as in related information. */
  uri: string;
  diagnostics: ServiceDiagnostic[];
}
