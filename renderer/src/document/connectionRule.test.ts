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
  oversizeRefusal,
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
