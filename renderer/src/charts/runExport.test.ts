/**
 * Exports equal the CLI's result for the same frames: the session's buffers rebuilt into the result
 * JSON match shared/sim/runResult.ts's ResultCollector (stats aside), whatever the chunking; the
 * CSV is the long form; live edits are carried.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { ResultCollector } from '../../../shared/sim/runResult';
import type { SimulationFrame } from '../../../shared/sim/types';
import { SimulationSession } from '../run/SimulationSession';
import { buildRunResult, resultToCsv } from './runExport';
import { frameHost } from '../run/testSupport';

const doc = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.001, duration: 0.02, seed: 7 },
  nodes: [
    { id: 'A', kind: 'neuron', model: 'lif' },
    { id: 'P', kind: 'population', size: 3, model: 'lif' },
  ],
  edges: [],
  probes: [{ id: 'vP', target: 'P', variable: 'v', indices: [2, 0] }],
} as unknown as NetworkDocument;

/** Frames of a made-up 20-step run, cut into chunks of `chunk` steps. */
function frames(chunk: number): SimulationFrame[] {
  const out: SimulationFrame[] = [];
  for (let from = 0; from < 20; from += chunk) {
    const to = Math.min(20, from + chunk);
    const steps = Array.from({ length: to - from + (from === 0 ? 1 : 0) }, (_, i) =>
      from === 0 ? i : from + 1 + i,
    );
    const spikeSteps = steps.filter((k) => k % 4 === 1);
    const spikeTimes = spikeSteps.map((k) => k * 0.001 - 0.0003);
    out.push({
      stepFrom: from,
      stepTo: to,
      dt: 0.001,
      traces: [
        {
          probeId: 'vP',
          target: 'P',
          variable: 'v',
          indices: Int32Array.of(2, 0),
          steps: Float64Array.from(steps),
          values: Float64Array.from([...steps.map((k) => k / 7), ...steps.map((k) => -k / 3)]),
        },
      ],
      spikes: [
        {
          nodeId: 'P',
          index: Int32Array.from(spikeSteps.map((k) => (k >> 2) % 3)),
          time: Float64Array.from(spikeTimes),
        },
      ],
    });
  }
  return out;
}

globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => {
  setTimeout(() => cb(0), 0);
  return 0;
}) as typeof requestAnimationFrame;

function liveResult(chunk: number) {
  const { host, emit } = frameHost();
  const session = new SimulationSession(host);
  session.beginRun('run-1', 0.001, doc);
  frames(chunk).forEach((frame, seq) => emit({ runId: 'run-1', seq, frame }));
  return { session, result: buildRunResult(session)! };
}

describe('run export', () => {
  it("equals the CLI collector's result, whatever the chunking", () => {
    const collector = new ResultCollector(
      [
        { id: 'A', size: 1 },
        { id: 'P', size: 3 },
      ],
      0.001,
    );
    frames(20).forEach((f) => collector.add(f));
    const fakeSim = { dt: 0.001, totalSteps: 20, stepsDone: 20, advance: () => frames(1)[0]! };
    const cli = collector.finish({ duration: 0.02, seed: 7 }, fakeSim, {
      compileSeconds: 0,
      runSeconds: 0,
    });
    for (const chunk of [1, 3, 20]) {
      const { result } = liveResult(chunk);
      expect(result.spikes).toEqual(cli.spikes);
      expect(result.traces).toEqual(cli.traces);
      expect({ ...result, stats: null }).toEqual({ ...cli, stats: null });
      expect(result.stats.steps).toBe(20);
      expect(result.stats.spikes).toBe(cli.stats.spikes);
    }
  });

  it('writes the long CSV, sorted by kind, id, index, t', () => {
    const { result } = liveResult(5);
    const lines = resultToCsv(result).trimEnd().split('\n');
    // The app names the time column with its unit; the CLI keeps the contract's `t`.
    expect(lines[0]).toBe('kind,id,variable,index,t_s,value');
    expect(lines[1]).toMatch(/^spike,P,,0,/);
    const traces = lines.filter((l) => l.startsWith('trace,'));
    expect(traces[0]).toBe('trace,vP,v,0,0,0');
    expect(traces.length).toBe(2 * 21);
  });

  it('marks a run edited live and carries the edit log', () => {
    const { session } = liveResult(5);
    session.logEdit({ timeSeconds: 0.01, field: 'A.params.bias', oldValue: 1.5, newValue: 2 });
    const result = buildRunResult(session)!;
    expect(result.editedLive).toBe(true);
    expect(result.liveEdits).toEqual([{ t: 0.01, field: 'A.params.bias', old: 1.5, new: 2 }]);
    const csv = resultToCsv(result).split('\n');
    expect(csv.slice(1, 3)).toEqual([
      'edit,A.params.bias,old,,0.01,1.5',
      'edit,A.params.bias,new,,0.01,2',
    ]);
  });
});

describe('resultToCsv of a large population run', () => {
  it('writes 16 neurons x 10,001 samples and 45,000 spikes without overflowing the stack', () => {
    const samples = 10_001;
    const t = Array.from({ length: samples }, (_, k) => k * 1e-4);
    const result = {
      format: 'neurosketch-result' as const,
      version: 1 as const,
      dt: 1e-4,
      duration: 1,
      seed: 1,
      spikes: {
        P: Array.from({ length: 100 }, (_, e) =>
          Array.from({ length: 450 }, (_, k) => (k + e / 100) / 450),
        ),
      },
      traces: {
        vP: {
          target: 'P',
          variable: 'v',
          indices: Array.from({ length: 16 }, (_, k) => k),
          t,
          values: Array.from({ length: 16 }, (_, e) => t.map((x) => x * e)),
        },
      },
      stats: { steps: 10_000, spikes: 45_000, compileSeconds: 0, runSeconds: 1, wallSeconds: 1 },
    };
    const csv = resultToCsv(result);
    const lines = csv.split('\n');
    // header + spikes + traces + the final empty string after the trailing newline
    expect(lines.length).toBe(1 + 45_000 + 16 * samples + 1);
    expect(lines[1]).toBe('spike,P,,0,0,');
    expect(lines[lines.length - 2]).toBe(`trace,vP,v,15,${t[samples - 1]},${t[samples - 1]! * 15}`);
  });
});
