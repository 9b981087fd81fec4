/**
 * The node inventory of a document, for the inventory-aware rules, the code
 * lens and the preview (`daemonset/inventory`): the files the model's
 * resolver chooses (server/src/model/inventoryFiles.ts) from the setting's
 * target or the workspace listing, resolved relative to the document's
 * workspace folder. Results are cached until a file they depend on changes.
 * A file larger than the bound is not read: the user is told once (until it is
 * read again), and the preview is answered without it, as the rules run.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { findInventoryFiles, listedToPath, type InventoryFiles } from '../host/inventoryListing';
import { loadInventoryFromText, mergeInventories, type InventoryLoadResult } from '../model/inventory';
import { isDiscoverableInventoryFile } from '../model/inventoryFiles';
import { formatBytesForPeople } from '../model/quantity';
import type { InventoryContext } from '../service/workspaceRules';
import { MAX_INVENTORY_FILE_BYTES, pathToUri, readInventoryFile, uriToPath } from './workspaceFiles';

export interface InventoryReadOptions {
  /** The largest file read; MAX_INVENTORY_FILE_BYTES unless a test lowers it. */
  maxFileBytes?: number;
  /** Says that a file of an inventory is too large to read: once per file, until it is read again. */
  fileTooLarge?: (message: string) => void;
}

/** The inventory's files as the preview reads them: those the rules read, and why any other was left out. */
export interface InventoryFilesRead extends InventoryFiles {
  /** One message per file left out for its size. */
  tooLarge: string[];
}

interface Loaded {
  found: InventoryFiles;
  /** The folder the setting names, when it names one: files created or deleted in it change the answer. */
  folder?: string;
  /** Discovered (no setting): any discoverable file created or deleted may change the answer. */
  discovered: boolean;
  result: InventoryLoadResult;
  /** The files not read for their size, with what the user was told. */
  tooLarge: Map<string, string>;
}

export class InventoryProvider {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  /** The loads that have finished, so invalidation can decide synchronously. */
  private readonly settled = new Map<string, Loaded>();
  /**
   * Each file's last load, by path, kept while its text is the same: a settings change or a save
   * that left a 46 MB dump as it was never reads it again.
   */
  private readonly files = new Map<string, { text: string; result: InventoryLoadResult }>();
  /** Discoverable inventory files of each workspace root, relative and '/'-separated; settles when the first walk has. */
  private readonly listings = new Map<string, Promise<Set<string>>>();

  /** The files the user was told are too large, so a load after a settings change or an edit does not tell again. */
  private readonly toldTooLarge = new Set<string>();

  constructor(
    private readonly roots: () => string[],
    private readonly options: InventoryReadOptions = {},
  ) {}

  /** The roots whose first walk has settled. */
  private readonly listed = new Set<string>();

  /** The walk of a workspace root (absolute paths); discovery (no setting) waits for it. */
  setWorkspaceListing(root: string, files: Promise<readonly string[]>): void {
    this.listed.delete(root);
    const listing = files
      .then(
        (list) => new Set(list.map((file) => toRelative(root, file)).filter(isDiscoverableInventoryFile)),
        () => new Set<string>(),
      )
      .then((found) => {
        if (this.listings.get(root) === listing) this.listed.add(root);
        return found;
      });
    this.listings.set(root, listing);
  }

  /**
   * Whether the document's inventory would be discovered (no setting) from a walk of its workspace folder that has not
   * settled yet. Validation does not wait for it: walking a GitOps repository of thousands of files takes hundreds of
   * milliseconds, which a first publish should not. The server validates the open documents again once the walk has
   * settled and found a discoverable file (`discoveredAny`).
   */
  awaitsListing(documentUri: string, setting: string): boolean {
    if (setting.trim()) return false;
    const root = this.rootOfDocument(documentUri);
    return root !== undefined && this.listings.has(root) && !this.listed.has(root);
  }

  /** Whether any settled walk found a file discovery may choose (only then can a validation that did not wait miss an inventory). */
  async discoveredAny(): Promise<boolean> {
    for (const listing of this.listings.values()) if ((await listing).size > 0) return true;
    return false;
  }

  /** A file was created or deleted on disk. Returns whether a cached inventory may have changed. */
  async noteWorkspaceChange(path: string, exists: boolean): Promise<boolean> {
    const root = this.rootOf(path);
    if (root) {
      const rel = toRelative(root, path);
      const listing = await this.listings.get(root);
      if (listing && isDiscoverableInventoryFile(rel)) {
        if (exists) listing.add(rel);
        else listing.delete(rel);
      }
    }
    return this.invalidate(pathToUri(path), true);
  }

  /** Forget cached inventories that depend on this file (it changed on disk). Returns whether one did. */
  invalidate(uri: string, createdOrDeleted = false): boolean {
    const path = uriToPath(uri);
    if (!path) return false;
    let hit = false;
    for (const key of this.loaded.keys()) {
      const entry = this.settled.get(key);
      const depends =
        !entry || // still loading: it may or may not have read the file
        entry.found.files.includes(path) ||
        (createdOrDeleted && entry.found.resolution.kind !== 'found') ||
        (createdOrDeleted && entry.folder !== undefined && path.startsWith(entry.folder + sep)) ||
        (createdOrDeleted && entry.discovered && isDiscoverableInventoryFile(path.split(sep).join('/')));
      if (depends) {
        this.loaded.delete(key);
        this.settled.delete(key);
        hit = true;
      }
    }
    return hit;
  }

  clear(): void {
    this.loaded.clear();
    this.settled.clear();
  }

  /** A file's inventory, loaded again only when its text changed. */
  private loadFile(path: string, text: string): InventoryLoadResult {
    const cached = this.files.get(path);
    if (cached && cached.text === text) return cached.result;
    const result = loadInventoryFromText(text, pathToUri(path));
    this.files.set(path, { text, result });
    return result;
  }

  /** The workspace folder a document's inventory is resolved in: the innermost holding it, else the first. */
  private rootOfDocument(documentUri: string): string | undefined {
    const documentPath = uriToPath(documentUri);
    return (documentPath && this.rootOf(documentPath)) ?? this.roots()[0];
  }

  private rootOf(path: string): string | undefined {
    const roots = this.roots();
    return roots.filter((root) => path === root || path.startsWith(root + sep)).sort((a, b) => b.length - a.length)[0];
  }

  private load(documentUri: string, setting: string): Promise<Loaded> {
    const root = this.rootOfDocument(documentUri);
    const key = `${root ?? ''}\0${setting}`;
    let promise = this.loaded.get(key);
    if (!promise) {
      promise = (async (): Promise<Loaded> => {
        // Only discovery reads the walk: a setting names its target, which is listed on its own.
        const listing = root && !setting.trim() ? await this.listings.get(root) : undefined;
        const base = root ?? sep;
        // Without a workspace folder a relative setting has nothing to be relative to.
        const found =
          root || isAbsolute(setting)
            ? await findInventoryFiles(base, setting, [...(listing ?? [])])
            : { resolution: { kind: 'none' as const }, files: [], unreadable: [] };
        const parts: InventoryLoadResult[] = [];
        const tooLarge = new Map<string, string>();
        const maxBytes = this.options.maxFileBytes ?? MAX_INVENTORY_FILE_BYTES;
        for (const file of found.files) {
          const read = await readInventoryFile(file, maxBytes);
          if (read && 'text' in read) {
            parts.push(this.loadFile(file, read.text));
            this.toldTooLarge.delete(file);
          } else if (read) {
            const message = tooLargeMessage(displayPath(root, file), read.tooLarge, maxBytes);
            tooLarge.set(file, message);
            if (!this.toldTooLarge.has(file)) {
              this.toldTooLarge.add(file);
              this.options.fileTooLarge?.(message);
            }
          }
        }
        const resolution = found.resolution;
        const folder = setting && resolution.kind === 'found' && resolution.isDirectory ? listedToPath(base, resolution.target) : undefined;
        const loaded: Loaded = { found, folder, discovered: !setting, result: mergeInventories(parts), tooLarge };
        for (const path of this.files.keys()) {
          if (!found.files.includes(path) && ![...this.settled.values()].some((entry) => entry.found.files.includes(path))) this.files.delete(path);
        }
        if (this.loaded.get(key) === promise) this.settled.set(key, loaded);
        return loaded;
      })();
      this.loaded.set(key, promise);
    }
    return promise;
  }

  /** Which files form the document's inventory, as the preview asks for them: those the rules read. */
  async filesForDocument(documentUri: string, setting: string): Promise<InventoryFilesRead> {
    const { found, tooLarge } = await this.load(documentUri, setting);
    return { ...found, files: found.files.filter((file) => !tooLarge.has(file)), tooLarge: [...tooLarge.values()] };
  }

  /** The inventory for a document, or undefined when there is none (or it cannot be read). */
  async forDocument(documentUri: string, setting: string): Promise<(InventoryContext & { result: InventoryLoadResult }) | undefined> {
    const loaded = await this.load(documentUri, setting);
    const resolution = loaded.found.resolution;
    // Files too large to read leave the rules without an inventory when no other file remains.
    if (resolution.kind !== 'found' || loaded.found.files.every((file) => loaded.tooLarge.has(file))) return undefined;
    const root = this.rootOfDocument(documentUri);
    const displayFile = (file: string): string => {
      const path = uriToPath(file);
      return path ? displayPath(root, path) : file;
    };
    return {
      label: resolution.label,
      nodes: loaded.result.nodes,
      groups: loaded.result.groups,
      pods: loaded.result.pods,
      priorityClasses: loaded.result.priorityClasses,
      displayFile,
      result: loaded.result,
    };
  }
}

/** What the user is told of a file left out for its size. */
function tooLargeMessage(file: string, size: number, maxBytes: number): string {
  return `The node inventory file ${file} is not read: it is ${formatBytesForPeople(size)}, more than the ${formatBytesForPeople(maxBytes)} the language server reads. The inventory rules, the code lens and the preview run without it.`;
}

/** A path as the user is shown it: relative to the workspace root it lies in, else as it is. */
function displayPath(root: string | undefined, path: string): string {
  return root && (path === root || path.startsWith(root + sep)) ? toRelative(root, path) : path;
}

function toRelative(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
