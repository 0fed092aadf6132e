import { describe, expect, it } from 'vitest';
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';
import { validateDocument } from '../../../shared/document/validateDocument';
import { lifRate } from '../../../shared/models/lifRate';
import { connectNodes, updateEdges } from './commands';
import { emptyDocument } from '../../../shared/document/empty';
import {
  connectionCount,
  driveWarning,
  formatCount,
  inputsEach,
  offersWeightMatrix,
  oversizeRefusal,
  peakPsp,
  strongSynapseWarning,
  weakDriveWarning,
  ruleOf,
  ruleText,
  weightForRule,
} from './connectionRule';

function circuit(inputSize: number, popSize: number, extra: NetworkNode[] = []): NetworkDocument {
  return {
    ...emptyDocument(),
    nodes: [
      { id: 'in1', kind: 'input', size: inputSize, signal: { type: 'poisson', rate: 20 } },
      { id: 'P', kind: 'population', size: popSize, model: 'lif' },
      ...extra,
    ],
  };
}

describe('offersWeightMatrix', () => {
  it('offers the matrix when an end has several elements, never between two single units', () => {
    const doc = connectNodes.apply(
      circuit(1, 10, [
        { id: 'A', kind: 'neuron', model: 'rate' },
        { id: 'B', kind: 'neuron', model: 'rate' },
      ]),
      { source: 'A', target: 'B' },
    );
    const single = updateEdges.apply(doc, {
      ids: [doc.edges[0]!.id],
      patch: { weight: [[0.5]] },
    });
    expect(offersWeightMatrix(single, single.edges[0]!)).toBe(false);
    const intoPop = connectNodes.apply(doc, { source: 'A', target: 'P' });
    expect(offersWeightMatrix(intoPop, intoPop.edges[1]!)).toBe(true);
  });
});

describe('connection rules', () => {
  it('connects equal sizes one-to-one and other sizes all-to-all (decision 0013)', () => {
    const same = connectNodes.apply(circuit(100, 100), { source: 'in1', target: 'P' });
    expect(same.edges[0]!.weight).toEqual({ init: 'identity', value: 0.05 });
    expect(ruleText(same, same.edges[0]!)).toBe('one-to-one · 1 input each');
    const result = validateDocument(structuredClone(same));
    expect(result.ok ? [] : result.issues).toEqual([]);
    const other = connectNodes.apply(circuit(100, 50), { source: 'in1', target: 'P' });
    expect(other.edges[0]!.weight).toBe(0.05);
    expect(ruleText(other, other.edges[0]!)).toBe('all-to-all · 100 inputs each');
    const single = connectNodes.apply(circuit(1, 1), { source: 'in1', target: 'P' });
    expect(ruleText(single, single.edges[0]!)).toBeNull();
  });

  it('reads each rule back from its weight, with the inputs each target receives', () => {
    expect(ruleOf(weightForRule('all', 2))).toBe('all');
    expect(ruleOf(weightForRule('oneToOne', 2))).toBe('oneToOne');
    const sparse = weightForRule('probability', 2, 0.1);
    expect(ruleOf(sparse)).toBe('probability');
    expect(inputsEach(sparse, 100)).toBeCloseTo(10, 12);
    expect(connectionCount(sparse, 100, 50)).toBeCloseTo(500, 9);
    expect(ruleOf([[1]])).toBe('custom');
    const doc = connectNodes.apply(circuit(100, 100), { source: 'in1', target: 'P' });
    const p = updateEdges.apply(doc, { ids: [doc.edges[0]!.id], patch: { weight: sparse } });
    expect(ruleText(p, p.edges[0]!)).toBe('p 0.1 · ~10 inputs each');
  });

  it('warns when 100 Poisson trains reach every neuron: J = 100 x 20 Hz x 0.05 = 100, G(100)', () => {
    let doc = connectNodes.apply(circuit(100, 100), { source: 'in1', target: 'P' });
    const id = doc.edges[0]!.id;
    expect(driveWarning(doc, doc.edges[0]!)).toBeNull(); // one-to-one: J = 1, at threshold
    doc = updateEdges.apply(doc, { ids: [id], patch: { weight: 0.05 } });
    const text = driveWarning(doc, doc.edges[0]!)!;
    const g = lifRate(100, { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 });
    expect(text).toContain('each P neuron receives 100 trains of 20 Hz');
    expect(text).toContain('= 100, 100× its threshold 1');
    expect(text).toContain(`G(100) ≈ ${Math.round(g)} Hz`);
    expect(Math.round(g)).toBe(454);
    expect(text).toContain('Fewer inputs each (one-to-one, a small p) or a smaller w');
    // Ends of different sizes have no one-to-one in the rule menu: the advice does not offer it.
    let uneven = connectNodes.apply(circuit(50, 40), { source: 'in1', target: 'P' });
    uneven = updateEdges.apply(uneven, { ids: [uneven.edges[0]!.id], patch: { weight: 0.05 } });
    expect(driveWarning(uneven, uneven.edges[0]!)).toContain('Fewer inputs each (a small p) or');
  });

  it('refuses a connection too large to run, with the estimate', () => {
    const doc = connectNodes.apply(circuit(100_000, 50_000), { source: 'in1', target: 'P' });
    const text = oversizeRefusal(doc, doc.edges[0]!.id)!;
    expect(text).toContain('5 × 10^9 connections');
    expect(text).toMatch(/about \d+(\.\d+)? GB/);
    const ok = connectNodes.apply(circuit(100_000, 100_000), { source: 'in1', target: 'P' });
    expect(oversizeRefusal(ok, ok.edges[0]!.id)).toBeNull();
    expect(formatCount(1e10)).toBe('10^10');
    expect(formatCount(2500)).toBe('2,500');
  });
});

describe('strong synapses (one spike far beyond threshold)', () => {
  const tauM = 0.02;
  /** The alpha PSC (n = 1) onto a LIF membrane, solved by hand: c = 1/tauS - 1/tauM. */
  function alphaPsp(t: number, w: number, tauS: number): number {
    const c = 1 / tauS - 1 / tauM;
    return (
      (w / (tauM * tauS * tauS * c * c)) * (Math.exp(-t / tauM) - Math.exp(-t / tauS) * (1 + c * t))
    );
  }
  function maxOf(f: (t: number) => number, end: number): number {
    let best = -Infinity;
    for (let i = 1; i <= 200_000; i++) best = Math.max(best, f((end * i) / 200_000));
    return best;
  }

  it('peaks where the closed forms do (n = 0 exponential, n = 1 alpha, tauS = tauM)', () => {
    const exp0 = (t: number) => (Math.exp(-t / tauM) - Math.exp(-t / 0.005)) / (tauM - 0.005);
    expect(peakPsp(1, 0.005, 0, tauM)).toBeCloseTo(maxOf(exp0, 0.1), 6);
    expect(peakPsp(1, 0.005, 0, tauM)).toBeCloseTo(31.498, 2); // 0.05 -> 1.57 thresholds
    expect(peakPsp(1, tauM, 0, tauM)).toBeCloseTo(1 / (tauM * Math.E), 9);
    const alpha = maxOf((t) => alphaPsp(t, 1, 0.005), 0.2);
    expect(Math.abs(peakPsp(1, 0.005, 1, tauM) / alpha - 1)).toBeLessThan(1e-4);
    expect(peakPsp(-0.5, 0.005, 1, tauM)).toBeCloseTo(-0.5 * alpha, 2);
    expect(peakPsp(0, 0.005, 2, tauM)).toBe(0);
  });

  function pair(w: number, target: 'lif' | 'hh' = 'lif'): NetworkDocument {
    return {
      ...emptyDocument(),
      nodes: [
        { id: 'A', kind: 'neuron', model: 'lif' },
        { id: 'B', kind: 'neuron', model: target },
      ],
      edges: [{ id: 'e1', source: 'A', target: 'B', weight: w, synapse: { tauS: 0.005 } }],
    } as NetworkDocument;
  }

  it('names the synapse, the jump and the weight of one threshold for w = -0.5', () => {
    const doc = pair(-0.5);
    const text = strongSynapseWarning(doc, doc.edges[0]!)!;
    expect(text).toContain("one spike of A moves B's v by up to −15.7, 16× its threshold 1");
    expect(text).toContain('holds B silent');
    expect(text).toContain('A weight of about -0.032 moves v by one threshold');
    expect(strongSynapseWarning(pair(0.5), pair(0.5).edges[0]!)).toContain('fire at once');
  });

  it('stays quiet for the default weight, for HH targets and for rate sources', () => {
    expect(strongSynapseWarning(pair(0.05), pair(0.05).edges[0]!)).toBeNull();
    expect(strongSynapseWarning(pair(0.15), pair(0.15).edges[0]!)).toBeNull(); // 4.7x
    expect(strongSynapseWarning(pair(-0.5, 'hh'), pair(-0.5, 'hh').edges[0]!)).toBeNull();
    const rate = pair(-0.5);
    rate.nodes[0] = { id: 'A', kind: 'neuron', model: 'rate', activation: 'relu' } as NetworkNode;
    expect(strongSynapseWarning(rate, rate.edges[0]!)).toBeNull();
  });

  it('stays quiet for every synapse of the examples', () => {
    const examples = import.meta.glob<string>('../../../examples/*.neuro', {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    const warned: string[] = [];
    expect(Object.keys(examples).length).toBeGreaterThan(5);
    for (const [name, text] of Object.entries(examples)) {
      const example = JSON.parse(text) as NetworkDocument;
      for (const edge of example.edges)
        if (strongSynapseWarning(example, edge)) warned.push(`${name} ${edge.id}`);
    }
    expect(warned).toEqual([]);
  });
});

describe('weakDriveWarning', () => {
  /** The fifth walkthrough's circuit: a Steps input (0, 1.5, 0) into an HH neuron A, w 1. */
  function stepsIntoHh(values: number[], extra: Partial<NetworkNode> = {}): NetworkDocument {
    return {
      ...emptyDocument(),
      nodes: [
        {
          id: 'in1',
          kind: 'input',
          signal: { type: 'step', times: [0, 0.2, 0.5], values },
        },
        { id: 'A', kind: 'neuron', model: 'hh', ...extra } as NetworkNode,
      ],
      edges: [{ id: 'e1', source: 'in1', target: 'A', weight: 1 }],
    };
  }

  it('says a default HH neuron under 1.5 uA/cm^2 stays at rest, and the value that makes it fire', () => {
    const doc = stepsIntoHh([0, 1.5, 0]);
    expect(weakDriveWarning(doc, doc.edges[0]!)).toBe(
      'Weak drive: A receives at most J = 1.5 uA/cm^2 from its constant inputs, below the ~2.24 uA/cm^2 at which an HH neuron with default params fires even one spike: it stays at rest. Raising in1’s largest value to 6.2 or more (J ≥ 6.2) makes it fire repetitively.',
    );
  });

  it('says 3 uA/cm^2 gives one onset spike only, counting the bias and a second input', () => {
    let doc = stepsIntoHh([0, 2, 0], { params: { bias: 0.5 } });
    doc = {
      ...doc,
      nodes: [...doc.nodes, { id: 'c', kind: 'input', signal: { type: 'constant', value: 0.25 } }],
      edges: [...doc.edges, { id: 'e2', source: 'c', target: 'A', weight: 2 }],
    };
    const text = weakDriveWarning(doc, doc.edges[0]!)!;
    expect(text).toContain('at most J = 3 uA/cm^2 from its constant inputs and bias');
    expect(text).toContain('enough for one spike where the input steps up (from ~2.24 uA/cm^2)');
    expect(text).toContain('fires repetitively only from ~6.2 uA/cm^2');
    // 6.2 - (0.5 + 0.5) from the others: in1 must reach 5.2.
    expect(text).toContain('Raising in1’s largest value to 5.2 or more (J ≥ 6.2)');
  });

  it('says nothing at or above the onset of repetitive firing, with other params or a varying input', () => {
    const strong = stepsIntoHh([0, 6.2, 0]);
    expect(weakDriveWarning(strong, strong.edges[0]!)).toBeNull();
    const other = stepsIntoHh([0, 1.5, 0], { params: { gNa: 100 } });
    expect(weakDriveWarning(other, other.edges[0]!)).toBeNull();
    const defaults = stepsIntoHh([0, 1.5, 0], { params: { gNa: 120, bias: 0 } });
    expect(weakDriveWarning(defaults, defaults.edges[0]!)).not.toBeNull();
    const doc = stepsIntoHh([0, 1.5, 0]);
    const noisy: NetworkDocument = {
      ...doc,
      nodes: [...doc.nodes, { id: 'p', kind: 'input', signal: { type: 'poisson', rate: 20 } }],
      edges: [...doc.edges, { id: 'e2', source: 'p', target: 'A', weight: 1 }],
    };
    expect(weakDriveWarning(noisy, noisy.edges[0]!)).toBeNull();
  });

  it('says a LIF neuron under a constant input at or below vTh never fires', () => {
    const doc: NetworkDocument = {
      ...emptyDocument(),
      nodes: [
        { id: 'in1', kind: 'input', signal: { type: 'constant', value: 0.5 } },
        { id: 'B', kind: 'neuron', model: 'lif', label: 'Cell' },
      ],
      edges: [{ id: 'e1', source: 'in1', target: 'B', weight: 2 }],
    };
    expect(weakDriveWarning(doc, doc.edges[0]!)).toBe(
      'Weak drive: Cell receives at most J = 1 from its constant inputs, not above its threshold vTh 1: a LIF neuron under a constant input at or below vTh settles below it and never fires. Raising in1’s value above 0.5 (J > 1) makes it fire.',
    );
    const above = { ...doc, edges: [{ ...doc.edges[0]!, weight: 2.1 }] };
    expect(weakDriveWarning(above, above.edges[0]!)).toBeNull();
    const inhibit = { ...doc, edges: [{ ...doc.edges[0]!, weight: -1 }] };
    expect(weakDriveWarning(inhibit, inhibit.edges[0]!)).toContain(
      'A positive w makes in1 excite it (w -1 pulls J down).',
    );
  });

  it('speaks of a bias node by its weight', () => {
    const doc: NetworkDocument = {
      ...emptyDocument(),
      nodes: [
        { id: 'b', kind: 'bias', label: 'bias1' },
        { id: 'A', kind: 'neuron', model: 'hh' },
      ],
      edges: [{ id: 'e1', source: 'b', target: 'A', weight: 1 }],
    };
    expect(weakDriveWarning(doc, doc.edges[0]!)).toContain(
      'A weight w of 6.2 or more from bias1 (J ≥ 6.2) makes it fire repetitively.',
    );
  });
});
