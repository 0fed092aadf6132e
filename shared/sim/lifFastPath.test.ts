/**
 * The LIF kernel's order-0 fast path (a branch-light loop with an envelope bound) must give what
 * the general segment-by-segment integrator gives: same spikes, same times and the same membrane
 * traces, up to rounding. The general path is itself checked against closed forms and an
 * event-driven reference in lifExactness.test.ts; this file pins the shortcut to it.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../document/model';
import type { LiveEdit } from './types';
import { network, runWithEdits, type RunOutput, type TimedEdit } from './test-support/testNetworks';

function compare(doc: NetworkDocument, edits: TimedEdit[] = []): number {
  const fast = runWithEdits(doc, edits, { lifFastPath: true }, 37).out;
  const general = runWithEdits(doc, edits, { lifFastPath: false }, 37).out;
  let spikes = 0;
  for (const id of Object.keys(general.spikes)) {
    const a = fast.spikes[id]!;
    const b = general.spikes[id]!;
    expect(a.length).toBe(b.length);
    for (let i = 0; i < b.length; i++) {
      expect(a[i]!.length, `${id}[${i}] spike count`).toBe(b[i]!.length);
      for (let s = 0; s < b[i]!.length; s++)
        expect(Math.abs(a[i]![s]! - b[i]![s]!), `${id}[${i}] spike ${s}`).toBeLessThan(1e-12);
      spikes += b[i]!.length;
    }
  }
  compareTraces(fast, general);
  return spikes;
}

function compareTraces(a: RunOutput, b: RunOutput): void {
  for (const [id, tr] of Object.entries(b.traces)) {
    const other = a.traces[id]!;
    tr.values.forEach((row, r) =>
      row.forEach((x, s) => expect(Math.abs(other.values[r]![s]! - x)).toBeLessThan(1e-9)),
    );
  }
}

/** A small CUBA-like E/I network, recurrent (so spikes also arrive late, at the step end). */
function balanced(dt: number, bias: number | number[], seed: number): NetworkDocument {
  const lif = { tauM: 0.02, tauRef: 0.005, vTh: 1, vReset: 0, bias };
  const v0 = { init: 'uniform', low: 0, high: 1 };
  return network({
    dt,
    duration: 0.3,
    seed,
    nodes: [
      { id: 'E', kind: 'population', size: 160, model: 'lif', params: { ...lif, v0 } },
      {
        id: 'I',
        kind: 'population',
        size: 40,
        model: 'lif',
        params: { ...lif, bias: 1.1, v0 },
      },
    ],
    edges: [
      ['EE', 'E', 'E', 0.3 * 0.005, 0.005],
      ['EI', 'E', 'I', 0.3 * 0.005, 0.005],
      ['IE', 'I', 'E', -1.2 * 0.01, 0.01],
      ['II', 'I', 'I', -1.2 * 0.01, 0.01],
    ].map(([id, source, target, value, tauS]) => ({
      id,
      source,
      target,
      weight: { init: 'sparse', p: 0.1, value },
      synapse: { tauS, n: 0 },
    })),
    probes: [{ id: 'vE', target: 'E', variable: 'v', indices: [0, 1, 2, 3, 4, 5] }],
  });
}

describe('LIF order-0 fast path equals the general integrator', () => {
  it('a recurrent E/I network, uniform drive, dt = 0.1 ms', () => {
    expect(compare(balanced(1e-4, 1.1, 3))).toBeGreaterThan(500);
  });

  it('the same at dt = 1 ms (coarse steps, several events per step)', () => {
    expect(compare(balanced(1e-3, 1.1, 4))).toBeGreaterThan(500);
  });

  it('per-element bias (the non-uniform loop)', () => {
    const bias = Array.from({ length: 160 }, (_, i) => 0.9 + (0.4 * i) / 159);
    expect(compare(balanced(1e-4, bias, 5))).toBeGreaterThan(300);
  });

  it('Poisson spikes arriving inside the step, into an excitatory and an inhibitory bank', () => {
    const doc = network({
      dt: 5e-4,
      duration: 0.5,
      seed: 9,
      nodes: [
        { id: 'pe', kind: 'input', size: 20, signal: { type: 'poisson', rate: 80 } },
        { id: 'pi', kind: 'input', size: 20, signal: { type: 'poisson', rate: 40 } },
        {
          id: 'N',
          kind: 'population',
          size: 30,
          model: 'lif',
          params: { tauM: 0.02, tauRef: 0.002, bias: 0.8 },
        },
      ],
      edges: [
        {
          id: 'a',
          source: 'pe',
          target: 'N',
          weight: { init: 'uniform', low: 0, high: 0.004 },
          synapse: { tauS: 0.005, n: 0 },
        },
        {
          id: 'b',
          source: 'pi',
          target: 'N',
          weight: { init: 'uniform', low: -0.004, high: 0 },
          synapse: { tauS: 0.01, n: 0 },
        },
      ],
      probes: [{ id: 'v', target: 'N', variable: 'v' }],
    });
    expect(compare(doc)).toBeGreaterThan(100);
  });

  it('a live edit lowering vTh below v: the next step starts above threshold and fires', () => {
    const doc = balanced(1e-4, 1.1, 6);
    const edit: LiveEdit = { elementId: 'E', path: 'params.vTh', value: 0.3 };
    expect(compare(doc, [{ step: 1000, edit }])).toBeGreaterThan(500);
  });

  it('v at or above a threshold lowered by a live edit fires at once, also while v decays', () => {
    // Undriven neurons decaying from v0 in [0.5, 0.5 e^{dt/tauM}); after k steps vTh is lowered
    // to 0.5 e^{-k dt/tauM}: every v is then in [vTh, vTh e^{dt/tauM}), at or above the new
    // threshold although v1 at the step end is below it.
    const dt = 1e-4;
    const k = 10;
    const n = 50;
    const top = 0.5 * Math.exp(dt / 0.02);
    const v0 = Array.from({ length: n }, (_, i) => 0.5 + ((top - 0.5) * i) / n);
    const doc = network({
      dt,
      duration: 0.01,
      nodes: [
        {
          id: 'P',
          kind: 'population',
          size: n,
          model: 'lif',
          params: { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0, bias: 0, v0 },
        },
      ],
    });
    const edit: LiveEdit = {
      elementId: 'P',
      path: 'params.vTh',
      value: 0.5 * Math.exp(-(k * dt) / 0.02),
    };
    for (const lifFastPath of [true, false]) {
      const { out, answers } = runWithEdits(doc, [{ step: k, edit }], { lifFastPath }, 3);
      expect(answers).toEqual([null]);
      out.spikes['P']!.forEach((times) => {
        expect(times.length).toBe(1);
        expect(Math.abs(times[0]! - k * dt)).toBeLessThan(1e-15);
      });
    }
  });
});
