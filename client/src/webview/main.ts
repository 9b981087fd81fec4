/**
 * Webview entry (browser), for both panels: the placement preview and, when
 * the page's #app says `data-view="cluster"`, the cluster view. The extension
 * sends text; the apps parse it and run the reconciler here, so filters and
 * what-if edits never round-trip through the extension host.
 */
import './preview.css';
import { PreviewApp } from './app';
import { ClusterApp } from './clusterApp';
import { PreviewHost } from './webviewHost';

const host = PreviewHost.acquire();
const root = document.getElementById('app') as HTMLElement;
if (root.dataset.view === 'cluster') {
  const app = new ClusterApp(root, host);
  host.onClusterMessage((message) => app.receive(message));
} else {
  const app = new PreviewApp(root, host);
  host.onMessage((message) => app.receive(message));
}
host.post({ type: 'ready' });
