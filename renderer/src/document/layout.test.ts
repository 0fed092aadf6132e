import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { connectNodes } from './commands';
import { emptyDocument } from '../../../shared/document/empty';
import { tidyPositions } from './layout';

describe('tidy layout (dagre)', () => {
  it('lays a mutually inhibiting triangle out without two cards on top of each other, with room for labels', () => {
    let doc: NetworkDocument = {
      ...emptyDocument(),
      nodes: ['A', 'B', 'C'].map((id) => ({ id, kind: 'neuron', model: 'lif' }) as const),
    };
    for (const [s, t] of ['AB', 'BA', 'AC', 'CA', 'BC', 'CB'])
      doc = connectNodes.apply(doc, { source: s!, target: t! });
    const p = tidyPositions(doc);
    const ids = ['A', 'B', 'C'];
    for (const a of ids)
      for (const b of ids) {
        if (a >= b) continue;
        const dx = Math.abs(p[a]!.x - p[b]!.x);
        const dy = Math.abs(p[a]!.y - p[b]!.y);
        expect(dx >= 180 || dy >= 100, `${a} and ${b} apart`).toBe(true);
      }
    // Layers are at least a card and a label apart.
    const xs = [...new Set(ids.map((id) => p[id]!.x))].sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++)
      expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(180 + 80);
  });

  it('lays a 3-cycle connected both ways out as a triangle: two cards stacked, the third right of them at their middle', () => {
    let doc: NetworkDocument = {
      ...emptyDocument(),
      nodes: ['A', 'B', 'C'].map((id) => ({ id, kind: 'neuron', model: 'lif' }) as const),
    };
    for (const [s, t] of ['AB', 'BA', 'AC', 'CA', 'BC', 'CB'])
      doc = connectNodes.apply(doc, { source: s!, target: t! });
    const p = tidyPositions(doc);
    expect(p['A']!.x).toBe(p['B']!.x);
    expect(p['B']!.y - p['A']!.y).toBeGreaterThanOrEqual(100 + 100);
    expect(p['C']!.x - p['A']!.x).toBeGreaterThanOrEqual(180 + 160);
    expect(p['C']!.y).toBe((p['A']!.y + p['B']!.y) / 2);
  });

  it('keeps a chain a chain', () => {
    let doc: NetworkDocument = {
      ...emptyDocument(),
      nodes: ['A', 'B', 'C'].map((id) => ({ id, kind: 'neuron', model: 'lif' }) as const),
    };
    for (const [s, t] of ['AB', 'BC', 'CA'])
      doc = connectNodes.apply(doc, { source: s!, target: t! });
    const p = tidyPositions(doc);
    expect(new Set(['A', 'B', 'C'].map((id) => p[id]!.x)).size).toBe(3);
  });
});
