/**
 * Real charts (test/fixtures/helm/charts, sources in its README) rendered with their default
 * values by the real engine: the DaemonSet each one's docs describe, with the chart's names and images.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { load } from 'js-yaml';
import { findChartRoot, mayBeChartTemplate, renderChartFolder } from '../../../server/src/host/helmChart';
import { stopHelmRenderer } from '../../../server/src/host/helmRenderer';
import { fixturesDir } from '../../support/golden';

after(() => stopHelmRenderer());

const chartsDir = join(fixturesDir, 'helm', 'charts');

interface Expected {
  /** The values the chart's docs give for running it as a DaemonSet. */
  set?: string[];
  name: string;
  namespace?: string;
  images: Record<string, string>;
  selector: Record<string, string>;
  hostNetwork?: boolean;
}

/** From each chart's values.yaml and Chart.yaml, as `helm template` prints them with release name "release-name". */
const EXPECTED: Record<string, Expected> = {
  kured: {
    name: 'release-name-kured',
    namespace: 'default',
    images: { kured: 'ghcr.io/kubereboot/kured:1.23.0' },
    selector: { 'app.kubernetes.io/name': 'kured', 'app.kubernetes.io/instance': 'release-name' },
    hostNetwork: false,
  },
  'fluent-bit': {
    name: 'release-name-fluent-bit',
    namespace: 'default',
    images: { 'fluent-bit': 'cr.fluentbit.io/fluent/fluent-bit:5.1.1' },
    selector: { 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/instance': 'release-name' },
    hostNetwork: false,
  },
  'prometheus-node-exporter': {
    name: 'release-name-prometheus-node-exporter',
    namespace: 'default',
    images: { 'node-exporter': 'quay.io/prometheus/node-exporter:v1.12.1' },
    selector: { 'app.kubernetes.io/name': 'prometheus-node-exporter', 'app.kubernetes.io/instance': 'release-name' },
    hostNetwork: true,
  },
  'aws-vpc-cni': {
    name: 'aws-node',
    namespace: 'default',
    images: {
      'aws-node': '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.22.4',
      'aws-eks-nodeagent': '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.4.0',
    },
    selector: { 'app.kubernetes.io/name': 'aws-node', 'app.kubernetes.io/instance': 'release-name' },
    hostNetwork: true,
  },
  'aws-for-fluent-bit': {
    name: 'release-name-aws-for-fluent-bit',
    namespace: 'default',
    images: { 'aws-for-fluent-bit': 'public.ecr.aws/aws-observability/aws-for-fluent-bit:3.2.1' },
    selector: { 'app.kubernetes.io/name': 'aws-for-fluent-bit', 'app.kubernetes.io/instance': 'release-name-aws-for-fluent-bit' },
  },
  'aws-cloudwatch-metrics': {
    name: 'release-name-aws-cloudwatch-metrics',
    images: { 'aws-cloudwatch-metrics': 'amazon/cloudwatch-agent:1.300032.2b361' },
    selector: { 'app.kubernetes.io/name': 'aws-cloudwatch-metrics' },
    hostNetwork: false,
  },
  filebeat: {
    name: 'release-name-filebeat',
    images: { filebeat: 'docker.elastic.co/beats/filebeat:8.5.1' },
    selector: { app: 'release-name-filebeat', release: 'release-name' },
  },
  metricbeat: {
    name: 'release-name-metricbeat',
    images: { metricbeat: 'docker.elastic.co/beats/metricbeat:8.5.1' },
    selector: { app: 'release-name-metricbeat', release: 'release-name' },
  },
  'csi-driver-nfs': {
    name: 'csi-nfs-node',
    namespace: 'default',
    images: {
      'liveness-probe': 'registry.k8s.io/sig-storage/livenessprobe:v2.19.0',
      'node-driver-registrar': 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.17.0',
      nfs: 'gcr.io/k8s-staging-sig-storage/nfsplugin:canary',
    },
    selector: { app: 'csi-nfs-node' },
    hostNetwork: true,
  },
  vector: {
    set: ['role=Agent'],
    name: 'release-name-vector',
    namespace: 'default',
    images: { vector: 'docker.io/timberio/vector:0.56.0-distroless-libc' },
    selector: { 'app.kubernetes.io/name': 'vector', 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/component': 'Agent' },
  },
  'opentelemetry-collector': {
    set: ['mode=daemonset', 'image.repository=otel/opentelemetry-collector-k8s'],
    name: 'release-name-opentelemetry-collector-agent',
    namespace: 'default',
    images: { 'opentelemetry-collector': 'otel/opentelemetry-collector-k8s:0.158.0' },
    selector: { 'app.kubernetes.io/name': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'release-name', component: 'agent-collector' },
    hostNetwork: false,
  },
  promtail: {
    name: 'release-name-promtail',
    namespace: 'default',
    images: { promtail: 'docker.io/grafana/promtail:3.5.1' },
    selector: { 'app.kubernetes.io/name': 'promtail', 'app.kubernetes.io/instance': 'release-name' },
  },
};

type Manifest = {
  kind?: string;
  metadata: { name: string; namespace?: string };
  spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { hostNetwork?: boolean; containers: Array<{ name: string; image: string }> } } };
};

function daemonSets(text: string): Manifest[] {
  return text
    .split(/^---$/m)
    .filter((doc) => doc.trim() !== '')
    .map((doc) => load(doc) as Manifest | null)
    .filter((doc): doc is Manifest => doc?.kind === 'DaemonSet');
}

const options = { valuesFiles: [], set: [], kubernetesVersion: { major: 1, minor: 30 } };

describe('real charts rendered with their default values (and the mode their docs give for a DaemonSet)', () => {
  for (const [chart, expected] of Object.entries(EXPECTED)) {
    it(chart, async () => {
      const outcome = await renderChartFolder(join(chartsDir, chart), { ...options, set: expected.set ?? [], label: chart });
      assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.template}:${outcome.error.line}: ${outcome.error.message}`);
      assert.equal(outcome.rendered.chart, chart);
      const [daemonSet, ...others] = daemonSets(outcome.rendered.manifests[`${chart}/templates/daemonset.yaml`]);
      assert.equal(others.length, 0);
      assert.equal(daemonSet.metadata.name, expected.name);
      assert.equal(daemonSet.metadata.namespace, expected.namespace);
      const spec = daemonSet.spec.template.spec;
      assert.deepEqual(Object.fromEntries(spec.containers.map((c) => [c.name, c.image])), expected.images);
      assert.deepEqual(daemonSet.spec.selector.matchLabels, expected.selector);
      for (const [key, value] of Object.entries(expected.selector)) assert.equal(daemonSet.spec.template.metadata.labels[key], value);
      assert.equal(spec.hostNetwork, expected.hostNetwork);
    });
  }

  it('loki-canary needs lokiAddress (its `required`), and renders with it', async () => {
    const root = join(chartsDir, 'loki-canary');
    const failed = await renderChartFolder(root, { ...options, label: 'loki-canary' });
    assert.ok(!failed.ok);
    assert.deepEqual(failed.error, { message: "'lokiAddress' must be set", template: 'loki-canary/templates/daemonset.yaml', line: 44, column: 23, label: 'loki-canary', chart: 'loki-canary' });
    const rendered = await renderChartFolder(root, { ...options, set: ['lokiAddress=loki-gateway.loki:80'], label: 'loki-canary' });
    assert.ok(rendered.ok);
    const [daemonSet] = daemonSets(rendered.rendered.manifests['loki-canary/templates/daemonset.yaml']);
    assert.equal(daemonSet.metadata.name, 'release-name-loki-canary');
    assert.match(JSON.stringify(daemonSet.spec.template.spec.containers), /-addr=loki-gateway\.loki:80/);
  });

  it('renders the editor’s unsaved text of a template instead of the file', async () => {
    const outcome = await renderChartFolder(join(chartsDir, 'kured'), {
      ...options,
      label: 'kured',
      overrides: { 'templates/daemonset.yaml': 'name: {{ include "kured.fullname" . }}\n' },
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.rendered.manifests['kured/templates/daemonset.yaml'], 'name: release-name-kured\n');
  });
});

describe('chart of a template', () => {
  it('is the nearest folder with a Chart.yaml above a templates/ folder', async () => {
    assert.equal(await findChartRoot(join(chartsDir, 'kured', 'templates', 'daemonset.yaml')), join(chartsDir, 'kured'));
    // The section-1 fixtures without a Chart.yaml are not charts.
    assert.equal(await findChartRoot(join(chartsDir, 'falco', 'templates', 'daemonset.yaml')), undefined);
    assert.equal(mayBeChartTemplate(join('a', 'templates', 'b.yaml')), true);
    assert.equal(mayBeChartTemplate(join('a', 'b.yaml')), false);
  });
});
