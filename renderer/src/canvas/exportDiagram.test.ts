/** The exported diagram shows what the canvas shows: here, a strong synapse's mark (walkthrough 4). */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { diagramSvg } from './exportDiagram';

function twoNeurons(weight: number): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    name: 'two',
    simulation: { dt: 1e-4, duration: 1, seed: 1 },
    nodes: [
      { id: 'A', kind: 'neuron', model: 'lif', params: { bias: 2 } },
      { id: 'B', kind: 'neuron', model: 'lif', params: {} },
    ],
    edges: [{ id: 'wBA', source: 'A', target: 'B', weight }],
    layout: { A: { x: 0, y: 0 }, B: { x: 300, y: 0 } },
  } as unknown as NetworkDocument;
}

describe('diagramSvg', () => {
  it("marks a strong synapse's label as the canvas does, its warning as the mark's tooltip", () => {
    const svg = diagramSvg(twoNeurons(-0.5));
    expect(svg).toContain('class="synapse-strong"');
    expect(svg).toMatch(/<title>Strong synapse: one spike of A moves B’?'?s v by up to −15\.7/);
    expect(diagramSvg(twoNeurons(0.05))).not.toContain('synapse-strong');
  });
});
