/**
 * The process entry of the `daemonset` command, bundled to `dist/cli.js` and to
 * the `daemonset` npm package's bin. Loading it runs the command: the bins
 * `require` the bundle, so a `require.main === module` guard would be false
 * there and the command would print nothing and exit 0 — a CI gate that
 * always passes.
 */
import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`daemonset: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
