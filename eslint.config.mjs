// One lint config for the whole repository. Besides typescript-eslint's
// recommended rules it makes the layering mechanical:
//   model ← reconciler ← service ← lsp / cli;  webview → model, reconciler only;
//   host (Node-only helpers) is for lsp and cli alone.
// A layer may not import a layer to its right, and the pure layers may not
// import Node built-ins or editor APIs (they also run in the browser).
// Import cycles, which this per-folder rule cannot see, are found by
// scripts/check-import-cycles.mjs (`npm run lint`, `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'url', 'util', 'worker_threads'];
const editorApis = ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'];

function layer(files, forbiddenLayers, extra = [], message = 'breaks the layering written in ARCHITECTURE.md') {
  const patterns = [
    ...forbiddenLayers.map((name) => ({ group: [`**/${name}`, `**/${name}/**`], message: `importing ${name} ${message}` })),
    ...(extra.length ? [{ group: extra, message: `this layer must stay pure and browser-safe (${message})` }] : []),
  ];
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '.tools/**', 'test-results/**', '**/*.d.mts', 'server/src/service/schema/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        performance: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['**/*.mjs', 'bin/**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  layer(['server/src/model/**'], ['reconciler', 'service', 'host', 'lsp', 'cli', 'client'], [...nodeBuiltins, ...editorApis]),
  layer(['server/src/reconciler/**'], ['service', 'host', 'lsp', 'cli', 'client'], [...nodeBuiltins, ...editorApis, 'yaml', 'ajv']),
  layer(['server/src/service/**'], ['host', 'lsp', 'cli', 'client'], [...nodeBuiltins, ...editorApis]),
  layer(['server/src/protocol/**'], ['model', 'reconciler', 'service', 'host', 'lsp', 'cli', 'client'], [...nodeBuiltins, ...editorApis]),
  layer(['server/src/host/**'], ['service', 'lsp', 'cli', 'client'], editorApis),
  layer(['server/src/lsp/**'], ['cli', 'client'], ['vscode', 'vscode-languageclient', 'vscode-languageclient/*']),
  layer(['server/src/cli/**'], ['lsp', 'client'], editorApis),
  layer(['client/src/webview/**'], ['service', 'host', 'lsp', 'cli'], [...nodeBuiltins, ...editorApis]),
  layer(['client/src/*.ts'], ['service', 'host', 'lsp', 'cli', 'reconciler', 'model']),
);
