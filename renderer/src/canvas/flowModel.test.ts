import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/document/empty';
import type { NetworkDocument } from '../../../shared/document/model';
import { connectNodes, setParams, updateEdges, updateNodes } from '../document/commands';
import { issuesById } from '../document/issues';
import { defaultNodePosition } from '../document/placement';
import type { CircuitFlowNode, ScopeFlowNode, SynapseFlowEdge } from './CircuitNodes';
import {
  createFlowDeriver,
  deriveFlow,
  deriveFlowEdges,
  deriveFlowNodes,
  flowBoxes,
  flowWiringEdges,
  probeWireId,
} from './flowModel';
import { planWiring } from './wiring';

/**
 * A, B (LIF neurons, A labelled), P and Q (LIF populations of 10) and I (a constant input):
 * I → A, A ⇄ B, A → P, P → Q; scope pA records A as a chip (no place on the canvas), scope pB records B as a
 * card. A, B and the card are placed; P, I and Q are not (the standard rows of five).
 */
function smallDoc(): NetworkDocument {
  let doc: NetworkDocument = {
    ...emptyDocument(),
    nodes: [
      { id: 'A', kind: 'neuron', model: 'lif', label: 'Alpha' },
      { id: 'B', kind: 'neuron', model: 'lif' },
      { id: 'P', kind: 'population', model: 'lif', size: 10 },
      { id: 'I', kind: 'input', signal: { type: 'constant', value: 1 } },
      { id: 'Q', kind: 'population', model: 'lif', size: 10 },
    ],
    probes: [
      { id: 'pA', target: 'A', variable: 'v' },
      { id: 'pB', target: 'B', variable: 'v' },
    ],
    layout: { A: { x: 0, y: 0 }, B: { x: 300, y: 0 }, pB: { x: 600, y: 200 } },
  };
  for (const [source, target] of [
    ['I', 'A'],
    ['A', 'B'],
    ['B', 'A'],
    ['A', 'P'],
    ['P', 'Q'],
  ] as const)
    doc = connectNodes.apply(doc, { source, target });
  return doc;
}

const none = { selected: new Set<string>() };

function byId<T extends { id: string }>(list: readonly T[], id: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

describe('deriveFlowNodes', () => {
  it('gives a card per node in document order, then one per placed scope', () => {
    const doc = smallDoc();
    const nodes = deriveFlowNodes(doc, none);
    expect(nodes.map((n) => [n.id, n.type])).toEqual([
      ['A', 'circuit'],
      ['B', 'circuit'],
      ['P', 'circuit'],
      ['I', 'circuit'],
      ['Q', 'circuit'],
      ['pB', 'scope'],
    ]);
    const a = byId(nodes, 'A') as CircuitFlowNode;
    expect(a.position).toEqual({ x: 0, y: 0 });
    expect(a.selected).toBe(false);
    expect(a.data.node).toBe(doc.nodes[0]);
    expect(a.data.warnings).toEqual([]);
    expect('measured' in a).toBe(false);
    // Unplaced nodes sit in the standard rows of five, by their index in the document.
    expect(byId(nodes, 'P').position).toEqual(defaultNodePosition(2));
    expect(byId(nodes, 'I').position).toEqual(defaultNodePosition(3));
    const scope = byId(nodes, 'pB') as ScopeFlowNode;
    expect(scope.position).toEqual({ x: 600, y: 200 });
    expect(scope.data.probe).toBe(doc.probes![1]);
    expect(scope.data.targetName).toBe('B');
  });

  it('shows an unplaced scope as a chip on the node it records, selected with it', () => {
    const doc = smallDoc();
    const a = byId(deriveFlowNodes(doc, none), 'A') as CircuitFlowNode;
    expect(a.data.records).toEqual([{ id: 'pA', variable: 'v', selected: false }]);
    const chosen = byId(
      deriveFlowNodes(doc, { selected: new Set(['pA']) }),
      'A',
    ) as CircuitFlowNode;
    expect(chosen.data.records).toEqual([{ id: 'pA', variable: 'v', selected: true }]);
    expect(chosen.selected).toBe(false);
    expect((byId(deriveFlowNodes(doc, none), 'B') as CircuitFlowNode).data.records).toEqual([]);
  });

  it('flags the selected, takes a drag ahead of the layout and carries measured sizes', () => {
    const doc = smallDoc();
    const nodes = deriveFlowNodes(doc, {
      selected: new Set(['B', 'pB']),
      drag: { A: { x: 40, y: 60 } },
      measured: { A: { width: 200, height: 110 } },
    });
    expect(nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['B', 'pB']);
    const a = byId(nodes, 'A');
    expect(a.position).toEqual({ x: 40, y: 60 });
    expect(a.measured).toEqual({ width: 200, height: 110 });
  });

  it('marks the node a dragged Scope would record, and only it (walkthrough 5)', () => {
    const doc = smallDoc();
    const nodes = deriveFlowNodes(doc, { selected: new Set(['A']), dropTarget: 'B' });
    expect(nodes.filter((n) => n.className === 'is-drop-target').map((n) => n.id)).toEqual(['B']);
    const deriver = createFlowDeriver();
    const before = deriver.nodes(doc, none);
    const during = deriver.nodes(doc, { ...none, dropTarget: 'B' });
    expect(byId(during, 'A')).toBe(byId(before, 'A'));
    expect(byId(during, 'B')).not.toBe(byId(before, 'B'));
    expect(byId(deriver.nodes(doc, none), 'B').className).toBeUndefined();
  });

  it("carries a node's problems", () => {
    const doc = setParams.apply(smallDoc(), { ids: ['A'], values: { tauM: -5 } });
    const issues = issuesById(doc);
    expect(issues.get('A')?.length).toBeGreaterThan(0);
    const a = byId(deriveFlowNodes(doc, none), 'A') as CircuitFlowNode;
    expect(a.data.warnings).toEqual(issues.get('A'));
  });
});

describe('deriveFlowEdges', () => {
  it('gives a synapse per edge with its names, rule, pair and scale, then a wire per scope card', () => {
    const doc = smallDoc();
    const edges = deriveFlowEdges(doc, none);
    const ids = doc.edges.map((e) => e.id);
    expect(edges.map((e) => e.id)).toEqual([...ids, probeWireId('pB')]);
    const ab = edges.find((e) => e.source === 'A' && e.target === 'B') as SynapseFlowEdge;
    expect(ab).toMatchObject({
      type: 'synapse',
      sourceHandle: 'out',
      targetHandle: 'in',
      selected: false,
      zIndex: 0,
    });
    expect(ab.data!.edge).toBe(doc.edges.find((e) => e.id === ab.id));
    expect(ab.data!.sourceName).toBe('Alpha');
    expect(ab.data!.targetName).toBe('B');
    expect(ab.data!.highlight).toBeNull();
    expect(ab.data!.placement).toBeNull();
    // A ⇄ B: each label names its direction; a rule is shown between populations only.
    expect(ab.data!.pair).toBe('Alpha → B');
    expect(ab.data!.rule).toBeNull();
    const pq = edges.find((e) => e.source === 'P' && e.target === 'Q') as SynapseFlowEdge;
    expect(pq.data!.rule).toBe('one-to-one · 1 input each');
    expect(pq.data!.pair).toBeNull();
    expect(ab.data!.scale).toBeGreaterThan(0);
    const wire = byId(edges, probeWireId('pB'));
    expect(wire).toMatchObject({
      source: 'B',
      target: 'pB',
      className: 'edge--probe',
      selectable: false,
      deletable: false,
    });
  });

  it('highlights the hovered node’s synapses above the rest and dims the others', () => {
    const doc = smallDoc();
    const edges = deriveFlowEdges(doc, { ...none, hoverId: 'P' }) as SynapseFlowEdge[];
    const synapses = edges.filter((e) => e.type === 'synapse');
    for (const e of synapses) {
      const touches = e.source === 'P' || e.target === 'P';
      expect(e.data!.highlight).toBe(touches);
      expect(e.zIndex).toBe(touches ? 5 : 0);
    }
  });

  it('never dims a selected synapse: hovering the last of several selected labels keeps all of them selected-looking', () => {
    const doc = smallDoc();
    const [first, second] = doc.edges.map((e) => e.id);
    const selected = new Set([first!, second!]);
    const edges = deriveFlowEdges(doc, { ...none, selected, hoverId: second! });
    const byId = new Map(edges.map((e) => [e.id, e as SynapseFlowEdge]));
    expect(byId.get(second!)!.data!.highlight).toBe(true);
    expect(byId.get(first!)!.selected).toBe(true);
    // Not faded (false): drawn as any selected synapse.
    expect(byId.get(first!)!.data!.highlight).not.toBe(false);
  });

  it('marks a strong synapse on its label with the warning the inspector shows', () => {
    let doc = smallDoc();
    const ab = doc.edges.find((e) => e.source === 'A' && e.target === 'B')!;
    const edgeOf = (d: NetworkDocument) =>
      deriveFlowEdges(d, none).find((e) => e.id === ab.id) as SynapseFlowEdge;
    expect(edgeOf(doc).data!.strong).toBeNull();
    doc = updateEdges.apply(doc, { ids: [ab.id], patch: { weight: -0.5 } });
    expect(edgeOf(doc).data!.strong).toContain("one spike of Alpha moves B's v by up to −15.7");
  });

  it('flags the selected synapses', () => {
    const doc = smallDoc();
    const id = doc.edges[1]!.id;
    const edges = deriveFlowEdges(doc, { selected: new Set([id]) });
    expect(edges.filter((e) => e.selected).map((e) => e.id)).toEqual([id]);
  });

  it('places each label where the wiring plan says', () => {
    const doc = smallDoc();
    const plan = planWiring(flowBoxes(doc), flowWiringEdges(doc));
    const edges = deriveFlowEdges(doc, { ...none, plan }) as SynapseFlowEdge[];
    for (const e of doc.edges) {
      const flow = byId(edges, e.id);
      expect(flow.data!.placement).toBe(plan.get(e.id));
      expect(flow.data!.placement).not.toBeNull();
    }
  });
});

describe('flowBoxes and flowWiringEdges (what the wiring plan is made from)', () => {
  it('boxes every card at its place with its measured or standard size', () => {
    const doc = smallDoc();
    const boxes = flowBoxes(doc, { B: { x: 320, y: 20 } }, { A: { width: 200, height: 90 } });
    expect(boxes.get('A')).toEqual({ x: 0, y: 0, w: 200, h: 90 });
    expect(boxes.get('B')).toEqual({ x: 320, y: 20, w: 180, h: 100 });
    expect(boxes.get('P')).toEqual({ ...defaultNodePosition(2), w: 180, h: 100 });
    expect(boxes.get('pB')).toEqual({ x: 600, y: 200, w: 150, h: 80 });
    expect(boxes.has('pA')).toBe(false);
  });

  it('sizes labels as measured, else estimated', () => {
    const doc = smallDoc();
    const id = doc.edges[0]!.id;
    const wiring = flowWiringEdges(doc, { [id]: { width: 77, height: 33 } });
    expect(wiring[0]).toEqual({ id, source: 'I', target: 'A', labelW: 77, labelH: 33 });
    expect(wiring[1]!.labelW).toBeGreaterThan(0);
  });
});

describe('deriveFlow', () => {
  it('is deriveFlowNodes and deriveFlowEdges at once, with new objects each time', () => {
    const doc = smallDoc();
    const ui = { ...none, hoverId: 'A' };
    const flow = deriveFlow(doc, ui);
    expect(flow.nodes).toEqual(deriveFlowNodes(doc, ui));
    expect(flow.edges).toEqual(deriveFlowEdges(doc, ui));
    expect(deriveFlow(doc, ui).nodes[0]).not.toBe(flow.nodes[0]);
  });
});

describe('createFlowDeriver', () => {
  it('gives what deriveFlow gives', () => {
    const doc = smallDoc();
    const ui = { selected: new Set(['A']), hoverId: 'B' };
    expect(createFlowDeriver().flow(doc, ui)).toEqual(deriveFlow(doc, ui));
  });

  it('keeps the objects of unchanged nodes and edges', () => {
    const doc = smallDoc();
    const deriver = createFlowDeriver();
    const issues = issuesById(doc);
    const first = deriver.flow(doc, { ...none, issues });
    // A new document (another element edited) and new but equal inputs.
    const again = deriver.flow({ ...doc }, { selected: new Set(), issues: issuesById(doc) });
    first.nodes.forEach((n, i) => expect(again.nodes[i]).toBe(n));
    first.edges.forEach((e, i) => expect(again.edges[i]).toBe(e));
  });

  it('makes a new object for a changed node only, and keeps its data while only its place changes', () => {
    const doc = smallDoc();
    const deriver = createFlowDeriver();
    const before = deriver.nodes(doc, none);
    const renamed = updateNodes.apply(doc, { ids: ['B'], patch: { label: 'Beta' } });
    const after = deriver.nodes(renamed, none);
    expect(byId(after, 'B')).not.toBe(byId(before, 'B'));
    expect((byId(after, 'B') as CircuitFlowNode).data.node.label).toBe('Beta');
    for (const id of ['A', 'P', 'I', 'Q']) expect(byId(after, id)).toBe(byId(before, id));
    // The scope card names its target: it changes with B's label.
    expect(byId(after, 'pB')).not.toBe(byId(before, 'pB'));

    const dragged = deriver.nodes(renamed, { ...none, drag: { A: { x: 10, y: 10 } } });
    expect(byId(dragged, 'A')).not.toBe(byId(after, 'A'));
    expect(byId(dragged, 'A').data).toBe(byId(after, 'A').data);
    expect(byId(dragged, 'B')).toBe(byId(after, 'B'));

    const selected = deriver.nodes(renamed, { selected: new Set(['I']) });
    expect(byId(selected, 'I')).not.toBe(byId(after, 'I'));
    expect(byId(selected, 'I').selected).toBe(true);
    expect(byId(selected, 'P')).toBe(byId(after, 'P'));
  });

  it('makes a new object for a changed edge only', () => {
    const doc = smallDoc();
    const deriver = createFlowDeriver();
    const before = deriver.edges(doc, none);
    const edge = doc.edges.find((e) => e.source === 'I')!;
    const id = edge.id;
    // The sign flipped: the circuit's largest |w| (every synapse's width is relative to it) stays.
    const edited = updateEdges.apply(doc, {
      ids: [id],
      patch: { weight: -(edge.weight as number) },
    });
    const after = deriver.edges(edited, none);
    expect(byId(after, id)).not.toBe(byId(before, id));
    for (const e of before) if (e.id !== id) expect(byId(after, e.id)).toBe(e);

    // Hovering B changes the synapses of B (highlighted) and the others (dimmed), not the wire.
    const hovered = deriver.edges(edited, { ...none, hoverId: 'B' });
    for (const e of after)
      if (e.id === probeWireId('pB')) expect(byId(hovered, e.id)).toBe(e);
      else expect(byId(hovered, e.id)).not.toBe(e);
  });

  it('forgets deleted elements: one added back is derived afresh', () => {
    const doc = smallDoc();
    const deriver = createFlowDeriver();
    const before = deriver.nodes(doc, none);
    deriver.nodes({ ...doc, nodes: doc.nodes.filter((n) => n.id !== 'Q') }, none);
    const back = deriver.nodes(doc, none);
    expect(byId(back, 'Q')).not.toBe(byId(before, 'Q'));
    expect(byId(back, 'Q')).toEqual(byId(before, 'Q'));
    expect(byId(back, 'A')).toBe(byId(before, 'A'));
  });
});
