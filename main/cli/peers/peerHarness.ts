/**
 * Test harness of the cross-check suite: export a document, run the script in the real peer,
 * run our engine, compare (shared/interop/compare.ts). Measured differences are appended to
 * .tmp/crosscheck-measured.jsonl for the decision record (docs/decisions/0018).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NetworkDocument } from '../../../shared/document/model';
import { exportBrian2 } from '../../../shared/interop/brian2/exportBrian2';
import {
  compareResults,
  type Comparison,
  type ResultLike,
  type Tolerances,
} from '../../../shared/interop/compare';
import type { ExportResult, InputsMode } from '../../../shared/interop/network';
import { exportPynn } from '../../../shared/interop/pynn/exportPynn';
import { createSimulation } from '../../../shared/sim/createSimulation';
import { ResultCollector, type RunResult } from '../../../shared/sim/runResult';
import { SimulationError } from '../../../shared/sim/types';
import { writeExportFolder } from '../exportCommand';

export const PYTHON = '/usr/bin/python3';

export function peersInstalled(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import brian2, pyNN, neuron'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Our run, as the CLI writes it; a SimulationError becomes { error }. */
export function runOurs(doc: NetworkDocument): RunResult | { error: string } {
  const created = createSimulation(doc, {});
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('; '));
  const sim = created.simulation;
  const collector = new ResultCollector(
    sim.plan.spiking.map((n) => ({ id: n.id, size: n.size })),
    sim.dt,
  );
  try {
    while (sim.stepsDone < sim.totalSteps) collector.add(sim.advance(100_000));
  } catch (e) {
    if (e instanceof SimulationError) return { error: e.message };
    throw e;
  }
  return collector.finish({ duration: doc.simulation.duration, seed: doc.simulation.seed }, sim, {
    compileSeconds: 0,
    runSeconds: 0,
  });
}

export interface PeerRun {
  dir: string;
  code: number;
  stderr: string;
  result: ResultLike | null;
  seconds: number;
}

const root = mkdtempSync(path.join(tmpdir(), 'ns-peers-'));

export async function exportTo(
  to: 'brian2' | 'pynn',
  name: string,
  doc: NetworkDocument,
  inputs: InputsMode = 'as-drawn',
): Promise<string> {
  const result: ExportResult =
    to === 'brian2' ? exportBrian2(doc, { inputs }) : exportPynn(doc, { inputs });
  if (!result.ok) throw new Error(result.problems.map((p) => p.text).join('; '));
  const dir = path.join(root, `${to}-${name}-${inputs}`);
  await writeExportFolder(dir, result.files);
  return dir;
}

/** Run `command args` in dir (the script writes result.json there). */
export function runScript(dir: string, command: string[], timeoutSeconds = 240): PeerRun {
  const started = performance.now();
  const r = spawnSync(command[0]!, command.slice(1), {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    env: { ...process.env, OMPI_MCA_plm_rsh_agent: '', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  let result: ResultLike | null = null;
  const out = command[command.indexOf('--out') + 1]!;
  if (r.status === 0) result = JSON.parse(readFileSync(path.join(dir, out), 'utf8')) as ResultLike;
  return {
    dir,
    code: r.status ?? -1,
    stderr: (r.stderr ?? '') + (r.error?.message ?? ''),
    result,
    seconds,
  };
}

export function brian2(dir: string, dt?: number, device = 'runtime', duration?: number): PeerRun {
  const args = [PYTHON, 'circuit.py', '--device', device, '--out', 'result.json'];
  if (dt !== undefined) args.push('--dt', String(dt));
  if (duration !== undefined) args.push('--duration', String(duration));
  return runScript(dir, args);
}

/** PyNN script on `ranks` MPI processes (1: plain python). */
export function pynn(
  dir: string,
  options: { dt?: number; duration?: number; ranks?: number; out?: string } = {},
): PeerRun {
  const out = options.out ?? 'result.json';
  const args = [PYTHON, 'circuit.py', '--backend', 'neuron', '--out', out];
  if (options.dt !== undefined) args.push('--dt', String(options.dt));
  if (options.duration !== undefined) args.push('--duration', String(options.duration));
  const ranks = options.ranks ?? 1;
  const command =
    ranks > 1
      ? ['mpirun', '--allow-run-as-root', '--oversubscribe', '-np', String(ranks), ...args]
      : args;
  return runScript(dir, command);
}

/** One line of the measured-differences table. */
export function record(
  peer: string,
  name: string,
  peerDt: number,
  c: Comparison,
  tol: Tolerances,
  seconds: number,
): void {
  mkdirSync('.tmp', { recursive: true });
  const spikes = c.spikes.filter((s) => !s.missing);
  const worst = (f: (s: (typeof spikes)[number]) => number | null): number | null =>
    spikes.reduce<number | null>((m, s) => {
      const v = f(s);
      return v === null ? m : Math.max(m ?? 0, v);
    }, null);
  appendFileSync(
    '.tmp/crosscheck-measured.jsonl',
    JSON.stringify({
      peer,
      name,
      peerDt,
      seconds: Math.round(seconds * 10) / 10,
      maxCountDiff: worst((s) => s.maxCountDiff),
      maxFirstDiff: worst((s) => s.firstDiff),
      maxPairedDiff: worst((s) => s.timeDiff),
      maxRateRel: worst((s) => s.rateRel),
      maxKs: worst((s) => s.ks),
      maxTraceShifted: c.traces.reduce((m, t) => Math.max(m, t.shiftedDiff), 0),
      tolerances: tol,
      failures: c.failures,
    }) + '\n',
  );
}

export function compare(ours: ResultLike, peer: ResultLike, tol: Tolerances): Comparison {
  return compareResults(ours, peer, tol);
}

/**
 * Tolerances of a clock-driven peer at step h on a feed-forward spiking circuit: spike counts
 * exact; a spike within one step h (the peer detects a crossing at the end of the step it falls
 * in), plus h per spike that reached or left the element before it (each moves later spikes by
 * less than h: drift = h x total rate); traces matched within that time shift.
 */
export function gridTolerances(
  ours: RunResult,
  h: number,
  traceTolerance: number,
  sampleDt: number,
): Tolerances {
  // a trace moved in time: its samples lie within the range of the other's samples over the shift
  // window, up to how far the trajectory moves in one sample interval (99th percentile of the
  // per-sample changes: resets and synaptic jumps are rarer than 1 % of the samples)
  const perTrace: Record<string, number> = {};
  for (const [id, trace] of Object.entries(ours.traces)) {
    const deltas: number[] = [];
    for (const series of trace.values)
      for (let k = 1; k < series.length; k++) deltas.push(Math.abs(series[k]! - series[k - 1]!));
    deltas.sort((x, y) => x - y);
    const p99 = deltas[Math.floor(0.99 * (deltas.length - 1))] ?? 0;
    perTrace[id] = traceTolerance + p99;
  }
  let rate = 0;
  for (const trains of Object.values(ours.spikes)) {
    let n = 0;
    for (const t of trains) n += t.length;
    rate += n / ours.duration; // spikes per second of the whole node
  }
  const time = 1.5 * h;
  const drift = rate * h;
  // traces are checked while spikes can have moved by less than one sample interval: later, a
  // displaced input changes the shape of a downstream trajectory, not only its timing
  const traceUntil = drift > 0 ? Math.max(0, (sampleDt - time) / drift) : Infinity;
  return { count: 0, time, drift, trace: traceTolerance, shift: 1, perTrace, traceUntil };
}
