/**
 * The per-node live state the canvas colours nodes with: after every chunk it equals what a probe
 * records at the chunk's last step, and its levels follow the documented scales (LIF reset ->
 * threshold, HH rest -> spike threshold, rate activation output).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './createSimulation';
import { HH_LIVE_REST_MV, LIVE_CELLS, liveStateOf } from './liveState';
import { network } from './test-support/testNetworks';
import type { SimulationFrame } from './types';

function simulate(doc: ReturnType<typeof network>) {
  const created = createSimulation(doc);
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
  return created.simulation;
}

/** The last sample of every element of a probe in `frame` (the state at step frame.stepTo). */
function lastSample(frame: SimulationFrame, probeId: string): number[] {
  const chunk = frame.traces.find((t) => t.probeId === probeId)!;
  const n = chunk.steps.length;
  expect(chunk.steps[n - 1]).toBe(frame.stepTo);
  return Array.from(chunk.indices, (_, e) => chunk.values[e * n + n - 1]!);
}

describe('liveStateOf', () => {
  it('LIF: v as a probe sees it, level 0 at reset and 1 at threshold (closed form of the charge)', () => {
    // tau dv/dt = -v + bias from v = 0: v(t) = bias (1 - e^{-t/tau}); no spike while bias < vTh.
    const tauM = 0.02;
    const bias = 0.8;
    const sim = simulate(
      network({
        dt: 1e-4,
        duration: 0.05,
        nodes: [
          { id: 'A', kind: 'neuron', model: 'lif', params: { tauM, bias } },
          {
            id: 'B',
            kind: 'neuron',
            model: 'lif',
            params: { tauM, bias: 3, vReset: -1, vTh: 2, v0: 0.5 },
          },
        ],
        probes: [
          { id: 'pA', target: 'A', variable: 'v' },
          { id: 'pB', target: 'B', variable: 'v' },
        ],
      }),
    );
    for (const chunk of [1, 37, 200]) {
      const frame = sim.advance(chunk);
      const live = liveStateOf(sim.state);
      expect(live.map((s) => [s.nodeId, s.variable])).toEqual([
        ['A', 'v'],
        ['B', 'v'],
      ]);
      const [a, b] = live;
      expect(a!.mean).toBe(lastSample(frame, 'pA')[0]);
      expect(b!.mean).toBe(lastSample(frame, 'pB')[0]);
      const t = frame.stepTo * frame.dt;
      expect(a!.mean).toBeCloseTo(bias * (1 - Math.exp(-t / tauM)), 12);
      expect(a!.level).toBeCloseTo(a!.mean, 15); // reset 0, threshold 1
      expect(b!.level).toBeCloseTo((b!.mean + 1) / 3, 15);
      expect(Array.from(a!.cells)).toEqual([a!.level]);
    }
  });

  it('HH: V in mV, level 0 at rest (-65 mV) and 1 at the spike threshold', () => {
    const sim = simulate(
      network({
        dt: 1e-5,
        duration: 0.02,
        nodes: [
          { id: 'H', kind: 'neuron', model: 'hh', params: { bias: 10, spikeThreshold: -10 } },
        ],
        probes: [{ id: 'pH', target: 'H', variable: 'V' }],
      }),
    );
    const first = liveStateOf(sim.state)[0]!;
    expect(first.mean).toBe(-65); // V0 before any step
    expect(first.level).toBe(0);
    for (let k = 0; k < 5; k++) {
      const frame = sim.advance(300);
      const h = liveStateOf(sim.state)[0]!;
      expect(h.variable).toBe('V');
      expect(h.mean).toBe(lastSample(frame, 'pH')[0]);
      expect(h.level).toBeCloseTo((h.mean - HH_LIVE_REST_MV) / (-10 - HH_LIVE_REST_MV), 12);
    }
  });

  it('rate: the output y, arctan scaled to its top; populations as cells and a mean', () => {
    const sim = simulate(
      network({
        dt: 1e-3,
        duration: 0.01,
        nodes: [
          { id: 'L', kind: 'neuron', model: 'rate', activation: 'logistic', params: { bias: 0.3 } },
          { id: 'T', kind: 'neuron', model: 'rate', activation: 'arctan', params: { bias: 1 } },
          {
            id: 'P',
            kind: 'population',
            size: 100,
            model: 'rate',
            activation: 'relu',
            params: { bias: Array.from({ length: 100 }, (_, i) => i / 100) },
          },
          { id: 'in', kind: 'input', signal: { type: 'constant', value: 1 } },
        ],
      }),
    );
    sim.advance(3);
    const live = liveStateOf(sim.state);
    expect(live.map((s) => s.nodeId)).toEqual(['L', 'T', 'P']); // inputs carry no state
    const [l, t, p] = live;
    expect(l!.mean).toBeCloseTo(1 / (1 + Math.exp(-0.3)), 15);
    expect(l!.level).toBe(l!.mean);
    expect(t!.level).toBeCloseTo(Math.atan(1) / (Math.PI / 2), 15);
    expect(p!.cells).toHaveLength(LIVE_CELLS);
    // Cell c is the mean of elements [floor(100c/32), floor(100(c+1)/32)).
    for (const c of [0, 5, 31]) {
      const from = Math.floor((100 * c) / 32);
      const to = Math.floor((100 * (c + 1)) / 32);
      let sum = 0;
      for (let i = from; i < to; i++) sum += i / 100;
      expect(p!.cells[c]).toBeCloseTo(sum / (to - from), 14);
    }
    expect(p!.mean).toBeCloseTo(0.495, 14);
    expect(p!.level).toBeCloseTo(0.495, 14);
  });
});
