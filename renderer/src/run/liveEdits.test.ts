/** The diff that decides between a live edit and a restart. */
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import { diffForLiveEdits, fieldWords, liveEditsInDocument } from './liveEdits';

const base = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    { id: 'A', kind: 'neuron', model: 'lif', label: 'A', params: { bias: 1.5 } },
    { id: 'in', kind: 'input', signal: { type: 'sine', amplitude: 1, frequency: 5 } },
    { id: 'C', kind: 'neuron', model: 'lif', params: {} },
  ],
  edges: [{ id: 'e', source: 'A', target: 'C', weight: 0.05, synapse: { tauS: 0.005 } }],
  probes: [{ id: 'vC', target: 'C', variable: 'v' }],
  layout: { A: { x: 0, y: 0 } },
} as unknown as NetworkDocument;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form edits of a JSON copy
type Loose = Record<string, any>;

function edit(mutate: (doc: Loose) => void): NetworkDocument {
  const copy = JSON.parse(JSON.stringify(base)) as Loose;
  mutate(copy);
  return copy as unknown as NetworkDocument;
}

describe('diffForLiveEdits', () => {
  it('turns param, signal, weight and synapse changes into edits with old and new values', () => {
    const diff = diffForLiveEdits(
      base,
      edit((d) => {
        d.nodes[0].params.bias = 2.5;
        d.nodes[1].signal.amplitude = 3;
        d.nodes[2].params.tauM = 0.01;
        d.edges[0].weight = 0.1;
        d.edges[0].synapse.tauS = 0.01;
      }),
    );
    expect(diff.structural).toEqual([]);
    expect(diff.edits).toEqual([
      { elementId: 'A', path: 'params.bias', oldValue: 1.5, newValue: 2.5 },
      { elementId: 'in', path: 'signal.amplitude', oldValue: 1, newValue: 3 },
      { elementId: 'C', path: 'params.tauM', oldValue: undefined, newValue: 0.01 },
      { elementId: 'e', path: 'weight', oldValue: 0.05, newValue: 0.1 },
      { elementId: 'e', path: 'synapse.tauS', oldValue: 0.005, newValue: 0.01 },
    ]);
  });

  it('ignores labels and layout', () => {
    const diff = diffForLiveEdits(
      base,
      edit((d) => {
        d.nodes[0].label = 'Alpha';
        d.layout.A.x = 40;
        d.name = 'renamed';
      }),
    );
    expect(diff).toEqual({ edits: [], structural: [] });
  });

  it('asks for a restart on structural changes', () => {
    const diff = diffForLiveEdits(
      base,
      edit((d) => {
        d.nodes.push({ id: 'D', kind: 'neuron', model: 'lif' });
        d.nodes[0].model = 'hh';
        d.nodes[1].signal = { type: 'constant', value: 1 };
        d.edges = [];
        d.probes.push({ id: 'sC', target: 'C', variable: 's' });
        d.simulation.dt = 0.001;
      }),
    );
    expect(diff.structural.sort()).toEqual(
      [
        'simulation settings changed',
        'node D added',
        'A model changed',
        'in signal type changed',
        'synapse A → C removed',
        'scope sC on C added',
      ].sort(),
    );
  });
});

describe('liveEditsInDocument (walkthrough 6, steps 68-69: "edited live" stayed after Revert)', () => {
  const log = [
    { field: 'A.params.bias', oldValue: 1.5, newValue: 3 },
    { field: 'A.params.bias', oldValue: 3, newValue: 4 },
    { field: 'e.weight', oldValue: 0.05, newValue: -8 },
  ];

  it('is true while an edited value is still in the document', () => {
    const edited = edit((d) => {
      d['nodes'][0].params.bias = 4;
      d['edges'][0].weight = -8;
    });
    expect(liveEditsInDocument(log, edited)).toBe(true);
    // one of the two back: the other is still a live edit
    expect(
      liveEditsInDocument(
        log,
        edit((d) => (d['edges'][0].weight = -8)),
      ),
    ).toBe(true);
  });

  it('is false once every field is back at its value before the run (Revert, undo)', () => {
    expect(liveEditsInDocument(log, base)).toBe(false);
    // a param left at its default before the run, set live, then reverted to the default
    const fromDefault = [{ field: 'C.params.tauM', oldValue: undefined, newValue: 0.01 }];
    expect(liveEditsInDocument(fromDefault, base)).toBe(false);
    expect(
      liveEditsInDocument(
        fromDefault,
        edit((d) => (d['nodes'][2].params.tauM = 0.01)),
      ),
    ).toBe(true);
  });
});

describe('fieldWords', () => {
  it('names a field as the inspector does, never by its path in the file', () => {
    expect(fieldWords('weight.p')).toBe('connection probability p');
    expect(fieldWords('weight')).toBe('weight');
    expect(fieldWords('params.bias')).toBe('bias');
    expect(fieldWords('synapse.tauS')).toBe('tauS');
  });
});
