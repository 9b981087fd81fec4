/**
 * Where the language server keeps V8's code cache of its bundle (server/src/host/codeCache.ts):
 * the folder is named by whoever starts it, through this environment variable. The VS Code client
 * names a folder of its global storage (client/src/serverEnvironment.ts); without it (another
 * editor, the tests) the server writes no cache and compiles its bundle as Node does.
 */
export const CODE_CACHE_DIR_ENV = 'DAEMONSET_CODE_CACHE_DIR';
