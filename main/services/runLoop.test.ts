/**
 * The RunLoop against a fake Simulation and a hand-driven clock: pausing, stepping, credit,
 * live edits (with and without the engine's applyEdit) and a runtime failure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/document/loadDocument';
import { createSimulation } from '../../shared/sim/createSimulation';
import type { RunStatus } from '../../shared/ipc/contract';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import type { Issue, LiveEdit, Simulation, SimulationFrame } from '../../shared/sim/types';
import { ChunkFailure, SimulationError } from '../../shared/sim/types';
import { MAX_FRAME_BYTES, NEEDS_RESTART, RunLoop, frameBytes } from './runLoop';

interface FakeOptions {
  totalSteps: number;
  /** Recorded numbers per step (one probe of that many elements). */
  probedPerStep?: number;
  /** Step at which the state goes non-finite. */
  failAt?: number;
  /** The failure carries the chunk's frame up to the failing step (a ChunkFailure, as the engine's). */
  framesFailure?: boolean;
  applyEdit?: (edit: LiveEdit) => Issue | null;
}

function fakeSimulation(options: FakeOptions): Simulation {
  const dt = 1e-4;
  let stepsDone = 0;
  const sim: Simulation = {
    dt,
    totalSteps: options.totalSteps,
    get stepsDone() {
      return stepsDone;
    },
    advance(maxSteps: number): SimulationFrame {
      const stepFrom = stepsDone;
      const stepTo = Math.min(options.totalSteps, stepFrom + Math.floor(maxSteps));
      if (options.failAt !== undefined && options.failAt >= stepFrom && options.failAt < stepTo) {
        stepsDone = options.failAt;
        const error = new SimulationError('C', options.failAt * dt, 'the rate is not finite');
        if (!options.framesFailure) throw error;
        throw new ChunkFailure(error, frameOf(stepFrom, options.failAt));
      }
      stepsDone = stepTo;
      return frameOf(stepFrom, stepTo);
    },
  };
  /** The frame of steps [stepFrom, stepTo): one sample after each step (steps stepFrom + 1 on). */
  function frameOf(stepFrom: number, stepTo: number): SimulationFrame {
    const width = options.probedPerStep ?? 0;
    const n = stepTo - stepFrom;
    const traces =
      width > 0
        ? [
            {
              probeId: 'p',
              target: 'A',
              variable: 'v',
              indices: new Int32Array(width),
              steps: Float64Array.from({ length: n }, (_, i) => stepFrom + i + 1),
              values: new Float64Array(n * width),
            },
          ]
        : [];
    return { stepFrom, stepTo, dt, traces, spikes: [] };
  }
  if (options.applyEdit) sim.applyEdit = options.applyEdit;
  return sim;
}

function harness(sim: Simulation, paused = false) {
  let now = 0;
  const queue: Array<{ at: number; callback: () => void }> = [];
  const frames: SimulationFrame[] = [];
  const statuses: Array<Omit<RunStatus, 'runId'>> = [];
  /** What was sent, in order: "frame" or the status's state. */
  const sent: string[] = [];
  const loop = new RunLoop(
    sim,
    'max',
    {
      sendFrame: (frame) => {
        frames.push(frame);
        sent.push('frame');
      },
      sendStatus: (status) => {
        statuses.push(status);
        sent.push(status.state);
      },
      now: () => now,
      schedule: (callback, delayMs) => queue.push({ at: now + delayMs, callback }),
    },
    { paused },
  );
  /** Runs scheduled callbacks (advancing the clock) until none is left or `limit` ran. */
  const drain = (limit = 10_000): void => {
    for (let i = 0; i < limit && queue.length > 0; i++) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue.shift()!;
      now = Math.max(now, next.at) + 1;
      next.callback();
    }
  };
  return { loop, frames, statuses, sent, drain };
}

describe('RunLoop', () => {
  it('holds at most MAX_FRAMES_IN_FLIGHT frames without credit, then finishes with it', () => {
    const h = harness(fakeSimulation({ totalSteps: 1_000_000 }));
    h.loop.start();
    h.drain();
    expect(h.frames.length).toBe(MAX_FRAMES_IN_FLIGHT);
    for (let i = 0; i < 10_000 && h.statuses.at(-1)?.state !== 'finished'; i++) {
      h.loop.credit();
      h.drain();
    }
    expect(h.statuses.at(-1)?.state).toBe('finished');
    expect(h.frames.at(-1)?.stepTo).toBe(1_000_000);
    // Contiguous chunks: each frame starts where the previous ended.
    h.frames.forEach((f, i) => expect(f.stepFrom).toBe(i === 0 ? 0 : h.frames[i - 1]!.stepTo));
  });

  it('starts paused when asked, and Step advances one dt or one ms exactly', () => {
    const h = harness(fakeSimulation({ totalSteps: 10_000 }), true);
    h.loop.start();
    h.drain();
    expect(h.frames).toEqual([]);
    expect(h.statuses.at(-1)?.state).toBe('paused');
    h.loop.step(1e-4);
    h.loop.step(1e-3);
    expect(h.frames.map((f) => [f.stepFrom, f.stepTo])).toEqual([
      [0, 1],
      [1, 11],
    ]);
  });

  it('runs forever when totalSteps is Infinity', () => {
    const h = harness(fakeSimulation({ totalSteps: Infinity }));
    h.loop.start();
    for (let i = 0; i < 50; i++) {
      h.loop.credit();
      h.drain(100);
    }
    expect(h.frames.length).toBeGreaterThan(10);
    expect(h.statuses.some((s) => s.state === 'finished')).toBe(false);
  });

  it('stops with a message naming the node and the time when the state goes non-finite', () => {
    const h = harness(fakeSimulation({ totalSteps: 100_000, failAt: 1234 }));
    h.loop.start();
    for (let i = 0; i < 100; i++) {
      h.loop.credit();
      h.drain();
    }
    const last = h.statuses.at(-1)!;
    expect(last.state).toBe('error');
    expect(last.error).toBe('node C at t=0.1234 s: the rate is not finite');
    // The same, apart, for the UI to word in ms with the node's label.
    expect(last.failure).toMatchObject({ nodeId: 'C', detail: 'the rate is not finite' });
    expect(last.failure!.timeSeconds).toBeCloseTo(0.1234, 12);
    const framesAtError = h.frames.length;
    h.loop.resume();
    h.loop.credit();
    h.drain();
    expect(h.frames.length).toBe(framesAtError);
  });

  it('sends what the failing chunk recorded before the failing step, then the error', () => {
    // The engine's ChunkFailure carries the frame of the steps before the failing one: at the
    // fastest speed a chunk is thousands of steps, all of which were lost with the error.
    const h = harness(
      fakeSimulation({ totalSteps: 100_000, failAt: 1234, probedPerStep: 1, framesFailure: true }),
    );
    h.loop.start();
    for (let i = 0; i < 100; i++) {
      h.loop.credit();
      h.drain();
    }
    expect(h.statuses.at(-1)!.state).toBe('error');
    expect(h.sent.slice(-2)).toEqual(['frame', 'error']);
    const last = h.frames.at(-1)!;
    expect(last.stepTo).toBe(1234);
    expect(last.traces[0]!.steps.at(-1)).toBe(1234);
    h.frames.forEach((f, i) => expect(f.stepFrom).toBe(i === 0 ? 0 : h.frames[i - 1]!.stepTo));
  });

  it('charts the runaway example up to its failure: the last sample is the one before it', () => {
    const text = readFileSync('examples/runaway-feedback.neuro', 'utf8');
    const loaded = loadDocument(text);
    if (!loaded.ok) throw new Error('the example does not load');
    const created = createSimulation(loaded.document);
    if (!created.ok) throw new Error('the example does not compile');
    const h = harness(created.simulation);
    h.loop.start();
    for (let i = 0; i < 100 && h.statuses.at(-1)?.state !== 'error'; i++) {
      h.loop.credit();
      h.drain();
    }
    const failure = h.statuses.at(-1)!;
    expect(failure.state).toBe('error');
    // the failure's time is that of the first value that is not finite (t = 308 ms)
    const failingSample = Math.round(failure.failure!.timeSeconds / created.simulation.dt);
    const samples = h.frames.flatMap((f) => Array.from(f.traces[0]!.values));
    const steps = h.frames.flatMap((f) => Array.from(f.traces[0]!.steps));
    // y grows tenfold per step: the last sample is the largest finite value, near 1e308
    expect(steps.at(-1)).toBe(failingSample - 1);
    expect(samples.every(Number.isFinite)).toBe(true);
    expect(samples.at(-1)!).toBeGreaterThan(1e300);
  });

  it('answers "needs a restart" when the engine has no applyEdit', () => {
    const h = harness(fakeSimulation({ totalSteps: 10_000 }), true);
    h.loop.step(0.01);
    const result = h.loop.applyEdits([{ elementId: 'A', path: 'params.bias', value: 2 }]);
    expect(result.timeSeconds).toBeCloseTo(0.01, 12);
    expect(result.outcomes).toEqual([
      {
        elementId: 'A',
        path: 'params.bias',
        applied: false,
        code: 'needsRestart',
        reason: NEEDS_RESTART,
      },
    ]);
  });

  it("passes edits to the engine's applyEdit and reports what it refused", () => {
    const seen: LiveEdit[] = [];
    const h = harness(
      fakeSimulation({
        totalSteps: 10_000,
        applyEdit: (edit) => {
          seen.push(edit);
          return edit.path === 'size'
            ? { severity: 'error', path: 'nodes[0].size', message: 'size needs a restart' }
            : null;
        },
      }),
      true,
    );
    const result = h.loop.applyEdits([
      { elementId: 'A', path: 'params.bias', value: 2 },
      { elementId: 'A', path: 'size', value: 3 },
    ]);
    expect(seen.map((e) => e.path)).toEqual(['params.bias', 'size']);
    expect(result.outcomes.map((o) => o.applied)).toEqual([true, false]);
    expect(result.outcomes[1]!.reason).toBe('size needs a restart');
  });

  it('splits a long Step into frames under MAX_FRAME_BYTES that wait for credit', () => {
    // 4000 probed elements: 10 s at dt 0.1 ms would be one 3.2 GB frame.
    const h = harness(fakeSimulation({ totalSteps: Infinity, probedPerStep: 4000 }), true);
    h.loop.start();
    h.loop.step(10);
    expect(h.frames.length).toBe(MAX_FRAMES_IN_FLIGHT);
    for (let i = 0; i < 100_000 && h.frames.at(-1)!.stepTo < 100_000; i++) {
      h.loop.credit();
      h.drain();
    }
    expect(h.frames.at(-1)!.stepTo).toBe(100_000);
    for (const frame of h.frames) expect(frameBytes(frame)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    h.frames.forEach((f, i) => expect(f.stepFrom).toBe(i === 0 ? 0 : h.frames[i - 1]!.stepTo));
    // The step ends paused, with its time on the clock.
    expect(h.statuses.at(-1)).toMatchObject({ state: 'paused', stepsDone: 100_000 });
  });
});
