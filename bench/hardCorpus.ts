/**
 * Harder, more varied corpora than corpus.ts, so that tuning to one
 * generator cannot mislead (issue 13). Every corpus is seeded: the same
 * arguments always give the same text.
 *
 * - `nodeAgents`: node-agent DaemonSets of about 127 lines — init containers,
 *   several containers, env, probes, affinity, tolerations, volumes,
 *   flow-style maps (`{cpu: 100m}`) — most with `hostNetwork: true` on a
 *   small pool of shared ports (so `hostport-conflict` fires across
 *   documents), every 10th with one injected error: selector mismatch,
 *   unknown field, wrong type or missing required field.
 * - `realCharts`: DaemonSets as public projects ship them (bench/fixtures/),
 *   renamed per copy.
 * - `pathological`: legal YAML that is unkind to parsers — anchors and
 *   aliases, long block scalars, deep flow maps, comments everywhere, CRLF.
 *
 * The node inventory (`kubectl get nodes -o yaml`) and the GitOps workspace
 * generators live here too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { mulberry32 } from './corpus';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const AGENTS = [
  { name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', ns: 'logging', mount: '/var/log' },
  { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', ns: 'monitoring', mount: '/proc' },
  { name: 'calico-node', image: 'docker.io/calico/node:v3.28.2', ns: 'kube-system', mount: '/var/run/calico' },
  { name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.2', ns: 'kube-system', mount: '/run/xtables.lock' },
  { name: 'ebs-csi-node', image: 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0', ns: 'kube-system', mount: '/var/lib/kubelet' },
  { name: 'datadog-agent', image: 'gcr.io/datadoghq/agent:7.57.2', ns: 'datadog', mount: '/var/run/containerd' },
  { name: 'cilium', image: 'quay.io/cilium/cilium:v1.16.3', ns: 'kube-system', mount: '/sys/fs/bpf' },
  { name: 'promtail', image: 'docker.io/grafana/promtail:3.2.1', ns: 'logging', mount: '/var/log/pods' },
];

/** Ports node agents commonly bind on the host: few, so host-network agents share them. */
const HOST_PORTS = [9100, 9090, 2020, 9091, 10249, 9808, 8125, 4240, 3101, 9962, 9963, 9964];

/** The injected mistakes, one per 10th document, in turn. */
export const MISTAKES = ['selector-mismatch', 'unknown-field', 'wrong-type', 'missing-required'] as const;

/** `withMistakes: false` leaves out the injected mistake (a cluster's objects passed validation). */
export function nodeAgentDaemonSet(index: number, random: Random, withMistakes = true): string {
  const agent = pick(random, AGENTS);
  const name = `${agent.name}-${index}`;
  const mistake = withMistakes && index % 10 === 9 ? MISTAKES[Math.floor(index / 10) % MISTAKES.length] : undefined;
  const hostNetwork = random() < 0.7;
  // Six ports among each 40 neighbours (one node pool): a few peers per host port, at any corpus size.
  const port = pick(random, HOST_PORTS.slice(0, 6));
  const pool = `pool-${Math.floor(index / 40)}`;
  const privileged = random() < 0.5;
  const healthPort = pick(random, HOST_PORTS);
  const cpu = `${(1 + Math.floor(random() * 9)) * 50}m`;
  const memory = `${(1 + Math.floor(random() * 8)) * 64}Mi`;
  const zone = pick(random, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  const templateLabel = mistake === 'selector-mismatch' ? `${name}-v2` : name;
  const gracePeriod = mistake === 'wrong-type' ? '"thirty"' : String(20 + Math.floor(random() * 20));
  const sidecarName = mistake === 'missing-required' ? '' : `        - name: config-reloader\n`;
  const sidecarFirstKey = mistake === 'missing-required' ? '        - image' : '          image';
  return `# ${agent.name} on every Linux node (generated ${index})
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: ${agent.ns}
  labels: {app.kubernetes.io/name: ${agent.name}, app.kubernetes.io/instance: ${name}, app.kubernetes.io/part-of: node-agents}
  annotations:
    deprecated.daemonset.template.generation: "${1 + Math.floor(random() * 20)}"
spec:
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app.kubernetes.io/instance: ${name}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: ${random() < 0.5 ? 1 : '"10%"'}, maxSurge: 0}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${agent.name}
        app.kubernetes.io/instance: ${templateLabel}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${port}"
    spec:
      priorityClassName: system-node-critical
      serviceAccountName: ${agent.name}
      nodeSelector: {node.example.com/pool: ${pool}}
      hostNetwork: ${hostNetwork}
      ${mistake === 'unknown-field' ? 'hostPIDs: true' : 'hostPID: false'}
      dnsPolicy: ${hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst'}
      terminationGracePeriodSeconds: ${gracePeriod}
      tolerations:
        - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
        - operator: Exists
          effect: NoExecute
        - key: CriticalAddonsOnly
          operator: Exists
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: kubernetes.io/os, operator: In, values: [linux]}
                  - key: eks.amazonaws.com/compute-type
                    operator: NotIn
                    values: [fargate]
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: ${1 + Math.floor(random() * 100)}
              preference:
                matchExpressions:
                  - {key: topology.kubernetes.io/zone, operator: In, values: [${zone}]}
      initContainers:
        - name: init-host
          image: docker.io/library/busybox:1.36
          command: ["sh", "-c", "mkdir -p /host${agent.mount}/${agent.name} && chmod 0755 /host${agent.mount}/${agent.name}"]
          securityContext: {privileged: ${privileged}, runAsUser: 0}
          volumeMounts:
            - {name: host, mountPath: /host${agent.mount}}
      containers:
        - name: ${agent.name}
          image: ${agent.image}
          imagePullPolicy: IfNotPresent
          args:
            - --log-level=info
            - --metrics-port=${port}
            - --health-port=${healthPort}
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef: {fieldPath: spec.nodeName}
            - name: POD_IP
              valueFrom:
                fieldRef: {fieldPath: status.podIP}
            - {name: GOMAXPROCS, value: "2"}
          ports:
            - name: metrics
              containerPort: ${port}
${hostNetwork ? `              hostPort: ${port}\n` : ''}              protocol: TCP
          livenessProbe:
            httpGet: {path: /healthz, port: metrics}
            initialDelaySeconds: 10
            periodSeconds: 20
          readinessProbe:
            httpGet:
              path: /ready
              port: metrics
            periodSeconds: 10
          startupProbe:
            exec:
              command: [/bin/sh, -c, "test -S /host${agent.mount}/agent.sock || exit 0"]
            failureThreshold: 30
          lifecycle:
            preStop:
              exec: {command: [/bin/sh, -c, sleep 5]}
          terminationMessagePolicy: FallbackToLogsOnError
          resources:
            requests: {cpu: ${cpu}, memory: ${memory}}
            limits: {memory: ${memory}}
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL], add: [NET_ADMIN, SYS_PTRACE]}
          volumeMounts:
            - name: host
              mountPath: /host${agent.mount}
              readOnly: true
            - {name: config, mountPath: /etc/${agent.name}}
${sidecarName}${sidecarFirstKey}: ghcr.io/jimmidyson/configmap-reload:v0.14.0
          args: [--volume-dir=/etc/${agent.name}, --webhook-url=http://127.0.0.1:${port}/-/reload]
          resources:
            requests: {cpu: 10m, memory: 16Mi}
            limits: {cpu: 50m, memory: 32Mi}
          volumeMounts:
            - {name: config, mountPath: /etc/${agent.name}, readOnly: true}
      volumes:
        - name: host
          hostPath:
            path: ${agent.mount}
            type: Directory
        - name: config
          configMap:
            name: ${agent.name}-config
            defaultMode: 0644
`;
}

export function nodeAgentCorpus(documents: number, seed = 13): string {
  const random = mulberry32(seed);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) parts.push(nodeAgentDaemonSet(i, random));
  return parts.join('---\n');
}

/** DaemonSets as public projects publish them, renamed per copy so each is its own workload. */
export function realChartCorpus(documents: number): string {
  const folder = join(__dirname, 'fixtures', 'real-daemonsets');
  const sources = readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => readFileSync(join(folder, file), 'utf8'));
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) {
    const source = sources[i % sources.length];
    parts.push(source.replace(/^( {2}name: )(\S+)$/m, `$1$2-${i}`));
  }
  return parts.join('---\n');
}

/** Legal YAML that is unkind to parsers, with DaemonSets inside. */
export function pathologicalDaemonSet(index: number, random: Random): string {
  const name = `odd-agent-${index}`;
  const script = Array.from({ length: 40 }, (_, line) => `    echo "step ${line} of ${name}: $(date +%s) ${'x'.repeat(Math.floor(random() * 60))}"`).join('\n');
  let deep = `{level: ${index}}`;
  for (let depth = 0; depth < 12; depth++) deep = `{d${depth}: ${deep}, n${depth}: [${depth}, "s${depth}", {k: v}]}`;
  return `%YAML 1.2
--- # ${name}: anchors, aliases, block scalars, flow maps and comments everywhere
apiVersion: apps/v1 # the API group
kind: DaemonSet # a node agent
metadata: # who it is
  name: ${name} # its name
  namespace: kube-system
  labels: &labels # shared with the selector and the template
    app: ${name}
    tier: node
  annotations:
    config.example.com/script: |
${script.replace(/^ {4}/gm, '      ')}
spec: # what it runs
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      hostNetwork: ${random() < 0.5}
      tolerations: [{operator: Exists}]
      containers:
        - &main # the main container
          name: main
          image: "registry.example.com/agents/odd:${index % 7}" # quoted
          command: ["/bin/sh", "-c"]
          args:
            - >-
              exec /agent
              --name=${name}
              --verbose
          resources: &resources {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 64Mi}}
          env: [{name: A, value: "1"}, {name: B, value: '2'}, {name: C, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
        - name: sidecar
          image: registry.example.com/agents/sidecar:1
          resources: *resources
          # trailing comment in a sequence
      volumes: [] # none
...
--- # a custom resource the checks leave alone: a deep flow map
apiVersion: config.example.com/v1
kind: AgentConfig
metadata: {name: ${name}}
spec: ${deep}
...
`.replace(/\n/g, index % 3 === 0 ? '\r\n' : '\n');
}

export function pathologicalCorpus(documents: number, seed = 29): string {
  const random = mulberry32(seed);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) parts.push(pathologicalDaemonSet(i, random));
  return parts.join('');
}

const INSTANCE_TYPES = [
  { type: 'm6i.2xlarge', cpu: '8', memory: '32329540Ki', pods: '58' },
  { type: 'c6i.4xlarge', cpu: '16', memory: '31653472Ki', pods: '234' },
  { type: 'r6i.xlarge', cpu: '4', memory: '32329540Ki', pods: '58' },
  { type: 'g5.2xlarge', cpu: '8', memory: '32329540Ki', pods: '58', gpu: '1' },
];

/** One Node as `kubectl get nodes -o yaml` prints it, with the bulk real clusters carry. */
export function inventoryNode(index: number, random: Random): string {
  const instance = pick(random, INSTANCE_TYPES);
  const zone = pick(random, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  const name = `ip-10-${(index >> 8) & 255}-${index & 255}-${10 + (index % 200)}.ec2.internal`;
  const ip = `10.${(index >> 8) & 255}.${index & 255}.${10 + (index % 200)}`;
  const pool = instance.gpu ? 'gpu' : pick(random, ['general', 'compute', 'memory']);
  const taints = instance.gpu
    ? `    taints:\n    - effect: NoSchedule\n      key: nvidia.com/gpu\n      value: "true"\n`
    : random() < 0.05
      ? `    taints:\n    - effect: NoSchedule\n      key: node.kubernetes.io/unschedulable\n      timeAdded: "2026-11-30T10:00:00Z"\n    unschedulable: true\n`
      : '';
  const images = Array.from({ length: 25 }, (_, i) => {
    const repo = `registry.example.com/team-${i % 9}/service-${(index + i) % 40}`;
    return `    - names:\n      - ${repo}@sha256:${(index * 31 + i).toString(16).padStart(64, '0')}\n      - ${repo}:v1.${i}.${index % 10}\n      sizeBytes: ${10_000_000 + i * 1_234_567}`;
  }).join('\n');
  const condition = (type: string, status: string, reason: string, message: string) =>
    `    - lastHeartbeatTime: "2026-11-30T20:${String(index % 60).padStart(2, '0')}:00Z"\n      lastTransitionTime: "2026-11-01T08:00:00Z"\n      message: ${message}\n      reason: ${reason}\n      status: "${status}"\n      type: ${type}`;
  return `- apiVersion: v1
  kind: Node
  metadata:
    annotations:
      alpha.kubernetes.io/provided-node-ip: ${ip}
      csi.volume.kubernetes.io/nodeid: '{"ebs.csi.aws.com":"i-0${index.toString(16).padStart(16, '0')}"}'
      node.alpha.kubernetes.io/ttl: "0"
      volumes.kubernetes.io/controller-managed-attach-detach: "true"
    creationTimestamp: "2026-11-01T08:00:00Z"
    labels:
      beta.kubernetes.io/arch: amd64
      beta.kubernetes.io/instance-type: ${instance.type}
      beta.kubernetes.io/os: linux
      eks.amazonaws.com/nodegroup: ${pool}
      failure-domain.beta.kubernetes.io/region: us-east-1
      failure-domain.beta.kubernetes.io/zone: ${zone}
      kubernetes.io/arch: amd64
      kubernetes.io/hostname: ${name}
      kubernetes.io/os: linux
      node.kubernetes.io/instance-type: ${instance.type}
      topology.kubernetes.io/region: us-east-1
      topology.kubernetes.io/zone: ${zone}
    managedFields:
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:metadata:
          f:annotations:
            .: {}
            f:alpha.kubernetes.io/provided-node-ip: {}
            f:node.alpha.kubernetes.io/ttl: {}
          f:labels:
            .: {}
            f:beta.kubernetes.io/arch: {}
            f:kubernetes.io/hostname: {}
      manager: kubelet
      operation: Update
      time: "2026-11-01T08:00:00Z"
    - apiVersion: v1
      fieldsType: FieldsV1
      fieldsV1:
        f:status:
          f:conditions:
            k:{"type":"Ready"}:
              f:lastHeartbeatTime: {}
          f:images: {}
      manager: kubelet
      operation: Update
      subresource: status
      time: "2026-11-30T20:00:00Z"
    name: ${name}
    resourceVersion: "${1_000_000 + index}"
    uid: ${index.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666
  spec:
    providerID: aws:///${zone}/i-0${index.toString(16).padStart(16, '0')}
${taints}  status:
    addresses:
    - address: ${ip}
      type: InternalIP
    - address: ${name}
      type: InternalDNS
    - address: ${name}
      type: Hostname
    allocatable:
      cpu: ${Number(instance.cpu) * 1000 - 90}m
      ephemeral-storage: "95551679124"
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: ${instance.memory}
${instance.gpu ? `      nvidia.com/gpu: "${instance.gpu}"\n` : ''}      pods: "${instance.pods}"
    capacity:
      cpu: "${instance.cpu}"
      ephemeral-storage: 104845292Ki
      hugepages-1Gi: "0"
      hugepages-2Mi: "0"
      memory: ${instance.memory}
${instance.gpu ? `      nvidia.com/gpu: "${instance.gpu}"\n` : ''}      pods: "${instance.pods}"
    conditions:
${condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available')}
${condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure')}
${condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available')}
${condition('Ready', random() < 0.02 ? 'False' : 'True', 'KubeletReady', 'kubelet is posting ready status')}
    daemonEndpoints:
      kubeletEndpoint:
        Port: 10250
    images:
${images}
    nodeInfo:
      architecture: amd64
      bootID: ${index.toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-ddddeeeeffff
      containerRuntimeVersion: containerd://1.7.22
      kernelVersion: 5.10.226-214.880.amzn2.x86_64
      kubeProxyVersion: v1.31.2-eks-7f9249a
      kubeletVersion: v1.31.2-eks-7f9249a
      machineID: ec2${index.toString(16).padStart(29, '0')}
      operatingSystem: linux
      osImage: Amazon Linux 2
      systemUUID: ec2${index.toString(16).padStart(5, '0')}-0000-0000-0000-000000000000
`;
}

/** `kubectl get nodes -o yaml` of a cluster of `nodes` Nodes (about 9.2 kB each). */
export function nodeInventoryDump(nodes: number, seed = 5): string {
  const random = mulberry32(seed);
  const parts = ['apiVersion: v1\nitems:\n'];
  for (let i = 0; i < nodes; i++) parts.push(inventoryNode(i, random));
  parts.push('kind: List\nmetadata:\n  resourceVersion: ""\n');
  return parts.join('');
}

/** A GitOps repository: one folder per app with a Deployment, a Service and a ConfigMap; ten DaemonSets. */
export function gitOpsWorkspace(files: number, seed = 11): Array<{ path: string; text: string }> {
  const random = mulberry32(seed);
  const out: Array<{ path: string; text: string }> = [];
  for (let i = 0; out.length < files - 10; i++) {
    const app = `app-${i}`;
    const ns = `team-${i % 30}`;
    out.push({
      path: `apps/${ns}/${app}/deployment.yaml`,
      text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: {app: ${app}}
spec:
  replicas: ${1 + Math.floor(random() * 5)}
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, tier: backend}
    spec:
      containers:
        - name: ${app}
          image: registry.example.com/${ns}/${app}:v${i % 17}
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 128Mi}}
`,
    });
    if (out.length < files - 10) {
      out.push({
        path: `apps/${ns}/${app}/service.yaml`,
        text: `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector: {app: ${app}}\n  ports: [{port: 80, targetPort: 8080}]\n`,
      });
    }
    if (out.length < files - 10) {
      out.push({
        path: `apps/${ns}/${app}/configmap.yaml`,
        text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\n  namespace: ${ns}\ndata:\n  LOG_LEVEL: info\n  FEATURE_${i}: "true"\n`,
      });
    }
  }
  for (let i = 0; i < 10; i++) out.push({ path: `platform/daemonsets/agent-${i}.yaml`, text: nodeAgentDaemonSet(i, random) });
  return out;
}

/** Kubernetes' go-yaml style, as kubectl and kustomize print objects: two spaces, sequences not indented, long lines kept whole. */
const GO_YAML_STYLE = { indent: 2, seqNoIndent: true, lineWidth: -1, quoteStyle: 'double', noRefs: true } as const;

type Json = Record<string, unknown>;

/** The DaemonSets a cluster would have accepted: node agents without the injected mistakes, and the public charts' ones. */
function acceptedDaemonSet(index: number, random: Random, charts: readonly string[]): Json {
  if (index % 4 === 3) {
    const chart = load(charts[index % charts.length]) as Json;
    const metadata = chart.metadata as Json;
    metadata.name = `${String(metadata.name)}-${index}`;
    // Its own selector, as each installed copy has: identical selectors in one namespace would overlap.
    const spec = chart.spec as { selector: { matchLabels: Json }; template: { metadata: { labels: Json } } };
    for (const key of Object.keys(spec.selector.matchLabels)) {
      spec.selector.matchLabels[key] = `${String(spec.selector.matchLabels[key])}-${index}`;
      spec.template.metadata.labels[key] = spec.selector.matchLabels[key];
    }
    return chart;
  }
  const agent = load(nodeAgentDaemonSet(index, random, false)) as Json;
  // `defaultMode: 0644` is octal to the API server (YAML 1.1), which keeps it as 420.
  for (const volume of ((agent.spec as Json).template as { spec: { volumes: Json[] } }).spec.volumes) if ((volume.configMap as Json | undefined)?.defaultMode === 644) (volume.configMap as Json).defaultMode = 420;
  return agent;
}

function publicChartSources(): string[] {
  const folder = join(__dirname, 'fixtures', 'real-daemonsets');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => readFileSync(join(folder, file), 'utf8'));
}

/** Every leaf field of a value as managedFields' fieldsV1 spells it: `f:` per key, `k:{…}` for list items keyed by name, `.: {}` for a map that holds fields. */
function fieldsV1(value: unknown): unknown {
  if (Array.isArray(value)) {
    const set: Json = {};
    for (const item of value) {
      if (item && typeof item === 'object' && 'name' in item) set[`k:${JSON.stringify({ name: (item as Json).name })}`] = { '.': {}, ...(fieldsV1(item) as Json) };
      else if (item && typeof item === 'object' && 'mountPath' in item) set[`k:${JSON.stringify({ mountPath: (item as Json).mountPath })}`] = { '.': {}, ...(fieldsV1(item) as Json) };
      else if (item && typeof item === 'object' && 'containerPort' in item) set[`k:${JSON.stringify({ containerPort: (item as Json).containerPort, protocol: 'TCP' })}`] = { '.': {}, ...(fieldsV1(item) as Json) };
      else set[`v:${JSON.stringify(item)}`] = {};
    }
    return set;
  }
  if (value && typeof value === 'object') {
    const set: Json = {};
    for (const [key, field] of Object.entries(value)) {
      const inner = fieldsV1(field);
      set[`f:${key}`] = inner && typeof inner === 'object' && Object.keys(inner).length > 0 ? { '.': {}, ...(inner as Json) } : {};
    }
    return set;
  }
  return {};
}

/** One DaemonSet as `kubectl get ds -o yaml` prints it from a cluster: server metadata, the last-applied annotation, managedFields, status. */
export function kubectlDumpDaemonSet(index: number, random: Random, charts: readonly string[]): string {
  const applied = acceptedDaemonSet(index, random, charts);
  const lastApplied = `${JSON.stringify(applied)}\n`;
  const object = structuredClone(applied);
  const metadata = object.metadata as Json;
  const spec = object.spec as Json;
  const generation = 1 + Math.floor(random() * 12);
  const created = `2026-${String(1 + (index % 11)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:14:07Z`;
  const uid = `${(0x1000_0000 + index * 7919).toString(16)}-${(index % 0xffff).toString(16).padStart(4, '0')}-4a1b-9c2d-${(index * 104_729).toString(16).padStart(12, '0')}`;
  metadata.annotations = {
    ...((metadata.annotations as Json | undefined) ?? {}),
    'deprecated.daemonset.template.generation': String(generation),
    'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
  };
  metadata.creationTimestamp = created;
  metadata.generation = generation;
  metadata.resourceVersion = String(48_000_000 + index * 131);
  metadata.uid = uid;
  metadata.managedFields = [
    {
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': fieldsV1({ annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '' }, labels: metadata.labels ?? {} }), 'f:spec': fieldsV1(spec) },
      manager: 'kubectl-client-side-apply',
      operation: 'Update',
      time: created,
    },
    {
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': fieldsV1({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberAvailable: 0, numberReady: 0, observedGeneration: 0, updatedNumberScheduled: 0 }) },
      manager: 'kube-controller-manager',
      operation: 'Update',
      subresource: 'status',
      time: '2026-11-30T21:02:44Z',
    },
  ];
  // What the API server defaults, as a dump shows it.
  spec.revisionHistoryLimit ??= 10;
  const template = spec.template as Json;
  const podSpec = template.spec as Json;
  podSpec.dnsPolicy ??= 'ClusterFirst';
  podSpec.restartPolicy ??= 'Always';
  podSpec.schedulerName ??= 'default-scheduler';
  podSpec.securityContext ??= {};
  podSpec.terminationGracePeriodSeconds ??= 30;
  for (const container of [...((podSpec.containers as Json[]) ?? []), ...((podSpec.initContainers as Json[]) ?? [])]) {
    container.imagePullPolicy ??= 'IfNotPresent';
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    container.resources ??= {};
  }
  (template.metadata as Json).creationTimestamp = null;
  const desired = 40 + Math.floor(random() * 400);
  const unavailable = random() < 0.1 ? 1 + Math.floor(random() * 3) : 0;
  object.status = {
    currentNumberScheduled: desired,
    desiredNumberScheduled: desired,
    numberAvailable: desired - unavailable,
    numberMisscheduled: 0,
    numberReady: desired - unavailable,
    ...(unavailable ? { numberUnavailable: unavailable } : {}),
    observedGeneration: generation,
    updatedNumberScheduled: desired,
  };
  return dump(object, { ...GO_YAML_STYLE, sortKeys: true });
}

/**
 * `kubectl get ds -A -o yaml` of a cluster, one document per DaemonSet: keys
 * sorted, sequences not indented, the last-applied annotation holding the
 * whole object as one JSON line, managedFields with a `f:` key per field,
 * defaulted fields and a status block.
 */
export function kubectlDumpCorpus(documents: number, seed = 41): string {
  const random = mulberry32(seed);
  const charts = publicChartSources();
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) parts.push(kubectlDumpDaemonSet(i, random, charts));
  return parts.join('---\n');
}

/** The same DaemonSets as `kubectl get ds -A -o yaml` prints them: one `kind: List` document with an item per DaemonSet. */
export function kubectlListCorpus(documents: number, seed = 41): string {
  const items = kubectlDumpCorpus(documents, seed)
    .split('---\n')
    .map((item) => `- ${item.replace(/\n(?!$)/g, '\n  ')}`);
  return `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

/**
 * The same DaemonSets as JSON, one document each (`kubectl get ds NAME -o json`
 * saved into a YAML file): pretty-printed with `indent` spaces as kubectl
 * prints them, or with 0 one line per document (`jq -c`).
 */
export function kubectlJsonCorpus(documents: number, indent = 4, seed = 41): string {
  return kubectlDumpCorpus(documents, seed)
    .split('---\n')
    .map((item) => `${JSON.stringify(load(item), null, indent || undefined)}\n`)
    .join('---\n');
}

/** A chart's other objects, as `helm template` renders them between its DaemonSets. */
function helmCompanions(release: string, ns: string, chart: string, random: Random): string[] {
  const labels = `    helm.sh/chart: ${chart}\n    app.kubernetes.io/name: ${release}\n    app.kubernetes.io/instance: ${release}\n    app.kubernetes.io/version: "3.1.9"\n    app.kubernetes.io/managed-by: Helm`;
  const inputs = Array.from({ length: 12 + Math.floor(random() * 20) }, (_, i) =>
    [`    [INPUT]`, `        Name              tail`, `        Tag               kube.${i}.*`, `        Path              /var/log/containers/*_${ns}-${i}_*.log`, `        multiline.parser  docker, cri`, `        Mem_Buf_Limit     ${5 + i}MB`, `        Skip_Long_Lines   On`, ``].join('\n'),
  ).join('\n');
  const rules = Array.from({ length: 10 + Math.floor(random() * 15) }, (_, i) => {
    const group = pick(random, ['""', 'apps', 'batch', 'networking.k8s.io', 'policy', 'discovery.k8s.io', 'coordination.k8s.io']);
    const resources = pick(random, ['pods', 'nodes', 'namespaces', 'endpoints', 'services', 'configmaps', 'events', 'leases', 'endpointslices']);
    return `  - apiGroups:\n      - ${group}\n    resources:\n      - ${resources}\n      - ${resources}/status${i % 3 === 0 ? `\n    resourceNames:\n      - "${release}-${i}"` : ''}\n    verbs:\n      - get\n      - list\n      - watch`;
  }).join('\n');
  return [
    `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${release}\n  namespace: ${ns}\n  labels:\n${labels}\n`,
    `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${release}\n  namespace: ${ns}\n  labels:\n${labels}\ndata:\n  custom_parsers.conf: |\n    [PARSER]\n        Name docker_no_time\n        Format json\n        Time_Keep Off\n        Time_Key time\n        Time_Format %Y-%m-%dT%H:%M:%S.%L\n\n  fluent-bit.conf: |\n    [SERVICE]\n        Daemon Off\n        Flush 1\n        Log_Level info\n        Parsers_File /fluent-bit/etc/parsers.conf\n        HTTP_Server On\n        HTTP_Listen 0.0.0.0\n        HTTP_Port 2020\n        Health_Check On\n\n${inputs}\n    [OUTPUT]\n        Name es\n        Match kube.*\n        Host elasticsearch-master\n        Logstash_Format On\n        Retry_Limit False\n`,
    `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/clusterrole.yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${release}\n  labels:\n${labels}\nrules:\n${rules}\n`,
    `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/clusterrolebinding.yaml\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${release}\n  labels:\n${labels}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${release}\nsubjects:\n  - kind: ServiceAccount\n    name: ${release}\n    namespace: ${ns}\n`,
    `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${release}\n  namespace: ${ns}\n  labels:\n${labels}\nspec:\n  type: ClusterIP\n  ports:\n    - port: 2020\n      targetPort: http\n      protocol: TCP\n      name: http\n  selector:\n    app.kubernetes.io/name: ${release}\n    app.kubernetes.io/instance: ${release}\n`,
  ];
}

/**
 * `helm template` output of many releases: `---` and a `# Source:` comment
 * before each document; per DaemonSet a ServiceAccount, a ConfigMap with
 * large block-scalar config files, a ClusterRole with a long rule list, its
 * binding and a Service; Helm's labels, quoted values and a
 * `checksum/config` annotation on the pod template. The DaemonSets are the
 * node-agent ones, injected mistakes included (rendered charts can be wrong).
 */
export function helmRenderedCorpus(documents: number, seed = 43): string {
  const random = mulberry32(seed);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) {
    const daemonSet = nodeAgentDaemonSet(i, random);
    const release = /^ {2}name: (\S+)$/m.exec(daemonSet)?.[1] ?? `release-${i}`;
    const ns = /^ {2}namespace: (\S+)$/m.exec(daemonSet)?.[1] ?? 'default';
    const chart = `${release.replace(/-\d+$/, '')}-0.${47 + (i % 5)}.${i % 10}`;
    const checksum = Array.from({ length: 8 }, () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')).join('');
    const rendered = daemonSet
      .replace(/^# .*\n/, '')
      .replace(/^( {2}labels: )\{(.*)\}$/m, (_, key: string, labels: string) => `${key.trimEnd()}\n${labels.split(', ').map((label) => `    ${label.replace(': ', ': "')}"`).join('\n')}\n    helm.sh/chart: ${chart}\n    app.kubernetes.io/managed-by: Helm`)
      .replace(/^( {6}annotations:\n)/m, `$1        checksum/config: ${checksum}\n`)
      .replace(/^( {10}image: )(\S+)$/gm, '$1"$2"')
      .replace(/^( {6}serviceAccountName: )(\S+)$/m, `$1${release}`);
    parts.push(...helmCompanions(release, ns, chart, random), `# Source: ${chart.replace(/-[\d.]+$/, '')}/templates/daemonset.yaml\n${rendered}`);
  }
  return parts.map((part) => `---\n${part}`).join('');
}

/** Kustomize's field order: `apiVersion`, `kind`, `metadata` first, then the rest alphabetically; nested keys alphabetically. */
function kustomizeKeyOrder(a: string, b: string): number {
  const first = ['apiVersion', 'kind', 'metadata'];
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * `kustomize build` of an overlay that gathers many node agents: resources
 * in kustomize's kind order (ServiceAccounts, ConfigMaps with a hash suffix,
 * then the DaemonSets), keys in kustomize's order (so a container's `args`
 * comes before its `name`), sequences not indented, the overlay's
 * commonLabels on every selector and template, names prefixed.
 */
export function kustomizeCorpus(documents: number, seed = 47): string {
  const random = mulberry32(seed);
  const charts = publicChartSources();
  const serviceAccounts: string[] = [];
  const configMaps: string[] = [];
  const daemonSets: string[] = [];
  const common = { 'app.kubernetes.io/part-of': 'node-agents', 'example.com/overlay': 'production' };
  for (let i = 0; i < documents; i++) {
    const object = acceptedDaemonSet(i, random, charts);
    const metadata = object.metadata as Json;
    const name = `prod-${String(metadata.name)}`;
    const hash = Array.from({ length: 10 }, () => 'bcdfghkmt'[Math.floor(random() * 9)]).join('');
    metadata.name = name;
    metadata.labels = { ...((metadata.labels as Json | undefined) ?? {}), ...common };
    const spec = object.spec as Json;
    const selector = spec.selector as Json;
    selector.matchLabels = { ...((selector.matchLabels as Json | undefined) ?? {}), ...common };
    const templateMetadata = (spec.template as Json).metadata as Json;
    templateMetadata.labels = { ...((templateMetadata.labels as Json | undefined) ?? {}), ...common };
    for (const volume of ((spec.template as Json).spec as Json).volumes as Json[] | undefined ?? []) {
      const configMap = volume.configMap as Json | undefined;
      if (configMap) configMap.name = `prod-${String(configMap.name)}-${hash}`;
    }
    const namespace = metadata.namespace ?? 'default';
    serviceAccounts.push(dump({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { labels: common, name, namespace } }, { ...GO_YAML_STYLE, sortKeys: kustomizeKeyOrder }));
    configMaps.push(
      dump(
        { apiVersion: 'v1', data: { 'agent.conf': `log_level = info\nflush = ${1 + (i % 5)}\nbuffer = ${16 + (i % 48)}MB\n`, NODE_POOL: `pool-${Math.floor(i / 40)}` }, kind: 'ConfigMap', metadata: { labels: common, name: `${name.replace(/-\d+$/, '')}-config-${hash}`, namespace } },
        { ...GO_YAML_STYLE, sortKeys: kustomizeKeyOrder },
      ),
    );
    daemonSets.push(dump(object, { ...GO_YAML_STYLE, sortKeys: kustomizeKeyOrder }));
  }
  return [...serviceAccounts, ...configMaps, ...daemonSets].join('---\n');
}
