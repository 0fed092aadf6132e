/** Walkthrough 6 (step 20): an input of 100 elements read "×100 … input ×100" on its card. */
import { describe, expect, it } from 'vitest';
import type { NetworkNode } from '../../../shared/document/model';
import { nodeKindText } from './CircuitNodes';

describe('nodeKindText', () => {
  it('leaves the size to the card’s "×100" beside it', () => {
    const input = {
      id: 'in1',
      kind: 'input',
      size: 100,
      signal: { type: 'poisson', rate: 20 },
    } as unknown as NetworkNode;
    expect(nodeKindText(input)).toBe('input');
    const population = { id: 'P', kind: 'population', model: 'lif', size: 100 } as NetworkNode;
    expect(nodeKindText(population)).toBe('population');
  });
});
