/**
 * What a Helm chart template renders to, for the preview: the language
 * server's answer to `daemonset/renderedTemplate` (it renders the chart for
 * the diagnostics with the same values), so the panel shows the DaemonSet the
 * chart produces rather than the template's text.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { RENDERED_TEMPLATE_REQUEST, type RenderedTemplateParams, type RenderedTemplateResult } from '../../server/src/protocol/renderedTemplateRequest';

export type RenderedSource = (resource: vscode.Uri) => Promise<RenderedTemplateResult>;

export function serverRenderedSource(client: BaseLanguageClient): RenderedSource {
  return async (resource) => {
    const params: RenderedTemplateParams = { uri: client.code2ProtocolConverter.asUri(resource) };
    return client.sendRequest<RenderedTemplateResult>(RENDERED_TEMPLATE_REQUEST, params);
  };
}
