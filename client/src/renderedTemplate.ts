/**
 * What a Helm chart template renders to, for the preview: the language
 * server's answer to `daemonset/renderedTemplate` (it renders the chart for
 * the diagnostics with the same values), so the panel shows the DaemonSet the
 * chart produces rather than the template's text.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { RENDERED_BASELINES_REQUEST, type RenderedBaselinesParams, type RenderedBaselinesResult } from '../../server/src/protocol/renderedBaselinesRequest';
import { RENDERED_TEMPLATE_REQUEST, type RenderedTemplateParams, type RenderedTemplateResult } from '../../server/src/protocol/renderedTemplateRequest';

export type RenderedSource = (resource: vscode.Uri) => Promise<RenderedTemplateResult>;

export function serverRenderedSource(client: BaseLanguageClient): RenderedSource {
  return async (resource) => {
    const params: RenderedTemplateParams = { uri: client.code2ProtocolConverter.asUri(resource) };
    return client.sendRequest<RenderedTemplateResult>(RENDERED_TEMPLATE_REQUEST, params);
  };
}

/** Earlier renders of a chart template or an overlay's rendered document, for the rollout stepper (`daemonset/renderedBaselines`). */
export type RenderedBaselineSource = (resource: vscode.Uri) => Promise<RenderedBaselinesResult>;

export function serverRenderedBaselines(client: BaseLanguageClient): RenderedBaselineSource {
  return async (resource) => {
    // A `daemonset-rendered:` document is no file: its URI goes as VS Code spells it (the server reads its query).
    const uri = resource.scheme === 'file' ? client.code2ProtocolConverter.asUri(resource) : resource.toString();
    const params: RenderedBaselinesParams = { uri };
    return client.sendRequest<RenderedBaselinesResult>(RENDERED_BASELINES_REQUEST, params);
  };
}
