/**
 * What `kubectl get nodes -o json` and `kubectl get pods --all-namespaces
 * -o json` print for a large cluster, as the live snapshot reads it
 * (server/src/host/liveCluster.ts). Seeded: the same arguments always give
 * the same text.
 *
 * - Nodes: the Nodes of nodeInventoryDump (hardCorpus.ts), one by one, as
 *   JSON, so both benches read the same cluster.
 * - Pods: one `logging/agent` DaemonSet pod per node (the namespace a
 *   snapshot keeps whole), the rest Deployment pods of team namespaces, with
 *   the bulk real pods carry (env, volumes, statuses; not managed fields,
 *   which kubectl leaves out of `get` output since 1.21); about
 *   one in twenty is still Pending (no node yet).
 *
 * kubectl prints JSON with four spaces of indentation.
 */
import { load } from 'js-yaml';
import { mulberry32 } from './corpus';
import { inventoryNode } from './hardCorpus';

const INDENT = 4;

/** The name nodeInventoryDump gives node `index`. */
function nodeName(index: number): string {
  return `ip-10-${(index >> 8) & 255}-${index & 255}-${10 + (index % 200)}.ec2.internal`;
}

/** `kubectl get nodes -o json` of the cluster nodeInventoryDump(nodes, seed) writes in YAML. */
export function kubectlNodeList(nodes: number, seed = 5): string {
  const random = mulberry32(seed);
  const items: unknown[] = [];
  for (let i = 0; i < nodes; i++) items.push(...(load(inventoryNode(i, random)) as unknown[]));
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, INDENT);
}

const TEAM_IMAGES = ['registry.example.com/shop/api:v4.12.0', 'registry.example.com/shop/worker:v4.12.0', 'registry.example.com/search/indexer:2.31.7', 'docker.io/library/nginx:1.27.2'];

function pod(index: number, nodes: number, random: () => number): unknown {
  const daemon = index < nodes;
  const nodeIndex = daemon ? index : Math.floor(random() * nodes);
  const pending = !daemon && random() < 0.05;
  const namespace = daemon ? 'logging' : `team-${index % 40}`;
  const app = daemon ? 'agent' : `app-${index % 300}`;
  const hash = daemon ? '7c9d8f6b5d' : (index % 300).toString(16).padStart(10, '0');
  const name = daemon ? `agent-${index.toString(36).padStart(5, '0')}` : `${app}-${hash}-${index.toString(36).padStart(5, '0')}`;
  const time = '2026-11-30T10:00:00Z';
  const image = daemon ? 'cr.fluentbit.io/fluent/fluent-bit:3.1.9' : TEAM_IMAGES[index % TEAM_IMAGES.length];
  const hostPort = daemon ? [{ containerPort: 2020, hostPort: 2020, name: 'http', protocol: 'TCP' }] : [{ containerPort: 8080, name: 'http', protocol: 'TCP' }];
  const container = {
    args: ['--config=/etc/app/config.yaml', `--listen=:${hostPort[0].containerPort}`],
    env: Array.from({ length: 2 }, (_, i) => ({ name: `SETTING_${i}`, value: `value-${(index + i) % 97}` })),
    image,
    imagePullPolicy: 'IfNotPresent',
    name: daemon ? 'fluent-bit' : 'main',
    ports: hostPort,
    resources: { limits: { memory: `${128 << (index % 3)}Mi` }, requests: { cpu: `${50 + (index % 8) * 25}m`, memory: `${64 << (index % 3)}Mi` } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [
      { mountPath: '/etc/app', name: 'config', readOnly: true },
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${hash.slice(0, 5)}`, readOnly: true },
    ],
  };
  const conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: time, status: pending && type !== 'PodScheduled' ? 'False' : 'True', type }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations: { 'kubectl.kubernetes.io/restartedAt': time, 'prometheus.io/scrape': 'true' },
      creationTimestamp: time,
      generateName: daemon ? 'agent-' : `${app}-${hash}-`,
      labels: daemon ? { app, 'controller-revision-hash': hash, 'pod-template-generation': '3' } : { app, 'pod-template-hash': hash },
      name,
      namespace,
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: daemon ? 'DaemonSet' : 'ReplicaSet', name: daemon ? 'agent' : `${app}-${hash}`, uid: `${hash}-0000-4000-8000-000000000000` }],
      resourceVersion: String(2_000_000 + index),
      uid: `${index.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`,
    },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      ...(daemon ? { hostNetwork: true } : {}),
      ...(pending ? {} : { nodeName: nodeName(nodeIndex) }),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: daemon ? 2000001000 : 0,
      ...(daemon ? { priorityClassName: 'system-node-critical' } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        { configMap: { defaultMode: 420, name: `${app}-config` }, name: 'config' },
        { name: `kube-api-access-${hash.slice(0, 5)}`, projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } },
      ],
    },
    status: {
      conditions,
      ...(pending
        ? { phase: 'Pending', qosClass: 'Burstable' }
        : {
            containerStatuses: [{ containerID: `containerd://${index.toString(16).padStart(64, '0')}`, image, imageID: `${image.split(':')[0]}@sha256:${(index % 300).toString(16).padStart(64, '0')}`, lastState: {}, name: container.name, ready: true, restartCount: index % 4, started: true, state: { running: { startedAt: time } } }],
            hostIP: `10.${(nodeIndex >> 8) & 255}.${nodeIndex & 255}.${10 + (nodeIndex % 200)}`,
            phase: 'Running',
            podIP: `100.64.${(index >> 8) & 255}.${index & 255}`,
            podIPs: [{ ip: `100.64.${(index >> 8) & 255}.${index & 255}` }],
            qosClass: 'Burstable',
            startTime: time,
          }),
    },
  };
}

/**
 * `kubectl get pods --all-namespaces -o json` of `pods` unfinished pods on
 * the cluster of kubectlNodeList(nodes): the first `nodes` are the
 * logging/agent DaemonSet's, one per node.
 */
export function kubectlPodList(pods: number, nodes: number, seed = 7): string {
  const random = mulberry32(seed);
  const items: unknown[] = [];
  for (let i = 0; i < pods; i++) items.push(pod(i, nodes, random));
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, INDENT);
}
