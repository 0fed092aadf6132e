import { emptyDocument } from '../../../shared/document/empty';
import { describe, expect, it } from 'vitest';
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';
import { validateDocument } from '../../../shared/document/validateDocument';
import { buildNode } from './catalogue';
import { copySelection, planPaste } from './clipboard';
import {
  COMMANDS,
  addNode,
  addProbe,
  connectNodes,
  deleteElements,
  insertElements,
  moveNodes,
  renameId,
  setDocumentInfo,
  setModel,
  setParams,
  setSignal,
  setSimulation,
  tidyLayout,
  updateEdges,
  updateNodes,
  updateProbe,
} from './commands';
import { connectionRefusal, unitHint, weightUnit } from './connect';
import {
  createDocumentStore,
  loadInto,
  redoIn,
  runIn,
  undoIn,
  type DocumentStore,
} from './documentStore';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function withNode(doc: NetworkDocument, key: string, x = 0, y = 0): NetworkDocument {
  const node = buildNode(doc, key)!;
  return addNode.apply(doc, { node, position: { x, y } });
}

/** one (bias), A, B, C (LIF): the notes' circuit before any edge. */
function abc(): NetworkDocument {
  let doc = emptyDocument();
  doc = withNode(doc, 'bias', 0, 80);
  doc = withNode(doc, 'lif', 240, 0);
  doc = withNode(doc, 'lif', 240, 160);
  doc = withNode(doc, 'lif', 480, 80);
  return doc;
}

function wired(): NetworkDocument {
  let doc = abc();
  for (const [s, t] of [
    ['one', 'A'],
    ['one', 'B'],
    ['A', 'C'],
    ['B', 'C'],
  ] as const)
    doc = connectNodes.apply(doc, { source: s, target: t });
  return doc;
}

function expectValid(doc: NetworkDocument): void {
  const result = validateDocument(structuredClone(doc));
  expect(result.ok ? [] : result.issues).toEqual([]);
}

describe('commands are pure and each does what its name says', () => {
  // One case per command: name -> [document before, args]. The walk below fails when a command
  // is added without a case here.
  const base = deepFreeze(wired());
  const withProbe = deepFreeze(
    addProbe.apply(base, {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 1, y: 2 },
    }),
  );
  const clip = planPaste(base, copySelection(base, ['A', 'C']), { x: 40, y: 40 });
  const cases: Record<keyof typeof COMMANDS, [NetworkDocument, unknown]> = {
    addNode: [
      base,
      { node: { id: 'D', kind: 'neuron', model: 'lif', params: {} }, position: { x: 5, y: 5 } },
    ],
    addProbe: [base, { probe: { id: 'p1', target: 'C', variable: 'v' }, position: { x: 0, y: 0 } }],
    connectNodes: [base, { source: 'C', target: 'A' }],
    insertElements: [base, clip],
    setParams: [base, { ids: ['A', 'B'], values: { tauM: 0.01 } }],
    restoreValues: [
      withNode(base, 'input-constant'),
      {
        values: [
          { nodeId: 'A', kind: 'param', field: 'bias', value: 0.5 },
          { nodeId: 'in1', kind: 'signal', field: 'value', value: 3 },
        ],
      },
    ],
    updateNodes: [base, { ids: ['A'], patch: { label: 'first' } }],
    setModel: [base, { ids: ['C'], model: 'hh' }],
    setSignal: [
      withNode(base, 'input-constant'),
      { ids: ['in1'], signal: { type: 'constant', value: 2 } },
    ],
    updateEdges: [base, { ids: ['wCA'], patch: { weight: 0.5, delay: 0.001 } }],
    updateProbe: [withProbe, { id: 'p1', patch: { variable: 's', every: 10 } }],
    setDocumentInfo: [base, { name: 'A and B drive C', author: 'me' }],
    setSimulation: [base, { duration: 0.5 }],
    moveNodes: [base, { positions: { A: { x: 7, y: 8 } } }],
    tidyLayout: [base, {}],
    renameId: [base, { from: 'C', to: 'out' }],
    deleteElements: [base, { ids: ['C'] }],
  };

  for (const [name, command] of Object.entries(COMMANDS)) {
    it(`${name}: changes a frozen document into a new, valid one`, () => {
      const [before, args] = cases[name as keyof typeof COMMANDS];
      const snapshot = structuredClone(before);
      const after = (command.apply as (d: NetworkDocument, a: unknown) => NetworkDocument)(
        before,
        args,
      );
      expect(after).not.toBe(before);
      expect(after).not.toEqual(before);
      expect(before).toEqual(snapshot);
      expectValid(after);
    });
  }

  it('leave elements they do not touch identical (memoised views skip them)', () => {
    const after = setParams.apply(base, { ids: ['A'], values: { bias: 1 } });
    expect(after.nodes[0]).toBe(base.nodes[0]);
    expect(after.nodes[2]).toBe(base.nodes[2]);
    expect(after.edges).toBe(base.edges);
  });
});

describe('connecting', () => {
  it('gives a spiking source the default synapse (tauS 5 ms, n 0) and a continuous one none', () => {
    const doc = wired();
    expect(doc.edges).toEqual([
      { id: 'wAone', source: 'one', target: 'A', weight: 1 },
      { id: 'wBone', source: 'one', target: 'B', weight: 1 },
      { id: 'wCA', source: 'A', target: 'C', weight: 0.05, synapse: { tauS: 0.005, n: 0 } },
      { id: 'wCB', source: 'B', target: 'C', weight: 0.05, synapse: { tauS: 0.005, n: 0 } },
    ]);
  });

  it('refuses what cannot work, with a reason, and changes nothing', () => {
    let doc = withNode(wired(), 'input-poisson');
    expect(connectionRefusal(doc, 'A', 'in1')).toMatch(/input: it only sends/);
    expect(connectionRefusal(doc, 'A', 'one')).toMatch(/bias node/);
    expect(connectionRefusal(doc, 'A', 'C')).toMatch(/already connects/);
    expect(connectNodes.apply(doc, { source: 'A', target: 'one' })).toBe(doc);
    doc = addProbe.apply(doc, {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 0, y: 0 },
    });
    expect(connectionRefusal(doc, 'p1', 'A')).toMatch(/only records/);
    expect(connectionRefusal(doc, 'one', 'p1')).toMatch(/bias node always outputs 1/);
    expect(connectionRefusal(doc, 'in1', 'C')).toBeNull();
  });

  it('wiring into a scope re-aims it, with a variable the new target has', () => {
    let doc = withNode(wired(), 'rate');
    doc = addProbe.apply(doc, {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 0, y: 0 },
    });
    doc = connectNodes.apply(doc, { source: 'D', target: 'p1' });
    expect(doc.probes).toEqual([{ id: 'p1', target: 'D', variable: 'y' }]);
    expect(doc.edges).toHaveLength(4);
  });

  it('wiring into a scope never makes it a second scope of a trace: another variable, or refused', () => {
    let doc = wired();
    doc = addProbe.apply(doc, { probe: { id: 'vA', target: 'A', variable: 'v' } });
    doc = addProbe.apply(doc, {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 0, y: 0 },
    });
    // A's v has its chip: the scope records A's next variable not recorded yet.
    doc = connectNodes.apply(doc, { source: 'A', target: 'p1' });
    expect(doc.probes!.find((p) => p.id === 'p1')).toEqual({
      id: 'p1',
      target: 'A',
      variable: 'J',
    });
    // Every variable of B recorded: wiring B into the scope is refused, and says so.
    for (const variable of ['v', 's', 'J'] as const)
      doc = addProbe.apply(doc, { probe: { id: `${variable}B`, target: 'B', variable } });
    expect(connectionRefusal(doc, 'B', 'p1')).toBe(
      'Every variable of B is recorded already: its traces are in the charts.',
    );
    expect(connectNodes.apply(doc, { source: 'B', target: 'p1' })).toBe(doc);
  });

  it('names a spiking weight’s unit; no unit hint where spikes cross (walkthrough 6, step 38)', () => {
    let doc = withNode(wired(), 'hh');
    // HH -> LIF: a spike train crosses; w sets each spike's current in C's unit: no mismatch
    doc = connectNodes.apply(doc, { source: 'D', target: 'C' });
    expect(unitHint(doc, doc.edges.at(-1)!)).toBeNull();
    expect(unitHint(doc, doc.edges[2]!)).toBeNull();
    expect(weightUnit(doc, doc.edges[2]!)).toBe('s');
    expect(weightUnit(doc, doc.edges[0]!)).toBe('1');
    doc = connectNodes.apply(doc, { source: 'C', target: 'D' });
    expect(weightUnit(doc, doc.edges.at(-1)!)).toBe('uA/cm^2·s');
    expect(unitHint(doc, doc.edges.at(-1)!)).toBeNull();
    // A constant input's value is already in D's unit (spec: "as J"); the bias node's 1 is not.
    doc = withNode(doc, 'input-constant');
    doc = connectNodes.apply(doc, { source: 'in1', target: 'D' });
    expect(weightUnit(doc, doc.edges.at(-1)!)).toBe('1');
    doc = connectNodes.apply(doc, { source: 'one', target: 'D' });
    expect(weightUnit(doc, doc.edges.at(-1)!)).toBe('uA/cm^2');
    expect(unitHint(doc, doc.edges.at(-1)!)).toBeNull();
    expect(unitHint(doc, doc.edges.at(-2)!)).toBeNull();
  });

  it('hints at units where a value crosses: a rate unit’s y into an HH neuron', () => {
    let doc = withNode(withNode(wired(), 'hh'), 'rate');
    doc = connectNodes.apply(doc, { source: 'E', target: 'D' });
    expect(unitHint(doc, doc.edges.at(-1)!)).toBe(
      "Units: E's activity y is dimensionless, D's input J is in uA/cm^2. The weight carries the unit: J gets w × y uA/cm^2.",
    );
    // into a LIF neuron, whose J is dimensionless too: nothing to say
    doc = connectNodes.apply(doc, { source: 'E', target: 'C' });
    expect(unitHint(doc, doc.edges.at(-1)!)).toBeNull();
  });
});

describe('editing', () => {
  it('refuses matrices of the wrong shape and identity between different sizes', () => {
    let doc = withNode(emptyDocument(), 'pop-rate');
    doc = withNode(doc, 'pop-rate');
    doc = updateNodes.apply(doc, { ids: ['P2'], patch: { size: 3 } });
    doc = connectNodes.apply(doc, { source: 'P1', target: 'P2' });
    const id = doc.edges[0]!.id;
    expect(
      updateEdges.apply(doc, { ids: [id], patch: { weight: { init: 'identity', value: 1 } } }),
    ).toBe(doc);
    expect(updateEdges.apply(doc, { ids: [id], patch: { weight: [[1, 2]] } })).toBe(doc);
    const matrix = Array.from({ length: 3 }, (_, i) => Array.from({ length: 10 }, (_, j) => i - j));
    const ok = updateEdges.apply(doc, { ids: [id], patch: { weight: matrix } });
    expect(ok.edges[0]!.weight).toEqual(matrix);
    expectValid(ok);
  });

  it('keeps the synapse of a spiking source, lets a continuous one drop it', () => {
    const doc = wired();
    expect(updateEdges.apply(doc, { ids: ['wCA'], patch: { synapse: null } })).toBe(doc);
    const filtered = updateEdges.apply(doc, { ids: ['wAone'], patch: { synapse: { tauS: 0.01 } } });
    expect(filtered.edges[0]!.synapse).toEqual({ tauS: 0.01 });
    const plain = updateEdges.apply(filtered, { ids: ['wAone'], patch: { synapse: null } });
    expect('synapse' in plain.edges[0]!).toBe(false);
  });

  it('a model switch gives the new spiking source synapses and its scopes a valid variable', () => {
    let doc = withNode(emptyDocument(), 'rate');
    doc = withNode(doc, 'lif');
    doc = connectNodes.apply(doc, { source: 'A', target: 'B' });
    doc = addProbe.apply(doc, {
      probe: { id: 'p1', target: 'A', variable: 'y' },
      position: { x: 0, y: 0 },
    });
    expect(doc.edges[0]!.synapse).toBeUndefined();
    doc = setModel.apply(doc, { ids: ['A'], model: 'hh' });
    expect(doc.nodes[0]).toEqual({ id: 'A', kind: 'neuron', model: 'hh', params: {} });
    expect(doc.edges[0]!.synapse).toEqual({ tauS: 0.005, n: 0 });
    expect(doc.probes![0]!.variable).toBe('V');
    expectValid(doc);
  });

  it('a signal switch to spikes adds synapses too', () => {
    let doc = withNode(abc(), 'input-constant');
    doc = connectNodes.apply(doc, { source: 'in1', target: 'A' });
    doc = setSignal.apply(doc, { ids: ['in1'], signal: { type: 'poisson', rate: 30 } });
    expect(doc.edges[0]!.synapse).toEqual({ tauS: 0.005, n: 0 });
  });

  it('sets params on several nodes at once, and removes one back to its default', () => {
    let doc = setParams.apply(abc(), {
      ids: ['A', 'B', 'one'],
      values: { tauM: 0.01, tauRef: 0.001 },
    });
    expect(doc.nodes.map((n) => ('params' in n ? n.params : null))).toEqual([
      null,
      { tauM: 0.01, tauRef: 0.001 },
      { tauM: 0.01, tauRef: 0.001 },
      {},
    ]);
    doc = setParams.apply(doc, { ids: ['A'], values: { tauM: undefined } });
    expect((doc.nodes[1] as NetworkNode & { params: object }).params).toEqual({ tauRef: 0.001 });
    // Arrays and draws only on populations.
    expect(setParams.apply(doc, { ids: ['A'], values: { bias: [1] } })).toBe(doc);
  });

  it('renaming an id follows every reference; a taken or malformed id is refused', () => {
    let doc = addProbe.apply(wired(), {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 3, y: 4 },
    });
    doc = renameId.apply(doc, { from: 'C', to: 'out' });
    expect(doc.edges.map((e) => e.target)).toEqual(['A', 'B', 'out', 'out']);
    expect(doc.probes![0]!.target).toBe('out');
    expect(doc.layout!['out']).toEqual({ x: 480, y: 80 });
    expect(doc.layout!['C']).toBeUndefined();
    expect(renameId.apply(doc, { from: 'out', to: 'A' })).toBe(doc);
    expect(renameId.apply(doc, { from: 'out', to: '1x' })).toBe(doc);
  });

  it('deleting a node takes its synapses, scopes and position with it', () => {
    let doc = addProbe.apply(wired(), {
      probe: { id: 'p1', target: 'C', variable: 'v' },
      position: { x: 3, y: 4 },
    });
    doc = deleteElements.apply(doc, { ids: ['C'] });
    expect(doc.nodes.map((n) => n.id)).toEqual(['one', 'A', 'B']);
    expect(doc.edges.map((e) => e.id)).toEqual(['wAone', 'wBone']);
    expect(doc.probes).toEqual([]);
    expect(Object.keys(doc.layout!)).toEqual(['one', 'A', 'B']);
  });

  it('copy/paste brings the edges between the copied nodes, with fresh ids', () => {
    const doc = wired();
    const clip = copySelection(doc, ['A', 'C', 'wCA']);
    expect(clip.edges.map((e) => e.id)).toEqual(['wCA']);
    const plan = planPaste(doc, clip, { x: 40, y: 40 });
    expect(plan.nodes.map((n) => n.id)).toEqual(['D', 'E']);
    expect(plan.edges).toEqual([
      { id: 'wED', source: 'D', target: 'E', weight: 0.05, synapse: { tauS: 0.005, n: 0 } },
    ]);
    expect(plan.layout).toEqual({ D: { x: 280, y: 40 }, E: { x: 520, y: 120 } });
    const after = insertElements.apply(doc, plan);
    expect(after.nodes).toHaveLength(6);
    expect(insertElements.apply(after, plan)).toBe(after); // ids now taken
  });

  it('tidy layout puts sources left and targets in later columns', () => {
    const doc = tidyLayout.apply(
      moveNodes.apply(wired(), { positions: { C: { x: -500, y: 999 } } }),
      {},
    );
    const x = (id: string): number => doc.layout![id]!.x;
    expect(x('one')).toBeLessThan(x('A'));
    expect(x('A')).toBe(x('B'));
    expect(x('B')).toBeLessThan(x('C'));
  });

  it('moveNodes records nothing when nothing moved', () => {
    const doc = wired();
    expect(moveNodes.apply(doc, { positions: { A: { x: 240, y: 0 } } })).toBe(doc);
  });
});

describe('history', () => {
  function storeWith(doc: NetworkDocument): DocumentStore {
    const store = createDocumentStore();
    loadInto(store, doc, 'test.neuro');
    return store;
  }

  it('undo walks back through every step to the loaded document and redo walks forward again', () => {
    const store = storeWith(emptyDocument());
    const seen: NetworkDocument[] = [store.getState().document!];
    const step = <A>(
      command: {
        apply(d: NetworkDocument, a: A): NetworkDocument;
        name: string;
        policy: 'record' | 'merge' | 'skip';
      },
      args: A,
    ): void => {
      expect(runIn(store, command, args)).toBe(true);
      seen.push(store.getState().document!);
    };
    step(addNode, { node: buildNode(emptyDocument(), 'bias')!, position: { x: 0, y: 0 } });
    for (const id of ['A', 'B', 'C'])
      step(addNode, {
        node: { id, kind: 'neuron', model: 'lif', params: {} },
        position: { x: 100, y: 0 },
      });
    step(connectNodes, { source: 'one', target: 'A' });
    step(connectNodes, { source: 'A', target: 'C' });
    step(updateEdges, { ids: ['wCA'], patch: { weight: 0.07 } });
    step(moveNodes, { positions: { C: { x: 300, y: 50 } } });
    step(setDocumentInfo, { name: 'two drive one' });
    step(setSimulation, { seed: 7 });
    step(deleteElements, { ids: ['B'] });
    for (let k = seen.length - 2; k >= 0; k--) {
      expect(undoIn(store)).toBe(true);
      expect(store.getState().document).toBe(seen[k]);
    }
    expect(undoIn(store)).toBe(false);
    for (let k = 1; k < seen.length; k++) {
      expect(redoIn(store)).toBe(true);
      expect(store.getState().document).toBe(seen[k]);
    }
    expect(redoIn(store)).toBe(false);
  });

  it('merges edits with the same key into one step (typing "0.05" is one undo)', () => {
    const store = storeWith(abc());
    for (const v of [0, 0.0, 0.05])
      runIn(store, setParams, { ids: ['A'], values: { bias: v + 1 } }, 'bias#1');
    runIn(store, setParams, { ids: ['A'], values: { bias: 3 } }, 'bias#2');
    expect(store.getState().history!.past).toHaveLength(2);
    undoIn(store);
    expect(store.getState().document!.nodes[1]).toMatchObject({ params: { bias: 1.05 } });
    undoIn(store);
    expect(store.getState().document).toEqual(abc());
  });

  it('a new command after undo drops the redo branch; a refused one records nothing', () => {
    const store = storeWith(abc());
    runIn(store, setParams, { ids: ['A'], values: { bias: 1 } });
    undoIn(store);
    runIn(store, setParams, { ids: ['A'], values: { bias: 2 } });
    expect(store.getState().history!.future).toHaveLength(0);
    expect(runIn(store, connectNodes, { source: 'A', target: 'one' })).toBe(false);
    expect(store.getState().history!.past).toHaveLength(1);
  });

  it('loading is not undoable', () => {
    const store = storeWith(abc());
    runIn(store, setParams, { ids: ['A'], values: { bias: 1 } });
    loadInto(store, emptyDocument(), 'new.neuro');
    expect(undoIn(store)).toBe(false);
    expect(store.getState().document).toEqual(emptyDocument());
  });

  it('updateNodes and updateProbe keep documents valid', () => {
    let doc = withNode(abc(), 'pop-lif');
    doc = updateNodes.apply(doc, { ids: ['P1'], patch: { size: 4, label: 'layer' } });
    doc = addProbe.apply(doc, {
      probe: { id: 'p1', target: 'P1', variable: 'v' },
      position: { x: 0, y: 0 },
    });
    doc = updateProbe.apply(doc, { id: 'p1', patch: { indices: [0, 3] } });
    expect(updateProbe.apply(doc, { id: 'p1', patch: { target: 'one' } })).toBe(doc);
    expectValid(updateProbe.apply(doc, { id: 'p1', patch: { target: 'A', indices: undefined } }));
  });

  it("updateProbe (the inspector's pickers) never makes a second scope of a trace", () => {
    let doc = abc();
    for (const [id, target, variable] of [
      ['vA', 'A', 'v'],
      ['p1', 'C', 'v'],
      ['sB', 'B', 's'],
    ] as const)
      doc = addProbe.apply(doc, { probe: { id, target, variable }, position: { x: 0, y: 0 } });
    // Re-aimed at A (whose v vA records): the scope takes A's next variable not recorded yet.
    const aimed = updateProbe.apply(doc, { id: 'p1', patch: { target: 'A' } });
    expect(aimed.probes!.find((p) => p.id === 'p1')).toMatchObject({ target: 'A', variable: 'J' });
    // On A, J -> v (recorded by vA) is refused.
    expect(updateProbe.apply(aimed, { id: 'p1', patch: { variable: 'v' } })).toBe(aimed);
    // A node with every variable recorded by other scopes is refused.
    for (const variable of ['v', 'J'] as const)
      doc = addProbe.apply(doc, {
        probe: { id: `${variable}B`, target: 'B', variable },
        position: { x: 0, y: 0 },
      });
    expect(updateProbe.apply(doc, { id: 'p1', patch: { target: 'B' } })).toBe(doc);
  });
});
