/** Input signals (docs/format.md#signals) and continuous edges (docs/format.md#edges, docs/format.md#input-j). */
import { describe, expect, it } from 'vitest';
import { network, runNetwork } from './test-support/testNetworks';

describe('piecewise-constant inputs switch at their exact times', () => {
  it('LIF under a pulse train and a step input matches the piecewise closed form at dt = 1 ms', () => {
    const pulse = { start: 0.01234, width: 0.00321, amplitude: 0.9, period: 0.02 };
    const step = { times: [0.0055, 0.0372], values: [0.2, -0.1] };
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.08,
        nodes: [
          { id: 'P', kind: 'input', signal: { type: 'pulse', ...pulse } },
          { id: 'S', kind: 'input', signal: { type: 'step', ...step } },
          { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.01 } },
        ],
        edges: [
          { id: 'a', source: 'P', target: 'N', weight: 1 },
          { id: 'b', source: 'S', target: 'N', weight: 1 },
        ],
        probes: [
          { id: 'v', target: 'N', variable: 'v' },
          { id: 'u', target: 'P', variable: 'u' },
        ],
      }),
    );
    // independent piecewise integration between all switch times
    const switches: number[] = [...step.times];
    for (let k = 0; k < 5; k++)
      switches.push(pulse.start + k * pulse.period, pulse.start + k * pulse.period + pulse.width);
    const input = (t: number): number => {
      let u = 0;
      for (let k = step.times.length - 1; k >= 0; k--)
        if (t >= step.times[k]!) {
          u += step.values[k]!;
          break;
        }
      const c = Math.floor((t - pulse.start) / pulse.period);
      if (t >= pulse.start && t - pulse.start - c * pulse.period < pulse.width)
        u += pulse.amplitude;
      return u;
    };
    const vAt = (t: number): number => {
      const edges = [0, ...switches.filter((s) => s < t).sort((a, b) => a - b), t];
      let v = 0;
      for (let k = 0; k + 1 < edges.length; k++) {
        const J = input((edges[k]! + edges[k + 1]!) / 2);
        v = J + (v - J) * Math.exp(-(edges[k + 1]! - edges[k]!) / 0.01);
      }
      return v;
    };
    const tr = out.traces['v']!;
    tr.t.forEach((t, k) =>
      expect(
        Math.abs(tr.values[0]![k]! - vAt(t)),
        `t=${t} got ${tr.values[0]![k]} want ${vAt(t)}`,
      ).toBeLessThan(1e-13),
    );
    const pulseAt = (t: number): number => {
      const c = Math.floor((t - pulse.start) / pulse.period + 1e-9);
      return t >= pulse.start && t - pulse.start - c * pulse.period < pulse.width - 1e-12
        ? pulse.amplitude
        : 0;
    };
    out.traces['u']!.t.forEach((t, k) => expect(out.traces['u']!.values[0]![k]).toBe(pulseAt(t)));
  });

  it('sine is sampled at each step start and held over the step', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.05,
        nodes: [
          {
            id: 'sin',
            kind: 'input',
            signal: { type: 'sine', amplitude: 2, frequency: 13, phase: 0.4, offset: 0.5 },
          },
          { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.01, vTh: 100 } },
        ],
        edges: [{ id: 'e', source: 'sin', target: 'N', weight: 1 }],
        probes: [
          { id: 'u', target: 'sin', variable: 'u' },
          { id: 'v', target: 'N', variable: 'v' },
        ],
      }),
    );
    const u = out.traces['u']!;
    const v = out.traces['v']!.values[0]!;
    u.t.forEach((t, k) => {
      expect(u.values[0]![k]).toBeCloseTo(0.5 + 2 * Math.sin(2 * Math.PI * 13 * t + 0.4), 14);
      if (k > 0) {
        const J = u.values[0]![k - 1]!;
        expect(v[k]).toBeCloseTo(J + (v[k - 1]! - J) * Math.exp(-0.001 / 0.01), 14);
      }
    });
  });

  it('a delayed continuous value is 0 before the delay; a filtered one ramps up from 0', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.05,
        nodes: [
          { id: 'c', kind: 'input', signal: { type: 'constant', value: 0.8 } },
          { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.02 } },
          { id: 'M', kind: 'neuron', model: 'lif', params: { tauM: 0.02, vTh: 100 } },
        ],
        edges: [
          { id: 'd', source: 'c', target: 'N', weight: 1, delay: 0.0105 },
          { id: 'f', source: 'c', target: 'M', weight: 1, synapse: { tauS: 0.005 } },
        ],
        probes: [
          { id: 'v', target: 'N', variable: 'v' },
          { id: 's', target: 'M', variable: 's' },
        ],
      }),
    );
    const v = out.traces['v']!;
    v.t.forEach((t, k) => {
      const expected = t < 0.0105 ? 0 : 0.8 * (1 - Math.exp(-(t - 0.0105) / 0.02));
      expect(Math.abs(v.values[0]![k]! - expected)).toBeLessThan(1e-14);
    });
    const s = out.traces['s']!;
    s.t.forEach((t, k) =>
      expect(Math.abs(s.values[0]![k]! - 0.8 * (1 - Math.exp(-t / 0.005)))).toBeLessThan(1e-14),
    );
  });
});

describe('random inputs', () => {
  it('noise is Ornstein-Uhlenbeck: starts at mean, stationary std, lag-one correlation e^{-dt/tau}', () => {
    const size = 2000;
    const run = (seed: number) =>
      runNetwork(
        network({
          dt: 0.001,
          duration: 0.05,
          seed,
          nodes: [
            {
              id: 'n',
              kind: 'input',
              size,
              signal: { type: 'noise', mean: 0.5, std: 2, tau: 0.005 },
            },
          ],
          probes: [{ id: 'u', target: 'n', variable: 'u' }],
        }),
      ).traces['u']!.values;
    const u = run(3);
    expect(u.every((series) => series[0] === 0.5)).toBe(true);
    const last = u.map((s) => s[50]!);
    const mean = last.reduce((a, b) => a + b, 0) / size;
    const std = Math.sqrt(last.reduce((a, b) => a + (b - mean) ** 2, 0) / size);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.2);
    expect(Math.abs(std - 2)).toBeLessThan(0.15);
    let num = 0;
    let den = 0;
    for (const s of u) {
      num += (s[40]! - 0.5) * (s[41]! - 0.5);
      den += (s[40]! - 0.5) ** 2;
    }
    expect(Math.abs(num / den - Math.exp(-0.2))).toBeLessThan(0.05);
    expect(run(3)).toEqual(u);
    expect(run(4)[0]).not.toEqual(u[0]);
  });

  it('poisson: continuous-time spikes at the right rate; an own seed ignores simulation.seed', () => {
    const doc = (seed: number, own?: number) =>
      network({
        dt: 0.001,
        duration: 1,
        seed,
        nodes: [
          {
            id: 'p',
            kind: 'input',
            size: 200,
            signal: { type: 'poisson', rate: 50, ...(own ? { seed: own } : {}) },
          },
        ],
      });
    const spikes = runNetwork(doc(1)).spikes['p']!;
    const total = spikes.reduce((a, s) => a + s.length, 0);
    expect(Math.abs(total - 10000)).toBeLessThan(500);
    const offGrid = spikes
      .flat()
      .filter((t) => Math.abs(t / 0.001 - Math.round(t / 0.001)) > 1e-6).length;
    expect(offGrid).toBe(total);
    expect(runNetwork(doc(2)).spikes['p']).not.toEqual(spikes);
    expect(runNetwork(doc(1, 9)).spikes['p']).toEqual(runNetwork(doc(2, 9)).spikes['p']);
  });

  it('explicit spike times: shared or one list per element, recorded exactly', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.05,
        nodes: [
          { id: 'a', kind: 'input', size: 2, signal: { type: 'spikes', times: [0.0101, 0.02] } },
          {
            id: 'b',
            kind: 'input',
            size: 2,
            signal: { type: 'spikes', times: [[0.0037], [0, 0.049, 0.05]] },
          },
        ],
      }),
    );
    expect(out.spikes['a']).toEqual([
      [0.0101, 0.02],
      [0.0101, 0.02],
    ]);
    // a spike at exactly t = duration is outside [0, duration)
    expect(out.spikes['b']).toEqual([[0.0037], [0, 0.049]]);
  });
});
