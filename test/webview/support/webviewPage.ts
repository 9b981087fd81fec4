/**
 * The preview's webview bundle (dist/webview.js + webview.css) on a test
 * page served from 127.0.0.1, with a stubbed host API (`acquireVsCodeApi`)
 * that records what the webview posts and keeps its state, driven in
 * headless Chromium. Fast UI tests without a workbench. Waits poll; the
 * page may not reach anything but loopback.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../support/golden';

export const screenshotsDir = join(repoRoot, 'test-results', 'webview');

const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/** Dark+ theme variables, as the workbench injects them, so screenshots look like VS Code. */
const THEME_CSS = `:root {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #cca700; --vscode-testing-iconPassed: #73c991;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-focusBorder: #0078d4; --vscode-editorWidget-border: #454545; --vscode-textLink-foreground: #4daafc;
  --vscode-list-activeSelectionBackground: #04395e; --vscode-list-hoverBackground: #2a2d2e;
}`;

export function chromiumExecutable(): string {
  const found = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('Chromium is not installed: npm test installs it with apt-get (package chromium)');
  return found;
}

function pageHtml(nonce: string, initialState: unknown, view: 'preview' | 'cluster' = 'preview'): string {
  // Same CSP as the real panel (webviewHtml.ts): nothing inline without the nonce, nothing remote.
  const csp = `default-src 'none'; style-src 'self'; script-src 'nonce-${nonce}'; img-src 'self' data:`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/theme.css"><link rel="stylesheet" href="/webview.css"><title>Preview test</title></head>
<body><main id="app" data-view="${view}" aria-live="polite"></main>
<script nonce="${nonce}">
window.__posted = [];
window.__state = ${JSON.stringify(initialState ?? null)};
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
  getState: () => window.__state,
  setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
});
</script>
<script nonce="${nonce}" src="/webview.js"></script></body></html>`;
}

export class WebviewPage {
  private shot = 0;
  readonly blockedRequests: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    readonly page: Page,
    readonly url: string,
    private readonly prefix: string,
  ) {}

  static async open(prefix: string, options: { initialState?: unknown; width?: number; height?: number; view?: 'preview' | 'cluster' } = {}): Promise<WebviewPage> {
    const dist = join(repoRoot, 'dist');
    if (!existsSync(join(dist, 'webview.js'))) throw new Error('dist/webview.js is missing: run node scripts/build.mjs first');
    const nonce = randomBytes(16).toString('base64');
    const files: Record<string, [string, string]> = {
      '/webview.js': ['text/javascript', readFileSync(join(dist, 'webview.js'), 'utf8')],
      '/webview.css': ['text/css', readFileSync(join(dist, 'webview.css'), 'utf8')],
      '/theme.css': ['text/css', THEME_CSS],
      '/': ['text/html', pageHtml(nonce, options.initialState, options.view)],
    };
    const server = createServer((request, response) => {
      const file = files[(request.url ?? '/').split('?')[0]];
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': `${file[0]}; charset=utf-8` }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'],
    });
    const context = await browser.newContext({ viewport: { width: options.width ?? 900, height: options.height ?? 900 } });
    // No deadline on playwright's waits and actions: the test runner's --test-timeout is the only one.
    context.setDefaultTimeout(0);
    const page = await context.newPage();
    const webview = new WebviewPage(browser, server, page, url, prefix);
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (LOOPBACK.test(target) || target.startsWith('data:')) return route.continue();
      webview.blockedRequests.push(target);
      return route.abort();
    });
    page.on('pageerror', (error) => webview.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') webview.pageErrors.push(message.text());
    });
    await page.goto(url);
    await webview.waitForPosted('ready');
    mkdirSync(screenshotsDir, { recursive: true });
    return webview;
  }

  /** Delivers a message as the extension would (window message event). */
  async send(message: unknown): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async posted(): Promise<Array<Record<string, unknown>>> {
    return this.page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
  }

  async state(): Promise<Record<string, unknown> | null> {
    return this.page.evaluate(() => (window as unknown as { __state: Record<string, unknown> | null }).__state);
  }

  /** Waits, with no deadline but the test runner's, for the last message of `type` the page posted. */
  async waitForPosted(type: string): Promise<Record<string, unknown>> {
    const handle = await this.page.waitForFunction(
      (t) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === t).pop(),
      type,
      { timeout: 0, polling: 20 },
    );
    return (await handle.jsonValue()) as Record<string, unknown>;
  }

  /** Waits, with no deadline but the test runner's, until the page shows `text`. */
  async waitForText(text: string): Promise<string> {
    await this.page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 0, polling: 20 });
    return this.page.evaluate(() => document.body.innerText);
  }

  async screenshot(name: string, fullPage = false): Promise<string> {
    this.shot += 1;
    const file = join(screenshotsDir, `${this.prefix}-${String(this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An `update` message as the extension sends it. */
export function updateMessage(options: {
  manifest: string;
  manifestUri?: string;
  version?: number;
  inventory?: Array<{ uri: string; text: string }> | null;
  inventoryError?: string | null;
  baselines?: Array<{ label: string; text: string }>;
  preselect?: string | null;
  trusted?: boolean;
  kubernetesVersion?: string;
}): Record<string, unknown> {
  return {
    type: 'update',
    manifest: { uri: options.manifestUri ?? 'file:///workspace/examples/ds.yaml', text: options.manifest, version: options.version ?? 1 },
    inventory: options.inventory === null ? null : { label: 'nodes/test.nodes.yaml', files: options.inventory ?? [] },
    inventoryError: options.inventoryError ?? null,
    baselines: options.baselines ?? [],
    preselect: options.preselect ?? null,
    trusted: options.trusted ?? true,
    ...(options.kubernetesVersion !== undefined ? { kubernetesVersion: options.kubernetesVersion } : {}),
  };
}

export function example(path: string): string {
  return readFileSync(join(repoRoot, 'examples', path), 'utf8');
}
