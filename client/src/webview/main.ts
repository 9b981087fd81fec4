/**
 * Preview webview entry (browser). The extension sends the manifest and
 * node inventory as text; the app parses them and runs the reconciler here,
 * so filters and what-if edits never round-trip through the extension host.
 */
import './preview.css';
import { PreviewApp } from './app';
import { PreviewHost } from './webviewHost';

const host = PreviewHost.acquire();
const app = new PreviewApp(document.getElementById('app') as HTMLElement, host);
host.onMessage((message) => app.receive(message));
host.post({ type: 'ready' });
