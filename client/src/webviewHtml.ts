/**
 * The preview's HTML shell: a strict Content-Security-Policy (no inline
 * script, no eval, nothing remote), the script and stylesheet from the
 * extension's own dist/ folder, and a per-render nonce.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Which panel the page is: the placement preview, or the cluster view (one bundle, two apps). */
export type WebviewKind = 'preview' | 'cluster';

export function previewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  joinPath: (base: vscode.Uri, ...parts: string[]) => vscode.Uri,
  kind: WebviewKind = 'preview',
): string {
  const nonce = createNonce();
  const script = webview.asWebviewUri(joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(joinPath(extensionUri, 'dist', 'webview.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${kind === 'cluster' ? 'DaemonSet Cluster View' : 'DaemonSet Placement'}</title>
</head>
<body>
<main id="app" data-view="${kind}" aria-live="polite"><p class="muted">${kind === 'cluster' ? 'Loading the cluster view…' : 'Loading placement preview…'}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
