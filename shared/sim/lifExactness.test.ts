/**
 * LIF exactness against closed forms (course notes 1.2, 1.3.5; docs/format.md#nodes, 5) and against an
 * independent event-driven reference written here (closed form between events, crossings by dense
 * sampling + bisection), not against the simulator itself.
 */
import { describe, expect, it } from 'vitest';
import { lifRate } from '../models/lifRate';
import { lcg, network, runNetwork } from './test-support/testNetworks';

describe('LIF charging: v(t) = v_in (1 - e^{-t/tau})', () => {
  for (const dt of [1e-3, 1e-4]) {
    it(`matches the closed form at every sample, dt = ${dt}`, () => {
      const out = runNetwork(
        network({
          dt,
          duration: 0.1,
          nodes: [
            { id: 'in', kind: 'input', signal: { type: 'constant', value: 0.8 } },
            { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.02 } },
          ],
          edges: [{ id: 'e', source: 'in', target: 'N', weight: 1 }],
          probes: [{ id: 'v', target: 'N', variable: 'v' }],
        }),
      );
      const tr = out.traces['v']!;
      expect(tr.t.length).toBe(Math.round(0.1 / dt) + 1);
      tr.t.forEach((t, s) =>
        expect(Math.abs(tr.values[0]![s]! - 0.8 * (1 - Math.exp(-t / 0.02)))).toBeLessThan(1e-14),
      );
      expect(out.spikes['N']![0]!.length).toBe(0);
    });
  }
});

describe('LIF rate under constant input equals G(v_in) to 1e-9', () => {
  const vIn = [1.001, 1.01, 1.1, 1.5, 2, 5, 10, 100];
  const paramSets = [
    { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 },
    { tauM: 0.013, tauRef: 0.0023, vTh: 0.9, vReset: -0.3 },
  ];
  for (const dt of [1e-3, 1e-4]) {
    for (const p of paramSets) {
      it(`dt = ${dt}, tauRef = ${p.tauRef}, vReset = ${p.vReset}`, () => {
        const bias = vIn.map((v) => v * (p.vTh > 0.95 ? 1 : 0.9));
        const out = runNetwork(
          network({
            dt,
            duration: 2,
            nodes: [
              {
                id: 'P',
                kind: 'population',
                size: bias.length,
                model: 'lif',
                params: { ...p, bias },
              },
            ],
          }),
        );
        bias.forEach((b, i) => {
          const spikes = out.spikes['P']![i]!;
          expect(spikes.length).toBeGreaterThan(4);
          const n = spikes.length;
          const rate = (n - 1) / (spikes[n - 1]! - spikes[0]!);
          const expected = lifRate(b, p);
          expect(Math.abs(rate / expected - 1)).toBeLessThan(1e-9);
          // the first spike is at tauM ln((b - v0)/(b - vTh)) exactly
          expect(Math.abs(spikes[0]! - p.tauM * Math.log(b / (b - p.vTh)))).toBeLessThan(1e-12);
        });
      });
    }
  }
});

// ---------------------------------------------------------------- event-driven reference

interface RefParams {
  v0?: number;
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
  bias: number;
}
interface RefInput {
  t: number;
  tau: number;
  amount: number;
}

/** Exact event-driven LIF with order-0 synapses: closed form between events. */
function referenceLif(p: RefParams, inputs: RefInput[], tEnd: number): number[] {
  const events = [...inputs].sort((a, b) => a.t - b.t);
  const taus = [...new Set(events.map((e) => e.tau))];
  const s = new Map<number, number>(taus.map((t) => [t, 0]));
  let v = p.v0 ?? 0;
  let t = 0;
  let ref = -Infinity;
  const spikes: number[] = [];
  const coupling = (tau: number, u: number): number =>
    Math.abs(tau - p.tauM) < 1e-15
      ? (u / p.tauM) * Math.exp(-u / p.tauM)
      : (tau / (tau - p.tauM)) * (Math.exp(-u / tau) - Math.exp(-u / p.tauM));
  const vAt = (u: number): number => {
    let x = p.bias + (v - p.bias) * Math.exp(-u / p.tauM);
    for (const [tau, sv] of s) x += sv * coupling(tau, u);
    return x;
  };
  const decay = (u: number): void => {
    for (const [tau, sv] of s) s.set(tau, sv * Math.exp(-u / tau));
  };
  const advanceTo = (tNext: number): void => {
    while (t < tNext) {
      if (ref > t) {
        const tr = Math.min(ref, tNext);
        decay(tr - t);
        v = p.vReset;
        t = tr;
        continue;
      }
      if (v >= p.vTh) {
        spikes.push(t);
        v = p.vReset;
        ref = t + p.tauRef;
        continue;
      }
      const span = tNext - t;
      const K = 400;
      let lo = 0;
      let hi = -1;
      for (let k = 1; k <= K; k++) {
        const u = (span * k) / K;
        if (vAt(u) >= p.vTh) {
          hi = u;
          break;
        }
        lo = u;
      }
      if (hi < 0) {
        v = vAt(span);
        decay(span);
        t = tNext;
        continue;
      }
      for (let it = 0; it < 200 && hi - lo > 1e-17; it++) {
        const mid = (lo + hi) / 2;
        if (vAt(mid) >= p.vTh) hi = mid;
        else lo = mid;
      }
      decay(hi);
      t += hi;
      spikes.push(t);
      v = p.vReset;
      ref = t + p.tauRef;
    }
  };
  for (const e of events) {
    advanceTo(e.t);
    s.set(e.tau, s.get(e.tau)! + e.amount);
  }
  advanceTo(tEnd);
  return spikes.filter((x) => x < tEnd);
}

describe('feed-forward circuits are exact (within 1e-8 s of an event-driven reference)', () => {
  const rand = lcg(7);
  const s1 = Array.from({ length: 60 }, () => 0.5 * rand()).sort((a, b) => a - b);
  const s2 = Array.from({ length: 60 }, () => 0.5 * rand()).sort((a, b) => a - b);
  const A: RefParams = { tauM: 0.02, tauRef: 0.0023, vTh: 1, vReset: 0, bias: 0.95 };
  const B: RefParams = { tauM: 0.015, tauRef: 0.0031, vTh: 1, vReset: 0, bias: 0.8 };
  const C: RefParams = { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: -0.2, bias: 1.2 };
  const lifNode = (id: string, p: RefParams): unknown => ({
    id,
    kind: 'neuron',
    model: 'lif',
    params: { tauM: p.tauM, tauRef: p.tauRef, vTh: p.vTh, vReset: p.vReset, bias: p.bias },
  });
  const doc = (dt: number) =>
    network({
      dt,
      duration: 0.5,
      nodes: [
        { id: 'S1', kind: 'input', signal: { type: 'spikes', times: s1 } },
        { id: 'S2', kind: 'input', signal: { type: 'spikes', times: s2 } },
        lifNode('A', A),
        lifNode('B', B),
        lifNode('C', C),
      ],
      edges: [
        { id: 'e1', source: 'S1', target: 'A', weight: 0.004, synapse: { tauS: 0.005 } },
        { id: 'e2', source: 'S2', target: 'A', weight: -0.002, synapse: { tauS: 0.01 } },
        { id: 'e3', source: 'A', target: 'B', weight: 0.003, synapse: { tauS: 0.003 } },
        { id: 'e4', source: 'S1', target: 'B', weight: 0.0015, synapse: { tauS: 0.008 } },
        { id: 'e5', source: 'B', target: 'C', weight: -0.001, synapse: { tauS: 0.004 } },
        { id: 'e6', source: 'A', target: 'C', weight: 0.002, synapse: { tauS: 0.02 } },
      ],
    });
  const refA = referenceLif(
    A,
    [
      ...s1.map((t) => ({ t, tau: 0.005, amount: 0.004 / 0.005 })),
      ...s2.map((t) => ({ t, tau: 0.01, amount: -0.002 / 0.01 })),
    ],
    0.5,
  );
  const refB = referenceLif(
    B,
    [
      ...refA.map((t) => ({ t, tau: 0.003, amount: 0.003 / 0.003 })),
      ...s1.map((t) => ({ t, tau: 0.008, amount: 0.0015 / 0.008 })),
    ],
    0.5,
  );
  const refC = referenceLif(
    C,
    [
      ...refB.map((t) => ({ t, tau: 0.004, amount: -0.001 / 0.004 })),
      ...refA.map((t) => ({ t, tau: 0.02, amount: 0.002 / 0.02 })),
    ],
    0.5,
  );
  it('the reference circuit is busy enough to mean something', () => {
    expect(refA.length).toBeGreaterThan(10);
    expect(refB.length).toBeGreaterThan(5);
    expect(refC.length).toBeGreaterThan(10);
  });
  for (const dt of [1e-3, 1e-4, 2.5e-4]) {
    it(`dt = ${dt}: every spike of A, B, C within 1e-8 s`, () => {
      const out = runNetwork(doc(dt));
      for (const [id, ref] of [
        ['A', refA],
        ['B', refB],
        ['C', refC],
      ] as const) {
        const got = out.spikes[id]![0]!;
        expect(got.length, id).toBe(ref.length);
        got.forEach((t, k) => expect(Math.abs(t - ref[k]!), `${id} spike ${k}`).toBeLessThan(1e-8));
      }
    });
  }

  it('a crossing that rises above vTh and falls back inside one step is found', () => {
    // v0 = 0.9 at rest (bias 0.9), fast membrane (2 ms), one brief strong input at 10.2 ms: v rises to
    // about 1.04 and falls back below 1 within 1 ms, all inside one 5 ms step
    const p: RefParams = { tauM: 0.002, tauRef: 0.002, vTh: 1, vReset: 0, bias: 0.9 };
    const inputs = [{ t: 0.0102, tau: 0.0001, amount: 0.0003 / 0.0001 }];
    const ref = referenceLif({ ...p, v0: 0.9 }, inputs, 0.03);
    const out = runNetwork(
      network({
        dt: 5e-3,
        duration: 0.03,
        nodes: [
          { id: 'S', kind: 'input', signal: { type: 'spikes', times: [0.0102] } },
          { id: 'N', kind: 'neuron', model: 'lif', params: { tauM: 0.002, bias: 0.9, v0: 0.9 } },
        ],
        edges: [{ id: 'e', source: 'S', target: 'N', weight: 0.0003, synapse: { tauS: 0.0001 } }],
        probes: [{ id: 'v', target: 'N', variable: 'v' }],
      }),
    );
    expect(ref.length).toBe(1);
    const got = out.spikes['N']![0]!;
    expect(got.length).toBe(1);
    expect(Math.abs(got[0]! - ref[0]!)).toBeLessThan(1e-8);
    // and the step ends are all below threshold: only the exact trajectory shows the crossing
    const v = out.traces['v']!.values[0]!;
    expect(Math.max(...v)).toBeLessThan(1);
  });
});
