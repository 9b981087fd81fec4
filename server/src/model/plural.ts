/**
 * A count with its noun, for every message and panel that counts things:
 * `1 node`, `2 nodes`, `2 taints not tolerated`. In the model, the lowest
 * layer, so the service, the CLI and the webview all word counts alike.
 */

/** `1 node`, `2 nodes`; pass the plural form when it is not the noun plus `s` (`1 runs a pod`, `2 run a pod`). */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
