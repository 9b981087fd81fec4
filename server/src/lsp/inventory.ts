/**
 * The node inventory of a document, for the inventory-aware rules: the
 * `daemonset.inventory` setting (a file or folder, relative to the document's
 * workspace folder), else the first `*.nodes.yaml` file found while indexing
 * the workspace. Loaded files are cached until they change on disk.
 */
import { promises as fs } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadInventoryFromText, mergeInventories, type InventoryLoadResult } from '../model/inventory';
import type { InventoryContext } from '../service/workspaceRules';
import { pathToUri, readIndexableFile, uriToPath } from './workspaceFiles';

const INVENTORY_FILE = /\.nodes\.ya?ml$/i;
const YAML_FILE = /\.ya?ml$/i;

interface Loaded {
  key: string;
  result: InventoryLoadResult;
  files: string[];
}

export class InventoryProvider {
  private readonly loaded = new Map<string, Promise<Loaded | undefined>>();
  /** The files each loaded inventory was read from. */
  private readonly filesOf = new Map<string, string[]>();
  /** `*.nodes.yaml` files seen while indexing, per workspace root. */
  private readonly discovered = new Map<string, string[]>();

  constructor(private readonly roots: () => string[]) {}

  noteWorkspaceFile(path: string): void {
    if (!INVENTORY_FILE.test(path)) return;
    const root = this.rootOf(path);
    if (!root) return;
    const list = this.discovered.get(root) ?? [];
    if (!list.includes(path)) list.push(path);
    list.sort();
    this.discovered.set(root, list);
  }

  /** Forget cached inventories that include this file (it changed on disk). Returns whether one did. */
  invalidate(uri: string): boolean {
    const path = uriToPath(uri);
    if (!path) return false;
    let hit = INVENTORY_FILE.test(path);
    for (const [key, files] of this.filesOf) {
      if (key === path || path.startsWith(key + sep) || files.includes(path)) {
        this.loaded.delete(key);
        this.filesOf.delete(key);
        hit = true;
      }
    }
    return hit;
  }

  clear(): void {
    this.loaded.clear();
    this.filesOf.clear();
  }

  private rootOf(path: string): string | undefined {
    const roots = this.roots();
    return roots.filter((root) => path === root || path.startsWith(root + sep)).sort((a, b) => b.length - a.length)[0];
  }

  /** The inventory for a document, or undefined when there is none (or it cannot be read). */
  async forDocument(documentUri: string, setting: string): Promise<(InventoryContext & { result: InventoryLoadResult }) | undefined> {
    const documentPath = uriToPath(documentUri);
    const root = (documentPath && this.rootOf(documentPath)) ?? this.roots()[0];
    let target: string | undefined;
    let label: string;
    if (setting) {
      target = isAbsolute(setting) ? setting : root ? resolve(root, setting) : undefined;
      label = setting;
    } else {
      target = root ? this.discovered.get(root)?.[0] : undefined;
      label = target && root ? relative(root, target).split(sep).join('/') : '';
    }
    if (!target) return undefined;
    let promise = this.loaded.get(target);
    if (!promise) {
      const key = target;
      promise = load(key).then((loaded) => {
        if (loaded) this.filesOf.set(key, loaded.files);
        return loaded;
      });
      this.loaded.set(key, promise);
    }
    const loaded = await promise;
    if (!loaded) return undefined;
    return { label: label || basename(target), nodes: loaded.result.nodes, result: loaded.result };
  }
}

async function load(target: string): Promise<Loaded | undefined> {
  let files: string[];
  try {
    const stat = await fs.stat(target);
    if (stat.isDirectory()) {
      files = (await fs.readdir(target))
        .filter((name) => YAML_FILE.test(name))
        .sort()
        .map((name) => join(target, name));
    } else {
      files = [target];
    }
  } catch {
    return undefined;
  }
  const parts: InventoryLoadResult[] = [];
  for (const file of files) {
    const text = await readIndexableFile(file);
    if (text !== undefined) parts.push(loadInventoryFromText(text, pathToUri(file)));
  }
  return { key: target, result: mergeInventories(parts), files };
}
