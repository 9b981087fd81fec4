/**
 * The `daemonset` configuration section, fetched per document from the
 * client (`workspace/configuration`) when it supports that, cached until the
 * configuration changes.
 */
import type { Connection } from 'vscode-languageserver';
import type { Severity } from '../service/types';
import type { ValidationSettings } from '../service/validation';
import { VERSION_SETTING_LABEL } from '../model/kubernetesVersion';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** The document's settings: rule severities, the Kubernetes version, and the raw `daemonset.inventory` value. */
export interface DocumentSettings extends ValidationSettings {
  inventoryPath: string;
  /** `daemonset.kubeContext`: the kubectl context to compare with (empty: none). */
  kubeContext?: string;
  /** `daemonset.helm.valuesFiles`: values files a chart template's chart is rendered with, relative to the chart folder. */
  helmValuesFiles?: string[];
}

export function toValidationSettings(section: unknown): DocumentSettings {
  const rules: Record<string, Severity | 'off'> = {};
  const configured =
    section && typeof section === 'object' ? (section as Record<string, unknown>).rules : undefined;
  if (configured && typeof configured === 'object' && !Array.isArray(configured)) {
    for (const [rule, value] of Object.entries(configured)) {
      // Accept "warning" or { "severity": "warning" }; ignore anything else.
      const severity = typeof value === 'string' ? value : (value as { severity?: unknown } | null)?.severity;
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[rule] = severity as Severity | 'off';
    }
  }
  const inventory = section && typeof section === 'object' ? (section as Record<string, unknown>).inventory : undefined;
  const version = section && typeof section === 'object' ? (section as Record<string, unknown>).kubernetesVersion : undefined;
  const settings: DocumentSettings = { rules, inventoryPath: typeof inventory === 'string' ? inventory.trim() : '' };
  const helm = section && typeof section === 'object' ? (section as Record<string, unknown>).helm : undefined;
  const valuesFiles = helm && typeof helm === 'object' ? (helm as Record<string, unknown>).valuesFiles : undefined;
  if (Array.isArray(valuesFiles)) {
    settings.helmValuesFiles = valuesFiles.filter((file): file is string => typeof file === 'string' && file.trim() !== '').map((file) => file.trim());
  }
  // An unparseable value is ignored by the resolver; VS Code flags it against the setting's pattern.
  const kubeContext = section && typeof section === 'object' ? (section as Record<string, unknown>).kubeContext : undefined;
  if (typeof kubeContext === 'string' && kubeContext.trim() !== '') settings.kubeContext = kubeContext.trim();
  if (typeof version === 'string' && version.trim() !== '') settings.kubernetesVersion = { value: version.trim(), label: VERSION_SETTING_LABEL };
  return settings;
}

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<DocumentSettings>>();
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<DocumentSettings> {
    if (!this.supportsConfiguration) return Promise.resolve({ rules: {}, inventoryPath: '' });
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'daemonset' })
        .then(toValidationSettings, () => ({ rules: {}, inventoryPath: '' }));
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }
}
