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

export function nodeAgentDaemonSet(index: number, random: Random): string {
  const agent = pick(random, AGENTS);
  const name = `${agent.name}-${index}`;
  const mistake = index % 10 === 9 ? MISTAKES[Math.floor(index / 10) % MISTAKES.length] : undefined;
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
