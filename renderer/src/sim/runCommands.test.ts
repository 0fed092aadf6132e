/** "Record this": a new scope goes beside its node and never on top of another scope. */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { DEFAULT_SCOPE_SIZE } from '../editor/placement';
import { currentDocument, loadDocumentCommand } from '../store/documentStore';
import { recordNodeCommand } from './runCommands';

const doc = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 0.1, seed: 1 },
  nodes: [{ id: 'C', kind: 'neuron', model: 'lif', params: {} }],
  edges: [],
  probes: [],
  layout: { C: { x: 0, y: 0 } },
} as unknown as NetworkDocument;

describe('recordNodeCommand', () => {
  it('puts each new scope in a free place', () => {
    loadDocumentCommand(doc, 'record.neuro');
    const ids = (['v', 's', 'J'] as const).map((variable) => recordNodeCommand('C', variable)!);
    expect(new Set(ids).size).toBe(3);
    const layout = currentDocument()!.layout!;
    const boxes = ids.map((id) => layout[id]!);
    expect(boxes[0]).toEqual({ x: 200, y: 100 }); // right of and below C, on the snap grid
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const apart =
          Math.abs(boxes[a]!.x - boxes[b]!.x) >= DEFAULT_SCOPE_SIZE.width ||
          Math.abs(boxes[a]!.y - boxes[b]!.y) >= DEFAULT_SCOPE_SIZE.height;
        expect(apart, `${ids[a]} and ${ids[b]} overlap`).toBe(true);
      }
    // the same variable again is the same scope
    expect(recordNodeCommand('C', 'v')).toBe(ids[0]);
  });
});
