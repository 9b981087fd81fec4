/**
 * The preview's one link to the extension: the only code that posts to it,
 * stores the UI state with setState, and receives its messages — validated by
 * `protocol.ts`, since a webview's input is untrusted like any other.
 */
import { parseClusterHostMessage, parseHostMessage, type ClusterUpdateMessage, type HostMessage, type ProblemLocation, type WebviewMessage } from './protocol';
import { restoreUiState, type UiState } from './uiState';

/** What `acquireVsCodeApi()` gives a webview (the parts the preview uses). */
export interface HostApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): HostApi;

export class PreviewHost {
  /** The inventory problems last posted: the Problems view is only told about a change. */
  private lastProblemsPosted = '';

  constructor(private readonly api: HostApi) {}

  /** The host of the running webview (callable once per page, as VS Code requires). */
  static acquire(): PreviewHost {
    return new PreviewHost(acquireVsCodeApi());
  }

  /** The UI state stored before a hide or reload, if it is still valid. */
  restoredUi(): UiState | undefined {
    return restoreUiState(this.api.getState());
  }

  saveUi(ui: UiState): void {
    this.api.setState(ui);
  }

  /** The state a view stored, unvalidated: the cluster view validates its own (clusterState.ts). */
  storedState(): unknown {
    return this.api.getState();
  }

  store(state: unknown): void {
    this.api.setState(state);
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  postInventoryProblems(problems: ProblemLocation[]): void {
    const key = JSON.stringify(problems);
    if (key === this.lastProblemsPosted) return;
    this.lastProblemsPosted = key;
    this.post({ type: 'inventoryProblems', problems });
  }

  /** Calls `handler` with each well-formed message from the extension; anything malformed is ignored. */
  onMessage(handler: (message: HostMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseHostMessage(event.data);
      if (message) handler(message);
    });
  }

  /** The cluster view's counterpart of onMessage. */
  onClusterMessage(handler: (message: ClusterUpdateMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = parseClusterHostMessage(event.data);
      if (message) handler(message);
    });
  }
}
