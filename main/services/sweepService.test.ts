/**
 * The real sweep path (the built out/main/sweepWorker.js): progress per input, one result, the
 * LIF rates equal G(J), a refused node answers at once, and cancel ends a sweep.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvents } from '../../shared/ipc/contract';
import type { SweepProgress, SweepResult } from '../../shared/ipc/sweepContract';
import { lifRate } from '../../shared/models/lifRate';
import { SweepService } from './sweepService';

const workerFile = path.resolve('out/main/sweepWorker.js');
const text = readFileSync('examples/lif-charging.neuro', 'utf8');

function recordingService(): {
  service: SweepService;
  progress: SweepProgress[];
  result: Promise<SweepResult>;
} {
  const progress: SweepProgress[] = [];
  let finish: (r: SweepResult) => void = () => undefined;
  const result = new Promise<SweepResult>((resolve) => (finish = resolve));
  const sink = {
    emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]) {
      if (event === 'sweepProgress') progress.push(payload as SweepProgress);
      if (event === 'sweepResult') finish(payload as SweepResult);
    },
  };
  return { service: new SweepService(pathToFileURL(workerFile), sink), progress, result };
}

describe('SweepService (built worker)', () => {
  let service: SweepService | null = null;
  beforeAll(() => {
    if (!existsSync(workerFile))
      throw new Error('out/main/sweepWorker.js is missing: run `npm run build` first');
  });
  afterEach(async () => {
    await service?.dispose();
    service = null;
  });

  it('sweeps a LIF neuron: one progress event per input, rates equal G(J)', async () => {
    const rec = recordingService();
    service = rec.service;
    const currents = [0.5, 1.5, 2, 3];
    const started = await service.start({
      documentText: text,
      nodeId: 'N',
      currents,
      durationSeconds: 1,
    });
    expect(started).toMatchObject({ ok: true, value: { model: 'lif' } });
    const result = await rec.result;
    expect(result.state).toBe('done');
    expect(rec.progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    if (result.state !== 'done') return;
    const p = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 };
    result.points.forEach((point, i) => {
      expect(point.current).toBe(currents[i]);
      expect(Math.abs(point.rate - lifRate(point.current, p))).toBeLessThan(1e-6);
    });
  });

  it('refuses a node without an f-I curve at once', async () => {
    const rec = recordingService();
    service = rec.service;
    const started = await service.start({
      documentText: text,
      nodeId: 'drive',
      currents: [1],
      durationSeconds: 1,
    });
    expect(started.ok ? '' : started.error).toMatch(/not a neuron/);
  });

  it('cancels a running sweep', async () => {
    const rec = recordingService();
    service = rec.service;
    const currents = Array.from({ length: 200 }, (_, i) => 1 + i / 10);
    const started = await service.start({
      documentText: text,
      nodeId: 'N',
      currents,
      durationSeconds: 5,
    });
    if (!started.ok) throw new Error(started.error);
    expect(service.cancel(started.value.sweepId)).toEqual({ ok: true, value: null });
    expect(await rec.result).toEqual({ sweepId: started.value.sweepId, state: 'cancelled' });
  });
});
