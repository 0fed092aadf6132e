/**
 * A step signal with many times (issue 16, item 7): u(t) and the switches inside a step are found by
 * binary search, not by scanning every time at every step. 200,000 switch times over 10,000 steps
 * would be 2e9 comparisons with a scan; here the run is quick and its values exact.
 */
import { describe, expect, it } from 'vitest';
import { upperBound } from './engine/signals';
import { network, runNetwork } from './test-support/testNetworks';

describe('step signal with many times', () => {
  it('upperBound finds the first time after t', () => {
    const times = Float64Array.from([0.1, 0.2, 0.2, 0.5]);
    expect([0, 0.1, 0.15, 0.2, 0.3, 0.5, 0.9].map((t) => upperBound(times, t))).toEqual([
      0, 1, 1, 3, 3, 4, 4,
    ]);
    expect(upperBound(new Float64Array(0), 1)).toBe(0);
  });

  it('200,000 switch times: the sampled u and a LIF driven by it are exact', () => {
    const count = 200_000;
    // switches every 5 us (20 per 0.1 ms step), value k mod 7 after the k-th switch
    const times = Array.from({ length: count }, (_, k) => (k + 1) * 5e-6);
    const values = times.map((_, k) => k % 7);
    const out = runNetwork(
      network({
        dt: 0.0001,
        duration: 1,
        nodes: [
          { id: 'S', kind: 'input', signal: { type: 'step', times, values } },
          { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.01, vTh: 1e9 } },
        ],
        edges: [{ id: 'a', source: 'S', target: 'N', weight: 1 }],
        probes: [{ id: 'u', target: 'S', variable: 'u', every: 100 }],
      }),
    );
    const u = out.traces['u']!;
    expect(u.steps.length).toBe(101);
    u.steps.forEach((step, s) => {
      // at t = step * dt, switches k with (k + 1) * 5e-6 <= t have happened: k = 20 step - 1
      const k = Math.min(count, 20 * step) - 1;
      expect(u.values[0]![s]).toBe(k < 0 ? 0 : k % 7);
    });
  });
});
