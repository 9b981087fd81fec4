/**
 * A loopback Kubernetes API server for running the real `kubectl` in tests:
 * plain Node `http` on 127.0.0.1 (port 0), serving the discovery documents
 * kubectl reads (`/version`, `/api`, `/api/v1`, `/apis`, `/apis/apps/v1`,
 * `/apis/scheduling.k8s.io/v1`) and Nodes, Pods, DaemonSets and
 * PriorityClasses from real YAML fixtures (and the Namespaces they name,
 * plus `default` and `kube-system`), as lists the way
 * the API server sends them (items without kind). Every request is recorded
 * so a test can check that nothing else was asked; a path can be denied
 * (403 Forbidden) or left unanswered. The kubeconfig it writes points each
 * context at it over plain http with a token user; kubectl sends no bearer
 * token over plain http, so requests are not authenticated here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './golden';

type KubeObject = Record<string, unknown> & { kind?: string; metadata?: { name?: string; namespace?: string } };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface FakeApiServerOptions {
  /** Repository-relative YAML files whose Nodes, Pods, DaemonSets and PriorityClasses are served. */
  fixtures?: string[];
  /** Context names of the kubeconfig (all point at this server). */
  contexts?: string[];
}

export const FAKE_TOKEN = 'fake-token-for-loopback-tests';
export const DEFAULT_FIXTURES = ['test/fixtures/reconciler/nodes-and-pods.yaml', 'examples/nginx-ds.yaml'];

/** Objects of a YAML file, lists flattened, each item given its list's item kind. */
function readObjects(file: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const doc of parseAllDocuments(readFileSync(join(repoRoot, file), 'utf8'))) {
    const value = doc.toJS() as KubeObject | null;
    if (!value) continue;
    if (Array.isArray(value.items)) {
      const itemKind = typeof value.kind === 'string' && value.kind.endsWith('List') && value.kind !== 'List' ? value.kind.slice(0, -4) : undefined;
      for (const item of value.items as KubeObject[]) objects.push({ ...item, kind: item.kind ?? itemKind });
    } else {
      objects.push(value);
    }
  }
  return objects;
}

const VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: 'fake', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23', compiler: 'gc', platform: 'linux/amd64' };

const CORE_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'], shortNames: ['no'] },
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'], shortNames: ['ns'] },
  ],
};

const APPS_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'apps/v1',
  resources: [{ name: 'daemonsets', singularName: 'daemonset', namespaced: true, kind: 'DaemonSet', verbs: ['get', 'list'], shortNames: ['ds'], categories: ['all'] }],
};

const SCHEDULING_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'scheduling.k8s.io/v1',
  resources: [{ name: 'priorityclasses', singularName: 'priorityclass', namespaced: false, kind: 'PriorityClass', verbs: ['get', 'list'], shortNames: ['pc'] }],
};

const API_GROUPS = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [
    { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
    { name: 'scheduling.k8s.io', versions: [{ groupVersion: 'scheduling.k8s.io/v1', version: 'v1' }], preferredVersion: { groupVersion: 'scheduling.k8s.io/v1', version: 'v1' } },
  ],
};

/** Kinds served without a namespace. */
const CLUSTER_SCOPED = new Set(['Node', 'PriorityClass']);

const API_VERSIONS: Record<string, string> = { DaemonSet: 'apps/v1', PriorityClass: 'scheduling.k8s.io/v1' };

/** `status.phase!=Succeeded,status.phase!=Failed` and `field=value` terms on the fields the fixtures have. */
function matchesFieldSelector(object: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const match = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
    if (!match) throw new Error(`unsupported field selector term ${JSON.stringify(term)}`);
    const [, field, op, expected] = match;
    let value: unknown = object;
    for (const key of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    const actual = typeof value === 'string' ? value : '';
    return op === '!=' ? actual !== expected : actual === expected;
  });
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** Paths answered with 403 Forbidden. */
  readonly denied = new Set<string>();
  /** Paths never answered (for timeouts). */
  readonly unanswered = new Set<string>();
  private readonly objects: KubeObject[];
  private readonly server: Server;
  private readonly hanging: ServerResponse[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'daemonset-fake-api-'));
  port = 0;

  private constructor(private readonly options: FakeApiServerOptions) {
    this.objects = (options.fixtures ?? DEFAULT_FIXTURES).flatMap(readObjects);
    this.server = createServer((request, response) => this.handle(request, response));
  }

  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const fake = new FakeApiServer(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A scratch folder removed by close(). */
  get tempDir(): string {
    return this.dir;
  }

  /** A kubeconfig with the given contexts (default: the server's), all pointing at `url`. */
  writeKubeconfig(url = this.url, contexts = this.options.contexts ?? ['fake-a', 'fake-b']): string {
    const file = join(this.dir, `kubeconfig-${contexts.join('-')}-${url.replace(/\W+/g, '-')}`);
    // The cluster is named after its URL, so kubeconfigs of several servers merge ($KUBECONFIG=a:b) without shadowing each other.
    const cluster = `fake-${url.replace(/\W+/g, '-')}`;
    const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${contexts[0]}`, 'clusters:', `- name: ${cluster}`, '  cluster:', `    server: ${url}`, 'users:', '- name: tester', '  user:', `    token: ${FAKE_TOKEN}`, 'contexts:'];
    for (const context of contexts) lines.push(`- name: ${context}`, '  context:', `    cluster: ${cluster}`, '    user: tester');
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  /** The paths requested, in order (without query). */
  get paths(): string[] {
    return this.requests.map((request) => request.path);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private list(kind: string, namespace: string | undefined, query: Record<string, string>): object {
    const items = this.objects
      .filter((object) => object.kind === kind && (namespace === undefined || (object.metadata?.namespace ?? 'default') === namespace))
      .filter((object) => matchesFieldSelector(object, query.fieldSelector))
      .map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => item);
    const apiVersion = API_VERSIONS[kind] ?? 'v1';
    return { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: '1' }, items };
  }

  /** The namespaces the served objects name, with `default` and `kube-system`, sorted. */
  private namespaces(): object {
    const names = new Set(['default', 'kube-system']);
    for (const object of this.objects) if (!CLUSTER_SCOPED.has(object.kind ?? '')) names.add(object.metadata?.namespace ?? 'default');
    const items = [...names].sort().map((name) => ({ metadata: { name }, status: { phase: 'Active' } }));
    return { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items };
  }

  private route(path: string, query: Record<string, string>): { status: number; body: object } {
    if (path === '/version') return { status: 200, body: VERSION };
    if (path === '/api') return { status: 200, body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.port}` }] } };
    if (path === '/api/v1') return { status: 200, body: CORE_RESOURCES };
    if (path === '/apis') return { status: 200, body: API_GROUPS };
    if (path === '/apis/apps/v1') return { status: 200, body: APPS_RESOURCES };
    if (path === '/apis/scheduling.k8s.io/v1') return { status: 200, body: SCHEDULING_RESOURCES };
    if (path === '/apis/scheduling.k8s.io/v1/priorityclasses') return { status: 200, body: this.list('PriorityClass', undefined, query) };
    if (path === '/api/v1/nodes') return { status: 200, body: this.list('Node', undefined, query) };
    if (path === '/api/v1/namespaces') return { status: 200, body: this.namespaces() };
    if (path === '/api/v1/pods') return { status: 200, body: this.list('Pod', undefined, query) };
    if (path === '/apis/apps/v1/daemonsets') return { status: 200, body: this.list('DaemonSet', undefined, query) };
    let match = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(path);
    if (match) return { status: 200, body: this.list('Pod', match[1], query) };
    match = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/daemonsets(?:\/([^/]+))?$/.exec(path);
    if (match) {
      const [, namespace, name] = match;
      if (!name) return { status: 200, body: this.list('DaemonSet', namespace, query) };
      const found = this.objects.find((object) => object.kind === 'DaemonSet' && object.metadata?.name === name && (object.metadata?.namespace ?? 'default') === namespace);
      if (found) return { status: 200, body: { apiVersion: 'apps/v1', ...found } };
      return { status: 404, body: status(404, 'NotFound', `daemonsets.apps "${name}" not found`, { name, group: 'apps', kind: 'daemonsets' }) };
    }
    return { status: 404, body: status(404, 'NotFound', 'the server could not find the requested resource') };
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname, query, authorization: request.headers.authorization });
    if (this.unanswered.has(url.pathname)) {
      this.hanging.push(response);
      return;
    }
    let answer: { status: number; body: object };
    if (request.method !== 'GET') answer = { status: 405, body: status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource') };
    else if (this.denied.has(url.pathname)) {
      const resource = url.pathname.split('/').pop() ?? '';
      answer = { status: 403, body: status(403, 'Forbidden', `${resource} is forbidden: User "tester" cannot list resource "${resource}" in API group "" at the cluster scope`, { kind: resource }) };
    } else answer = this.route(url.pathname, query);
    const text = JSON.stringify(answer.body);
    response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
  }
}

function status(code: number, reason: string, message: string, details?: object): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}
