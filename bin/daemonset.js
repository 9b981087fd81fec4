#!/usr/bin/env node
// The `daemonset` command of this repository's package (`npx daemonset` in a clone,
// the pre-commit hook). Loading the bundle runs the command. The bundle is built by
// `npm run compile` (or by the `prepare` script that `npm install` and `npm pack` run).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write(`daemonset: ${bundle} is missing: build it with \`npm run compile\` in ${join(__dirname, '..')}\n`);
  process.exitCode = 2;
} else {
  require(bundle);
}
