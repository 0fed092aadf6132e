/**
 * Live edits (Simulation.applyEdit, engine/liveEdit.ts): a value changed between two chunks acts
 * from the next step on, checked against closed forms (LIF rate G(v_in), filter decays, the
 * Ornstein-Uhlenbeck mean), against a run of the edited document (an edit before step 0 must give
 * the same result bit for bit), and refused edits change nothing.
 */
import { describe, expect, it } from 'vitest';
import { lifRate, type LifRateParams } from '../models/lifRate';
import type { NetworkDocument } from '../document/model';
import { createSimulation } from './createSimulation';
import { NEEDS_RESTART } from './engine/liveEdit';
import { network, runNetwork, runWithEdits, type TimedEdit } from './test-support/testNetworks';
import type { LiveEdit } from './types';

const LIF: LifRateParams = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 };

/** Inter-spike intervals of the spikes strictly after `from` (the first one straddling it dropped). */
function intervalsAfter(spikes: number[], from: number): number[] {
  const after = spikes.filter((t) => t > from);
  return after.slice(1).map((t, i) => t - after[i]!);
}

function intervalsBefore(spikes: number[], until: number): number[] {
  const before = spikes.filter((t) => t < until);
  return before.slice(1).map((t, i) => t - before[i]!);
}

function expectRate(intervals: number[], rate: number): void {
  expect(intervals.length).toBeGreaterThan(4);
  for (const isi of intervals) expect(Math.abs(isi * rate - 1)).toBeLessThan(1e-9);
}

/** Constant input -> LIF N (unfiltered), probes of u and v. */
function drivenLif(value: number, params: Record<string, unknown> = {}, duration = 2) {
  return network({
    dt: 1e-4,
    duration,
    nodes: [
      { id: 'in', kind: 'input', signal: { type: 'constant', value } },
      { id: 'N', kind: 'neuron', model: 'lif', params },
    ],
    edges: [{ id: 'e', source: 'in', target: 'N', weight: 1 }],
    probes: [
      { id: 'u', target: 'in', variable: 'u' },
      { id: 'v', target: 'N', variable: 'v' },
    ],
  });
}

function edit(elementId: string, path: string, value: unknown): LiveEdit {
  return { elementId, path, value };
}

describe('LIF params edited mid-run', () => {
  it('raising the bias of a LIF under constant input: it fires at the new G(v_in) afterwards', () => {
    const { out, answers } = runWithEdits(drivenLif(1.5), [
      { step: 10_000, edit: edit('N', 'params.bias', 1) },
    ]);
    expect(answers).toEqual([null]);
    const spikes = out.spikes['N']![0]!;
    expectRate(intervalsBefore(spikes, 1), lifRate(1.5, LIF));
    expectRate(intervalsAfter(spikes, 1), lifRate(2.5, LIF));
  });

  for (const [name, value] of [
    ['tauM', 0.011],
    ['tauRef', 0.0045],
    ['vTh', 1.2],
    ['vReset', -0.4],
  ] as const) {
    it(`${name} -> ${value}: the rate afterwards is G with the new ${name}`, () => {
      const { out, answers } = runWithEdits(drivenLif(1.7), [
        { step: 10_000, edit: edit('N', `params.${name}`, value) },
      ]);
      expect(answers).toEqual([null]);
      const spikes = out.spikes['N']![0]!;
      expectRate(intervalsBefore(spikes, 1), lifRate(1.7, LIF));
      expectRate(intervalsAfter(spikes, 1), lifRate(1.7, { ...LIF, [name]: value }));
    });
  }

  it('the membrane follows the closed form from the edit instant on (bias 0 -> 0.5, no spike)', () => {
    const { out } = runWithEdits(drivenLif(0.3, {}, 0.1), [
      { step: 400, edit: edit('N', 'params.bias', 0.5) },
    ]);
    const v = out.traces['v']!;
    const v40 = 0.3 * (1 - Math.exp(-0.04 / 0.02));
    v.t.forEach((t, s) => {
      const want =
        s <= 400
          ? 0.3 * (1 - Math.exp(-t / 0.02))
          : 0.8 + (v40 - 0.8) * Math.exp(-(t - 0.04) / 0.02);
      expect(Math.abs(v.values[0]![s]! - want)).toBeLessThan(1e-13);
    });
  });

  it('refuses vReset >= vTh and a tauM <= 0, naming the range, and changes nothing', () => {
    const plain = runNetwork(drivenLif(1.5, {}, 0.3));
    const { out, answers } = runWithEdits(drivenLif(1.5, {}, 0.3), [
      { step: 1000, edit: edit('N', 'params.vReset', 1) },
      { step: 1000, edit: edit('N', 'params.tauM', -0.01) },
      { step: 1000, edit: edit('N', 'params.bias', 'high') },
    ]);
    expect(answers[0]).toMatchObject({
      severity: 'error',
      elementId: 'N',
      path: 'nodes[1].params.vReset',
    });
    expect(answers[0]!.message).toMatch(/vReset \(1\) must be below vTh \(1\)/);
    expect(answers[1]!.message).toMatch(/must be a number > 0/);
    expect(answers[2]!.message).toMatch(/must be a finite number \(got high\)/);
    expect(out.spikes).toEqual(plain.spikes);
    expect(out.traces).toEqual(plain.traces);
  });
});

describe('inputs edited mid-run', () => {
  it('a constant input value changes at the edit: u and the rate G(new value) afterwards', () => {
    const { out, answers } = runWithEdits(drivenLif(1.5), [
      { step: 10_000, edit: edit('in', 'signal.value', 3) },
    ]);
    expect(answers).toEqual([null]);
    const u = out.traces['u']!;
    // sample 10000 was taken before the edit; from then on u = 3
    u.values[0]!.forEach((x, s) => expect(x).toBe(s <= 10_000 ? 1.5 : 3));
    const spikes = out.spikes['N']![0]!;
    expectRate(intervalsBefore(spikes, 1), lifRate(1.5, LIF));
    expectRate(intervalsAfter(spikes, 1), lifRate(3, LIF));
  });

  it('a sine, a pulse and a step input follow their new fields from the edit on', () => {
    const doc = network({
      dt: 1e-3,
      duration: 0.2,
      nodes: [
        { id: 'S', kind: 'input', signal: { type: 'sine', amplitude: 1, frequency: 5 } },
        {
          id: 'P',
          kind: 'input',
          signal: { type: 'pulse', start: 0.01, width: 0.005, amplitude: 2, period: 0.02 },
        },
        { id: 'T', kind: 'input', signal: { type: 'step', times: [0, 0.15], values: [1, 2] } },
        { id: 'N', kind: 'neuron', model: 'lif', params: { vTh: 100 } },
      ],
      edges: [
        { id: 'a', source: 'S', target: 'N', weight: 1 },
        { id: 'b', source: 'P', target: 'N', weight: 1 },
        { id: 'c', source: 'T', target: 'N', weight: 1 },
      ],
      probes: [
        { id: 'uS', target: 'S', variable: 'u' },
        { id: 'uP', target: 'P', variable: 'u' },
        { id: 'uT', target: 'T', variable: 'u' },
        { id: 'J', target: 'N', variable: 'J' },
      ],
    });
    const { out, answers } = runWithEdits(doc, [
      { step: 100, edit: edit('S', 'signal.amplitude', 3) },
      { step: 100, edit: edit('S', 'signal.offset', 0.5) },
      { step: 100, edit: edit('P', 'signal.period', 0.03) },
      { step: 100, edit: edit('P', 'signal.amplitude', -1) },
      { step: 100, edit: edit('T', 'signal.values', [5, 7]) },
    ]);
    expect(answers).toEqual([null, null, null, null, null]);
    const at = (probe: string) => out.traces[probe]!.values[0]!;
    const sine = (t: number, amp: number, off: number) => off + amp * Math.sin(2 * Math.PI * 5 * t);
    const pulse = (t: number, start: number, period: number, amp: number) => {
      const c = Math.floor((t - start) / period + 1e-9);
      const phase = t - start - c * period;
      return t >= start - 1e-12 && phase < 0.005 - 1e-9 ? amp : 0;
    };
    for (let s = 101; s <= 200; s++) {
      const t = s * 1e-3;
      expect(at('uS')[s]!).toBeCloseTo(sine(t, 3, 0.5), 12);
      expect(at('uP')[s]!).toBe(pulse(t, 0.01, 0.03, -1));
      expect(at('uT')[s]!).toBe(t >= 0.15 - 1e-12 ? 7 : 5);
      // J is the sum of the three at the sample
      expect(at('J')[s]!).toBeCloseTo(at('uS')[s]! + at('uP')[s]! + at('uT')[s]!, 12);
    }
    for (let s = 0; s <= 100; s++) expect(at('uT')[s]!).toBe(s >= 150 ? 2 : 1);
  });

  it('noise: the Ornstein-Uhlenbeck state relaxes to a new mean (std 0: exactly)', () => {
    const doc = network({
      dt: 1e-4,
      duration: 0.05,
      nodes: [{ id: 'X', kind: 'input', signal: { type: 'noise', mean: 0.2, std: 0, tau: 0.004 } }],
      probes: [{ id: 'u', target: 'X', variable: 'u' }],
    });
    const { out, answers } = runWithEdits(doc, [
      { step: 100, edit: edit('X', 'signal.mean', 1) },
      { step: 200, edit: edit('X', 'signal.tau', 0.002) },
    ]);
    expect(answers).toEqual([null, null]);
    const u = out.traces['u']!.values[0]!;
    const u200 = 1 + (0.2 - 1) * Math.exp(-100e-4 / 0.004);
    u.forEach((x, s) => {
      const want =
        s <= 100
          ? 0.2
          : s <= 200
            ? 1 + (0.2 - 1) * Math.exp(-((s - 100) * 1e-4) / 0.004)
            : 1 + (u200 - 1) * Math.exp(-((s - 200) * 1e-4) / 0.002);
      expect(Math.abs(x - want)).toBeLessThan(1e-12);
    });
  });

  it('poisson: rate 0 -> 200 Hz starts spiking at the edit, 200 -> 0 stops it', () => {
    const doc = network({
      dt: 1e-4,
      duration: 1.5,
      nodes: [{ id: 'Q', kind: 'input', size: 40, signal: { type: 'poisson', rate: 0 } }],
    });
    const { out, answers } = runWithEdits(doc, [
      { step: 5000, edit: edit('Q', 'signal.rate', 200) },
      { step: 10_000, edit: edit('Q', 'signal.rate', 0) },
    ]);
    expect(answers).toEqual([null, null]);
    const all = out.spikes['Q']!.flat();
    expect(all.every((t) => t > 0.5 && t <= 1)).toBe(true);
    // 40 x 200 Hz x 0.5 s = 4000 expected, sd 63
    expect(Math.abs(all.length - 4000)).toBeLessThan(320);
  });

  it('refuses a change to an analytic input that feeds a delayed edge', () => {
    const doc = network({
      dt: 1e-4,
      duration: 0.05,
      nodes: [
        { id: 'in', kind: 'input', signal: { type: 'constant', value: 0.5 } },
        { id: 'N', kind: 'neuron', model: 'lif' },
      ],
      edges: [{ id: 'e', source: 'in', target: 'N', weight: 1, delay: 0.002 }],
      probes: [{ id: 'v', target: 'N', variable: 'v' }],
    });
    const { out, answers } = runWithEdits(doc, [{ step: 10, edit: edit('in', 'signal.value', 2) }]);
    expect(answers[0]).toEqual({
      severity: 'error',
      path: 'nodes[0].signal.value',
      message: NEEDS_RESTART,
      elementId: 'in',
    });
    expect(out.traces).toEqual(runNetwork(doc).traces);
  });
});

describe('edges edited mid-run', () => {
  it('a continuous edge weight 1 -> 2: the target fires at G(2 u) afterwards', () => {
    const { out, answers } = runWithEdits(drivenLif(0.8), [
      { step: 10_000, edit: edit('e', 'weight', 2) },
    ]);
    expect(answers).toEqual([null]);
    const spikes = out.spikes['N']![0]!;
    expect(spikes.filter((t) => t < 1)).toEqual([]);
    expectRate(intervalsAfter(spikes, 1), lifRate(1.6, LIF));
  });

  /** Spike source -> LIF N through a synapse; probe of the filtered input s. */
  function spikeFed(times: number[], delay = 0) {
    return network({
      dt: 1e-4,
      duration: 0.1,
      nodes: [
        { id: 'src', kind: 'input', signal: { type: 'spikes', times } },
        { id: 'N', kind: 'neuron', model: 'lif', params: { vTh: 100 } },
      ],
      edges: [
        {
          id: 'e',
          source: 'src',
          target: 'N',
          weight: 0.5,
          delay,
          synapse: { tauS: 0.005, n: 0 },
        },
      ],
      probes: [{ id: 's', target: 'N', variable: 's' }],
    });
  }

  it('a spiking edge weight change scales the spikes sent after it', () => {
    const { out, answers } = runWithEdits(spikeFed([0.01, 0.06]), [
      { step: 300, edit: edit('e', 'weight', 1.5) },
    ]);
    expect(answers).toEqual([null]);
    const tr = out.traces['s']!;
    const psc = (t: number, t0: number, w: number) =>
      t >= t0 - 1e-12 ? (w / 0.005) * Math.exp(-(t - t0) / 0.005) : 0;
    tr.t.forEach((t, s) =>
      expect(Math.abs(tr.values[0]![s]! - psc(t, 0.01, 0.5) - psc(t, 0.06, 1.5))).toBeLessThan(
        1e-10,
      ),
    );
  });

  it('synapse tauS 5 -> 10 ms: the filter decays with the new tau, spikes in flight carry w/tau_new', () => {
    // the second spike (0.025 s) is travelling along the 15 ms delay when tauS changes at 0.03 s
    const { out, answers } = runWithEdits(spikeFed([0.01, 0.025], 0.015), [
      { step: 300, edit: edit('e', 'synapse.tauS', 0.01) },
    ]);
    expect(answers).toEqual([null]);
    const tr = out.traces['s']!;
    const s30 = (0.5 / 0.005) * Math.exp(-(0.03 - 0.025) / 0.005);
    const want = (t: number): number => {
      if (t < 0.025 - 1e-12) return 0;
      if (t <= 0.03 + 1e-12) return (0.5 / 0.005) * Math.exp(-(t - 0.025) / 0.005);
      let s = s30 * Math.exp(-(t - 0.03) / 0.01);
      if (t >= 0.04 - 1e-12) s += (0.5 / 0.01) * Math.exp(-(t - 0.04) / 0.01);
      return s;
    };
    tr.t.forEach((t, s) => expect(Math.abs(tr.values[0]![s]! - want(t))).toBeLessThan(1e-10));
  });

  it('an edit of a weight of A -> C changes C firing (A, B -> C)', () => {
    const doc = twoDriveOne();
    const plain = runNetwork(doc);
    const { out, answers } = runWithEdits(doc, [{ step: 3000, edit: edit('wCA', 'weight', 0.1) }]);
    expect(answers).toEqual([null]);
    const count = (spikes: number[], from: number) => spikes.filter((t) => t >= from).length;
    expect(count(out.spikes['C']![0]!, 0.3)).toBeGreaterThan(
      1.5 * count(plain.spikes['C']![0]!, 0.3),
    );
    expect(out.spikes['C']![0]!.filter((t) => t < 0.3)).toEqual(
      plain.spikes['C']![0]!.filter((t) => t < 0.3),
    );
  });
});

function twoDriveOne(): NetworkDocument {
  return network({
    dt: 1e-4,
    duration: 1,
    nodes: [
      { id: 'A', kind: 'neuron', model: 'lif', params: { bias: 1.5 } },
      { id: 'B', kind: 'neuron', model: 'lif', params: { bias: 2 } },
      { id: 'C', kind: 'neuron', model: 'lif', params: {} },
    ],
    edges: [
      { id: 'wCA', source: 'A', target: 'C', weight: 0.05, synapse: { tauS: 0.005, n: 0 } },
      { id: 'wCB', source: 'B', target: 'C', weight: -0.02, synapse: { tauS: 0.005, n: 0 } },
    ],
    probes: [
      { id: 'vC', target: 'C', variable: 'v' },
      { id: 'sC', target: 'C', variable: 's', every: 10 },
    ],
  });
}

describe('the bias slider of the A, B -> C example', () => {
  it('A bias 1.5 -> 3 mid-run: A fires at G(3), C clearly more', () => {
    const { out, answers } = runWithEdits(twoDriveOne(), [
      { step: 5000, edit: edit('A', 'params.bias', 3) },
    ]);
    expect(answers).toEqual([null]);
    expectRate(intervalsAfter(out.spikes['A']![0]!, 0.5), lifRate(3, LIF));
    const c = out.spikes['C']![0]!;
    const before = c.filter((t) => t < 0.5).length;
    const after = c.filter((t) => t >= 0.5).length;
    expect(after).toBeGreaterThan(1.5 * before);
  });
});

describe('refused edits change nothing', () => {
  it('answers "this change needs a restart" and the run equals an unedited one', () => {
    const doc = twoDriveOne();
    const plain = runNetwork(doc, {}, 700);
    const refused: LiveEdit[] = [
      edit('C', 'params.v0', 0.5),
      edit('C', 'kind', 'population'),
      edit('C', 'params.bias.mean', 1),
      edit('C', 'params.bias', { init: 'uniform', low: 0, high: 1 }),
      edit('wCA', 'delay', 0.002),
      edit('wCA', 'synapse.n', 1),
      // wCA and wCB share C's filter bank (same tauS and n)
      edit('wCA', 'synapse.tauS', 0.01),
      edit('wCA', 'weight', [[0.1]]),
      edit('wCA', 'weight.value', 0.1),
      edit('nope', 'params.bias', 1),
    ];
    const { out, answers } = runWithEdits(
      doc,
      refused.map((e) => ({ step: 2100, edit: e })),
      {},
      700,
    );
    answers.forEach((a, i) => {
      expect(a, refused[i]!.path).toMatchObject({ severity: 'error', message: NEEDS_RESTART });
      expect(a!.elementId).toBe(refused[i]!.elementId);
    });
    expect(answers[0]!.path).toBe('nodes[2].params.v0');
    expect(answers[4]!.path).toBe('edges[0].delay');
    expect(out.spikes).toEqual(plain.spikes);
    expect(out.traces).toEqual(plain.traces);
  });

  it('a sparse generator value and an identity value are shared weights: they apply', () => {
    const doc = network({
      dt: 1e-4,
      duration: 0.05,
      nodes: [
        { id: 'in', kind: 'input', size: 3, signal: { type: 'constant', value: 0.5 } },
        { id: 'P', kind: 'population', size: 3, model: 'lif', params: { vTh: 100 } },
      ],
      edges: [{ id: 'e', source: 'in', target: 'P', weight: { init: 'identity', value: 1 } }],
      probes: [{ id: 'J', target: 'P', variable: 'J' }],
    });
    const { out, answers } = runWithEdits(doc, [{ step: 100, edit: edit('e', 'weight.value', 3) }]);
    expect(answers).toEqual([null]);
    for (const row of out.traces['J']!.values)
      row.forEach((x, s) => expect(x).toBe(s <= 100 ? 0.5 : 1.5));
  });
});

describe('an edit before the first step gives exactly the run of the edited document', () => {
  /** A network touching every kind of live edit; `set` patches its plain JSON. */
  function base(): Record<string, unknown> {
    return JSON.parse(
      JSON.stringify(
        network({
          dt: 1e-4,
          duration: 0.08,
          seed: 3,
          nodes: [
            { id: 'K', kind: 'input', signal: { type: 'constant', value: 1.2 } },
            { id: 'S', kind: 'input', signal: { type: 'sine', amplitude: 0.4, frequency: 30 } },
            {
              id: 'P',
              kind: 'input',
              signal: { type: 'pulse', start: 0.005, width: 0.003, amplitude: 0.8, period: 0.02 },
            },
            {
              id: 'T',
              kind: 'input',
              signal: { type: 'step', times: [0.01, 0.04], values: [0.3, -0.2] },
            },
            { id: 'X', kind: 'input', signal: { type: 'noise', mean: 0.3, std: 0.5, tau: 0.005 } },
            { id: 'L', kind: 'population', size: 4, model: 'lif', params: { tauRef: 0.001 } },
            { id: 'M', kind: 'neuron', model: 'lif', params: { bias: 0.6 } },
            { id: 'H', kind: 'neuron', model: 'hh', params: { bias: 8 } },
            { id: 'R', kind: 'neuron', model: 'rate', params: { tau: 0.002 } },
          ],
          edges: [
            { id: 'kl', source: 'K', target: 'L', weight: 1 },
            { id: 'sl', source: 'S', target: 'L', weight: 1 },
            { id: 'pl', source: 'P', target: 'L', weight: 1 },
            { id: 'tl', source: 'T', target: 'L', weight: 1 },
            { id: 'xm', source: 'X', target: 'M', weight: 1, synapse: { tauS: 0.003, n: 1 } },
            {
              id: 'lm',
              source: 'L',
              target: 'M',
              weight: { init: 'sparse', p: 0.5, value: 0.2 },
              synapse: { tauS: 0.004, n: 0 },
            },
            { id: 'lh', source: 'L', target: 'H', weight: 2, synapse: { tauS: 0.002, n: 0 } },
            { id: 'mr', source: 'M', target: 'R', weight: 1, synapse: { tauS: 0.01, n: 0 } },
          ],
          probes: [
            { id: 'vL', target: 'L', variable: 'v' },
            { id: 'JM', target: 'M', variable: 'J' },
            { id: 'VH', target: 'H', variable: 'V' },
            { id: 'yR', target: 'R', variable: 'y' },
          ],
        }),
      ),
    ) as Record<string, unknown>;
  }
  function patched(elementId: string, path: string, value: unknown): NetworkDocument {
    const doc = base();
    const list = [...(doc['nodes'] as object[]), ...(doc['edges'] as object[])] as Array<
      Record<string, unknown>
    >;
    let obj = list.find((x) => x['id'] === elementId)!;
    const keys = path.split('.');
    for (const k of keys.slice(0, -1)) obj = (obj[k] ??= {}) as Record<string, unknown>;
    obj[keys.at(-1)!] = value;
    return doc as unknown as NetworkDocument;
  }
  const cases: Array<[string, string, unknown]> = [
    ['L', 'params.bias', 0.4],
    ['L', 'params.tauM', [0.01, 0.02, 0.015, 0.03]],
    ['L', 'params.tauRef', 0.004],
    ['L', 'params.vTh', 0.9],
    ['L', 'params.vReset', 0.1],
    ['M', 'params.tauM', 0.01],
    ['H', 'params.bias', 12],
    ['H', 'params.gNa', 100],
    ['H', 'params.C', 1.5],
    ['H', 'params.EL', -60],
    ['H', 'params.spikeThreshold', -10],
    ['R', 'params.tau', 0.005],
    ['K', 'signal.value', 0.6],
    ['S', 'signal.frequency', 12],
    ['S', 'signal.phase', 1],
    ['P', 'signal.start', 0.0123],
    ['P', 'signal.width', 0.006],
    ['T', 'signal.times', [0.02, 0.05]],
    ['X', 'signal.mean', -0.1],
    ['X', 'signal.std', 0.2],
    ['kl', 'weight', 0.5],
    ['lh', 'weight', 4],
    ['lm', 'weight.value', 0.6],
    ['xm', 'synapse.tauS', 0.006],
    ['lm', 'synapse.tauS', 0.0025],
    ['mr', 'synapse.tauS', 0.02],
  ];
  for (const [id, path, value] of cases) {
    it(`${id}.${path} = ${JSON.stringify(value)}`, () => {
      const edited = runWithEdits(base() as unknown as NetworkDocument, [
        { step: 0, edit: edit(id, path, value) },
      ]);
      expect(edited.answers).toEqual([null]);
      const direct = runNetwork(patched(id, path, value));
      expect(edited.out.spikes).toEqual(direct.spikes);
      expect(edited.out.traces).toEqual(direct.traces);
    });
  }
});

describe('rate units and HH neurons edited mid-run', () => {
  it('a rate unit bias enters z and y at the next sample', () => {
    const doc = network({
      dt: 1e-3,
      duration: 0.03,
      nodes: [{ id: 'R', kind: 'neuron', model: 'rate' }],
      probes: [{ id: 'y', target: 'R', variable: 'y' }],
    });
    const { out, answers } = runWithEdits(doc, [
      { step: 10, edit: edit('R', 'params.bias', 1) },
      { step: 20, edit: edit('R', 'activation', 'tanh') },
    ]);
    expect(answers).toEqual([null, null]);
    out.traces['y']!.values[0]!.forEach((y, s) =>
      expect(y).toBeCloseTo(s <= 10 ? 0.5 : s <= 20 ? 1 / (1 + Math.exp(-1)) : Math.tanh(1), 15),
    );
  });

  it('an HH neuron starts firing when its bias is raised, and stops when gNa is removed', () => {
    const doc = network({
      dt: 1e-4,
      duration: 0.3,
      nodes: [{ id: 'H', kind: 'neuron', model: 'hh' }],
    });
    const { out, answers } = runWithEdits(doc, [
      { step: 1000, edit: edit('H', 'params.bias', 10) },
      { step: 2000, edit: edit('H', 'params.gNa', 0) },
    ]);
    expect(answers).toEqual([null, null]);
    const spikes = out.spikes['H']![0]!;
    expect(spikes.filter((t) => t < 0.1)).toEqual([]);
    expect(spikes.filter((t) => t >= 0.1 && t < 0.2).length).toBeGreaterThan(4);
    expect(spikes.filter((t) => t >= 0.21).length).toBe(0);
  });
});

describe('the simulation from createSimulation', () => {
  it('has applyEdit, and the result of an edited run does not depend on the chunking', () => {
    const created = createSimulation(drivenLif(1.5, {}, 0.2));
    expect(created.ok && typeof created.simulation.applyEdit).toBe('function');
    const edits: TimedEdit[] = [
      { step: 700, edit: edit('N', 'params.bias', 1) },
      { step: 1300, edit: edit('in', 'signal.value', 0.7) },
    ];
    const a = runWithEdits(drivenLif(1.5, {}, 0.2), edits, {}, 1e9).out;
    const b = runWithEdits(drivenLif(1.5, {}, 0.2), edits, {}, 97).out;
    expect(b.spikes).toEqual(a.spikes);
    expect(b.traces).toEqual(a.traces);
  });
});
