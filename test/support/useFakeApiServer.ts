/**
 * The loopback API server of a test file that runs the real kubectl (test/support/fakeApiServer.ts), as one
 * set of hooks: started before the file's (or suite's) tests and closed after them, its recorded requests
 * and denied paths forgotten before each test, so no test sees another's. `kubectlEnv()` is the
 * environment kubectl runs in: the user's own kubeconfig kept out (`KUBECONFIG` empty: the tests name the
 * server's with `--kubeconfig`, or pass it in `extra`) and a discovery cache folder of its own per call, so
 * every run asks the server the same questions.
 *
 * Node 20 runs a file's top-level `before` hooks as soon as they are registered, so a test file reads the
 * server through these getters in its tests, never in a top-level hook of its own (the server is not up yet).
 */
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { FakeApiServer, type FakeApiServerOptions } from './fakeApiServer';

export interface FakeApiServerHook {
  /** The running server, from the `before` hook on. */
  readonly server: FakeApiServer;
  /** A kubeconfig whose contexts (`fake-a`, `fake-b` unless the options name others) point at the server. */
  readonly kubeconfig: string;
  /** A scratch folder removed with the server after the tests. */
  readonly scratch: string;
  /** A path under `scratch` no other call returns (`kubectl-3`). */
  scratchPath(name: string): string;
  /** kubectl's environment: no kubeconfig of the user's, a fresh discovery cache; `extra` added. */
  kubectlEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/** Registers the hooks in the current file or suite; call it at its top level. */
export function useFakeApiServer(options: FakeApiServerOptions = {}): FakeApiServerHook {
  let running: FakeApiServer | undefined;
  let paths = 0;
  const server = (): FakeApiServer => {
    if (!running) throw new Error('the fake API server starts in a before hook: use it inside a test or a later hook');
    return running;
  };
  before(async () => {
    running = await FakeApiServer.start(options);
  });
  after(async () => {
    await running?.close();
    running = undefined;
  });
  beforeEach(() => {
    server().requests.length = 0;
    server().denied.clear();
  });
  const hook: FakeApiServerHook = {
    get server() {
      return server();
    },
    get kubeconfig() {
      return server().writeKubeconfig();
    },
    get scratch() {
      return server().tempDir;
    },
    scratchPath: (name) => join(server().tempDir, `${name}-${++paths}`),
    kubectlEnv: (extra = {}) => ({ ...process.env, KUBECONFIG: '', KUBECACHEDIR: hook.scratchPath('kubectl-cache'), ...extra }),
  };
  return hook;
}
