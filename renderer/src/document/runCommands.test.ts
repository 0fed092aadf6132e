/** "Record this": a new scope is a chip on its node, never a card on the canvas. */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { currentDocument, loadDocumentCommand } from './documentStore';
import { isChipProbe } from './graph';
import { recordNodeCommand } from './runCommands';
import { uiStore } from './uiStore';

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
  it('records each variable as a chip on its node: a scope with no card on the canvas', () => {
    loadDocumentCommand(doc, 'record.neuro');
    const ids = (['v', 's', 'J'] as const).map((variable) => recordNodeCommand('C', variable)!);
    expect(new Set(ids).size).toBe(3);
    const after = currentDocument()!;
    for (const id of ids) {
      expect(after.layout?.[id]).toBeUndefined();
      expect(
        isChipProbe(
          after,
          after.probes!.find((p) => p.id === id)!,
        ),
      ).toBe(true);
    }
    // the same variable again is the same scope
    expect(recordNodeCommand('C', 'v')).toBe(ids[0]);
  });

  it("records a population's first 16 once: again is the same scope, not a second legend", () => {
    loadDocumentCommand(
      {
        ...doc,
        nodes: [{ id: 'P', kind: 'population', size: 100, model: 'lif' }],
        layout: { P: { x: 0, y: 0 } },
      } as unknown as NetworkDocument,
      'record.neuro',
    );
    const first = recordNodeCommand('P', 'v')!;
    expect(currentDocument()!.probes![0]!.indices).toHaveLength(16);
    expect(recordNodeCommand('P', 'v')).toBe(first);
    expect(currentDocument()!.probes).toHaveLength(1);
  });

  it('says which scope records a variable already instead of adding nothing without a word', () => {
    loadDocumentCommand(doc, 'record.neuro');
    uiStore.setState({ notice: null });
    const id = recordNodeCommand('C', 'v')!;
    expect(recordNodeCommand('C', 'v')).toBe(id);
    expect(currentDocument()!.probes).toHaveLength(1);
    expect(uiStore.getState().notice?.text).toBe(
      "C's v is recorded already (the v chip on C): its trace is in the charts.",
    );
  });
});
