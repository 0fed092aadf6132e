/**
 * Adaptive LIF against closed forms: under a constant input the neuron settles to a period T that
 * solves a transcendental equation, evaluated here independently of the simulator (bisection on
 * the exact sub-threshold solution); b = 0 is the plain LIF, bit for bit; the result does not
 * depend on dt (exact integration); a probe of a reads the adaptation current.
 */
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../document/loadDocument';
import { createSimulation } from '../../sim/createSimulation';
import { network, runNetwork, runWithEdits } from '../../sim/test-support/testNetworks';

interface Alif {
  J0: number;
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
  tauA: number;
  b: number;
}

const P: Alif = { J0: 2, tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0, tauA: 0.1, b: 0.2 };

/**
 * v(u) after the refractory period (u = t - tauRef) when a = A there:
 * tau_m v' = J0 - A e^{-u/tau_a} - v, v(0) = vReset  =>
 * v(u) = J0 + K e^{-u/tau_a} + (vReset - J0 - K) e^{-u/tau_m},  K = -A tau_a / (tau_a - tau_m).
 */
function vAfter(p: Alif, A: number, u: number): number {
  const K = (-A * p.tauA) / (p.tauA - p.tauM);
  return p.J0 + K * Math.exp(-u / p.tauA) + (p.vReset - p.J0 - K) * Math.exp(-u / p.tauM);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** First time v reaches vTh after the refractory period, for a = A at its end. */
function crossing(p: Alif, A: number): number {
  let hi = 1e-4;
  while (vAfter(p, A, hi) < p.vTh) hi *= 2;
  // v rises monotonically here (J0 - a(t) grows and v starts below it): the crossing is unique
  return bisect((u) => vAfter(p, A, u) - p.vTh, 0, hi);
}

/**
 * The steady period T: right after a spike a = A* = b / (1 - e^{-T/tau_a}) (the jump b on top of
 * what is left of the last one), so T = tauRef + crossing(A* e^{-tauRef/tau_a}).
 */
function steadyPeriod(p: Alif): number {
  const h = (T: number): number => {
    const aStar = p.b / (1 - Math.exp(-T / p.tauA));
    return p.tauRef + crossing(p, aStar * Math.exp(-p.tauRef / p.tauA)) - T;
  };
  // h decreases in T: bracket its root
  return bisect((T) => -h(T), p.tauRef + 1e-6, 10);
}

function alifDoc(p: Alif, dt: number, duration: number, model = 'alif') {
  const params: Record<string, number> = {
    tauM: p.tauM,
    tauRef: p.tauRef,
    vTh: p.vTh,
    vReset: p.vReset,
    bias: p.J0,
  };
  if (model === 'alif') Object.assign(params, { tauA: p.tauA, b: p.b });
  return network({
    dt,
    duration,
    nodes: [{ id: 'N', kind: 'neuron', model, params }],
    probes: [
      { id: 'a', target: 'N', variable: 'a' },
      { id: 'v', target: 'N', variable: 'v' },
    ].filter((pr) => model === 'alif' || pr.variable === 'v'),
  });
}

function intervals(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('adaptive LIF', () => {
  it('settles to the steady period of the transcendental equation (1e-9 relative)', () => {
    const T = steadyPeriod(P);
    expect(T).toBeGreaterThan(0.01);
    const spikes = runNetwork(alifDoc(P, 1e-4, 5)).spikes['N']![0]!;
    const isi = intervals(spikes);
    expect(isi.length).toBeGreaterThan(50);
    // adaptation: the intervals lengthen toward T
    expect(isi[0]!).toBeLessThan(0.8 * T);
    for (const d of isi.slice(-5)) expect(Math.abs(d / T - 1)).toBeLessThan(1e-9);
  });

  it('another parameter set (slow adaptation, refractory off the grid, vReset below 0)', () => {
    const p: Alif = { ...P, J0: 3, tauA: 0.3, b: 0.1, tauRef: 0.00237, vReset: -0.2 };
    const T = steadyPeriod(p);
    const isi = intervals(runNetwork(alifDoc(p, 1e-3, 12)).spikes['N']![0]!);
    for (const d of isi.slice(-5)) expect(Math.abs(d / T - 1)).toBeLessThan(1e-9);
  });

  it('does not depend on dt: spikes at dt = 1 ms and 0.1 ms agree within 1e-12 s', () => {
    const fine = runNetwork(alifDoc(P, 1e-4, 1)).spikes['N']![0]!;
    const coarse = runNetwork(alifDoc(P, 1e-3, 1)).spikes['N']![0]!;
    expect(coarse.length).toBe(fine.length);
    coarse.forEach((t, i) => expect(Math.abs(t - fine[i]!)).toBeLessThan(1e-12));
  });

  it('the order-0 fast path and the general integrator give the same spikes (1e-12 s)', () => {
    const doc = network({
      dt: 1e-4,
      duration: 1,
      nodes: [
        { id: 'Q', kind: 'input', size: 20, signal: { type: 'poisson', rate: 300 } },
        { id: 'A', kind: 'population', size: 30, model: 'alif', params: { bias: 0.8, b: 0.1 } },
      ],
      edges: [
        {
          id: 'qa',
          source: 'Q',
          target: 'A',
          weight: { init: 'uniform', low: 0, high: 0.2 },
          synapse: { tauS: 0.005 },
        },
        { id: 'aa', source: 'A', target: 'A', weight: -0.02, synapse: { tauS: 0.005 } },
      ],
    });
    const fast = runNetwork(doc).spikes['A']!;
    const general = runNetwork(doc, { lifFastPath: false }).spikes['A']!;
    expect(fast.flat().length).toBeGreaterThan(100);
    fast.forEach((times, i) => {
      expect(times.length).toBe(general[i]!.length);
      times.forEach((t, k) => expect(Math.abs(t - general[i]![k]!)).toBeLessThan(1e-12));
    });
  });

  it('b = 0 is the LIF, bit for bit', () => {
    const lif = runNetwork(alifDoc(P, 1e-4, 1, 'lif'));
    const alif = runNetwork(alifDoc({ ...P, b: 0 }, 1e-4, 1));
    expect(alif.spikes['N']).toEqual(lif.spikes['N']);
    expect(alif.traces['v']!.values).toEqual(lif.traces['v']!.values);
  });

  it('a decays with tau_a between spikes and jumps by b at each spike', () => {
    const out = runNetwork(alifDoc(P, 1e-4, 0.3));
    const spikes = out.spikes['N']![0]!;
    const a = out.traces['a']!.values[0]!;
    const t = out.traces['a']!.t;
    const first = spikes[0]!;
    const k = t.findIndex((x) => x > first) + 2;
    // between the first two spikes a = b e^{-(t - t_1)/tau_a}
    expect(t[k]!).toBeLessThan(spikes[1]!);
    expect(Math.abs(a[k]! - P.b * Math.exp(-(t[k]! - first) / P.tauA))).toBeLessThan(1e-12);
    expect(a[0]).toBe(0);
  });

  it('takes b and tauA live; refuses a tauA per element; validates b >= 0', () => {
    const { answers, out } = runWithEdits(alifDoc(P, 1e-4, 4), [
      { step: 5000, edit: { elementId: 'N', path: 'params.b', value: 0 } },
    ]);
    expect(answers).toEqual([null]);
    // without adaptation the rate relaxes to the LIF's: the last intervals match the LIF period
    const lif = runNetwork(alifDoc(P, 1e-4, 4, 'lif')).spikes['N']![0]!;
    const last = intervals(out.spikes['N']![0]!).at(-1)!;
    expect(Math.abs(last / intervals(lif).at(-1)! - 1)).toBeLessThan(1e-9);

    const pop = network({
      nodes: [
        { id: 'P', kind: 'population', size: 2, model: 'alif', params: { tauA: [0.1, 0.2] } },
      ],
    });
    const created = createSimulation(pop);
    expect(created.ok).toBe(false);
    if (!created.ok) expect(created.issues[0]!.path).toBe('nodes[0].params.tauA');

    const text = JSON.stringify(
      network({ nodes: [{ id: 'N', kind: 'neuron', model: 'alif', params: { b: -1 } }] }),
    );
    const loaded = loadDocument(text);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => i.path)).toContain('nodes[0].params.b');
  });
});
