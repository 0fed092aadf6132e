/**
 * PSC filters through the engine (notes 1.3.2-1.3.5, docs/format.md#edges, 5): the filtered spike train equals the
 * sum of shifted kernels, delays shift it, and v driven through filters of order 0..3 (also with
 * tauS = tauM) matches an independent fine-step RK4 integration of the cascade equations.
 */
import { describe, expect, it } from 'vitest';
import { pscKernel } from '../models/psc';
import { network, runNetwork } from './test-support/testNetworks';

const TIMES = [0.0123, 0.0171, 0.03345, 0.0334501, 0.05, 0.06];

function filtered(
  t: number,
  w: number,
  tau: number,
  n: number,
  times: number[],
  delay = 0,
): number {
  let s = 0;
  for (const tp of times) if (t >= tp + delay - 1e-15) s += w * pscKernel(t - tp - delay, tau, n);
  return s;
}

function drivenLif(dt: number, n: number, tauS: number, delay = 0, tauM = 0.02) {
  return network({
    dt,
    duration: 0.1,
    nodes: [
      { id: 'S', kind: 'input', signal: { type: 'spikes', times: TIMES } },
      { id: 'N', kind: 'neuron', model: 'lif', params: { tauM, vTh: 1e9, bias: 0.3 } },
    ],
    edges: [{ id: 'e', source: 'S', target: 'N', weight: 0.7, synapse: { tauS, n }, delay }],
    probes: [
      { id: 's', target: 'N', variable: 's' },
      { id: 'J', target: 'N', variable: 'J' },
      { id: 'v', target: 'N', variable: 'v' },
    ],
  });
}

/** RK4 of tau x0' = -x0, tau xk' = x(k-1) - xk, tauM v' = bias + xn - v, impulses at TIMES. */
function rk4Reference(
  sampleTimes: number[],
  n: number,
  tauS: number,
  tauM: number,
  bias: number,
  w: number,
): number[] {
  const x = new Float64Array(n + 2); // x[0..n], v at n+1
  const deriv = (y: Float64Array, out: Float64Array): void => {
    out[0] = -y[0]! / tauS;
    for (let k = 1; k <= n; k++) out[k] = (y[k - 1]! - y[k]!) / tauS;
    out[n + 1] = (bias + y[n]! - y[n + 1]!) / tauM;
  };
  const k1 = new Float64Array(n + 2);
  const k2 = new Float64Array(n + 2);
  const k3 = new Float64Array(n + 2);
  const k4 = new Float64Array(n + 2);
  const tmp = new Float64Array(n + 2);
  const stepTo = (t0: number, t1: number): void => {
    const steps = Math.max(1, Math.ceil((t1 - t0) / 2e-6));
    const h = (t1 - t0) / steps;
    for (let s = 0; s < steps; s++) {
      deriv(x, k1);
      for (let i = 0; i < x.length; i++) tmp[i] = x[i]! + (h / 2) * k1[i]!;
      deriv(tmp, k2);
      for (let i = 0; i < x.length; i++) tmp[i] = x[i]! + (h / 2) * k2[i]!;
      deriv(tmp, k3);
      for (let i = 0; i < x.length; i++) tmp[i] = x[i]! + h * k3[i]!;
      deriv(tmp, k4);
      for (let i = 0; i < x.length; i++)
        x[i] += (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    }
  };
  const events = TIMES.map((t) => ({ t, kind: 0 })).concat(
    sampleTimes.map((t) => ({ t, kind: 1 })),
  );
  events.sort((a, b) => a.t - b.t || a.kind - b.kind);
  const out: number[] = [];
  let t = 0;
  for (const e of events) {
    if (e.t > t) stepTo(t, e.t);
    t = Math.max(t, e.t);
    if (e.kind === 0) x[0] += w / tauS;
    else out.push(x[n + 1]!);
  }
  return out;
}

describe('filtered spike train = sum of shifted PSC kernels (notes 1.3.3)', () => {
  for (const n of [0, 1, 2, 3]) {
    for (const dt of [1e-3, 1e-4]) {
      it(`order ${n}, dt = ${dt}: s(t_k) to 1e-9; J = bias + s`, () => {
        const out = runNetwork(drivenLif(dt, n, 0.005));
        const tr = out.traces['s']!;
        const J = out.traces['J']!;
        tr.t.forEach((t, k) => {
          const expected = filtered(t, 0.7, 0.005, n, TIMES);
          expect(Math.abs(tr.values[0]![k]! - expected)).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
          expect(J.values[0]![k]!).toBeCloseTo(tr.values[0]![k]! + 0.3, 12);
        });
      });
    }
  }
  it('a delay shifts the filtered train by exactly the delay', () => {
    const out = runNetwork(drivenLif(1e-4, 1, 0.004, 0.00237));
    const tr = out.traces['s']!;
    tr.t.forEach((t, k) => {
      const expected = filtered(t, 0.7, 0.004, 1, TIMES, 0.00237);
      expect(Math.abs(tr.values[0]![k]! - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
    });
  });
  it('the PSC has unit area: the trapezoid integral of s after one spike is w', () => {
    for (const n of [0, 1, 2, 3]) {
      const out = runNetwork(
        network({
          dt: 1e-5,
          duration: 0.25,
          nodes: [
            { id: 'S', kind: 'input', signal: { type: 'spikes', times: [0] } },
            { id: 'R', kind: 'neuron', model: 'rate', activation: 'relu' },
          ],
          edges: [{ id: 'e', source: 'S', target: 'R', weight: 0.5, synapse: { tauS: 0.005, n } }],
          probes: [{ id: 's', target: 'R', variable: 's' }],
        }),
      );
      const s = out.traces['s']!.values[0]!;
      let area = 0;
      for (let k = 1; k < s.length; k++) area += ((s[k - 1]! + s[k]!) / 2) * 1e-5;
      expect(Math.abs(area - 0.5)).toBeLessThan(1e-6);
    }
  });
});

describe('v through PSC filters of order 0..3 matches a fine RK4 reference', () => {
  const cases: Array<[number, number]> = [
    [0, 0.005],
    [1, 0.005],
    [2, 0.003],
    [3, 0.004],
    [0, 0.02],
    [1, 0.02],
    [2, 0.0200001],
  ];
  for (const [n, tauS] of cases) {
    it(`order ${n}, tauS = ${tauS} (tauM = 0.02), dt = 1e-3`, () => {
      const out = runNetwork(drivenLif(1e-3, n, tauS));
      const tr = out.traces['v']!;
      const ref = rk4Reference(tr.t, n, tauS, 0.02, 0.3, 0.7);
      tr.t.forEach((_, k) => expect(Math.abs(tr.values[0]![k]! - ref[k]!)).toBeLessThan(1e-9));
    });
  }
});
