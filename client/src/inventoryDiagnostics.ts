/**
 * Problems of the node inventory as diagnostics in the inventory files, so a
 * broken node shows where it is, not only in the preview. The webview loads
 * the inventory (it owns the model) and reports the problems here.
 */
import * as vscode from 'vscode';
import type { ProblemLocation } from './webview/protocol';

export class InventoryDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('daemonset-inventory');

  /** Replaces every inventory diagnostic; `allowed` is the set of inventory file URIs the panel sent. */
  publish(problems: readonly ProblemLocation[], allowed: ReadonlySet<string>): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problem of problems) {
      if (!allowed.has(problem.uri)) continue; // only files the extension itself read as inventory
      const position = new vscode.Position(problem.line - 1, Math.max(0, problem.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), problem.message, problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'daemonset-inventory';
      byFile.set(problem.uri, [...(byFile.get(problem.uri) ?? []), diagnostic]);
    }
    this.collection.clear();
    for (const [uri, diagnostics] of byFile) this.collection.set(vscode.Uri.parse(uri), diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
