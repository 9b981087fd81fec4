/**
 * Real charts (test/fixtures/helm/charts, sources in its README) rendered with their default
 * values by the real engine: the DaemonSet each one's docs describe, with the chart's names and images.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { load, loadAll } from 'js-yaml';
import { findChartRoot, mayBeChartTemplate, renderChartFolder } from '../../../server/src/host/helmChart';
import { stopHelmRenderer } from '../../../server/src/host/helmRenderer';
import { fixturesDir } from '../../support/golden';
import { PUBLIC_CHART_SET, publicCharts, publicChartsDir as chartsDir } from '../../support/publicCharts';

after(() => stopHelmRenderer());

interface Expected {
  name: string;
  namespace?: string;
  images: Record<string, string>;
  selector: Record<string, string>;
  hostNetwork?: boolean;
  initContainers?: Record<string, string>;
  serviceAccountName?: string;
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
    initContainers: { 'aws-vpc-cni-init': '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.22.4' },
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
    name: 'release-name-vector',
    namespace: 'default',
    images: { vector: 'docker.io/timberio/vector:0.56.0-distroless-libc' },
    selector: { 'app.kubernetes.io/name': 'vector', 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/component': 'Agent' },
  },
  'opentelemetry-collector': {
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
  alloy: {
    name: 'release-name-alloy',
    namespace: 'default',
    images: {
      alloy: 'docker.io/grafana/alloy:v1.18.1',
      'config-reloader': 'quay.io/prometheus-operator/prometheus-config-reloader:v0.91.0@sha256:7d9e4eea5f1139e602508871f422b0116c60e87c662f3dcd234d5ab60cd0d8c1',
    },
    selector: { 'app.kubernetes.io/name': 'alloy', 'app.kubernetes.io/instance': 'release-name' },
    serviceAccountName: 'release-name-alloy',
  },
  calico: {
    name: 'calico-node',
    namespace: 'kube-system',
    images: { 'calico-node': 'quay.io/calico/node:master' },
    initContainers: { 'install-cni': 'quay.io/calico/calico:master', 'ebpf-bootstrap': 'quay.io/calico/node:master' },
    selector: { 'k8s-app': 'calico-node' },
    hostNetwork: true,
    serviceAccountName: 'calico-node',
  },
  datadog: {
    name: 'release-name-datadog',
    namespace: 'default',
    images: { agent: 'registry.datadoghq.com/agent:7.81.1', 'trace-agent': 'registry.datadoghq.com/agent:7.81.1', 'system-probe': 'registry.datadoghq.com/agent:7.81.1' },
    initContainers: { 'init-volume': 'registry.datadoghq.com/agent:7.81.1', 'init-config': 'registry.datadoghq.com/agent:7.81.1', 'seccomp-setup': 'registry.datadoghq.com/agent:7.81.1' },
    selector: { app: 'release-name-datadog' },
    serviceAccountName: 'release-name-datadog',
  },
  'datadog-csi-driver': {
    name: 'datadog-csi-driver-node-server',
    namespace: 'default',
    images: { 'csi-node-driver': 'gcr.io/datadoghq/csi-driver:1.4.0', 'csi-node-driver-registrar': 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.0.1' },
    selector: { app: 'datadog-csi-driver-node-server' },
  },
  falco: {
    name: 'release-name-falco',
    namespace: 'default',
    images: { falco: 'docker.io/falcosecurity/falco:0.44.1', 'falcoctl-artifact-follow': 'docker.io/falcosecurity/falcoctl:0.13.0' },
    initContainers: { 'falco-driver-loader': 'docker.io/falcosecurity/falco-driver-loader:0.44.1', 'falcoctl-artifact-install': 'docker.io/falcosecurity/falcoctl:0.13.0' },
    selector: { 'app.kubernetes.io/name': 'falco', 'app.kubernetes.io/instance': 'release-name' },
    serviceAccountName: 'release-name-falco',
  },
  fluentd: {
    name: 'release-name-fluentd',
    images: { fluentd: 'fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch7-1.1' },
    selector: { 'app.kubernetes.io/name': 'fluentd', 'app.kubernetes.io/instance': 'release-name' },
    serviceAccountName: 'release-name-fluentd',
  },
  'ingress-nginx': {
    name: 'release-name-ingress-nginx-controller',
    namespace: 'default',
    images: { controller: 'registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1' },
    selector: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/component': 'controller' },
    serviceAccountName: 'release-name-ingress-nginx',
  },
  metallb: {
    name: 'release-name-metallb-speaker',
    namespace: 'default',
    images: { speaker: 'quay.io/metallb/speaker:v0.0.0' },
    selector: { 'app.kubernetes.io/name': 'metallb', 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/component': 'speaker' },
    hostNetwork: true,
    serviceAccountName: 'release-name-metallb-speaker',
  },
  'node-feature-discovery': {
    name: 'release-name-node-feature-discovery-worker',
    namespace: 'default',
    images: { worker: 'gcr.io/k8s-staging-nfd/node-feature-discovery:master' },
    selector: { 'app.kubernetes.io/name': 'node-feature-discovery', 'app.kubernetes.io/instance': 'release-name', role: 'worker' },
    hostNetwork: false,
    serviceAccountName: 'release-name-node-feature-discovery-worker',
  },
  'nvidia-device-plugin': {
    name: 'release-name-nvidia-device-plugin',
    namespace: 'default',
    images: { 'nvidia-device-plugin-ctr': 'nvcr.io/nvidia/k8s-device-plugin:v0.20.0' },
    selector: { 'app.kubernetes.io/name': 'nvidia-device-plugin', 'app.kubernetes.io/instance': 'release-name' },
    serviceAccountName: 'release-name-nvidia-device-plugin-service-account',
  },
  'secrets-store-csi-driver': {
    name: 'release-name-secrets-store-csi-driver',
    namespace: 'default',
    images: {
      'node-driver-registrar': 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.16.0',
      'secrets-store': 'registry.k8s.io/csi-secrets-store/driver:v1.6.0',
      'liveness-probe': 'registry.k8s.io/sig-storage/livenessprobe:v2.18.0',
    },
    selector: { app: 'secrets-store-csi-driver' },
    serviceAccountName: 'secrets-store-csi-driver',
  },
};

type Container = { name: string; image: string };

type Manifest = {
  kind?: string;
  metadata: { name: string; namespace?: string };
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { hostNetwork?: boolean; serviceAccountName?: string; containers: Container[]; initContainers?: Container[] };
    };
  };
};

function daemonSets(text: string): Manifest[] {
  return text
    .split(/^---$/m)
    .filter((doc) => doc.trim() !== '')
    .map((doc) => load(doc) as Manifest | null)
    .filter((doc): doc is Manifest => doc?.kind === 'DaemonSet');
}

const options = { valuesFiles: [], set: [], kubernetesVersion: { major: 1, minor: 30 } };

const images = (containers: Container[] | undefined) => Object.fromEntries((containers ?? []).map((c) => [c.name, c.image]));

describe('real charts rendered with their default values (and the mode their docs give for a DaemonSet)', () => {
  it('covers every chart of the fixture set', () => assert.deepEqual(Object.keys(EXPECTED).sort(), publicCharts().filter((c) => c !== 'loki-canary')));

  for (const [chart, expected] of Object.entries(EXPECTED)) {
    it(chart, async () => {
      const outcome = await renderChartFolder(join(chartsDir, chart), { ...options, set: [...(PUBLIC_CHART_SET[chart] ?? [])], label: chart });
      assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.template}:${outcome.error.line}: ${outcome.error.message}`);
      assert.equal(outcome.rendered.chart, chart);
      const [daemonSet, ...others] = daemonSets(outcome.rendered.manifests[`${chart}/templates/daemonset.yaml`]);
      assert.equal(others.length, 0);
      assert.equal(daemonSet.metadata.name, expected.name);
      assert.equal(daemonSet.metadata.namespace, expected.namespace);
      const spec = daemonSet.spec.template.spec;
      assert.deepEqual(images(spec.containers), expected.images);
      assert.deepEqual(images(spec.initContainers), expected.initContainers ?? {});
      if (expected.serviceAccountName !== undefined) assert.equal(spec.serviceAccountName, expected.serviceAccountName);
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
    const rendered = await renderChartFolder(root, { ...options, set: [...PUBLIC_CHART_SET['loki-canary']], label: 'loki-canary' });
    assert.ok(rendered.ok);
    const [daemonSet] = daemonSets(rendered.rendered.manifests['loki-canary/templates/daemonset.yaml']);
    assert.equal(daemonSet.metadata.name, 'release-name-loki-canary');
    assert.match(JSON.stringify(daemonSet.spec.template.spec.containers), /-addr=loki-gateway\.loki:80/);
  });

  it('metallb also renders the DaemonSet of its packaged subchart frr-k8s (charts/frr-k8s-0.0.25.tgz, frrk8s.enabled)', async () => {
    const outcome = await renderChartFolder(join(chartsDir, 'metallb'), { ...options, label: 'metallb' });
    assert.ok(outcome.ok);
    const [frr, ...others] = daemonSets(outcome.rendered.manifests['metallb/charts/frr-k8s/templates/controller.yaml']);
    assert.equal(others.length, 0);
    assert.equal(frr.metadata.name, 'release-name-frr-k8s');
    assert.deepEqual(images(frr.spec.template.spec.containers), {
      controller: 'quay.io/metallb/frr-k8s:v0.0.25',
      frr: 'quay.io/frrouting/frr:10.4.3',
      reloader: 'quay.io/frrouting/frr:10.4.3',
      'frr-metrics': 'quay.io/frrouting/frr:10.4.3',
      'frr-status': 'quay.io/frrouting/frr:10.4.3',
    });
    assert.deepEqual(frr.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'frr-k8s', 'app.kubernetes.io/instance': 'release-name', 'app.kubernetes.io/component': 'frr-k8s' });
    assert.equal(frr.spec.template.spec.hostNetwork, true);
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

interface Baseline {
  release: string;
  namespace: string;
  kubernetesVersion?: { major: number; minor: number };
  set?: string[];
  /** Keys the chart's baseline test drops before writing the file. */
  dropped?: RegExp;
}

/** How each chart's CI renders the DaemonSet kept in test/fixtures/helm/baselines/<chart>/daemonset.yaml (with its values.yaml there). */
const BASELINES: Record<string, Baseline> = {
  // operations/helm/scripts/rebuild-tests.sh: helm template --namespace default --kube-version 1.26 alloy … -f ci/default-values-values.yaml --set '$chart_tests=true'
  alloy: { release: 'alloy', namespace: 'default', kubernetesVersion: { major: 1, minor: 26 }, set: ['$chart_tests=true'] },
  // manifests/generate.sh: helm -n kube-system template charts/calico --set version=$CALICO_VERSION -f charts/values/calico.yaml
  calico: { release: 'release-name', namespace: 'kube-system', set: ['version=master'] },
  // test/datadog/baseline_test.go: release datadog, baseline/values/daemonset_default.yaml, FilterKeys dropped
  datadog: { release: 'datadog', namespace: 'datadog-agent', dropped: /^(helm\.sh\/chart|checksum(\/.*)?)$/ },
  // test/datadog-csi-driver/baseline_test.go: release datadog-csi-driver, the chart's values.yaml
  'datadog-csi-driver': { release: 'datadog-csi-driver', namespace: 'datadog-agent' },
  // Makefile generate-examples: helm template example … --namespace default --values examples/daemonset-hostmetrics/values.yaml --kube-version 1.29
  'opentelemetry-collector': { release: 'example', namespace: 'default', kubernetesVersion: { major: 1, minor: 29 } },
};

function withoutKeys(value: unknown, dropped: RegExp | undefined): unknown {
  if (!dropped || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, dropped));
  return Object.fromEntries(Object.entries(value).filter(([key]) => !dropped.test(key)).map(([key, child]) => [key, withoutKeys(child, dropped)]));
}

describe('real charts rendered as their own CI renders them (the DaemonSet of its committed output)', () => {
  for (const [chart, baseline] of Object.entries(BASELINES)) {
    it(chart, async () => {
      const dir = join(fixturesDir, 'helm', 'baselines', chart);
      const valuesFile = join(dir, 'values.yaml');
      const outcome = await renderChartFolder(join(chartsDir, chart), {
        ...options,
        valuesFiles: existsSync(valuesFile) ? [valuesFile] : [],
        set: baseline.set ?? [],
        releaseName: baseline.release,
        namespace: baseline.namespace,
        kubernetesVersion: baseline.kubernetesVersion ?? options.kubernetesVersion,
        label: chart,
      });
      assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.template}:${outcome.error.line}: ${outcome.error.message}`);
      const [ours] = daemonSets(outcome.rendered.manifests[`${chart}/templates/daemonset.yaml`]);
      const [expected] = loadAll(readFileSync(join(dir, 'daemonset.yaml'), 'utf8')).filter((doc) => (doc as Manifest | null)?.kind === 'DaemonSet');
      assert.deepEqual(withoutKeys(ours, baseline.dropped), expected);
    });
  }
});

describe('chart of a template', () => {
  it('is the nearest folder with a Chart.yaml above a templates/ folder', async () => {
    assert.equal(await findChartRoot(join(chartsDir, 'kured', 'templates', 'daemonset.yaml')), join(chartsDir, 'kured'));
    // A templates/ folder without a Chart.yaml above it is not a chart.
    const loose = mkdtempSync(join(tmpdir(), 'not-a-chart-'));
    try {
      mkdirSync(join(loose, 'templates'));
      writeFileSync(join(loose, 'templates', 'daemonset.yaml'), 'kind: DaemonSet\n');
      assert.equal(await findChartRoot(join(loose, 'templates', 'daemonset.yaml')), undefined);
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
    assert.equal(mayBeChartTemplate(join('a', 'templates', 'b.yaml')), true);
    assert.equal(mayBeChartTemplate(join('a', 'b.yaml')), false);
  });
});
