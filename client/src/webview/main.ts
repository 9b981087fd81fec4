/**
 * Preview webview entry (browser). Receives manifest and inventory text from
 * the extension, parses them with the model and renders the placement.
 */
import './preview.css';
import { parseHostMessage, type HostMessage, type WebviewMessage } from './protocol';
import { renderPreview, renderMessage } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let lastGood: HostMessage | undefined;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) return; // not ours or malformed
  if (message.type === 'noManifest') {
    renderMessage(app, 'Open a YAML file with a DaemonSet to see where its pods run.');
    return;
  }
  try {
    renderPreview(app, message, (m) => vscode.postMessage(m));
    lastGood = message;
    vscode.setState({ lastGood });
  } catch (error) {
    renderMessage(app, `Preview failed: ${error instanceof Error ? error.message : String(error)}`);
  }
});

const saved = vscode.getState() as { lastGood?: unknown } | undefined;
const restored = saved ? parseHostMessage(saved.lastGood) : undefined;
if (restored && restored.type === 'update') renderPreview(app, restored, (m) => vscode.postMessage(m));
vscode.postMessage({ type: 'ready' });
