/**
 * The weight-matrix view's numbers (notes 1.3.4): every input of a target as one W, with x from a
 * real run of the simulator (streamed into a SimulationSession as the app does), b from the bias
 * param and bias-node edges, and z = W x + b checked against the J the engine computed.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../../shared/document/loadDocument';
import type { NetworkDocument } from '../../../../shared/document/model';
import { materializeWeight } from '../../../../shared/sim/compile/weightDraws';
import biasExampleText from '../../../../examples/bias-param-vs-node.neuro?raw';
import twoDriveOneText from '../../../../examples/two-drive-one.neuro?raw';
import { runInSession } from '../../run/testSupport';
import { targetMatrix, targetNodes } from './weightMatrix';

globalThis.requestAnimationFrame ??= ((cb: FrameRequestCallback) => {
  setTimeout(() => cb(0), 0);
  return 0;
}) as typeof requestAnimationFrame;

function load(json: unknown): NetworkDocument {
  const loaded = loadDocument(typeof json === 'string' ? json : JSON.stringify(json));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.document;
}

/** The LIF rate curve G(J) of the notes (1.3.5) with the default tau_m 20 ms, tau_ref 2 ms. */
const G = (j: number): number => 1 / (0.002 + 0.02 * Math.log(j / (j - 1)));

const twoDriveOne = load(twoDriveOneText);

describe('weight matrix of a target: all its inputs as one W', () => {
  it('A and B drive C: W = [w_CA w_CB], x = the measured rates, z = the mean J', () => {
    expect(targetNodes(twoDriveOne).map((n) => n.id)).toEqual(['C']);
    const before = targetMatrix(twoDriveOne, 'C')!;
    expect(before.W).toEqual([[0.05, -0.02]]);
    expect(before.x).toEqual([0, 0]);
    expect(before.blocks[0]!.activity.how).toMatch(/until the circuit runs/);

    const session = runInSession(twoDriveOne);
    const data = targetMatrix(twoDriveOne, 'C', session)!;
    expect(data.blocks.map((b) => [b.sourceId, b.first, b.size, b.edgeIds])).toEqual([
      ['A', 0, 1, ['wCA']],
      ['B', 1, 1, ['wCB']],
    ]);
    expect(data.W).toEqual([[0.05, -0.02]]);
    // A (bias 1.5) and B (bias 2) fire regularly at G(1.5) = 41.71 Hz and G(2) = 63.04 Hz.
    expect(data.x[0]).toBeCloseTo(G(1.5), 6);
    expect(data.x[1]).toBeCloseTo(G(2), 6);
    expect(data.blocks.map((b) => b.activity.kind)).toEqual(['rate', 'rate']);
    expect(data.blocks[0]!.activity.how).toMatch(/firing rate while it fires/);
    // C has no bias param and no bias node: no b column.
    expect(data.hasBias).toBe(false);
    expect(data.b).toEqual([0]);
    expect(data.z![0]).toBeCloseTo(0.05 * G(1.5) - 0.02 * G(2), 6);
    // sC records s of C (J without the bias param), every 10 steps: its mean after A and B began
    // to fire is z, up to the spikes cut at the window's ends and the sampling (3% here).
    expect(data.measured).toMatchObject({ probeId: 'sC', variable: 's', how: 'mean' });
    expect(data.measured!.from).toBeCloseTo(0.02 * Math.log(3), 3); // A's first spike
    expect(data.measured!.to).toBeCloseTo(1, 12);
    expect(Math.abs(data.measured!.values[0]! - data.z![0]!) / data.z![0]!).toBeLessThan(0.05);
  });

  it('bias: a param, or a bias node as the augmented column; x from the input probe', () => {
    const doc = load(biasExampleText);
    const session = runInSession(doc);
    const a = targetMatrix(doc, 'A', session)!;
    expect([a.W, a.hasBias, a.biasParam, a.biasEdgeIds, a.b]).toEqual([
      [[1]],
      true,
      [0.6],
      [],
      [0.6],
    ]);
    const b = targetMatrix(doc, 'B', session)!;
    expect([b.W, b.hasBias, b.biasParam, b.biasEdgeIds, b.b]).toEqual([
      [[1]],
      true,
      null,
      ['bB'],
      [0.6],
    ]);
    // The sine input x has a probe (ux): x is its newest sample, sin(2 pi 2 Hz * 1 s) = 0 up to
    // rounding, and z = 1 x + 0.6 is compared with JB at that same step.
    expect(b.blocks[0]!.activity.kind).toBe('probe');
    expect(Math.abs(b.blocks[0]!.activity.x[0]!)).toBeLessThan(1e-12);
    expect(b.measuredProbeId).toBe('JB');
    expect(b.measured).toMatchObject({ probeId: 'JB', variable: 'J', how: 'sample' });
    expect(b.z![0]!).toBeCloseTo(b.measured!.values[0]!, 12);
    // without the probe, x of the sine is unknown and nothing is compared
    const unprobed = load({
      ...JSON.parse(biasExampleText),
      probes: JSON.parse(biasExampleText).probes.filter((p: { id: string }) => p.id !== 'ux'),
    });
    const c = targetMatrix(unprobed, 'B', runInSession(unprobed))!;
    expect(c.blocks[0]!.activity).toMatchObject({ kind: 'document', x: [0] });
    expect(c.measured).toBeNull();
  });

  it('rate units and inputs: x read at one time step, and z equals the J the engine computed', () => {
    const doc = load({
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.001, duration: 0.05, seed: 3 },
      nodes: [
        { id: 'u', kind: 'input', size: 2, signal: { type: 'sine', amplitude: 1, frequency: 7 } },
        {
          id: 'X',
          kind: 'population',
          size: 3,
          model: 'rate',
          activation: 'tanh',
          params: { bias: [0.2, -1, 0.6] },
        },
        { id: 'one', kind: 'bias' },
        {
          id: 'Y',
          kind: 'population',
          size: 2,
          model: 'rate',
          activation: 'relu',
          params: { bias: 0.25 },
        },
      ],
      edges: [
        { id: 'uX', source: 'u', target: 'X', weight: { init: 'uniform', low: -1, high: 1 } },
        {
          id: 'XY',
          source: 'X',
          target: 'Y',
          weight: [
            [1, -0.5, 0.25],
            [-0.3, 0.8, 0.1],
          ],
        },
        { id: 'uY', source: 'u', target: 'Y', weight: { init: 'identity', value: 2 } },
        { id: 'bY', source: 'one', target: 'Y', weight: [[0.1], [-0.2]] },
      ],
      probes: [
        { id: 'pu', target: 'u', variable: 'u' },
        { id: 'pX', target: 'X', variable: 'y' },
        { id: 'JY', target: 'Y', variable: 'J' },
        { id: 'JX', target: 'X', variable: 'J', every: 5 },
      ],
    });
    const session = runInSession(doc);

    const y = targetMatrix(doc, 'Y', session)!;
    // Columns: X's three elements, then u's two (in the order the edges name their sources).
    expect(y.blocks.map((b) => [b.sourceId, b.first, b.size])).toEqual([
      ['X', 0, 3],
      ['u', 3, 2],
    ]);
    expect(y.W).toEqual([
      [1, -0.5, 0.25, 2, 0],
      [-0.3, 0.8, 0.1, 0, 2],
    ]);
    // b = the bias param 0.25 plus the bias node's column: the augmented [W | b].
    expect(y.hasBias).toBe(true);
    expect(y.biasEdgeIds).toEqual(['bY']);
    expect(y.b[0]).toBeCloseTo(0.35, 15);
    expect(y.b[1]).toBeCloseTo(0.05, 15);
    expect(y.blocks.map((b) => b.activity.kind)).toEqual(['probe', 'probe']);
    expect(y.measured).toMatchObject({ probeId: 'JY', variable: 'J', how: 'sample' });
    expect(y.measured!.to).toBeCloseTo(0.05, 12);
    y.z!.forEach((z, i) => expect(z).toBeCloseTo(y.measured!.values[i]!, 12));

    // X: a drawn weight matrix, exactly as the run draws it; J probed every 5 steps, so x is read
    // at the newest step both probes have.
    const x = targetMatrix(doc, 'X', session)!;
    expect(x.W).toEqual(materializeWeight(doc.edges[0]!.weight, 3, 2, 3, 'uX'));
    expect(x.W!.flat().every((w) => w !== 0 && Math.abs(w) < 1)).toBe(true);
    expect(x.measured!.how).toBe('sample');
    x.z!.forEach((z, i) => expect(z).toBeCloseTo(x.measured!.values[i]!, 12));
  });

  it('a population bias drawn at random is drawn as the run draws it', () => {
    const doc = load({
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.001, duration: 0.01, seed: 5 },
      nodes: [
        { id: 'c', kind: 'input', size: 2, signal: { type: 'constant', value: [0.5, -1] } },
        {
          id: 'P',
          kind: 'population',
          size: 4,
          model: 'lif',
          params: { bias: { init: 'normal', mean: 0.3, std: 0.2 } },
        },
      ],
      edges: [{ id: 'cP', source: 'c', target: 'P', weight: { init: 'normal', mean: 0, std: 1 } }],
      probes: [{ id: 'JP', target: 'P', variable: 'J', indices: [3, 1] }],
    });
    const before = targetMatrix(doc, 'P')!;
    expect(before.x).toEqual([0.5, -1]); // the constant input, from the document
    const data = targetMatrix(doc, 'P', runInSession(doc))!;
    expect(new Set(data.b).size).toBe(4);
    expect(data.measured!.indices).toEqual([3, 1]);
    data.measured!.indices.forEach((element, k) =>
      expect(data.z![element]).toBeCloseTo(data.measured!.values[k]!, 12),
    );
  });

  it('too large a W is not built; x and b still are', () => {
    const doc = load({
      format: 'neurosketch-network',
      version: 1,
      simulation: { dt: 0.001, duration: 0.01, seed: 1 },
      nodes: [
        { id: 'E', kind: 'population', size: 1200, model: 'lif' },
        { id: 'I', kind: 'population', size: 900, model: 'lif', params: { bias: 0.5 } },
      ],
      edges: [
        {
          id: 'EI',
          source: 'E',
          target: 'I',
          weight: { init: 'sparse', p: 0.02, value: 0.1 },
          synapse: { tauS: 0.005 },
        },
      ],
    });
    const data = targetMatrix(doc, 'I')!;
    expect(data.W).toBeNull();
    expect(data.z).toBeNull();
    expect(data.note).toMatch(/900 × 1200/);
    expect(data.x).toHaveLength(1200);
    expect(data.b).toEqual(new Array(900).fill(0.5));
  });
});
