/**
 * The PyNN unit mapping of docs/interop.md, checked against our engine: one spike through an
 * order-0 and an order-1 filter into a LIF, our s(t) against the PyNN synaptic current converted
 * back (J = I tau_m / (c_m S)); the voltage map; and that docs/interop.md states these constants.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../document/model';
import { runNetwork } from '../../sim/test-support/testNetworks';
import { PYNN_UNITS, pynnCurrent, pynnVoltage, pynnWeight } from './exportPynn';

function spikeInto(order: number): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 1e-4, duration: 0.05, seed: 1 },
    nodes: [
      { id: 'S', kind: 'input', signal: { type: 'spikes', times: [0.01] } },
      { id: 'L', kind: 'neuron', model: 'lif', params: { tauM: 0.02, vTh: 100 } },
    ],
    edges: [
      { id: 'e', source: 'S', target: 'L', weight: 0.03, synapse: { tauS: 0.004, n: order } },
    ],
    probes: [{ id: 's', target: 'L', variable: 's' }],
  } as unknown as NetworkDocument;
}

describe('PyNN units', () => {
  it('voltage: v = 0 is -70 mV, vTh = 1 is -50 mV', () => {
    expect(pynnVoltage(0)).toBe(-70);
    expect(pynnVoltage(1)).toBe(-50);
  });

  it('a current I adds I tau_m / (c_m S) to J', () => {
    const I = pynnCurrent(1.5, 0.02);
    expect((I * 20) / (PYNN_UNITS.cm * PYNN_UNITS.scale)).toBeCloseTo(1.5, 12);
  });

  for (const order of [0, 1]) {
    it(`order ${order}: the PyNN current of weight W, converted back, is our s(t)`, () => {
      const out = runNetwork(spikeInto(order));
      const s = out.traces['s']!;
      const W = pynnWeight(0.03, 0.004, 0.02, order);
      const tau = 4; // ms
      for (let k = 0; k < s.t.length; k++) {
        const t = (s.t[k]! - 0.01) * 1000; // ms since the spike
        const current =
          t < 0 ? 0 : order === 0 ? W * Math.exp(-t / tau) : W * (t / tau) * Math.exp(1 - t / tau);
        const J = (current * 20) / (PYNN_UNITS.cm * PYNN_UNITS.scale); // tau_m = 20 ms
        expect(Math.abs(J - s.values[0]![k]!)).toBeLessThan(1e-9);
      }
    });
  }

  it('docs/interop.md states the same constants and formulas', () => {
    const doc = readFileSync('docs/interop.md', 'utf8');
    expect(doc).toContain(`**V_rest = ${PYNN_UNITS.vRest} mV**`);
    expect(doc).toContain(`**S = ${PYNN_UNITS.scale} mV**`);
    expect(doc).toContain(`**c_m = ${PYNN_UNITS.cm} nF**`);
    expect(doc).toContain('**I = c_m S J / tau_m**');
    expect(doc).toContain('**W = c_m S (w/tau_s) /\n  tau_m**');
    expect(doc).toContain('**W = c_m S (w/tau_s) / (e\n  tau_m)**');
  });
});
