/**
 * HH neurons driven through synapses: the network dt must not matter (the issue: "a coarse network
 * dt is never the student's problem"). The neuron sees the exact synaptic current J(t) at every
 * Runge-Kutta stage and its sub-steps end at each spike arrival, so the spike times at dt = 1 ms
 * and 0.1 ms agree with a run at dt = 0.01 ms to within the integrator's tolerance. (With the
 * current averaged over each step, as before, dt = 1 ms moved a spike by 7.7 ms.)
 */
import { describe, expect, it } from 'vitest';
import { network, runNetwork } from './test-support/testNetworks';

function hhDriven(dt: number, n: number, tauS: number, weight: number): number[] {
  const doc = network({
    dt,
    duration: 0.3,
    seed: 3,
    nodes: [
      { id: 'P', kind: 'input', size: 1, signal: { type: 'poisson', rate: 300 } },
      { id: 'H', kind: 'neuron', model: 'hh', params: {} },
    ],
    edges: [{ id: 'e', source: 'P', target: 'H', weight, synapse: { tauS, n } }],
  });
  return runNetwork(doc).spikes['H']![0]!;
}

describe('HH through synapses: spike times independent of the network dt', () => {
  const cases: Array<[string, number, number, number]> = [
    ['order 0, tau_s 5 ms (a jump at each arrival)', 0, 0.005, 0.04],
    ['order 2, tau_s 2 ms', 2, 0.002, 0.04],
  ];
  it.each(cases)('%s', (_name, n, tauS, weight) => {
    const reference = hhDriven(1e-5, n, tauS, weight);
    expect(reference.length).toBeGreaterThan(8);
    for (const dt of [1e-3, 1e-4]) {
      const times = hhDriven(dt, n, tauS, weight);
      expect(times.length).toBe(reference.length);
      times.forEach((t, i) => expect(Math.abs(t - reference[i]!)).toBeLessThan(2e-5));
    }
  });
});
