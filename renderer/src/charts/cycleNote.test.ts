/**
 * The zero-delay cycle note describes the circuit on screen (walkthrough 5: it outlived its run
 * over a new circuit and named a renamed node by its old name).
 */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { emptyDocument } from '../../../shared/document/empty';
import type { CycleInfo } from '../../../shared/sim/engine/exactCycles';
import { cycleInDocument, cyclesNote } from './cycleNote';

const abc: CycleInfo = { nodes: ['A', 'B', 'C'], elements: 3, rule: 'exact' };

function wta(edges: Array<[string, string, number?]>, labels: Record<string, string> = {}) {
  const doc = emptyDocument();
  return {
    ...doc,
    nodes: ['A', 'B', 'C'].map((id) => ({ id, type: 'lif', label: labels[id] ?? id })),
    edges: edges.map(([source, target, delay]) => ({
      id: `w${source}${target}`,
      source,
      target,
      weight: -0.1,
      ...(delay === undefined ? {} : { delay }),
    })),
  } as unknown as NetworkDocument;
}

const ring: Array<[string, string]> = [
  ['A', 'B'],
  ['B', 'C'],
  ['C', 'A'],
];

describe('cyclesNote', () => {
  it('says a cycle the document still has, naming its nodes by their labels now', () => {
    expect(cyclesNote([abc], wta(ring))).toMatch(/^A, B and C act on each other with no delay/);
    expect(cyclesNote([abc], wta(ring, { A: 'Winner' }))).toMatch(/^Winner, B and C act/);
  });

  it('says nothing once a node of the cycle is gone, or another circuit is on screen', () => {
    const doc = wta(ring);
    const withoutC = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'C') };
    expect(cyclesNote([abc], withoutC)).toBeNull();
    expect(cyclesNote([abc], emptyDocument())).toBeNull();
  });

  it('says nothing once the no-delay synapses no longer close the loop', () => {
    expect(cycleInDocument(abc, wta(ring.slice(0, 2)))).toBe(false);
    expect(
      cycleInDocument(
        abc,
        wta([
          ['A', 'B'],
          ['B', 'C'],
          ['C', 'A', 0.002],
        ]),
      ),
    ).toBe(false);
    // a different loop through the same nodes is still a cycle of all three
    expect(
      cycleInDocument(
        abc,
        wta([
          ['A', 'C'],
          ['C', 'B'],
          ['B', 'A'],
        ]),
      ),
    ).toBe(true);
  });

  it('a node acting on itself: its own no-delay synapse', () => {
    const self: CycleInfo = { nodes: ['A'], elements: 100, rule: 'exact' };
    expect(cycleInDocument(self, wta([['A', 'A']]))).toBe(true);
    expect(cycleInDocument(self, wta([['A', 'B']]))).toBe(false);
  });
});
