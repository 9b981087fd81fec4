declare const __VERSION__: string | undefined;
/** The package version, injected by esbuild; `0.0.0-dev` when run from source. */
export const CLI_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
