/**
 * The `daemonset` command as users get it, not as the tests import it: the
 * standalone package (scripts/package-cli.mjs) installed with npm into an
 * empty prefix without network access and run by name from a directory
 * outside the repository; the README's GitHub Actions lines run as written;
 * and this repository's own package (its bin, `npx daemonset`, what
 * pre-commit installs).
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { mainHelp } from '../../server/src/cli/main';
import { goldenDir, repoRoot } from '../support/golden';
import { sarifSchemaValidator } from '../support/sarif';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const temp = mkdtempSync(join(tmpdir(), 'daemonset-installed-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const prefix = join(temp, 'prefix');
/** A project of a user: the examples and a deploy/ folder, with the tarball under tools/ as the README suggests. */
const workspace = join(temp, 'workspace');
const npmrc = join(temp, 'npmrc');

/**
 * npm configured for this test only: an empty prefix, cache and user config, no network.
 * The npm_config_* variables of an enclosing `npm test` (prefix=/usr among them) are dropped.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    npm_config_prefix: prefix,
    npm_config_cache: join(temp, 'npm-cache'),
    npm_config_userconfig: npmrc,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(command, args, { cwd: workspace, env: npmEnv(), encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** A `run:` line of a GitHub Actions step, as the runner's default shell on Linux runs it. */
function runStep(line: string): Run {
  return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line]);
}

const daemonset = (...args: string[]) => run('daemonset', args);

/** The `- run:` lines of the README's GitHub Actions snippet (section "In CI"). */
function readmeWorkflowSteps(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('In CI\n'));
  assert.ok(section, 'README.md has an "In CI" section');
  const workflow = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(workflow, 'the "In CI" section has a yaml snippet');
  return [...workflow.matchAll(/^\s*- run: (.+)$/gm)].map((match) => match[1]);
}

const golden = (name: string) => readFileSync(join(goldenDir, name), 'utf8');

describe('the daemonset package, installed from its tarball', () => {
  before(() => {
    writeFileSync(npmrc, '');
    cpSync(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true });
    mkdirSync(join(workspace, 'deploy'));
    for (const file of ['selector-drift.yaml', 'nginx-ds.yaml'])
      copyFileSync(join(repoRoot, 'examples', file), join(workspace, 'deploy', file));
    const packed = run(
      process.execPath,
      [join(repoRoot, 'scripts', 'package-cli.mjs'), '--out-dir', join(workspace, 'tools')],
      { cwd: repoRoot },
    );
    assert.equal(packed.code, 0, packed.stderr);
  });

  it('installs offline with the README line into an empty prefix, fetching nothing', () => {
    const [install] = readmeWorkflowSteps();
    assert.match(install, /^npm install -g /);
    const installed = runStep(install);
    assert.equal(installed.code, 0, installed.stderr);
    // Only the package itself: no dependency, nothing from the registry.
    assert.deepEqual(readdirSync(join(prefix, 'lib', 'node_modules')), ['daemonset']);
    const packageDir = join(prefix, 'lib', 'node_modules', 'daemonset');
    assert.deepEqual(readdirSync(packageDir).sort(), ['LICENSE', 'README.md', 'bin', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'daemonset');
    assert.equal(manifest.version, rootManifest.version);
    assert.deepEqual(manifest.bin, { daemonset: 'bin/daemonset.js' });
    for (const field of [
      'dependencies',
      'devDependencies',
      'optionalDependencies',
      'peerDependencies',
      'scripts',
    ])
      assert.equal(manifest[field], undefined, field);
    assert.doesNotMatch(
      readFileSync(join(packageDir, 'bin', 'daemonset.js'), 'utf8'),
      /require\(["']vscode["']\)/,
    );
    assert.ok(existsSync(join(prefix, 'bin', 'daemonset')));
  });

  it('--version prints the package version', () => {
    assert.deepEqual(daemonset('--version'), { code: 0, stdout: `${rootManifest.version}\n`, stderr: '' });
  });

  it('--help prints the usage with every command, also from another directory', () => {
    assert.deepEqual(daemonset('--help'), { code: 0, stdout: mainHelp(), stderr: '' });
    assert.deepEqual(run('daemonset', ['--help'], { cwd: tmpdir() }), {
      code: 0,
      stdout: mainHelp(),
      stderr: '',
    });
    assert.match(mainHelp(), /^ {2}lint .*\n {2}preview .*\n {2}rollout /m);
  });

  it('lint exits 1 on the selector-drift example', () => {
    const result = daemonset('lint', 'examples/selector-drift.yaml');
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /^examples\/selector-drift\.yaml:14:7 error selector-drift Selector does not match template labels/m,
    );
    assert.match(result.stderr, /^1 error, \d+ warnings?, \d+ notes? in 1 file\n$/);
  });

  it('lint exits 0 on a clean manifest', () => {
    const result = daemonset('lint', 'examples/nginx-ds.yaml');
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stderr, /^0 errors, \d+ warnings?, \d+ notes? in 1 file\n$/);
  });

  it('lint exits 2 with one line on a missing file', () => {
    assert.deepEqual(daemonset('lint', 'deploy/missing.yaml'), {
      code: 2,
      stdout: '',
      stderr: 'daemonset: deploy/missing.yaml: cannot read: no such file or directory\n',
    });
  });

  it('exits 2 on an unknown command', () => {
    const result = daemonset('lnt', 'deploy/');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^daemonset: unknown command "lnt"/);
  });

  it('preview prints the placement of the example inventory', () => {
    const result = daemonset(
      'preview',
      'examples/nginx-ds.yaml',
      '--inventory',
      'examples/nodes/kind-cluster.nodes.yaml',
    );
    assert.deepEqual(result, { code: 0, stdout: golden('cli/preview-nginx-kind.txt'), stderr: '' });
  });

  it('rollout prints the steps on the example inventory', () => {
    const result = daemonset(
      'rollout',
      'examples/nginx-ds-updated.yaml',
      '--from',
      'examples/nginx-ds.yaml',
      '--inventory',
      'examples/nodes/mixed-pool.nodes.yaml',
    );
    assert.deepEqual(result, { code: 0, stdout: golden('cli/rollout-nginx-mixed.txt'), stderr: '' });
  });

  it('the README lint line writes SARIF 2.1.0 for upload-sarif and fails the step on the drift', () => {
    const [, lint] = readmeWorkflowSteps();
    assert.match(lint, /^daemonset lint --format sarif .* > daemonset\.sarif$/);
    const result = runStep(lint);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, '');
    const sarif = JSON.parse(readFileSync(join(workspace, 'daemonset.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const validate = sarifSchemaValidator();
    assert.equal(validate(sarif), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const drift = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'selector-drift');
    assert.equal(drift.level, 'error');
    assert.deepEqual(drift.locations[0].physicalLocation.artifactLocation, {
      uri: 'deploy/selector-drift.yaml',
      uriBaseId: '%SRCROOT%',
    });
    assert.equal(drift.locations[0].physicalLocation.region.startLine, 14);
  });
});

describe("this repository's package (npx daemonset in a clone, pre-commit)", () => {
  const repoRun = (command: string, args: readonly string[]) => run(command, args, { cwd: repoRoot });

  it('npm pack ships the bin and the CLI bundle, built by the prepare script', () => {
    const packed = repoRun('npm', ['pack', '--dry-run', '--json']);
    assert.equal(packed.code, 0, packed.stderr);
    const files = (JSON.parse(packed.stdout)[0].files as Array<{ path: string }>).map((file) => file.path);
    assert.equal(rootManifest.bin.daemonset, './bin/daemonset.js');
    assert.ok(files.includes('bin/daemonset.js'), files.join(' '));
    assert.ok(files.includes('dist/cli.js'), files.join(' '));
    assert.deepEqual(
      files.filter(
        (file) =>
          ![
            'bin/daemonset.js',
            'dist/cli.js',
            'package.json',
            'README.md',
            'CHANGELOG.md',
            'LICENSE',
          ].includes(file),
      ),
      [],
    );
  });

  it('npx daemonset runs the command with its exit status', () => {
    const drift = repoRun('npx', ['daemonset', 'lint', 'examples/selector-drift.yaml']);
    assert.equal(drift.code, 1, drift.stderr);
    assert.match(drift.stdout, /^examples\/selector-drift\.yaml:14:7 error selector-drift /m);
    assert.deepEqual(repoRun('npx', ['daemonset', '--version']), {
      code: 0,
      stdout: `${rootManifest.version}\n`,
      stderr: '',
    });
  });

  it('bin/daemonset.js runs from another directory', () => {
    const bin = join(repoRoot, 'bin', 'daemonset.js');
    assert.equal(run(process.execPath, [bin, 'lint', 'deploy/selector-drift.yaml']).code, 1);
    assert.equal(run(process.execPath, [bin, 'lint', 'deploy/nginx-ds.yaml']).code, 0);
    assert.equal(run(process.execPath, [bin, 'lint', 'deploy/missing.yaml']).code, 2);
  });

  it('.pre-commit-hooks.yaml runs the package bin on YAML files', () => {
    const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hooks.length, 1);
    const [hook] = hooks;
    assert.equal(hook.id, 'daemonset-lint');
    assert.equal(hook.entry, 'daemonset lint');
    assert.equal(hook.language, 'node');
    // Older pre-commit cannot install a package with a prepare script under npm 10+ (README, "In CI").
    assert.equal(hook.minimum_pre_commit_version, '4.6.2');
    assert.ok(rootManifest.scripts.prepare);
    assert.ok(rootManifest.bin[hook.entry.split(' ')[0]]);
    const files = new RegExp(hook.files);
    for (const name of ['ds.yaml', 'deploy/ds.yml']) assert.match(name, files);
    for (const name of ['package.json', 'yaml.md']) assert.doesNotMatch(name, files);
  });
});
