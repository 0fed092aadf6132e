/**
 * The real worker path (the built out/main/simWorker.js): frames stream, acknowledgements give
 * credit, and the live run's spikes equal a headless run of the same document.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../shared/document/loadDocument';
import type { HostEvents, HostFrame, RunStatus } from '../../shared/ipc/contract';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import { createSimulation } from '../../shared/sim/createSimulation';
import { SimulationHost } from './simulationHost';

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
  });

  it('reports an invalid document instead of starting', async () => {
    const host = new SimulationHost({ workerUrl: pathToFileURL(workerFile) }, { emit() {} });
    const result = await host.startRun('{"format": "something-else"}', 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/format/);
    await host.dispose();
  });
});
