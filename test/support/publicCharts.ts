/**
 * The public charts of test/fixtures/helm/charts (sources in its README) and the values each one's
 * docs give for rendering its DaemonSet; a chart not listed renders one with its values.yaml alone.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './golden';

export const publicChartsDir = join(fixturesDir, 'helm', 'charts');

/** Every chart folder of the fixture set, sorted. */
export function publicCharts(): string[] {
  return readdirSync(publicChartsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** `--set` values the chart's docs require for a DaemonSet (a mode switch, a required value). */
export const PUBLIC_CHART_SET: Readonly<Record<string, readonly string[]>> = {
  vector: ['role=Agent'],
  'opentelemetry-collector': ['mode=daemonset', 'image.repository=otel/opentelemetry-collector-k8s'],
  'loki-canary': ['lokiAddress=loki-gateway.loki:80'],
  datadog: ['datadog.apiKey=0123456789abcdef0123456789abcdef'],
  'ingress-nginx': ['controller.kind=DaemonSet'],
};
