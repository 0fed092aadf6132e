import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hhRates, hhSteadyState } from './hhRates';
import { createHhPopulation, invalidateHhDerivatives } from './hhPopulation';
import { hhRightHandSide } from './advanceHh';

/** u / (1 - e^{-u}) by its series, for |u| tiny. */
function series(u: number): number {
  return 1 + u / 2 + (u * u) / 12;
}

describe('hhRates', () => {
  it('has the removable-singularity limits of docs/format.md#nodes (alpha_n(-55) = 0.1, alpha_m(-40) = 1)', () => {
    expect(hhRates(-55).alphaN).toBe(0.1);
    expect(hhRates(-40).alphaM).toBe(1);
  });

  it('stays accurate next to the singularities (expm1, not 1 - exp)', () => {
    for (const d of [1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6]) {
      const uN = d / 10;
      expect(hhRates(-55 + d).alphaN / (0.1 * series(uN)) - 1).toBeLessThan(1e-14);
      expect(Math.abs(hhRates(-40 + d).alphaM / series(uN) - 1)).toBeLessThan(1e-14);
    }
  });

  it('matches the plain formulas away from the singularities', () => {
    fc.assert(
      fc.property(fc.double({ min: -120, max: 80, noNaN: true }), (v) => {
        fc.pre(Math.abs(v + 55) > 1e-3 && Math.abs(v + 40) > 1e-3);
        const r = hhRates(v);
        const close = (a: number, b: number): boolean => Math.abs(a / b - 1) < 1e-9;
        return (
          close(r.alphaN, (0.01 * (v + 55)) / (1 - Math.exp(-(v + 55) / 10))) &&
          close(r.betaN, 0.125 * Math.exp(-(v + 65) / 80)) &&
          close(r.alphaM, (0.1 * (v + 40)) / (1 - Math.exp(-(v + 40) / 10))) &&
          close(r.betaM, 4 * Math.exp(-(v + 65) / 18)) &&
          close(r.alphaH, 0.07 * Math.exp(-(v + 65) / 20)) &&
          close(r.betaH, 1 / (1 + Math.exp(-(v + 35) / 10)))
        );
      }),
    );
  });
});

describe('hhSteadyState', () => {
  it('gives m_inf(-40 mV) = 0.50 (course notes 1.1.4)', () => {
    expect(hhSteadyState(-40).mInf).toBeCloseTo(0.5, 2);
  });

  it('gives x_inf = alpha / (alpha + beta) and tau = 1 / (alpha + beta) in ms', () => {
    const r = hhRates(-65);
    const s = hhSteadyState(-65);
    expect(s.nInf).toBeCloseTo(r.alphaN / (r.alphaN + r.betaN), 15);
    expect(s.tauH).toBeCloseTo(1 / (r.alphaH + r.betaH), 15);
    // Textbook values at rest: m 0.053, h 0.596, n 0.318; tau_h about 8.5 ms.
    expect(s.mInf).toBeCloseTo(0.053, 3);
    expect(s.hInf).toBeCloseTo(0.596, 3);
    expect(s.nInf).toBeCloseTo(0.318, 3);
    expect(s.tauH).toBeCloseTo(8.5, 1);
  });

  it('writes into a given object without allocating a new one', () => {
    const out = hhSteadyState(0);
    expect(hhSteadyState(-30, out)).toBe(out);
  });
});

describe("the kernel's one-exp rate evaluation", () => {
  const pop = createHhPopulation(1);
  const rhs = new Float64Array(4);
  /** alpha and beta of each gate from the kernel: dx/dt at x = 0 is alpha, at x = 1 is -beta. */
  function kernelRates(v: number): number[] {
    pop.V[0] = v;
    pop.m.fill(0);
    pop.h.fill(0);
    pop.n.fill(0);
    invalidateHhDerivatives(pop);
    hhRightHandSide(pop, 0, 0, rhs);
    const alpha = [rhs[1], rhs[2], rhs[3]];
    pop.m.fill(1);
    pop.h.fill(1);
    pop.n.fill(1);
    hhRightHandSide(pop, 0, 0, rhs);
    return [alpha[0], -rhs[1], alpha[1], -rhs[2], alpha[2], -rhs[3]];
  }

  /**
   * alpha to 1e-12 relative; beta (read as -(dx/dt) at x = 1 = alpha - (alpha + beta), which
   * cancels where alpha >> beta) to 1e-12 of alpha + beta, the scale of the gate's derivative.
   */
  function expectSame(v: number): void {
    const r = hhRates(v);
    const ref = [r.alphaM, r.betaM, r.alphaH, r.betaH, r.alphaN, r.betaN];
    const got = kernelRates(v);
    for (let k = 0; k < 6; k += 2) {
      expect(Math.abs(got[k] / ref[k] - 1)).toBeLessThan(1e-12);
      expect(Math.abs(got[k + 1] - ref[k + 1])).toBeLessThan(1e-12 * (ref[k] + ref[k + 1]));
    }
  }

  it('equals the expm1 reference forms to 1e-12 relative over the physiological range', () => {
    fc.assert(
      fc.property(fc.double({ min: -150, max: 100, noNaN: true }), (v) => {
        expectSame(v);
      }),
      { numRuns: 500 },
    );
  });

  it('equals them at and next to the singularities', () => {
    for (const base of [-55, -40]) {
      for (const d of [0, 1e-12, -1e-12, 1e-6, -1e-6, 0.0999, -0.0999, 0.1001, -0.1001, 0.5]) {
        expectSame(base + d);
      }
    }
  });

  it('computes dV/dt = (J - I_ion) / C with the bias added', () => {
    const p = createHhPopulation(1, { C: 2, bias: 3, V0: -50 });
    const out = new Float64Array(4);
    hhRightHandSide(p, 0, 5, out);
    const m = p.m[0];
    const h = p.h[0];
    const n = p.n[0];
    const iIon = 0.3 * (-50 + 54.387) + 120 * m ** 3 * h * (-50 - 50) + 36 * n ** 4 * (-50 + 77);
    expect(out[0]).toBeCloseTo((8 - iIon) / 2, 12);
  });
});
