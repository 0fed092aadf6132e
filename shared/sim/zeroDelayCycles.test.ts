/**
 * Zero-delay cycles of spiking edges are exact (issue 17): a mutual-inhibition pair, a
 * winner-take-all triangle, an E-I pair and a 4-neuron loop keep every spike within 1e-8 s of an
 * exact event-driven solver (test-support/eventDrivenLif.ts, independent of the engine), with
 * equal counts, at dt = 0.1 ms and 1 ms. The end-of-step rule, kept for large cycles, is shown
 * to be off by milliseconds on the same circuits, so these tests can tell the two apart.
 */
import { describe, expect, it } from 'vitest';
import type { CycleRule } from './engine/exactCycles';
import { describeCycles, EXACT_CYCLE_MAX_ELEMENTS } from './engine/exactCycles';
import { createSimulation } from './createSimulation';
import { eventDrivenLif, type RefNeuron, type RefSynapse } from './test-support/eventDrivenLif';
import { network, runNetwork, runWithEdits } from './test-support/testNetworks';

interface Circuit {
  name: string;
  duration: number;
  neurons: Array<RefNeuron & { id: string }>;
  synapses: Array<RefSynapse & { id: string }>;
}

const LIF = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 };

/** Every neuron of a triangle inhibits the other two. */
function triangle(weight: number, tauS: number): Circuit['synapses'] {
  const pairs: Array<[number, number]> = [
    [0, 1],
    [0, 2],
    [1, 0],
    [1, 2],
    [2, 0],
    [2, 1],
  ];
  return pairs.map(([source, target]) => ({
    id: `${'ABC'[source]}${'ABC'[target]}`,
    source,
    target,
    weight,
    tauS,
  }));
}

/** Near-equal biases: which neuron wins is decided within a step (issue 17's example). */
const WINNER_TAKE_ALL: Circuit = {
  name: 'near-tie winner-take-all',
  duration: 0.5,
  neurons: [
    { id: 'A', ...LIF, bias: 1.2 },
    { id: 'B', ...LIF, bias: 1.199 },
    { id: 'C', ...LIF, bias: 1.198 },
  ],
  synapses: triangle(-0.05, 0.008),
};

const CIRCUITS: Circuit[] = [
  {
    name: 'mutual-inhibition pair',
    duration: 0.5,
    neurons: [
      { id: 'A', ...LIF, bias: 1.5 },
      { id: 'B', ...LIF, bias: 1.45 },
    ],
    synapses: [
      { id: 'ab', source: 0, target: 1, weight: -0.012, tauS: 0.01 },
      { id: 'ba', source: 1, target: 0, weight: -0.012, tauS: 0.01 },
    ],
  },
  {
    name: 'winner-take-all triangle',
    duration: 0.5,
    neurons: [
      { id: 'A', ...LIF, bias: 1.5 },
      { id: 'B', ...LIF, bias: 1.45 },
      { id: 'C', ...LIF, bias: 1.4 },
    ],
    synapses: triangle(-0.012, 0.008),
  },
  {
    name: 'E-I pair',
    duration: 0.5,
    neurons: [
      { id: 'E', ...LIF, bias: 1.5 },
      { id: 'I', ...LIF, tauM: 0.01, bias: 0.8 },
    ],
    synapses: [
      { id: 'ei', source: 0, target: 1, weight: 0.03, tauS: 0.005 },
      { id: 'ie', source: 1, target: 0, weight: -0.04, tauS: 0.01 },
    ],
  },
  {
    name: '4-neuron loop',
    duration: 1,
    neurons: [
      { id: 'A', ...LIF, bias: 1.3 },
      { id: 'B', ...LIF, bias: 1.15 },
      { id: 'C', ...LIF, bias: 0.95 },
      { id: 'D', ...LIF, bias: 0.9 },
    ],
    synapses: [
      { id: 'ab', source: 0, target: 1, weight: 0.03, tauS: 0.005 },
      { id: 'bc', source: 1, target: 2, weight: 0.045, tauS: 0.008 },
      { id: 'cd', source: 2, target: 3, weight: 0.02, tauS: 0.012 },
      { id: 'da', source: 3, target: 0, weight: 0.035, tauS: 0.006 },
      { id: 'ba', source: 1, target: 0, weight: -0.02, tauS: 0.01 },
      { id: 'dc', source: 3, target: 2, weight: -0.03, tauS: 0.007 },
    ],
  },
];

function documentOf(circuit: Circuit, dt: number) {
  return network({
    dt,
    duration: circuit.duration,
    nodes: circuit.neurons.map(({ id, tauM, tauRef, vTh, vReset, bias }) => ({
      id,
      kind: 'neuron',
      model: 'lif',
      params: { tauM, tauRef, vTh, vReset, bias },
    })),
    edges: circuit.synapses.map(({ id, source, target, weight, tauS }) => ({
      id,
      source: circuit.neurons[source]!.id,
      target: circuit.neurons[target]!.id,
      weight,
      synapse: { tauS, n: 0 },
    })),
  });
}

function engineSpikes(circuit: Circuit, dt: number, cycleRule: CycleRule = 'auto'): number[][] {
  const out = runNetwork(documentOf(circuit, dt), { cycleRule });
  return circuit.neurons.map((n) => out.spikes[n.id]![0]!);
}

/** Largest spike-time difference, or Infinity when the counts differ. */
function worstError(a: number[][], b: number[][]): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.length !== b[i]!.length) return Infinity;
    a[i]!.forEach((t, k) => (worst = Math.max(worst, Math.abs(t - b[i]![k]!))));
  }
  return worst;
}

const references = new Map<string, number[][]>();
function reference(circuit: Circuit): number[][] {
  let ref = references.get(circuit.name);
  if (!ref) {
    ref = eventDrivenLif(circuit.neurons, circuit.synapses, circuit.duration);
    references.set(circuit.name, ref);
  }
  return ref;
}

describe('zero-delay cycles keep every spike within 1e-8 s of an event-driven solver', () => {
  for (const circuit of CIRCUITS) {
    for (const dt of [1e-4, 1e-3]) {
      it(`${circuit.name}, dt = ${dt * 1000} ms`, () => {
        const ref = reference(circuit);
        // The circuit is busy: every neuron that fires in the reference fires several times.
        expect(ref.flat().length).toBeGreaterThan(10);
        const spikes = engineSpikes(circuit, dt);
        expect(spikes.map((s) => s.length)).toEqual(ref.map((s) => s.length));
        expect(worstError(spikes, ref)).toBeLessThan(1e-8);
      });
    }
  }

  it('the end-of-step rule (kept for large cycles) is measurably off on the same circuits', () => {
    const circuit = CIRCUITS[3]!;
    expect(
      worstError(engineSpikes(circuit, 1e-3, 'end-of-step'), reference(circuit)),
    ).toBeGreaterThan(1e-4);
  });
});

describe('a near-tie winner-take-all does not depend on dt', () => {
  it('the same spikes at dt = 0.01, 0.1 and 1 ms, the exact ones', () => {
    const circuit = WINNER_TAKE_ALL;
    const fine = engineSpikes(circuit, 1e-5);
    // The neuron with the largest bias wins, alone.
    expect(fine.map((s) => s.length > 0)).toEqual([true, false, false]);
    expect(worstError(fine, reference(circuit))).toBeLessThan(1e-8);
    for (const dt of [1e-4, 1e-3])
      expect(worstError(engineSpikes(circuit, dt), fine)).toBeLessThan(1e-8);
  });

  it('with the end-of-step rule, at dt = 1 ms, another neuron wins', () => {
    const late = engineSpikes(WINNER_TAKE_ALL, 1e-3, 'end-of-step');
    expect(late[1]!.length).toBeGreaterThan(late[0]!.length);
  });
});

describe('exact cycles behave as everywhere else', () => {
  it('bit-identical whatever the chunking, and on a rerun', () => {
    const doc = documentOf(CIRCUITS[3]!, 1e-3);
    const whole = runNetwork(doc);
    const chunked = runNetwork(doc, {}, 7);
    expect(chunked.spikes).toEqual(whole.spikes);
    expect(runNetwork(doc).spikes).toEqual(whole.spikes);
  });

  it('takes live edits from the next step on, and stays exact after them', () => {
    const circuit = CIRCUITS[0]!;
    const doc = documentOf(circuit, 1e-3);
    const { out, answers } = runWithEdits(doc, [
      { step: 200, edit: { elementId: 'B', path: 'params.bias', value: 3 } },
    ]);
    expect(answers).toEqual([null]);
    // Nothing moves before the edit; after it B, now far stronger, outfires A.
    const before = runNetwork(doc);
    const count = (o: typeof out, id: string, from: number, to: number) =>
      o.spikes[id]![0]!.filter((t) => t > from && t <= to).length;
    for (const id of ['A', 'B'])
      expect(out.spikes[id]![0]!.filter((t) => t <= 0.2)).toEqual(
        before.spikes[id]![0]!.filter((t) => t <= 0.2),
      );
    expect(count(before, 'B', 0.3, 0.5)).toBeLessThanOrEqual(count(before, 'A', 0.3, 0.5));
    expect(count(out, 'B', 0.3, 0.5)).toBeGreaterThan(count(out, 'A', 0.3, 0.5));
  });

  it('reports which cycles ran exactly and which did not', () => {
    const small = createSimulation(documentOf(CIRCUITS[1]!, 1e-3));
    if (!small.ok) throw new Error('compile');
    expect(small.simulation.engine.cycles).toEqual([
      { nodes: ['A', 'B', 'C'], elements: 3, rule: 'exact' },
    ]);
    expect(describeCycles(small.simulation.engine.cycles)).toBe(
      'A, B and C act on each other with no delay: in each step their spikes are solved together, each acting at its exact instant (solved exactly)',
    );
    expect(describeCycles(small.simulation.engine.cycles, (id) => `n${id}`)).toMatch(
      /^nA, nB and nC act on each other/,
    );
    const big = createSimulation(
      network({
        nodes: [
          {
            id: 'P',
            kind: 'population',
            model: 'lif',
            size: EXACT_CYCLE_MAX_ELEMENTS + 1,
            params: { bias: 1.1 },
          },
        ],
        edges: [
          {
            id: 'rec',
            source: 'P',
            target: 'P',
            weight: { init: 'sparse', p: 0.02, value: -0.01 },
            synapse: { tauS: 0.005, n: 0 },
          },
        ],
      }),
    );
    if (!big.ok) throw new Error(big.issues.map((i) => i.message).join());
    expect(big.simulation.engine.cycles[0]).toMatchObject({ nodes: ['P'], rule: 'end-of-step' });
    expect(describeCycles(big.simulation.engine.cycles)).toMatch(
      /^P acts on itself with no delay: a spike acts on the others from the end of its step \(more than 256 neurons in the cycle\)/,
    );
  });
});
