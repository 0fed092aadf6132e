/**
 * Peers side by side (issues 13 and 14): when Brian2 and g++ are installed, cuba-4000,
 * scaling-64000 and scaling-256000 are exported to Brian2 cpp_standalone and compiled once per
 * thread count (one thread, and OpenMP on two threads; compile time reported as its own figure).
 * Then, alternating in one run, each case is timed RUNS times:
 *   - ours, loop: our engine's stepping, in this process, with the second thread where the CLI
 *     and the app use one (populations of 16,000 elements or more);
 *   - ours, process: `node out/main/cli.js run FILE --out RESULT`, the whole CLI process (start,
 *     read, validate, compile, run, write the result JSON), with its peak memory;
 *   - Brian2, loop: the binary's own run time (results/last_run_info.txt);
 *   - Brian2, process: the compiled binary's whole process, with its peak memory.
 * Ratios are ours / Brian2 (below 1 = we are faster), median of the per-run ratios, for Brian2 on
 * one thread (`ratio_vs_brian2_cpp_*`) and with OpenMP on two (`ratio_vs_brian2_cpp_omp2_*`).
 * Without the peers it prints one line saying so and exits 0. Needs `npm run -s build` (the CLI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NetworkDocument } from '../shared/document/model';
import { loadDocument } from '../shared/document/loadDocument';
import { exportBrian2 } from '../shared/interop/brian2/exportBrian2';
import { createSimulation } from '../shared/sim/createSimulation';
import { writeExportFolder } from '../main/cli/exportCommand';
import { stepThreadsFor } from '../main/services/stepThreads';
import { median, report } from './benchOutput';
import { cubaNetwork } from './cubaNetwork';

const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const CLI = path.resolve('out/main/cli.js');
const have =
  spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('g++', ['--version'], { stdio: 'ignore' }).status === 0;
if (!have) {
  console.error('peers: Brian2 or g++ not installed (sudo bash scripts/install-peers.sh); skipped');
  process.exit(0);
}
if (!existsSync(CLI)) {
  console.error('peers: out/main/cli.js is missing: run `npm run -s build` first');
  process.exit(1);
}
const only = process.env['NEUROSKETCH_PEERS_CASES']?.split(',');

const loaded = loadDocument(readFileSync('examples/cuba.neuro', 'utf8'));
if (!loaded.ok) throw new Error('examples/cuba.neuro does not load');
const cases: Array<[string, () => NetworkDocument, number]> = [
  ['cuba-4000', () => loaded.document, 9],
  ['scaling-64000', () => cubaNetwork(64000, 80), 3],
  ['scaling-256000', () => cubaNetwork(256000, 80), 1],
];

/** Our stepping, with the second thread where the CLI and the app would use one. */
async function oursLoop(doc: NetworkDocument): Promise<number> {
  const threads = stepThreadsFor(doc);
  try {
    const created = createSimulation(doc, { stepHelper: threads });
    if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
    const sim = created.simulation;
    const t0 = performance.now();
    while (sim.stepsDone < sim.totalSteps) sim.advance(1e6);
    return (performance.now() - t0) / 1000;
  } finally {
    await threads?.close();
  }
}

/**
 * Wall seconds (measured here, to the microsecond: GNU time's own figure has 10 ms steps) and peak
 * resident memory (bytes, from GNU time) of one process.
 */
function timed(command: string, args: string[], cwd: string): { seconds: number; peak: number } {
  const stats = path.join(cwd, 'time.txt');
  const t0 = performance.now();
  const ran = spawnSync(TIME, ['-f', '%M', '-o', stats, command, ...args], {
    cwd,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - t0) / 1000;
  if (ran.status !== 0) throw new Error(`${command} failed\n${ran.stderr}`);
  return { seconds, peak: Number(readFileSync(stats, 'utf8').trim()) * 1024 };
}

function buildBrian2(name: string, doc: NetworkDocument, dir: string, threads: number): string {
  const buildDir = path.join(dir, `build-${threads}`);
  const c0 = performance.now();
  const built = spawnSync(
    PYTHON,
    [
      'circuit.py',
      '--device',
      'cpp',
      '--build-only',
      '--build-dir',
      buildDir,
      '--threads',
      String(threads),
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`${name}: cpp_standalone build failed\n${built.stderr}`);
  report(
    name,
    threads > 0 ? 'brian2_cpp_omp2_compile_seconds' : 'brian2_cpp_compile_seconds',
    (performance.now() - c0) / 1000,
    's',
  );
  return buildDir;
}

function runBrian2(buildDir: string): { loop: number; seconds: number; peak: number } {
  const { seconds, peak } = timed(path.join(buildDir, 'main'), [], buildDir);
  const info = readFileSync(path.join(buildDir, 'results', 'last_run_info.txt'), 'utf8');
  return { loop: Number(info.trim().split(/\s+/)[0]), seconds, peak };
}

for (const [name, make, runs] of cases) {
  if (only && !only.includes(name)) continue;
  const doc = make();
  const exported = exportBrian2(doc);
  if (!exported.ok) throw new Error(`${name} does not export`);
  const dir = mkdtempSync(path.join(tmpdir(), `ns-bench-${name}-`));
  await writeExportFolder(dir, exported.files);
  const file = path.join(dir, 'circuit.neuro');
  writeFileSync(file, JSON.stringify(doc));
  const builds = [buildBrian2(name, doc, dir, 0), buildBrian2(name, doc, dir, 2)];
  const figures = {
    oursLoop: [] as number[],
    oursProcess: [] as number[],
    oursPeak: [] as number[],
    brian: [[], []] as Array<Array<{ loop: number; seconds: number; peak: number }>>,
    loopRatio: [[], []] as number[][],
    processRatio: [[], []] as number[][],
  };
  for (let r = 0; r < runs; r++) {
    const loop = await oursLoop(doc);
    const proc = timed(process.execPath, [CLI, 'run', file, '--out', 'result.json'], dir);
    figures.oursLoop.push(loop);
    figures.oursProcess.push(proc.seconds);
    figures.oursPeak.push(proc.peak);
    builds.forEach((buildDir, b) => {
      const theirs = runBrian2(buildDir);
      figures.brian[b]!.push(theirs);
      figures.loopRatio[b]!.push(loop / theirs.loop);
      figures.processRatio[b]!.push(proc.seconds / theirs.seconds);
    });
  }
  report(name, 'ours_loop_seconds', median(figures.oursLoop), 's');
  report(name, 'ours_process_seconds', median(figures.oursProcess), 's');
  report(name, 'ours_peak_memory_mb', Math.max(...figures.oursPeak) / 1e6, 'MB');
  (['', 'omp2_'] as const).forEach((tag, b) => {
    const theirs = figures.brian[b]!;
    report(name, `brian2_cpp_${tag}loop_seconds`, median(theirs.map((x) => x.loop)), 's');
    report(name, `brian2_cpp_${tag}process_seconds`, median(theirs.map((x) => x.seconds)), 's');
    report(
      name,
      `brian2_cpp_${tag}peak_memory_mb`,
      Math.max(...theirs.map((x) => x.peak)) / 1e6,
      'MB',
    );
    report(name, `ratio_vs_brian2_cpp_${tag}loop`, median(figures.loopRatio[b]!), 'x');
    report(name, `ratio_vs_brian2_cpp_${tag}process`, median(figures.processRatio[b]!), 'x');
  });
  rmSync(dir, { recursive: true, force: true });
}
