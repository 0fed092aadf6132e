/**
 * Peers side by side (issue 13): when Brian2 and g++ are installed, cuba-4000 and scaling-64000 are
 * exported to Brian2 cpp_standalone and compiled once (compile time reported as its own figure),
 * then our engine and the compiled binary run alternately in this process, three times each.
 * Ratios (ours / Brian2, below 1 = we are faster): `ratio_vs_brian2_cpp_loop` compares stepping
 * (our engine's stepping; the binary's own run time from results/last_run_info.txt) and
 * `ratio_vs_brian2_cpp_process` whole runs (our compile + stepping; the binary's process).
 * Without the peers it prints one line saying so and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NetworkDocument } from '../shared/document/model';
import { loadDocument } from '../shared/document/loadDocument';
import { exportBrian2 } from '../shared/interop/brian2/exportBrian2';
import { createSimulation } from '../shared/sim/createSimulation';
import { writeExportFolder } from '../main/cli/exportCommand';
import { median, report } from './benchOutput';
import { cubaNetwork } from './cubaNetwork';

const PYTHON = '/usr/bin/python3';
const have =
  spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('g++', ['--version'], { stdio: 'ignore' }).status === 0;
if (!have) {
  console.error('peers: Brian2 or g++ not installed (sudo bash scripts/install-peers.sh); skipped');
  process.exit(0);
}

const loaded = loadDocument(readFileSync('examples/cuba.neuro', 'utf8'));
if (!loaded.ok) throw new Error('examples/cuba.neuro does not load');
const cases: Array<[string, NetworkDocument]> = [
  ['cuba-4000', loaded.document],
  ['scaling-64000', cubaNetwork(64000, 80)],
];

function ours(doc: NetworkDocument): { build: number; loop: number } {
  const t0 = performance.now();
  const created = createSimulation(doc);
  const t1 = performance.now();
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
  const sim = created.simulation;
  while (sim.stepsDone < sim.totalSteps) sim.advance(1e6);
  return { build: (t1 - t0) / 1000, loop: (performance.now() - t1) / 1000 };
}

for (const [name, doc] of cases) {
  const exported = exportBrian2(doc);
  if (!exported.ok) throw new Error(`${name} does not export`);
  const dir = mkdtempSync(path.join(tmpdir(), `ns-bench-${name}-`));
  await writeExportFolder(dir, exported.files);
  const buildDir = path.join(dir, 'build');
  const c0 = performance.now();
  const built = spawnSync(
    PYTHON,
    ['circuit.py', '--device', 'cpp', '--build-only', '--build-dir', buildDir],
    { cwd: dir, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`${name}: cpp_standalone build failed\n${built.stderr}`);
  report(name, 'brian2_cpp_compile_seconds', (performance.now() - c0) / 1000, 's');
  const loopRatios: number[] = [];
  const processRatios: number[] = [];
  const brianLoops: number[] = [];
  for (let r = 0; r < 3; r++) {
    const mine = ours(doc);
    const p0 = performance.now();
    const ran = spawnSync(path.join(buildDir, 'main'), [], { cwd: buildDir, encoding: 'utf8' });
    const processSeconds = (performance.now() - p0) / 1000;
    if (ran.status !== 0) throw new Error(`${name}: the compiled binary failed\n${ran.stderr}`);
    const info = readFileSync(path.join(buildDir, 'results', 'last_run_info.txt'), 'utf8');
    const loop = Number(info.trim().split(/\s+/)[0]);
    brianLoops.push(loop);
    loopRatios.push(mine.loop / loop);
    processRatios.push((mine.build + mine.loop) / processSeconds);
  }
  report(name, 'brian2_cpp_loop_seconds', median(brianLoops), 's');
  report(name, 'ratio_vs_brian2_cpp_loop', median(loopRatios), 'x');
  report(name, 'ratio_vs_brian2_cpp_process', median(processRatios), 'x');
}
