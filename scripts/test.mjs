#!/usr/bin/env node
/**
 * `npm test`: build, typecheck, lint, format check, unit tests (Vitest), the cross-check suite
 * against the real peers (Brian2, PyNN/NEURON; skipped with one line when they are missing), e2e
 * (Playwright, in the Chromium scripts/findBrowser.mjs finds: the system's, Playwright's own, or on
 * Debian as root one it installs with apt-get; else one sentence naming the command to run).
 * Every suite runs even when an earlier one fails; the last line sums them all:
 *   N passed, N failed
 * (typecheck projects, lint and format count one check each; Vitest and Playwright count tests).
 * The same line is written to .tmp/test-summary.txt for .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser, systemEnv } from './findBrowser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`

let passed = 0;
let failed = 0;
const lines = [];

function run(label, command, args, env = {}) {
  const started = performance.now();
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

function check(label, command, args) {
  if (only.length && !only.some((o) => label.includes(o))) return;
  const { ok, seconds } = run(label, command, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`);
}

function suite(label, command, args, reportFile, count, env) {
  if (only.length && !only.some((o) => label.includes(o))) return;
  rmSync(reportFile, { force: true });
  const { ok, seconds } = run(label, command, args, env);
  let p = 0;
  let f = 0;
  if (existsSync(reportFile)) {
    try {
      [p, f] = count(JSON.parse(readFileSync(reportFile, 'utf8')));
    } catch {
      f = 1;
    }
  }
  if (!ok && f === 0) f = 1; // the runner failed without a failing test: count the suite itself
  passed += p;
  failed += f;
  lines.push(`${f === 0 ? 'ok  ' : 'FAIL'} ${label}: ${p} passed, ${f} failed (${seconds} s)`);
}

check('build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
for (const project of ['shared', 'main', 'renderer', 'tsconfig.test.json']) {
  check(`typecheck ${project}`, bin('tsc'), ['-p', project]);
}
check('lint', bin('eslint'), ['--max-warnings', '0', '.']);
check('electronegativity', process.execPath, [path.join(root, 'scripts', 'electronegativity.mjs')]);
check('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
const vitestReport = path.join(tmp, 'vitest.json');
suite(
  'unit',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  (r) => [r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0)],
);
// The cross-check suite runs exported circuits in the real peers (Brian2, PyNN on NEURON).
// Without them it is skipped with one line saying how to install them; .ci/run installs them and
// sets NEUROSKETCH_REQUIRE_PEERS=1, so CI never skips it.
const peersReport = path.join(tmp, 'vitest-peers.json');
if (!only.length || only.some((o) => 'cross-check'.includes(o))) {
  const probe = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import glob, os, brian2, pyNN.neuron as p; ' +
        "assert glob.glob(os.path.join(os.path.dirname(p.__file__), 'nmodl', '*', 'libnrnmech.so'))",
    ],
    { stdio: 'ignore' },
  );
  if (probe.status === 0 || process.env.NEUROSKETCH_REQUIRE_PEERS === '1') {
    suite(
      'cross-check',
      bin('vitest'),
      [
        'run',
        '-c',
        'vitest.peers.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${peersReport}`,
      ],
      peersReport,
      (r) => [r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0)],
    );
  } else {
    const why =
      'skipped cross-check suite (Brian2, PyNN and NEURON not installed); install them with: sudo bash scripts/install-peers.sh';
    console.log(`\n=== cross-check\n${why}`);
    lines.push(`skip ${why}`);
  }
}
const playwrightReport = path.join(tmp, 'playwright.json');
if (!only.length || only.some((o) => 'e2e'.includes(o))) {
  // The e2e suite's browser, found (or installed on Debian as root) by npm test itself.
  const browser = findBrowser(systemEnv());
  if (browser.ok) {
    if (browser.how !== 'system') console.log(`npm test: e2e uses ${browser.path}`);
    suite(
      'e2e',
      bin('playwright'),
      ['test'],
      playwrightReport,
      (r) => [(r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0), r.stats?.unexpected ?? 0],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, NEUROSKETCH_CHROMIUM: browser.path },
    );
  } else {
    console.log(`\n=== e2e\n${browser.message}`);
    failed++;
    lines.push(`FAIL e2e: ${browser.message}`);
  }
}

console.log('\n=== summary');
for (const line of lines) console.log(line);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(path.join(tmp, 'test-summary.txt'), summary + '\n');
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
