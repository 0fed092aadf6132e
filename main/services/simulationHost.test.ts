/**
 * The real worker path (the built out/main/simWorker.js): frames stream, acknowledgements give
 * credit, and the live run's spikes equal a headless run of the same document.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/document/loadDocument';
import type {
  HostEvents,
  HostFrame,
  RunEdited,
  RunSpeed,
  RunStatus,
} from '../../shared/ipc/contract';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import { createSimulation } from '../../shared/sim/createSimulation';
import { ResultCollector } from '../../shared/sim/runResult';
import { SimulationError } from '../../shared/sim/types';
import { NEEDS_RESTART } from './runLoop';
import { SimulationHost, type RunOptions } from './simulationHost';

const workerFile = path.resolve('out/main/simWorker.js');
const text = readFileSync('examples/lif-charging.neuro', 'utf8');

function headlessSpikes(): number[] {
  const loaded = loadDocument(text);
  if (!loaded.ok) throw new Error('example invalid');
  const created = createSimulation(loaded.document);
  if (!created.ok) throw new Error('example does not compile');
  const times: number[] = [];
  while (created.simulation.stepsDone < created.simulation.totalSteps) {
    for (const chunk of created.simulation.advance(777).spikes) times.push(...chunk.time);
  }
  return times;
}

describe('SimulationHost (built worker)', () => {
  beforeAll(() => {
    if (!existsSync(workerFile))
      throw new Error('out/main/simWorker.js is missing: run `npm run build` first');
  });

  it('streams a run whose spikes equal the headless run, under backpressure', async () => {
    const frames: HostFrame[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const statuses: RunStatus[] = [];
    let host: SimulationHost | null = null;
    let maxInFlight = 0;
    const sink = {
      emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]) {
        if (event === 'frame') {
          const frame = payload as HostFrame;
          frames.push(frame);
          const acked = frames.filter((f) => (f as HostFrame & { acked?: boolean }).acked).length;
          maxInFlight = Math.max(maxInFlight, frames.length - acked);
          // Acknowledge later, like a busy renderer.
          setTimeout(() => {
            (frame as HostFrame & { acked?: boolean }).acked = true;
            host!.ack(frame.runId, frame.seq);
          }, 5);
        } else {
          const status = payload as RunStatus;
          statuses.push(status);
          if (status.state === 'finished' || status.state === 'error') finished();
        }
      },
    };
    host = new SimulationHost({ workerUrl: pathToFileURL(workerFile) }, sink);
    const started = await host.startRun(text, 'max');
    expect(started.ok).toBe(true);
    await done;
    await host.dispose();
    expect(statuses.at(-1)?.state).toBe('finished');
    expect(maxInFlight).toBeLessThanOrEqual(MAX_FRAMES_IN_FLIGHT);
    const live = frames.flatMap((f) => f.frame.spikes.flatMap((s) => Array.from(s.time)));
    expect(live).toEqual(headlessSpikes());
    const steps = frames.flatMap((f) => f.frame.traces.flatMap((t) => Array.from(t.steps)));
    expect(steps.length).toBe(10001);
    expect(steps.every((k, i) => k === i)).toBe(true);
    // Every frame carries N's state at its last step: the probe's last sample of that frame.
    for (const f of frames) {
      expect(f.live?.map((l) => l.nodeId)).toEqual(['N']);
      const trace = f.frame.traces.find((t) => t.probeId === 'vN')!;
      expect(f.live![0]!.mean).toBe(trace.values[trace.values.length - 1]);
      expect(Array.from(f.live![0]!.cells)).toEqual([f.live![0]!.level]);
    }
  });

  it('reports an invalid document instead of starting', async () => {
    const host = new SimulationHost({ workerUrl: pathToFileURL(workerFile) }, { emit() {} });
    const result = await host.startRun('{"format": "something-else"}', 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/format/);
    await host.dispose();
  });
});

/** A headless run as the CLI does it: the result's spikes and traces. */
function headlessResult(documentText: string) {
  const loaded = loadDocument(documentText);
  if (!loaded.ok) return null;
  const created = createSimulation(loaded.document);
  if (!created.ok) return null;
  const sim = created.simulation;
  const spikeNodes = loaded.document.nodes.flatMap((n) =>
    (n.kind === 'neuron' || n.kind === 'population') && n.model !== 'rate'
      ? [{ id: n.id, size: n.kind === 'population' ? n.size : 1 }]
      : [],
  );
  const collector = new ResultCollector(spikeNodes, sim.dt);
  try {
    while (sim.stepsDone < sim.totalSteps) collector.add(sim.advance(100_000));
  } catch (e) {
    // A run that stops with an error (examples/runaway-feedback.neuro) is not a chunking question.
    if (e instanceof SimulationError) return null;
    throw e;
  }
  const result = collector.finish(loaded.document.simulation, sim, {
    compileSeconds: 0,
    runSeconds: 0,
  });
  return { spikes: result.spikes, traces: result.traces, spikeNodes, dt: sim.dt };
}

/** Runs a document through the built worker (paced or 'max'), acknowledging like a renderer. */
async function liveRun(
  documentText: string,
  options: RunSpeed | RunOptions,
  during?: (host: SimulationHost, runId: string, frameCount: () => number) => Promise<void>,
): Promise<{ frames: HostFrame[]; statuses: RunStatus[] }> {
  const frames: HostFrame[] = [];
  const statuses: RunStatus[] = [];
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let host: SimulationHost | null = null;
  host = new SimulationHost(
    { workerUrl: pathToFileURL(workerFile) },
    {
      emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]) {
        if (event === 'frame') {
          const frame = payload as HostFrame;
          frames.push(frame);
          setTimeout(() => host!.ack(frame.runId, frame.seq), 1);
        } else if (event === 'status') {
          const status = payload as RunStatus;
          statuses.push(status);
          if (status.state !== 'running' && status.state !== 'paused') finished();
        }
      },
    },
  );
  const started = await host.startRun(documentText, options);
  if (!started.ok) throw new Error(started.error);
  if (during) await during(host, started.value.runId, () => frames.length);
  await done;
  await host.dispose();
  return { frames, statuses };
}

/** The frames collected into the CLI's result shape. */
function collect(frames: HostFrame[], spikeNodes: Array<{ id: string; size: number }>, dt: number) {
  const collector = new ResultCollector(spikeNodes, dt);
  for (const f of frames) collector.add(f.frame);
  const sim = { dt, totalSteps: 0, stepsDone: 0, advance: () => frames[0]!.frame };
  const result = collector.finish({ duration: 0, seed: 0 }, sim, {
    compileSeconds: 0,
    runSeconds: 0,
  });
  return { spikes: result.spikes, traces: result.traces };
}

describe('live runs equal the CLI (results do not depend on chunking)', () => {
  const examples = readdirSync('examples').filter((f) => f.endsWith('.neuro'));
  for (const name of examples) {
    it(`examples/${name}`, async () => {
      const text = readFileSync(path.join('examples', name), 'utf8');
      const headless = headlessResult(text);
      const { frames, statuses } = await liveRun(text, 'max');
      if (!headless) {
        // The headless run failed (a runaway example): the live run must stop with an error too.
        expect(statuses.at(-1)?.state).toBe('error');
        return;
      }
      expect(statuses.at(-1)?.state).toBe('finished');
      // A long run is really cut into chunks by the wall-clock budget, not one big advance.
      const doc = JSON.parse(text) as { simulation: { dt: number; duration: number } };
      if (doc.simulation.duration / doc.simulation.dt > 5000) {
        expect(frames.length).toBeGreaterThan(1);
      }
      const live = collect(frames, headless.spikeNodes, headless.dt);
      expect(live.spikes).toEqual(headless.spikes);
      expect(live.traces).toEqual(headless.traces);
    });
  }
});

describe('run controls through the built worker', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Waits until `done()` holds (polling), so a loaded machine only makes a test slower. */
  const until = async (done: () => boolean, limitMs = 20000): Promise<void> => {
    const end = Date.now() + limitMs;
    while (!done() && Date.now() < end) await wait(20);
  };

  it('runs forever at a paced speed, pauses (no frames while paused), resumes and stops', async () => {
    let whilePaused = -1;
    let edited: Awaited<ReturnType<SimulationHost['editRun']>> | null = null;
    const { frames, statuses } = await liveRun(
      text,
      { speed: 0.5, forever: true },
      async (host, runId, frameCount) => {
        await wait(200);
        edited = await host.editRun(runId, [{ elementId: 'N', path: 'params.bias', value: 0.5 }]);
        host.control(runId, 'pause');
        await wait(100);
        const before = frameCount();
        await wait(250);
        whilePaused = frameCount() - before;
        host.control(runId, 'resume');
        await wait(150);
        host.control(runId, 'stop');
      },
    );
    expect(statuses.some((s) => s.state === 'paused')).toBe(true);
    expect(statuses.at(-1)?.state).toBe('stopped');
    expect(frames.length).toBeGreaterThan(2);
    expect(whilePaused).toBe(0);
    // Paced at half real time: well short of the file's duration, and never "finished".
    const simulated = frames.at(-1)!.frame.stepTo * 1e-4;
    expect(simulated).toBeGreaterThan(0.05);
    expect(simulated).toBeLessThan(1);
    expect(statuses.some((s) => s.state === 'finished')).toBe(false);
    // The edit was answered: applied by an engine with applyEdit, else "needs a restart".
    expect(edited).not.toBeNull();
    const outcome = (edited as unknown as { ok: true; value: RunEdited }).value.outcomes[0]!;
    expect(outcome.applied || outcome.reason === NEEDS_RESTART).toBe(true);
  });

  it('starts paused and steps one dt and one ms exactly', async () => {
    const { frames } = await liveRun(
      text,
      { speed: 1, paused: true },
      async (host, runId, frameCount) => {
        host.step(runId, 1e-4);
        host.step(runId, 1e-3);
        await until(() => frameCount() >= 2);
        await wait(100); // a third frame, which must not come, would arrive now
        host.control(runId, 'stop');
      },
    );
    expect(frames.map((f) => [f.frame.stepFrom, f.frame.stepTo])).toEqual([
      [0, 1],
      [1, 11],
    ]);
  });

  it('stepRun (issue 16, admission): a step whose frame would be too large is refused, not built', async () => {
    // The CUBA example with every neuron probed, run forever and paused: 10 s at once would send
    // about 5 GB of samples; the host refuses it and says how far one may step.
    const cuba = JSON.parse(readFileSync('examples/cuba.neuro', 'utf8')) as {
      nodes: Array<{ id: string; kind: string; model?: string }>;
      probes: unknown[];
    };
    cuba.probes = cuba.nodes
      .filter((n) => n.kind === 'population' && n.model === 'lif')
      .map((n) => ({ id: `p${n.id}`, target: n.id, variable: 'v' }));
    let refused: unknown = null;
    let small: unknown = null;
    const { frames } = await liveRun(
      JSON.stringify(cuba),
      { speed: 1, paused: true, forever: true },
      async (host, runId, frameCount) => {
        refused = host.step(runId, 10);
        small = host.step(runId, 1e-3);
        await until(() => frameCount() >= 1);
        await wait(100);
        host.control(runId, 'stop');
      },
    );
    expect(refused).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^stepping 10 s at once would send about .* GB .*: step at most [0-9.]+ s/,
      ),
    });
    expect(small).toEqual({ ok: true, value: null });
    expect(frames.map((f) => [f.frame.stepFrom, f.frame.stepTo])).toEqual([[0, 10]]);
  });
});
