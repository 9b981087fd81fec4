/**
 * Security review as tests: the preview's Content-Security-Policy and what
 * its bundle may reach, the programs the extension runs (execFile with a
 * fixed program, never a shell) and their gating on workspace trust, and no
 * network access anywhere in the shipped bundles.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import type * as vscode from 'vscode';
import { previewHtml } from '../../client/src/webviewHtml';
import { repoRoot } from '../support/golden';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function renderShell(): string {
  const uri = (path: string) => ({ toString: () => `${CSP_SOURCE}${path}`, path }) as unknown as vscode.Uri;
  const webview = { cspSource: CSP_SOURCE, asWebviewUri: (u: vscode.Uri) => uri(u.path) } as unknown as vscode.Webview;
  const join = (base: vscode.Uri, ...parts: string[]) => uri([base.path, ...parts].join('/'));
  return previewHtml(webview, uri('/ext'), join);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(repoRoot, dir))) {
    const path = join(dir, entry);
    if (statSync(join(repoRoot, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (entry.endsWith('.ts')) out.push(path.split('\\').join('/'));
  }
  return out;
}

describe('webview: Content-Security-Policy', () => {
  const html = renderShell();
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('denies by default and allows no inline code or eval', () => {
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });

  it('runs only scripts carrying the per-render nonce, and every script has it', () => {
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src is one nonce: ${scriptSrc.join(' ')}`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`));
      assert.equal(body.trim(), '', 'no inline script');
    }
    assert.notEqual(nonce, /'nonce-([^']+)'/.exec(renderShell())?.[1], 'a new nonce per render');
  });

  it('loads only from the extension (the webview resource origin) and references no remote URL', () => {
    for (const [name, values] of directives) {
      for (const value of values) assert.ok(value === CSP_SOURCE || value.startsWith("'") || value === 'data:', `${name} allows ${value}`);
    }
    for (const url of html.match(/\b(?:https?|wss?|ftp):\/\/[^\s"'<>;]+/g) ?? []) assert.ok(url.startsWith(`${CSP_SOURCE}/ext/dist/`) || url === CSP_SOURCE, `remote URL ${url}`);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  });

  it('ships a bundle and stylesheet that load nothing remote and never evaluate strings', () => {
    const js = readFileSync(join(repoRoot, 'dist', 'webview.js'), 'utf8');
    const css = readFileSync(join(repoRoot, 'dist', 'webview.css'), 'utf8');
    assert.doesNotMatch(js, /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon|\beval\(|new Function\(|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/);
    // The SVG namespace is a name for createElementNS (the cluster view's pictures), never fetched: the one URL allowed.
    assert.doesNotMatch(js.split('"http://www.w3.org/2000/svg"').join('""'), /\b(?:https?|wss?):\/\//);
    assert.doesNotMatch(css, /url\(\s*['"]?(?:https?:)?\/\/|@import/);
  });
});

describe('programs the extension runs', () => {
  const allowed = new Map([
    ['client/src/kubectlImport.ts', 'kubectl'],
    ['client/src/baselines.ts', 'git'],
    ['server/src/host/git.ts', 'git'],
    ['server/src/host/kubectl.ts', 'kubectl'],
  ]);

  it('uses child_process only through execFile with a fixed program and no shell', () => {
    const seen = new Set<string>();
    for (const file of [...sourceFiles('client/src'), ...sourceFiles('server/src')]) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      if (!/child_process/.test(text)) continue;
      seen.add(file);
      assert.ok(allowed.has(file), `${file} imports child_process`);
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) && /child_process/.test(node.moduleSpecifier.getText())) {
          const names = node.importClause?.namedBindings;
          assert.ok(names && ts.isNamedImports(names), `${file}: named imports only`);
          assert.deepEqual(names.elements.map((e) => e.name.text), ['execFile'], `${file}: only execFile`);
        }
        if (ts.isCallExpression(node) && node.expression.getText() === 'execFile') {
          const [program, args, options] = node.arguments;
          assert.ok(ts.isStringLiteral(program) && program.text === allowed.get(file), `${file}: execFile runs the literal ${allowed.get(file)}`);
          assert.ok(args && (ts.isArrayLiteralExpression(args) || ts.isIdentifier(args)), `${file}: arguments as an array`);
          assert.ok(options && ts.isObjectLiteralExpression(options), `${file}: options inline`);
          assert.ok(!options.properties.some((p) => p.name?.getText() === 'shell'), `${file}: no shell option`);
          assert.ok(options.properties.some((p) => p.name?.getText() === 'timeout'), `${file}: a timeout`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual([...seen].sort(), [...allowed.keys()].sort(), 'every allowed file still runs its program');
  });

  it('runs git and kubectl from the client only in a trusted workspace, and tells the server', () => {
    const kubectl = readFileSync(join(repoRoot, 'client/src/kubectlImport.ts'), 'utf8');
    assert.match(kubectl, /if \(!vscode\.workspace\.isTrusted\) \{[^}]*return undefined;/);
    // Select Cluster Context lists kubectl's contexts; Refresh asks the server to run kubectl.
    const live = readFileSync(join(repoRoot, 'client/src/liveCluster.ts'), 'utf8');
    assert.match(live, /export async function selectClusterContext\(\): Promise<void> \{\s*if \(!vscode\.workspace\.isTrusted\) \{[^}]*return;/);
    assert.match(live, /export async function refreshLive\([^)]*\): Promise<void> \{\s*if \(!vscode\.workspace\.isTrusted\) return;/);
    const baselines = readFileSync(join(repoRoot, 'client/src/baselines.ts'), 'utf8');
    assert.match(baselines, /vscode\.workspace\.isTrusted\) \{[\s\S]*?gitHeadText/);
    const client = readFileSync(join(repoRoot, 'client/src/languageClient.ts'), 'utf8');
    assert.match(client, /initializationOptions: \(\) => \(\{ workspaceTrusted: vscode\.workspace\.isTrusted \}\)/);
    const server = readFileSync(join(repoRoot, 'server/src/lsp/server.ts'), 'utf8');
    assert.match(server, /baselines\.enabled = options\?\.workspaceTrusted !== false/);
  });

  it('declares limited support for untrusted and virtual workspaces, with every kubectl command and setting off until trusted', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('daemonset.inventory'));
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    // Every command that runs kubectl (itself or through the server) is off until the workspace is trusted.
    for (const command of ['daemonset.importNodes', 'daemonset.selectClusterContext', 'daemonset.refreshLive', 'daemonset.previewOverlay']) {
      const contributed = manifest.contributes.commands.find((c: { command: string }) => c.command === command);
      assert.equal(contributed?.enablement, 'isWorkspaceTrusted', command);
    }
    // The settings that choose what kubectl reads or renders cannot be set by an untrusted workspace.
    for (const setting of ['daemonset.kubeContext', 'daemonset.kustomize.enabled', 'daemonset.kustomize.allowRemoteBases']) {
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(setting), setting);
    }
  });
});

describe('no network access', () => {
  const NETWORK = /require\("(?:node:)?(?:https?|http2|dgram|tls|dns)"\)|\bfetch\(|new WebSocket\(|XMLHttpRequest/;

  it('the shipped bundles load no network module and call no fetch', () => {
    for (const bundle of ['client.js', 'server.js', 'server-main.js', 'cli.js', 'webview.js']) {
      const text = readFileSync(join(repoRoot, 'dist', bundle), 'utf8');
      assert.doesNotMatch(text, NETWORK, bundle);
    }
  });

  it('the sources import no network module (net only as the LSP transport library does)', () => {
    for (const file of [...sourceFiles('client/src'), ...sourceFiles('server/src')]) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      assert.doesNotMatch(text, /from ['"](?:node:)?(?:https?|http2|net|dgram|tls|dns)['"]|\bfetch\(/, relative(repoRoot, join(repoRoot, file)));
    }
  });
});
