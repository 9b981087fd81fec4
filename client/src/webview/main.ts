/**
 * Preview webview entry (browser). The extension sends the manifest and
 * node inventory as text; the app parses them and runs the reconciler here,
 * so filters and what-if edits never round-trip through the extension host.
 */
import './preview.css';
import { PreviewApp, type HostApi } from './app';

declare function acquireVsCodeApi(): HostApi;

const host = acquireVsCodeApi();
const app = new PreviewApp(document.getElementById('app') as HTMLElement, host);
window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
host.postMessage({ type: 'ready' });
