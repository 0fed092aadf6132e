/** The session keeps each node's newest live state, and forgets it with the rest of the run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostApi, HostFrame } from '../../../shared/ipc/contract';
import type { NetworkDocument } from '../../../shared/document/model';
import { SimulationSession } from './SimulationSession';

function fakeHost() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const host = {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    ackFrame: vi.fn(async () => ({ ok: true, value: null })),
    controlRun: vi.fn(async () => ({ ok: true, value: null })),
  };
  return {
    host: host as unknown as HostApi,
    emit: (e: string, p: unknown) => listeners.get(e)!(p),
  };
}

const doc = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 1e-4, duration: 1, seed: 1 },
  nodes: [{ id: 'A', kind: 'neuron', model: 'lif' }],
  edges: [],
} as unknown as NetworkDocument;

function frame(runId: string, stepTo: number, mean: number): HostFrame {
  return {
    runId,
    seq: stepTo,
    frame: { stepFrom: stepTo - 1, stepTo, dt: 1e-4, traces: [], spikes: [] },
    live: [{ nodeId: 'A', variable: 'v', mean, level: mean, cells: Float64Array.of(mean) }],
  };
}

describe('SimulationSession live state', () => {
  beforeEach(() => vi.stubGlobal('requestAnimationFrame', () => 1));
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the newest frame’s state per node, ignores other runs, and clears', () => {
    const { host, emit } = fakeHost();
    const session = new SimulationSession(host);
    session.beginRun('run-1', 1e-4, doc);
    emit('frame', frame('run-1', 1, 0.1));
    emit('frame', frame('run-1', 2, 0.2));
    emit('frame', frame('run-0', 3, 0.9)); // a late frame of an earlier run
    expect(session.live.get('A')?.mean).toBe(0.2);
    const generation = session.generation;
    session.clear();
    expect(session.live.size).toBe(0);
    expect(session.generation).toBe(generation + 1);
    // A new run starts empty too.
    session.beginRun('run-2', 1e-4, doc);
    expect(session.live.size).toBe(0);
  });
});
