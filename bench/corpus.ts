/**
 * Seeded generator of realistic node-agent DaemonSets (fluent-bit,
 * node-exporter, calico-node, kube-proxy, CSI drivers…), about 80–130 lines
 * each; every 10th document carries one injected mistake. The same seed
 * always gives the same text, so figures compare across runs.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = [
  { name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', port: 2020, ns: 'logging', mount: '/var/log' },
  { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', port: 9100, ns: 'monitoring', mount: '/proc' },
  { name: 'calico-node', image: 'docker.io/calico/node:v3.28.2', port: 9091, ns: 'kube-system', mount: '/var/run/calico' },
  { name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.2', port: 10249, ns: 'kube-system', mount: '/run/xtables.lock' },
  { name: 'csi-node', image: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1', port: 9808, ns: 'kube-system', mount: '/var/lib/kubelet' },
  { name: 'datadog-agent', image: 'gcr.io/datadoghq/agent:7.57.2', port: 8125, ns: 'datadog', mount: '/var/run/containerd' },
];

export function generateDaemonSet(index: number, random: () => number): string {
  const agent = AGENTS[Math.floor(random() * AGENTS.length)];
  const name = `${agent.name}-${index}`;
  const mistake = index % 10 === 9 ? Math.floor(random() * 4) : -1;
  const templateLabel = mistake === 3 ? `${name}-old` : name;
  const cpu = `${(1 + Math.floor(random() * 9)) * 50}m`;
  const memory = `${(1 + Math.floor(random() * 8)) * 64}Mi`;
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: ${agent.ns}
  labels:
    app.kubernetes.io/name: ${agent.name}
    app.kubernetes.io/instance: ${name}
    app.kubernetes.io/part-of: node-agents
  annotations:
    deprecated.daemonset.template.generation: "${1 + Math.floor(random() * 20)}"
spec:
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app.kubernetes.io/instance: ${name}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: ${random() < 0.5 ? 1 : '"10%"'}
      maxSurge: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${agent.name}
        app.kubernetes.io/instance: ${templateLabel}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${agent.port}"
    spec:
      priorityClassName: system-node-critical
      serviceAccountName: ${agent.name}
      ${mistake === 0 ? 'hostNetwrok: true' : 'hostNetwork: true'}
      dnsPolicy: ClusterFirstWithHostNet
      terminationGracePeriodSeconds: ${mistake === 1 ? '"thirty"' : 30}
      tolerations:
        - key: node-role.kubernetes.io/control-plane
          operator: Exists
          effect: NoSchedule
        - operator: Exists
          effect: NoExecute
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: kubernetes.io/os
                    operator: In
                    values: [linux]
      containers:
        - ${mistake === 2 ? 'image' : 'name'}: ${mistake === 2 ? agent.image : agent.name}
          image: ${agent.image}
          imagePullPolicy: IfNotPresent
          args:
            - --log-level=info
            - --metrics-port=${agent.port}
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef:
                  fieldPath: spec.nodeName
          ports:
            - name: metrics
              containerPort: ${agent.port}
              protocol: TCP
          readinessProbe:
            httpGet:
              path: /healthz
              port: metrics
            initialDelaySeconds: 5
            periodSeconds: 10
          resources:
            requests:
              cpu: ${cpu}
              memory: ${memory}
            limits:
              memory: ${memory}
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
          volumeMounts:
            - name: host
              mountPath: /host${agent.mount}
              readOnly: true
      volumes:
        - name: host
          hostPath:
            path: ${agent.mount}
`;
}

export function generateCorpus(documents: number, seed = 42): string {
  const random = mulberry32(seed);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) parts.push(generateDaemonSet(i, random));
  return parts.join('---\n');
}
