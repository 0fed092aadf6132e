import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { HostService } from './hostService';
import type { SimulationHost } from './simulationHost';
import type { SweepService } from './sweepService';

function fakeHost() {
  return {
    startRun: vi.fn(async () => ({
      ok: true as const,
      value: { runId: 'run-1', dt: 1e-4, totalSteps: 10 },
    })),
    control: vi.fn(() => ({ ok: true as const, value: null })),
    step: vi.fn(() => ({ ok: true as const, value: null })),
    setSpeed: vi.fn(() => ({ ok: true as const, value: null })),
    ack: vi.fn(() => ({ ok: true as const, value: null })),
    editRun: vi.fn(async () => ({ ok: true as const, value: { timeSeconds: 0, outcomes: [] } })),
  };
}

function fakeSweeps() {
  return {
    start: vi.fn(async () => ({
      ok: true as const,
      value: { sweepId: 'sweep-1', model: 'lif' as const },
    })),
    cancel: vi.fn(() => ({ ok: true as const, value: null })),
  };
}

describe('HostService', () => {
  it('rejects a malformed payload with an error and no side effect', async () => {
    const host = fakeHost();
    const sweeps = fakeSweeps();
    const service = new HostService({
      simulation: host as unknown as SimulationHost,
      sweeps: sweeps as unknown as SweepService,
    });
    const cases: Array<[string, unknown]> = [
      ['startRun', { documentText: 42 }],
      ['startRun', { documentText: '{}', speed: 1000 }],
      ['startRun', { documentText: '{}', extra: true }],
      ['controlRun', { runId: 'run-1', action: 'explode' }],
      ['controlRun', { runId: '../../etc', action: 'stop' }],
      ['stepRun', { runId: 'run-1', seconds: -1 }],
      ['ackFrame', { runId: 'run-1', seq: 1.5 }],
      ['editRun', { runId: 'run-1', edits: [] }],
      ['editRun', { runId: 'run-1', edits: [{ elementId: 'A', path: '__proto__..x', value: 1 }] }],
      ['editRun', { runId: 'run-1', edits: [{ elementId: '../A', path: 'bias', value: 1 }] }],
      ['editRun', { runId: 'run-1', edits: [{ elementId: 'A', path: 'bias' }] }],
      ['editRun', { runId: 'run-1', edits: [{ elementId: 'A', path: '__proto__', value: 1 }] }],
      ['startRun', { documentText: '{}', forever: 'yes' }],
      ['getStartupDocument', { path: '/etc/passwd' }],
      ['previewExport', { to: 'nest', documentText: '{}', fileName: 'a.neuro' }],
      ['writeExport', { to: 'brian2', documentText: '{}', fileName: '../../a.neuro' }],
      ['writeExport', { to: 'pynn', documentText: 1, fileName: 'a.neuro' }],
      ['writeExport', { to: 'pynn', documentText: '{}', fileName: 'a.neuro', dir: '/tmp' }],
      ['startSweep', { documentText: '{}', nodeId: '../N', currents: [1], durationSeconds: 1 }],
      ['startSweep', { documentText: '{}', nodeId: 'N', currents: [], durationSeconds: 1 }],
      ['startSweep', { documentText: '{}', nodeId: 'N', currents: [1], durationSeconds: 0 }],
      ['cancelSweep', { sweepId: 'run-1' }],
      ['noSuchRequest', {}],
    ];
    for (const [name, payload] of cases) {
      const result = await service.handle(name, payload);
      expect(result.ok, `${name} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
    for (const fn of Object.values(host)) expect(fn).not.toHaveBeenCalled();
    for (const fn of Object.values(sweeps)) expect(fn).not.toHaveBeenCalled();
  });

  it('passes a well-formed request on, with defaults applied', async () => {
    const host = fakeHost();
    const service = new HostService({ simulation: host as unknown as SimulationHost });
    const result = await service.handle('startRun', { documentText: '{}' });
    expect(result).toEqual({ ok: true, value: { runId: 'run-1', dt: 1e-4, totalSteps: 10 } });
    expect(host.startRun).toHaveBeenCalledWith(
      '{}',
      { speed: 1, forever: false, paused: false },
      undefined,
    );
  });

  it('serves the default example as the startup document', async () => {
    const service = new HostService({ simulation: fakeHost() as unknown as SimulationHost });
    const result = await service.handle('getStartupDocument', undefined);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const value = result.value as { fileName: string; text: string };
      expect(value.fileName).toBe('lif-charging.neuro');
      expect(value.text).toBe(readFileSync('examples/lif-charging.neuro', 'utf8'));
    }
  });

  it('hands sweeps to the sweep service, with the sink of the window or tab that asked', async () => {
    const sweeps = fakeSweeps();
    const service = new HostService({
      simulation: fakeHost() as unknown as SimulationHost,
      sweeps: sweeps as unknown as SweepService,
    });
    const sink = { emit: vi.fn() };
    const request = { documentText: '{}', nodeId: 'N', currents: [1, 2], durationSeconds: 1 };
    const started = await service.handle('startSweep', request, { sink });
    expect(started).toEqual({ ok: true, value: { sweepId: 'sweep-1', model: 'lif' } });
    expect(sweeps.start).toHaveBeenCalledWith(request, sink);
    const cancelled = await service.handle('cancelSweep', { sweepId: 'sweep-1' });
    expect(cancelled).toEqual({ ok: true, value: null });
    expect(sweeps.cancel).toHaveBeenCalledWith('sweep-1');
  });

  it('says which request is not available when its service is absent', async () => {
    const service = new HostService({ simulation: fakeHost() as unknown as SimulationHost });
    const request = { documentText: '{}', nodeId: 'N', currents: [1], durationSeconds: 1 };
    expect(await service.handle('startSweep', request)).toEqual({
      ok: false,
      error: 'startSweep is not available here',
    });
    expect(await service.handle('listRecent', undefined)).toEqual({
      ok: false,
      error: 'listRecent is not available here',
    });
  });
});
