import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { emptyDocument } from '../../../shared/document/empty';
import { dtWarning, noSpikesText, nothingToSimulate, recordingsText } from './stateMessages';

function doc(nodes: unknown[], dt = 0.0001): NetworkDocument {
  return { ...emptyDocument(), simulation: { dt, duration: 1, seed: 1 }, nodes } as NetworkDocument;
}

describe('messages that match the state', () => {
  it('an empty canvas has nothing to simulate; a rate-only circuit has no spiking element', () => {
    expect(nothingToSimulate(doc([]))).toContain('Nothing to simulate');
    const rate = doc([{ id: 'A', kind: 'neuron', model: 'rate' }]);
    expect(nothingToSimulate(rate)).toBeNull();
    expect(noSpikesText(rate, true)).toContain('No spiking element');
    const lif = doc([{ id: 'A', kind: 'neuron', model: 'lif' }]);
    expect(noSpikesText(lif, false)).toBe('No spikes yet: press Run.');
    expect(noSpikesText(lif, true)).toBe('No spikes in this run.');
  });

  it('names the smallest time constant when dt is large against it', () => {
    const lif = [{ id: 'A', kind: 'neuron', model: 'lif', params: { tauM: 0.02 } }];
    expect(dtWarning(doc(lif))).toBeNull();
    expect(dtWarning(doc(lif, 0.05))).toContain('τm of A = 20 ms');
  });

  it('says that spikes stay exact while traces are samples every dt (walkthrough 6, step 16)', () => {
    const warning = dtWarning(doc([{ id: 'A', kind: 'neuron', model: 'lif' }], 0.05));
    expect(warning).toContain('Spikes and rates stay exact');
    expect(warning).toContain('traces are sampled only every dt');
    expect(warning).toContain('can miss a threshold crossing');
    expect(warning).toContain('Pick dt ≤ 2 ms (τ/10)');
  });

  it('names a synapse by its ends, not by its id', () => {
    const chain = {
      ...doc([
        { id: 'in1', kind: 'input', label: 'in1', signal: { type: 'poisson', rate: 20 } },
        { id: 'a1', kind: 'neuron', model: 'lif', label: 'A', params: { tauM: 0.02 } },
      ]),
      edges: [{ id: 'wAin1', source: 'in1', target: 'a1', weight: 0.05, synapse: { tauS: 0.005 } }],
    } as unknown as NetworkDocument;
    const warning = dtWarning({ ...chain, simulation: { dt: 0.05, duration: 1, seed: 1 } });
    expect(warning).toContain('τs of synapse in1 → A = 5 ms');
    expect(warning).not.toContain('wAin1');
  });

  it("reads each model's time constants from its folder (the adaptive LIF is no HH)", () => {
    const alif = [{ id: 'A', kind: 'neuron', model: 'alif', params: { tauM: 0.05, tauA: 0.01 } }];
    expect(dtWarning(doc(alif, 0.02))).toContain('τa of A = 10 ms');
    expect(dtWarning(doc(alif, 0.02))).not.toContain('sodium');
    const hh = [{ id: 'H', kind: 'neuron', model: 'hh' }];
    expect(dtWarning(doc(hh, 0.001))).toContain('the sodium gate m of H');
  });
});

describe('recordingsText', () => {
  it('counts a scope card and the chips on nodes as recordings, not "4 scopes"', () => {
    const base = doc([{ id: 'A', kind: 'neuron', model: 'lif' }]);
    expect(recordingsText(base)).toBe('nothing recorded');
    const probes = ['v', 'J', 's', 'u'].map((variable, k) => ({
      id: `p${k}`,
      target: 'A',
      variable,
    }));
    const four = { ...base, probes, layout: { p0: { x: 0, y: 0 } } } as unknown as NetworkDocument;
    expect(recordingsText(four)).toBe('4 recordings: 1 scope card, 3 chips on nodes');
  });
});
