/** Engine-wide properties: reproducibility (spec 8), guards, compile issues, probes, HH plumbing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkDocument } from '../document/model';
import { compileNetwork } from './compile/compileNetwork';
import { createSimulation } from './createSimulation';
import { network, runNetwork } from './test-support/testNetworks';
import { SimulationError } from './types';

function recurrentNetwork(seed = 5): NetworkDocument {
  return network({
    dt: 0.0001,
    duration: 0.1,
    seed,
    nodes: [
      { id: 'drive', kind: 'input', size: 50, signal: { type: 'poisson', rate: 80 } },
      { id: 'noise', kind: 'input', signal: { type: 'noise', mean: 0.2, std: 0.3, tau: 0.004 } },
      {
        id: 'E',
        kind: 'population',
        size: 160,
        model: 'lif',
        params: { bias: 1.05, tauRef: 0.003, v0: { init: 'uniform', low: 0, high: 1 } },
      },
      {
        id: 'I',
        kind: 'population',
        size: 40,
        model: 'lif',
        params: { bias: 0.9, tauM: { init: 'normal', mean: 0.01, std: 0.001 } },
      },
      {
        id: 'R',
        kind: 'population',
        size: 3,
        model: 'rate',
        activation: 'softmax',
        params: { tau: 0.002 },
      },
    ],
    edges: [
      {
        id: 'dE',
        source: 'drive',
        target: 'E',
        weight: { init: 'sparse', p: 0.1, value: 0.0004 },
        synapse: { tauS: 0.003 },
      },
      { id: 'nE', source: 'noise', target: 'E', weight: 0.5 },
      {
        id: 'EE',
        source: 'E',
        target: 'E',
        weight: { init: 'sparse', p: 0.05, value: 0.0006 },
        synapse: { tauS: 0.005 },
      },
      {
        id: 'EI',
        source: 'E',
        target: 'I',
        weight: { init: 'uniform', low: 0, high: 0.0008 },
        synapse: { tauS: 0.005, n: 1 },
        delay: 0.0013,
      },
      {
        id: 'IE',
        source: 'I',
        target: 'E',
        weight: { init: 'sparse', p: 0.2, value: -0.003 },
        synapse: { tauS: 0.01 },
      },
      {
        id: 'ER',
        source: 'E',
        target: 'R',
        weight: { init: 'normal', mean: 0, std: 0.01 },
        synapse: { tauS: 0.01, n: 2 },
      },
    ],
    probes: [
      { id: 'v', target: 'E', variable: 'v', indices: [0, 7, 99], every: 3 },
      { id: 's', target: 'I', variable: 's', every: 7 },
      { id: 'y', target: 'R', variable: 'y' },
    ],
  });
}

describe('reproducibility (spec 8)', () => {
  it('same document and seed give identical spikes and traces, whatever the chunking', () => {
    const whole = runNetwork(recurrentNetwork());
    const again = runNetwork(recurrentNetwork());
    const bySteps = runNetwork(recurrentNetwork(), {}, 1);
    const byOdd = runNetwork(recurrentNetwork(), {}, 37);
    const total = Object.values(whole.spikes).reduce((a, s) => a + s.flat().length, 0);
    expect(total).toBeGreaterThan(100);
    for (const other of [again, bySteps, byOdd]) {
      expect(other.spikes).toEqual(whole.spikes);
      expect(other.traces).toEqual(whole.traces);
    }
    expect(runNetwork(recurrentNetwork(6)).spikes).not.toEqual(whole.spikes);
  });

  it('samples: k = 0, every, ... <= N, duration included', () => {
    const out = runNetwork(recurrentNetwork(), {}, 100);
    expect(out.traces['v']!.steps).toEqual(Array.from({ length: 334 }, (_, i) => 3 * i));
    expect(out.traces['s']!.steps.at(-1)).toBe(994);
    expect(out.traces['y']!.steps.length).toBe(1001);
    expect(out.traces['v']!.values.length).toBe(3);
    out.traces['y']!.values[0]!.forEach((y, k) => {
      const sum = y + out.traces['y']!.values[1]![k]! + out.traces['y']!.values[2]![k]!;
      // y0 = 0 relaxing with tau = 2 ms toward a softmax that sums to 1
      expect(Math.abs(sum - (1 - Math.exp(-(k * 0.0001) / 0.002)))).toBeLessThan(1e-12);
    });
  });

  it('v0 >= vTh spikes at t = 0 and sample 0 shows the reset', () => {
    const out = runNetwork(
      network({
        dt: 0.001,
        duration: 0.01,
        nodes: [{ id: 'N', kind: 'neuron', model: 'lif', params: { v0: 1.2, vReset: -0.1 } }],
        probes: [{ id: 'v', target: 'N', variable: 'v' }],
      }),
    );
    expect(out.spikes['N']).toEqual([[0]]);
    expect(out.traces['v']!.values[0]![0]).toBe(-0.1);
  });
});

describe('guards', () => {
  it('a non-finite value throws SimulationError naming the node and the time', () => {
    const created = createSimulation(
      network({
        dt: 0.001,
        duration: 5,
        nodes: [
          { id: 'R', kind: 'neuron', model: 'rate', activation: 'relu', params: { bias: 1 } },
        ],
        edges: [{ id: 'loop', source: 'R', target: 'R', weight: 2 }],
      }),
    );
    if (!created.ok) throw new Error('compile');
    let error: unknown;
    try {
      created.simulation.advance(5000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).nodeId).toBe('R');
    expect((error as SimulationError).timeSeconds).toBeGreaterThan(1);
  });

  it('compile reports issues: a param draw breaking a constraint names the element', () => {
    const r = compileNetwork(
      network({
        nodes: [
          {
            id: 'P',
            kind: 'population',
            size: 100,
            model: 'lif',
            params: { tauM: { init: 'normal', mean: 0.001, std: 0.01 } },
          },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.path).toBe('nodes[0].params.tauM');
      expect(r.issues[0]!.message).toMatch(
        /^element \d+: drawn value -?[0-9.e-]+ breaks the constraint > 0/,
      );
      expect(r.issues[0]!.elementId).toBe('P');
    }
  });

  it('compile refuses a network too large for memory before allocating it', () => {
    const r = compileNetwork(
      network({
        nodes: [
          { id: 'A', kind: 'population', size: 100000, model: 'lif' },
          { id: 'B', kind: 'population', size: 100000, model: 'lif' },
        ],
        edges: [
          {
            id: 'AB',
            source: 'A',
            target: 'B',
            weight: { init: 'uniform', low: 0, high: 1 },
            synapse: { tauS: 0.005 },
          },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.path).toBe('edges[0].weight');
      expect(r.issues[0]!.message).toMatch(/too large to simulate/);
    }
  });

  it('sparse connectivity is stored sparse: a 10,000 x 10,000 edge at p = 0.001', () => {
    const r = compileNetwork(
      network({
        nodes: [
          { id: 'A', kind: 'population', size: 10000, model: 'lif' },
          { id: 'B', kind: 'population', size: 10000, model: 'lif' },
        ],
        edges: [
          {
            id: 'AB',
            source: 'A',
            target: 'B',
            weight: { init: 'sparse', p: 0.001, value: 0.1 },
            synapse: { tauS: 0.005 },
          },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.issues[0]!.message);
    const p = r.plan.projections[0]!;
    expect(p.dense).toBeNull();
    expect(Math.abs(p.synapses - 100000)).toBeLessThan(2000);
    expect(p.col!.BYTES_PER_ELEMENT).toBe(2);
    expect(r.plan.estimatedBytes).toBeLessThan(10e6);
  });

  it('issues, not exceptions, for edges that cannot be simulated', () => {
    const r = compileNetwork(
      network({
        nodes: [
          { id: 'A', kind: 'population', size: 3, model: 'lif' },
          { id: 'B', kind: 'population', size: 4, model: 'lif' },
          { id: 'x', kind: 'input', signal: { type: 'constant', value: 1 } },
        ],
        edges: [
          { id: 'e1', source: 'A', target: 'B', weight: 1 },
          {
            id: 'e2',
            source: 'A',
            target: 'B',
            weight: { init: 'identity', value: 1 },
            synapse: { tauS: 0.01 },
          },
          { id: 'e3', source: 'A', target: 'x', weight: 1, synapse: { tauS: 0.01 } },
          { id: 'e4', source: 'x', target: 'B', weight: [[1], [2]] },
        ],
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual([
        'edges[0].synapse',
        'edges[1].weight',
        'edges[2].target',
        'edges[3].weight',
      ]);
  });
});

describe('properties (fast-check)', () => {
  const lif = fc.record({
    kind: fc.constant('population'),
    model: fc.constant('lif'),
    size: fc.integer({ min: 1, max: 6 }),
    params: fc.record({
      tauM: fc.double({ min: 0.002, max: 0.1, noNaN: true }),
      tauRef: fc.double({ min: 0, max: 0.01, noNaN: true }),
      bias: fc.double({ min: -2, max: 5, noNaN: true }),
      v0: fc.double({ min: -1, max: 1.5, noNaN: true }),
    }),
  });
  const rate = fc.record({
    kind: fc.constant('population'),
    model: fc.constant('rate'),
    size: fc.integer({ min: 1, max: 6 }),
    activation: fc.constantFrom(
      'logistic',
      'arctan',
      'tanh',
      'threshold',
      'relu',
      'softmax',
      'onehot',
    ),
    params: fc.record({
      bias: fc.double({ min: -2, max: 2, noNaN: true }),
      tau: fc.constantFrom(0, 0.001, 0.01),
    }),
  });
  const input = fc.oneof(
    fc.record({
      kind: fc.constant('input'),
      signal: fc.record({
        type: fc.constant('poisson'),
        rate: fc.double({ min: 0, max: 300, noNaN: true }),
      }),
    }),
    fc.record({
      kind: fc.constant('input'),
      signal: fc.record({
        type: fc.constant('constant'),
        value: fc.double({ min: -2, max: 3, noNaN: true }),
      }),
    }),
    fc.record({
      kind: fc.constant('input'),
      signal: fc.record({
        type: fc.constant('pulse'),
        start: fc.double({ min: 0, max: 0.02, noNaN: true }),
        width: fc.double({ min: 0.0001, max: 0.01, noNaN: true }),
        amplitude: fc.double({ min: -2, max: 2, noNaN: true }),
      }),
    }),
    fc.record({
      kind: fc.constant('input'),
      signal: fc.record({
        type: fc.constant('noise'),
        mean: fc.constant(0.5),
        std: fc.constant(0.5),
        tau: fc.constant(0.005),
      }),
    }),
  );
  const validNetwork = fc
    .record({
      nodes: fc.array(fc.oneof(lif, rate, input), { minLength: 1, maxLength: 5 }),
      edges: fc.array(
        fc.record({
          s: fc.nat(),
          t: fc.nat(),
          w: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          tauS: fc.double({ min: 0.0005, max: 0.05, noNaN: true }),
          n: fc.integer({ min: 0, max: 4 }),
          delay: fc.constantFrom(0, 0, 0.0005, 0.003),
          sparse: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
      dt: fc.constantFrom(0.0001, 0.0005, 0.001),
    })
    .map(({ nodes, edges, dt }) => {
      const named = nodes.map((n, i) => ({ ...n, id: `n${i}` }));
      const targets = named.filter((n) => n.kind === 'population');
      const es =
        targets.length === 0
          ? []
          : edges.map((e, i) => {
              const source = named[e.s % named.length]!;
              const target = targets[e.t % targets.length]!;
              const spiking =
                (source as { model?: string }).model === 'lif' ||
                (source.kind === 'input' &&
                  (source as { signal: { type: string } }).signal.type === 'poisson');
              return {
                id: `e${i}`,
                source: source.id,
                target: target.id,
                weight: e.sparse ? { init: 'sparse', p: 0.5, value: e.w } : e.w,
                synapse: spiking || e.n > 2 ? { tauS: e.tauS, n: e.n } : null,
                delay: e.delay,
              };
            });
      const probes = named
        .filter((n) => n.kind === 'population')
        .map((n, i) => ({ id: `p${i}`, target: n.id, variable: 'J' }));
      return network({ dt, duration: 0.03, nodes: named, edges: es, probes });
    });

  it('random valid small networks never produce NaN at sane params', () => {
    fc.assert(
      fc.property(validNetwork, (doc) => {
        const out = runNetwork(doc);
        for (const tr of Object.values(out.traces))
          for (const series of tr.values)
            for (const x of series) expect(Number.isFinite(x)).toBe(true);
        for (const list of Object.values(out.spikes))
          for (const times of list) for (const t of times) expect(t >= 0 && t < 0.03).toBe(true);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('compile never throws on random documents: it returns issues', () => {
    const anything = fc.anything({ maxDepth: 3 });
    const junkNode = fc.oneof(
      anything,
      fc.record({
        id: fc.string(),
        kind: fc.constantFrom('neuron', 'population', 'input', 'bias', 'x'),
        model: fc.constantFrom('lif', 'rate', 'hh', 'q'),
        size: anything,
        params: anything,
        signal: anything,
      }),
    );
    const junkEdge = fc.record({
      id: fc.string(),
      source: fc.constantFrom('a', 'b', 'c'),
      target: fc.constantFrom('a', 'b', 'c'),
      weight: anything,
      synapse: anything,
      delay: anything,
    });
    fc.assert(
      fc.property(
        fc.record({
          format: fc.constant('neurosketch-network'),
          version: fc.constant(1),
          simulation: fc.oneof(
            anything,
            fc.record({ dt: fc.double(), duration: fc.double(), seed: fc.double() }),
          ),
          nodes: fc.oneof(
            anything,
            fc
              .array(junkNode, { maxLength: 4 })
              .map((ns) =>
                ns.map((n, i) =>
                  typeof n === 'object' && n !== null && !Array.isArray(n)
                    ? { ...n, id: 'abc'[i % 3] }
                    : n,
                ),
              ),
          ),
          edges: fc.oneof(anything, fc.array(junkEdge, { maxLength: 4 })),
          probes: anything,
        }),
        (doc) => {
          const r = compileNetwork(doc as unknown as NetworkDocument, { duration: 0.001 });
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const issue of r.issues) expect(issue.message).not.toMatch(/internal error/);
          }
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('HH through the engine', () => {
  it('no input: stays within 0.01 mV of the rest (-64.996 mV) for 100 ms at dt = 0.1 ms', () => {
    const out = runNetwork(
      network({
        dt: 0.0001,
        duration: 0.1,
        nodes: [{ id: 'H', kind: 'neuron', model: 'hh' }],
        probes: [{ id: 'V', target: 'H', variable: 'V' }],
      }),
    );
    for (const V of out.traces['V']!.values[0]!.slice(500))
      expect(Math.abs(V + 64.996)).toBeLessThan(0.01);
    expect(out.spikes['H']).toEqual([[]]);
  });
  it('a constant current through an edge fires repetitively; spikes through a synapse reach the next neuron', () => {
    const out = runNetwork(
      network({
        dt: 0.0001,
        duration: 0.1,
        nodes: [
          { id: 'J', kind: 'input', signal: { type: 'constant', value: 10 } },
          { id: 'H', kind: 'neuron', model: 'hh' },
          { id: 'K', kind: 'neuron', model: 'hh' },
        ],
        edges: [
          { id: 'j', source: 'J', target: 'H', weight: 1 },
          { id: 'hk', source: 'H', target: 'K', weight: 0.05, synapse: { tauS: 0.002 } },
        ],
      }),
    );
    expect(out.spikes['H']![0]!.length).toBeGreaterThan(4);
    expect(out.spikes['K']![0]!.length).toBeGreaterThan(0);
  });
});
