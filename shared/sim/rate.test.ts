/** Rate units (notes 1.2.3, 1.3.4; docs/format.md#nodes rate, 3.2 bias node, 5). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../document/loadDocument';
import { network, runNetwork } from './test-support/testNetworks';

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

describe('activations', () => {
  it('all five per-neuron activations at tau = 0', () => {
    const acts = ['logistic', 'arctan', 'tanh', 'threshold', 'relu'] as const;
    const f = [
      logistic,
      Math.atan,
      Math.tanh,
      (z: number) => (z >= 0 ? 1 : 0),
      (z: number) => Math.max(0, z),
    ];
    for (const z of [-2.5, -0.1, 0, 0.7, 3]) {
      const out = runNetwork(
        network({
          dt: 0.001,
          duration: 0.002,
          nodes: acts.map((a) => ({
            id: a,
            kind: 'neuron',
            model: 'rate',
            activation: a,
            params: { bias: z },
          })),
          probes: acts.map((a) => ({ id: `p${a}`, target: a, variable: 'y' })),
        }),
      );
      acts.forEach((a, i) => expect(out.traces[`p${a}`]!.values[0]![0]).toBeCloseTo(f[i]!(z), 15));
    }
  });

  it('softmax sums to 1 (stable for large z) and one-hot gives several ones on ties', () => {
    const z = [1000, 999, -1000, 1000.5];
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.001,
        nodes: [
          {
            id: 'S',
            kind: 'population',
            size: 4,
            model: 'rate',
            activation: 'softmax',
            params: { bias: z },
          },
          {
            id: 'H',
            kind: 'population',
            size: 4,
            model: 'rate',
            activation: 'onehot',
            params: { bias: [1, 3, 3, 2] },
          },
        ],
        probes: [
          { id: 's', target: 'S', variable: 'y' },
          { id: 'h', target: 'H', variable: 'y' },
        ],
      }),
    );
    const y = out.traces['s']!.values.map((v) => v[0]!);
    expect(y.every(Number.isFinite)).toBe(true);
    expect(Math.abs(y.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-15);
    const m = Math.max(...z);
    const den = z.reduce((a, b) => a + Math.exp(b - m), 0);
    z.forEach((zi, i) => expect(y[i]).toBeCloseTo(Math.exp(zi - m) / den, 15));
    expect(out.traces['h']!.values.map((v) => v[0])).toEqual([0, 1, 1, 0]);
  });

  it('the layer-softmax example: softmax(W relu(x) + b) and its one-hot at every sample', () => {
    const loaded = loadDocument(readFileSync('examples/layer-softmax.neuro', 'utf8'));
    if (!loaded.ok) throw new Error('example does not load');
    const out = runNetwork(loaded.document);
    const x = [0.2, 1, 0.6];
    const W = [
      [1, -0.5, 0.25],
      [-0.3, 0.8, 0.1],
      [0.2, 0.3, -0.4],
    ];
    const bias = [0.1, -0.2, 0.3];
    const z = W.map((row, i) => row.reduce((a, w, j) => a + w * x[j]!, 0) + bias[i]!);
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const sum = e.reduce((a, v) => a + v, 0);
    const winner = z.indexOf(Math.max(...z));
    const tr = out.traces['y']!;
    const hot = out.traces['h']!;
    expect(tr.t.length).toBe(51);
    for (let s = 0; s < tr.t.length; s++) {
      e.forEach((v, i) => expect(tr.values[i]![s]).toBeCloseTo(v / sum, 15));
      z.forEach((_v, i) => expect(hot.values[i]![s]).toBe(i === winner ? 1 : 0));
    }
  });
});

describe('bias node and bias param are identical (z = Wx + b equals [W | b][x; 1])', () => {
  const W = [
    [0.5, -1.25, 2],
    [0.3, 0.1, -0.7],
  ];
  const b = [0.25, -0.6];
  const x = { id: 'x', kind: 'input', size: 3, signal: { type: 'constant', value: [1, -2, 0.5] } };
  it('rate layer: same z (J) and y', () => {
    const withParam = runNetwork(
      network({
        dt: 0.001,
        duration: 0.003,
        nodes: [
          x,
          {
            id: 'Y',
            kind: 'population',
            size: 2,
            model: 'rate',
            activation: 'tanh',
            params: { bias: b },
          },
        ],
        edges: [{ id: 'W', source: 'x', target: 'Y', weight: W }],
        probes: [
          { id: 'J', target: 'Y', variable: 'J' },
          { id: 'y', target: 'Y', variable: 'y' },
        ],
      }),
    );
    const augmented = runNetwork(
      network({
        dt: 0.001,
        duration: 0.003,
        nodes: [
          x,
          { id: 'one', kind: 'bias' },
          { id: 'Y', kind: 'population', size: 2, model: 'rate', activation: 'tanh' },
        ],
        edges: [
          { id: 'W', source: 'x', target: 'Y', weight: W },
          { id: 'b', source: 'one', target: 'Y', weight: b.map((v) => [v]) },
        ],
        probes: [
          { id: 'J', target: 'Y', variable: 'J' },
          { id: 'y', target: 'Y', variable: 'y' },
        ],
      }),
    );
    const z = W.map((row, i) => row[0]! * 1 + row[1]! * -2 + row[2]! * 0.5 + b[i]!);
    expect(withParam.traces['J']!.values.map((v) => v[0])).toEqual(z);
    expect(augmented.traces['J']!.values).toEqual(withParam.traces['J']!.values);
    expect(augmented.traces['y']!.values).toEqual(withParam.traces['y']!.values);
  });
  it('LIF: a bias-node edge of weight b fires exactly like a bias param b', () => {
    const run = (viaNode: boolean) =>
      runNetwork(
        network({
          dt: 0.0001,
          duration: 0.3,
          nodes: [
            { id: 'one', kind: 'bias' },
            { id: 'N', kind: 'neuron', model: 'lif', params: viaNode ? {} : { bias: 1.3 } },
          ],
          edges: viaNode ? [{ id: 'b', source: 'one', target: 'N', weight: 1.3 }] : [],
        }),
      ).spikes['N'];
    expect(run(true)).toEqual(run(false));
  });
});

describe('timing of rate units', () => {
  it('feed-forward chains of instantaneous units respond in the same step', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.002,
        nodes: [
          {
            id: 'in',
            kind: 'input',
            signal: { type: 'step', times: [0, 0.001], values: [0.5, -1] },
          },
          { id: 'A', kind: 'neuron', model: 'rate', activation: 'logistic' },
          { id: 'B', kind: 'neuron', model: 'rate', activation: 'arctan' },
          { id: 'C', kind: 'neuron', model: 'rate', activation: 'tanh' },
        ],
        // listed backwards: the order comes from the edges, not the file
        edges: [
          { id: 'bc', source: 'B', target: 'C', weight: 2 },
          { id: 'ab', source: 'A', target: 'B', weight: 1.5 },
          { id: 'ia', source: 'in', target: 'A', weight: 1 },
        ],
        probes: [{ id: 'c', target: 'C', variable: 'y' }],
      }),
    );
    const chain = (u: number): number => Math.tanh(2 * Math.atan(1.5 * logistic(u)));
    expect(out.traces['c']!.values[0]).toEqual([chain(0.5), chain(-1), chain(-1)]);
  });

  it('an edge inside a cycle of instantaneous units carries the previous step value (y0 first)', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.003,
        nodes: [
          {
            id: 'A',
            kind: 'neuron',
            model: 'rate',
            activation: 'tanh',
            params: { bias: 0.3, y0: 0.8 },
          },
          {
            id: 'B',
            kind: 'neuron',
            model: 'rate',
            activation: 'tanh',
            params: { bias: -0.2, y0: -0.5 },
          },
        ],
        edges: [
          { id: 'ab', source: 'A', target: 'B', weight: 1.2 },
          { id: 'ba', source: 'B', target: 'A', weight: -0.9 },
        ],
        probes: [
          { id: 'a', target: 'A', variable: 'y' },
          { id: 'b', target: 'B', variable: 'y' },
        ],
      }),
    );
    // A is first in the order (document order inside a cycle): A reads B's previous value
    let a = 0.8;
    let b = -0.5;
    const as: number[] = [];
    const bs: number[] = [];
    for (let k = 0; k <= 3; k++) {
      a = Math.tanh(0.3 - 0.9 * b);
      b = Math.tanh(-0.2 + 1.2 * a);
      as.push(a);
      bs.push(b);
    }
    expect(out.traces['a']!.values[0]).toEqual(as);
    expect(out.traces['b']!.values[0]).toEqual(bs);
  });

  it('tau > 0 relaxes exactly: y(t) = sigma(z) + (y0 - sigma(z)) e^{-t/tau}', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.05,
        nodes: [
          {
            id: 'R',
            kind: 'neuron',
            model: 'rate',
            activation: 'logistic',
            params: { bias: 1.2, tau: 0.01, y0: 0.1 },
          },
        ],
        probes: [{ id: 'y', target: 'R', variable: 'y' }],
      }),
    );
    const tr = out.traces['y']!;
    const s = logistic(1.2);
    tr.t.forEach((t, k) =>
      expect(Math.abs(tr.values[0]![k]! - (s + (0.1 - s) * Math.exp(-t / 0.01)))).toBeLessThan(
        1e-14,
      ),
    );
  });
});
