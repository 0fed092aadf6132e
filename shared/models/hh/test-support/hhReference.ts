/**
 * Reference solution for the HH tests: classic RK4 at a fixed step (default 1 us = 0.001 ms) on
 * the expm1 rate forms of hhRates.ts, default params, from V0 = -65 mV with the gates at steady
 * state. The input is constant over each RK4 step (`currentAt(tMs)` at the step start), so put
 * switch times on the step grid. Spikes are the upward crossings of `thresholdMv`, located by
 * bisection on the cubic Hermite interpolant of V over the crossing step (its error, about
 * h^4 max|V''''| / 384, is far below a nanosecond at this step). Times in ms.
 */
import { hhRates, hhSteadyState } from '../hhRates';
import type { HhRates } from '../hhRates';

export interface HhReferenceOptions {
  /** RK4 step, ms (default 0.001). */
  stepMs?: number;
  /** Spike threshold, mV (default 0). */
  thresholdMv?: number;
  /** Input current density at time t (ms), uA/cm^2; overrides the constant J. */
  currentAt?: (tMs: number) => number;
}

export interface HhReferenceRun {
  /** Spike times, ms. */
  spikesMs: number[];
  /** V at the end, mV. */
  finalV: number;
  /** Largest |V - (-64.996 mV rest)| over the run, mV. */
  maxRestDeviation: number;
  /** Values of V at its local maxima above -20 mV (spike peaks), mV. */
  peaksMv: number[];
}

const G_NA = 120;
const G_K = 36;
const G_L = 0.3;
const E_NA = 50;
const E_K = -77;
const E_L = -54.387;
/** The true rest of the default params (docs/format.md#nodes). */
export const HH_REST_MV = -64.99638;

const rates: HhRates = hhRates(0);
const out = new Float64Array(4);

function rhs(V: number, m: number, h: number, n: number, J: number): void {
  const r = hhRates(V, rates);
  out[0] =
    J - G_L * (V - E_L) - G_NA * m * m * m * h * (V - E_NA) - G_K * n * n * n * n * (V - E_K);
  out[1] = r.alphaM * (1 - m) - r.betaM * m;
  out[2] = r.alphaH * (1 - h) - r.betaH * h;
  out[3] = r.alphaN * (1 - n) - r.betaN * n;
}

/** RK4 over [0, durationMs] with constant current J (uA/cm^2) unless `currentAt` is given. */
export function runHhReference(
  J: number,
  durationMs: number,
  options: HhReferenceOptions = {},
): HhReferenceRun {
  const dt = options.stepMs ?? 0.001;
  const thr = options.thresholdMv ?? 0;
  const currentAt = options.currentAt;
  const s = hhSteadyState(-65);
  let V = -65;
  let m = s.mInf;
  let h = s.hInf;
  let n = s.nInf;
  const steps = Math.round(durationMs / dt);
  const spikesMs: number[] = [];
  const peaksMv: number[] = [];
  let maxRestDeviation = Math.abs(V - HH_REST_MV);
  let rising = false;
  for (let k = 0; k < steps; k++) {
    const Jk = currentAt ? currentAt(k * dt) : J;
    rhs(V, m, h, n, Jk);
    const k1V = out[0],
      k1m = out[1],
      k1h = out[2],
      k1n = out[3];
    rhs(V + 0.5 * dt * k1V, m + 0.5 * dt * k1m, h + 0.5 * dt * k1h, n + 0.5 * dt * k1n, Jk);
    const k2V = out[0],
      k2m = out[1],
      k2h = out[2],
      k2n = out[3];
    rhs(V + 0.5 * dt * k2V, m + 0.5 * dt * k2m, h + 0.5 * dt * k2h, n + 0.5 * dt * k2n, Jk);
    const k3V = out[0],
      k3m = out[1],
      k3h = out[2],
      k3n = out[3];
    rhs(V + dt * k3V, m + dt * k3m, h + dt * k3h, n + dt * k3n, Jk);
    const k4V = out[0],
      k4m = out[1],
      k4h = out[2],
      k4n = out[3];
    const V1 = V + (dt / 6) * (k1V + 2 * k2V + 2 * k3V + k4V);
    const m1 = m + (dt / 6) * (k1m + 2 * k2m + 2 * k3m + k4m);
    const h1 = h + (dt / 6) * (k1h + 2 * k2h + 2 * k3h + k4h);
    const n1 = n + (dt / 6) * (k1n + 2 * k2n + 2 * k3n + k4n);
    if (V < thr && V1 >= thr) {
      rhs(V1, m1, h1, n1, Jk);
      const dV0 = k1V;
      const dV1 = out[0];
      let lo = 0;
      let hi = 1;
      for (let it = 0; it < 60; it++) {
        const x = 0.5 * (lo + hi);
        const x2 = x * x;
        const x3 = x2 * x;
        const v =
          (2 * x3 - 3 * x2 + 1) * V +
          (x3 - 2 * x2 + x) * dt * dV0 +
          (-2 * x3 + 3 * x2) * V1 +
          (x3 - x2) * dt * dV1;
        if (v < thr) lo = x;
        else hi = x;
      }
      spikesMs.push((k + hi) * dt);
    }
    if (V1 > V) rising = true;
    else if (rising) {
      rising = false;
      if (V > -20) peaksMv.push(V);
    }
    V = V1;
    m = m1;
    h = h1;
    n = n1;
    const dev = Math.abs(V - HH_REST_MV);
    if (dev > maxRestDeviation) maxRestDeviation = dev;
  }
  return { spikesMs, finalV: V, maxRestDeviation, peaksMv };
}
