import { describe, expect, it } from 'vitest';
import {
  factorial,
  filterPropagator,
  filterStepResponse,
  membraneCoupling,
  pscKernel,
} from './psc';

/** Composite 5-point Gauss-Legendre on `panels` panels (independent of the closed forms). */
function integrate(
  f: (t: number) => number,
  a: number,
  b: number,
  _tol = 0,
  panels = 4000,
): number {
  const x = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const w = [
    0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908,
    0.23692688505618908,
  ];
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    let s = 0;
    for (let k = 0; k < 5; k++) s += w[k]! * f(mid + (x[k]! * h) / 2);
    sum += (s * h) / 2;
  }
  return sum;
}

describe('PSC filter h(t) = t^n e^{-t/tau} / (n! tau^{n+1})', () => {
  for (const n of [0, 1, 2, 3]) {
    it(`order ${n}: integral 1 and k = 1/(n! tau^(n+1))`, () => {
      const tau = 0.005;
      const total = integrate((t) => pscKernel(t, tau, n), 0, 200 * tau, 1e-13);
      expect(total).toBeCloseTo(1, 10);
      const k = 1 / (factorial(n) * tau ** (n + 1));
      for (const t of [0.0007, 0.003, 0.011]) {
        expect(pscKernel(t, tau, n)).toBeCloseTo(k * t ** n * Math.exp(-t / tau), 8);
      }
      // peak at t = n tau (n >= 1)
      if (n >= 1) {
        const peak = pscKernel(n * tau, tau, n);
        expect(pscKernel(n * tau * 0.99, tau, n)).toBeLessThan(peak);
        expect(pscKernel(n * tau * 1.01, tau, n)).toBeLessThan(peak);
      }
    });
  }

  it('the cascade propagator E_m and step response F_k match their definitions', () => {
    const e = new Float64Array(11);
    const f = new Float64Array(11);
    for (const a of [1e-9, 1e-3, 0.3, 1, 4.5, 12, 80]) {
      filterPropagator(a, 10, e, 0);
      filterStepResponse(a, 10, f, 0);
      let cum = 0;
      for (let m = 0; m <= 10; m++) {
        const expected = (Math.exp(-a) * a ** m) / factorial(m);
        expect(Math.abs(e[m]! - expected)).toBeLessThanOrEqual(
          1e-15 * Math.max(1, expected) + expected * 1e-13,
        );
        cum += expected;
        const fExpected = integrate((s) => (Math.exp(-s) * s ** m) / factorial(m), 0, a, 1e-17);
        expect(Math.abs(f[m]! - fExpected)).toBeLessThanOrEqual(
          1e-12 * Math.max(fExpected, 1e-300) + 1e-16,
        );
        void cum;
      }
    }
  });
});

describe('membraneCoupling Q_m(u): exact stage -> membrane coefficient', () => {
  const tauM = 0.02;
  const cases: Array<[number, number]> = [];
  for (const tauS of [
    0.0005,
    0.005,
    0.0199999999,
    0.02,
    0.0200000001,
    0.02 * (1 + 1e-7),
    0.05,
    0.3,
  ]) {
    for (const u of [1e-6, 1e-4, 1e-3, 0.01, 0.2]) cases.push([tauS, u]);
  }
  for (const m of [0, 1, 2, 5, 10]) {
    it(`order ${m} against quadrature, tauS from 0.025 tauM to 15 tauM including tauS = tauM`, () => {
      for (const [tauS, u] of cases) {
        const exact = integrate(
          (s) =>
            ((s ** m * Math.exp(-s / tauS)) / (factorial(m) * tauS ** m)) *
            (Math.exp(-(u - s) / tauM) / tauM),
          0,
          u,
          1e-22,
        );
        const q = membraneCoupling(u, tauS, tauM, m);
        expect(Math.abs(q - exact)).toBeLessThanOrEqual(1e-10 * Math.abs(exact) + 1e-18);
      }
    });
  }
  it('equal taus give the t e^{-t/tau} limit', () => {
    const tau = 0.02;
    const u = 0.007;
    expect(membraneCoupling(u, tau, tau, 0)).toBeCloseTo((u / tau) * Math.exp(-u / tau), 15);
    expect(membraneCoupling(u, tau, tau, 1)).toBeCloseTo(
      ((u / tau) ** 2 / 2) * Math.exp(-u / tau),
      15,
    );
  });
  it('is finite for extreme ratios', () => {
    for (const [u, tauS, tm] of [
      [1, 1e-9, 0.02],
      [1, 0.02, 1e-9],
      [100, 0.5, 0.5],
      [1e-12, 1, 1e-3],
    ] as const) {
      for (const m of [0, 3, 10])
        expect(Number.isFinite(membraneCoupling(u, tauS, tm, m))).toBe(true);
    }
  });
});
