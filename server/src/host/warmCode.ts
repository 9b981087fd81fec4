/**
 * The signal between the language server's bundle and its entry (lsp/serverEntry.ts): the server
 * says when its first validation has settled, the entry then writes V8's code cache of the bundle
 * (host/codeCache.ts), which by then holds the functions that validation compiled. The two are
 * separate bundles, each with its own copy of this module, so they meet on a registered symbol.
 */
const WARM = Symbol.for('daemonset.codeCache.warm');

type Hooks = { [WARM]?: () => void };

/** Registers what runs once the server notes that its code is warm (at most once). */
export function onCodeWarm(callback: () => void): void {
  (globalThis as Hooks)[WARM] = callback;
}

/** Notes that the server's code is warm: runs what `onCodeWarm` registered, the first time only. */
export function noteCodeWarm(): void {
  const hooks = globalThis as Hooks;
  const callback = hooks[WARM];
  if (!callback) return;
  delete hooks[WARM];
  callback();
}
