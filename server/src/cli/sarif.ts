/**
 * SARIF 2.1.0 output for `daemonset lint --format sarif`, in the shape GitHub
 * code scanning accepts: one run, the full rule table in the driver, results
 * with 1-based regions relative to %SRCROOT%, related locations.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleCatalog } from '../service/ruleCatalog';
import type { Range, Severity } from '../service/types';
import type { LintedFile } from './lintedFile';
import { CLI_VERSION } from './version';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * Where a related location is: related information names files by URI, so
 * the linted file with that URI, by the path the other formats print. (A
 * path suffix would be ambiguous: `a/ds.yaml` ends `b/a/ds.yaml` too.) A URI
 * outside the linted files stays absolute.
 */
function artifactLocation(uri: string, pathByUri: ReadonlyMap<string, string>): { uri: string; uriBaseId?: string } {
  const path = pathByUri.get(uri);
  return path === undefined ? { uri } : { uri: path, uriBaseId: '%SRCROOT%' };
}

export function toSarif(files: readonly LintedFile[]): Log {
  const catalog = ruleCatalog();
  const rules: ReportingDescriptor[] = catalog.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description.split(/(?<=\.)\s/)[0] },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
  }));
  const ruleIndex = new Map(catalog.map((rule, index) => [rule.id, index]));
  const results: Result[] = [];
  const pathByUri = new Map(files.map((file) => [file.uri, file.path]));
  for (const file of files) {
    for (const d of file.diagnostics) {
      const result: Result = {
        ruleId: d.rule,
        level: LEVELS[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: file.path, uriBaseId: '%SRCROOT%' }, region: region(d.range) },
            ...(d.path ? { logicalLocations: [{ fullyQualifiedName: d.path, kind: 'member' }] } : {}),
          },
        ],
      };
      const index = ruleIndex.get(d.rule);
      if (index !== undefined) result.ruleIndex = index;
      const related = (d.relatedInformation ?? [])
        .map((info, id) => ({
          id,
          message: { text: info.message },
          physicalLocation: { artifactLocation: artifactLocation(info.uri, pathByUri), region: region(info.range) },
        }));
      if (related.length) result.relatedLocations = related;
      results.push(result);
    }
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'daemonset', semanticVersion: CLI_VERSION, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
      },
    ],
  };
}
