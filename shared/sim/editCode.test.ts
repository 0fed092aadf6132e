/** Live-edit answers carry a code, so hosts and the app never compare their text. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './createSimulation';
import { editCode } from './engine/liveEdit';
import { network } from './test-support/testNetworks';

describe('editCode', () => {
  it('applied, invalid (a value out of range) and needsRestart (a delay, an unknown id)', () => {
    const created = createSimulation(
      network({
        nodes: [
          { id: 'in', kind: 'input', signal: { type: 'constant', value: 1 } },
          { id: 'N', kind: 'neuron', model: 'lif' },
        ],
        edges: [{ id: 'e', source: 'in', target: 'N', weight: 1 }],
      }),
    );
    if (!created.ok) throw new Error('does not compile');
    const sim = created.simulation;
    sim.advance(10);
    expect(editCode(sim.applyEdit({ elementId: 'N', path: 'params.bias', value: 1 }))).toBe(
      'applied',
    );
    expect(editCode(sim.applyEdit({ elementId: 'N', path: 'params.tauM', value: -1 }))).toBe(
      'invalid',
    );
    expect(editCode(sim.applyEdit({ elementId: 'e', path: 'delay', value: 0.01 }))).toBe(
      'needsRestart',
    );
    expect(editCode(sim.applyEdit({ elementId: 'nobody', path: 'weight', value: 1 }))).toBe(
      'needsRestart',
    );
  });
});
