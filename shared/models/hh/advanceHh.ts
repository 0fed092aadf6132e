/**
 * Hodgkin-Huxley neurons advanced over one interval of constant input, with an adaptive
 * Dormand-Prince 5(4) Runge-Kutta pair (docs/format.md#nodes: `model: "hh"`, course notes 1.1.4):
 *
 *   C dV/dt = J - gL (V - EL) - gNa m^3 h (V - ENa) - gK n^4 (V - EK)
 *   dx/dt   = alpha_x(V) (1 - x) - beta_x(V) x          for x in m, h, n   (rates: hhRates.ts)
 *   J       = bias + current                            constant over [tFrom, tTo], or
 *   J(t)    = bias + D + filter outputs                 exact in time (hhInput.ts), when given
 *
 * Discretisation: each element takes its own sub-steps (Dormand & Prince 1980, 7 stages with
 * first-same-as-last, so 6 new derivative evaluations per accepted step). The embedded 4th-order
 * solution gives the local error; a step is accepted when
 *   max(|eV| / tol, |em| / (tol / 100), |eh| / (tol / 100), |en| / (tol / 100)) <= 1
 * (tol in mV, gates scaled by the 100 mV range of V), and the next step is
 * h * clamp(0.9 err^{-1/5}, 0.2, 5). Steps end exactly at tTo; the step size is carried across calls
 * per element, and so is the last stage's derivative: the input enters only dV/dt as J/C, so the
 * cached ionic part stays valid when the engine changes J between calls (FSAL across calls).
 * A spike is the upward crossing of spikeThreshold (V before < threshold <= V after), located
 * inside the accepted sub-step by root-finding on the method's 4th-order continuous extension
 * (Hairer, Norsett & Wanner, "contd5"), also when V rises above the threshold and falls back within
 * one sub-step. Rate functions cost one `exp` per evaluation: with z = e^{-(V + 65)/720},
 * e^{-(V+65)/80} = z^9, /20 = z^36, /18 = z^40, /10 = z^72 (alpha_n, alpha_m and beta_h are
 * all functions of e^{-(V+65)/10}); near the removable singularities a series replaces the
 * quotient (tested against hhRates' expm1 forms to 1e-12 relative).
 *
 * Units: V and thresholds mV, J uA/cm^2, C uF/cm^2, g mS/cm^2; equations in ms, the API in seconds.
 * Accuracy and cost measured against RK4 at 1 us: docs/decisions/0004-hh-integrator.md.
 */
import type { HhInput } from './hhInput';
import type { HhPopulation } from './hhPopulation';

/** Receives each spike: element index and precise time in seconds. */
export type HhSpikeSink = (index: number, timeSeconds: number) => void;

/**
 * Largest sub-step, ms. At rest the fastest mode (m, tau about 0.24 ms) puts the method's stability
 * edge near 0.8 ms; staying well inside it keeps the error estimate honest at a coarse network dt.
 */
export const HH_MAX_STEP_MS = 0.5;
/** Sub-step below which an element is declared failed (the dynamics have blown up), ms. */
const MIN_STEP_MS = 1e-9;
/** Sub-steps per element per call beyond which it is declared failed (a stiff parameter set). */
const MAX_SUBSTEPS_PER_CALL = 100_000;

// Dormand-Prince 5(4) tableau.
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const B1 = 35 / 384;
const B3 = 500 / 1113;
const B4 = 125 / 192;
const B5 = -2187 / 6784;
const B6 = 11 / 84;
// Error weights: 5th-order minus embedded 4th-order weights.
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Stage times as fractions of the sub-step (c2..c6; c7 = 1).
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
// Continuous extension (contd5).
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

const E_PLUS_1 = Math.E;
const E_PLUS_2_5 = Math.exp(2.5);
const E_PLUS_3 = Math.exp(3);

/** Stage derivatives: dV, dm, dh, dn of each of the 7 stages (no allocation per step). */
const K = new Float64Array(28);

/**
 * u / (1 - e^{-u}) given d = 1 - e^{-u}; near u = 0, where the quotient cancels, its series
 * (next term u^6 / 30240, below 1e-16 relative for |u| < 0.01).
 */
function relativeRate(u: number, d: number): number {
  if (u < 0.01 && u > -0.01) {
    const u2 = u * u;
    return 1 + 0.5 * u + u2 / 12 - (u2 * u2) / 720;
  }
  return u / d;
}

/** alpha_n, alpha_m, beta_h from the rare path of `derivative`. */
const Q = new Float64Array(3);

/** alpha_n, alpha_m, beta_h into Q one quotient at a time (kept out of `derivative`: size). */
function rareQuotients(uN: number, uM: number, dN: number, dM: number, dH: number): void {
  Q[0] = 0.1 * relativeRate(uN, dN);
  Q[1] = relativeRate(uM, dM);
  Q[2] = 1 / dH;
}

/** The element's params for `derivative`: J/C, gNa/C, gK/C, gL/C, ENa, EK, EL. */
const P = new Float64Array(7);
/** The state `derivative` evaluates at: V, m, h, n. */
const X = new Float64Array(4);

/**
 * The HH right-hand side at X with params P into K[o..o+3]. One `exp` per call (see the file
 * header). Arguments go through typed arrays: this function is too large for V8 to inline, and
 * doubles passed to a call that is not inlined are boxed (an allocation each).
 */
function derivative(o: number): void {
  const V = X[0];
  const m = X[1];
  const h = X[2];
  const n = X[3];
  const z = Math.exp((V + 65) * (-1 / 720));
  const z2 = z * z;
  const z4 = z2 * z2;
  const z9 = z4 * z4 * z;
  const z18 = z9 * z9;
  const z36 = z18 * z18;
  const e10 = z36 * z36; // e^{-(V+65)/10}
  const uN = (V + 55) * 0.1;
  const uM = (V + 40) * 0.1;
  const dN = 1 - e10 * E_PLUS_1; // 1 - e^{-uN}
  const dM = 1 - e10 * E_PLUS_2_5; // 1 - e^{-uM}
  const dH = 1 + e10 * E_PLUS_3; // 1 + e^{-(V+35)/10}
  // One division for the three quotients; near the singularities (|u| < 0.01) or for absurd
  // voltages the rare path below.
  const dNM = dN * dM;
  const r = 1 / (dNM * dH);
  const rNM = dH * r;
  let betaH = dNM * r;
  let alphaN = 0.1 * uN * dM * rNM;
  let alphaM = uM * dN * rNM;
  if (!(e10 < 1e30 && (uN >= 0.01 || uN <= -0.01) && (uM >= 0.01 || uM <= -0.01))) {
    rareQuotients(uN, uM, dN, dM, dH);
    alphaN = Q[0];
    alphaM = Q[1];
    betaH = Q[2];
  }
  const betaN = 0.125 * z9;
  const betaM = 4 * z36 * z4;
  const alphaH = 0.07 * z36;
  const n2 = n * n;
  K[o] = P[0] - P[1] * m * m * m * h * (V - P[4]) - P[2] * n2 * n2 * (V - P[5]) - P[3] * (V - P[6]);
  K[o + 1] = alphaM - (alphaM + betaM) * m;
  K[o + 2] = alphaH - (alphaH + betaH) * h;
  K[o + 3] = alphaN - (alphaN + betaN) * n;
}

/** V on the accepted sub-step at fraction theta (contd5 coefficients r1..r5). */
function denseV(r1: number, r2: number, r3: number, r4: number, r5: number, th: number): number {
  const th1 = 1 - th;
  return r1 + th * (r2 + th1 * (r3 + th * (r4 + th1 * r5)));
}

/**
 * Fraction theta in (0, 1] of the first upward crossing of `thr` by the continuous extension, or
 * -1 when it stays below. Called only when a crossing is possible on this sub-step.
 */
function crossingFraction(
  r1: number,
  r2: number,
  r3: number,
  r4: number,
  r5: number,
  thr: number,
  endAbove: boolean,
): number {
  let hi = 1;
  if (!endAbove) {
    // V rises and falls back: find the interpolant's maximum (one interior maximum on a sub-step:
    // dV/dt > 0 at the start, < 0 at the end), then bracket [0, argmax] if it is above thr.
    let a = 0;
    let b = 1;
    for (let it = 0; it < 60; it++) {
      const c1 = a + (b - a) * 0.381966;
      const c2 = b - (b - a) * 0.381966;
      if (denseV(r1, r2, r3, r4, r5, c1) < denseV(r1, r2, r3, r4, r5, c2)) a = c1;
      else b = c2;
    }
    hi = 0.5 * (a + b);
    if (denseV(r1, r2, r3, r4, r5, hi) < thr) return -1;
  }
  // Illinois regula falsi on [lo, hi] with f(lo) < 0 <= f(hi).
  let lo = 0;
  let fLo = r1 - thr;
  let fHi = denseV(r1, r2, r3, r4, r5, hi) - thr;
  let side = 0;
  for (let it = 0; it < 100 && hi - lo > 1e-14; it++) {
    let x = (lo * fHi - hi * fLo) / (fHi - fLo);
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const fx = denseV(r1, r2, r3, r4, r5, x) - thr;
    if (fx < 0) {
      lo = x;
      fLo = fx;
      if (side === -1) fHi *= 0.5;
      side = -1;
    } else {
      hi = x;
      fHi = fx;
      if (side === 1) fLo *= 0.5;
      side = 1;
    }
  }
  return hi;
}

/** Params of element i into P, with input current density `current` (uA/cm^2). */
function loadParams(pop: HhPopulation, i: number, current: number): void {
  const invC = 1 / pop.C[i];
  P[0] = (pop.bias[i] + current) * invC;
  P[1] = pop.gNa[i] * invC;
  P[2] = pop.gK[i] * invC;
  P[3] = pop.gL[i] * invC;
  P[4] = pop.ENa[i];
  P[5] = pop.EK[i];
  P[6] = pop.EL[i];
}

/** Compute each element's cached derivative (input part excluded) at its current state. */
function refreshDerivatives(pop: HhPopulation): void {
  const { V, m, h, n, derivative: cache } = pop;
  for (let i = 0; i < pop.size; i++) {
    loadParams(pop, i, 0);
    P[0] = 0; // the cache holds the derivative without the input term J/C
    X[0] = V[i];
    X[1] = m[i];
    X[2] = h[i];
    X[3] = n[i];
    derivative(0);
    cache[4 * i] = K[0];
    cache[4 * i + 1] = K[1];
    cache[4 * i + 2] = K[2];
    cache[4 * i + 3] = K[3];
  }
  pop.derivativeFresh = true;
}

/**
 * The right-hand side of the HH equations for element `i` at its current state with input current
 * density `current` (bias added), by the kernel's own rate evaluation: out[0..3] = dV/dt (mV/ms),
 * dm/dt, dh/dt, dn/dt (1/ms). For tests and tools; the kernel does not call it.
 */
export function hhRightHandSide(
  pop: HhPopulation,
  i: number,
  current: number,
  out: Float64Array,
): void {
  loadParams(pop, i, current);
  X[0] = pop.V[i];
  X[1] = pop.m[i];
  X[2] = pop.h[i];
  X[3] = pop.n[i];
  derivative(0);
  out[0] = K[0];
  out[1] = K[1];
  out[2] = K[2];
  out[3] = K[3];
}

/**
 * Advance every element of `pop` from `tFromSeconds` to `tToSeconds` with input current density
 * `current[i]` (uA/cm^2, constant over the interval; `bias` is added here, so pass only the
 * synaptic/input part s_i of docs/format.md#input-j). Each upward crossing of spikeThreshold is passed to `onSpike`
 * with its interpolated time in seconds, element by element (ascending index), each element's
 * spikes in time order. No allocation. The sink may itself call advanceHh on another population
 * (the kernel restores its scratch state after each spike).
 *
 * With `input`, an element whose input varies over the interval (synaptic currents decaying, spikes
 * arriving) gets the exact J(t) at every Runge-Kutta stage, and its sub-steps end at each of its
 * events; an element whose input is constant (input.begin false) takes that constant from `input`
 * too, and `current` is not read.
 *
 * Returns -1, or the index of the first element whose integration failed (a non-finite state, the
 * step size collapsing, or more than 100,000 sub-steps in this call: absurd params); the elements
 * after it are not advanced and the engine should stop the run with an error naming the node.
 */
export function advanceHh(
  pop: HhPopulation,
  tFromSeconds: number,
  tToSeconds: number,
  current: Float64Array,
  onSpike: HhSpikeSink,
  input?: HhInput,
): number {
  const spanMs = (tToSeconds - tFromSeconds) * 1000;
  if (!(spanMs > 0)) return -1;
  if (!pop.derivativeFresh) refreshDerivatives(pop);
  const { V: Va, m: ma, h: ha, n: na, stepMs, derivative: cache } = pop;
  const tolV = pop.toleranceMv;
  let accepted = 0;
  let rejectedTotal = 0;
  const invTolV = 1 / tolV;
  const invTolG = 100 / tolV;
  for (let i = 0; i < pop.size; i++) {
    // with `input`, J comes from it (constant when begin says so: D plus drives at steady state)
    const varying = input !== undefined && input.begin(i);
    loadParams(pop, i, input !== undefined ? input.jAt(0) : current[i]);
    const thr = pop.spikeThreshold[i];
    // J/C: constant, or (varying) at the current stage: (bias + J(t)) / C
    let jc = P[0];
    const biasI = pop.bias[i];
    const invC = 1 / pop.C[i];
    let segEnd = varying ? Math.min(spanMs, input.nextEventMs()) : spanMs;
    let V = Va[i];
    let m = ma[i];
    let h = ha[i];
    let n = na[i];
    const c = 4 * i;
    let k1V = cache[c] + jc;
    let k1m = cache[c + 1];
    let k1h = cache[c + 2];
    let k1n = cache[c + 3];
    let step = stepMs[i];
    let t = 0;
    let rejected = false;
    let substeps = 0;
    while (t < spanMs) {
      if (varying && t >= segEnd) {
        // An event of this element at t: J changes there (a jump for an order-0 synapse)
        input.applyEventsAt(t);
        const jNew = (biasI + input.jAt(t)) * invC;
        k1V += jNew - jc;
        jc = jNew;
        P[0] = jNew;
        segEnd = Math.min(spanMs, input.nextEventMs());
        continue;
      }
      const left = segEnd - t;
      const clipped = step >= left;
      const dt = clipped ? left : step;
      // Stages 2..7.
      if (varying) P[0] = (biasI + input.jAt(t + C2 * dt)) * invC;
      X[0] = V + dt * A21 * k1V;
      X[1] = m + dt * A21 * k1m;
      X[2] = h + dt * A21 * k1h;
      X[3] = n + dt * A21 * k1n;
      derivative(4);
      const k2V = K[4],
        k2m = K[5],
        k2h = K[6],
        k2n = K[7];
      if (varying) P[0] = (biasI + input.jAt(t + C3 * dt)) * invC;
      X[0] = V + dt * (A31 * k1V + A32 * k2V);
      X[1] = m + dt * (A31 * k1m + A32 * k2m);
      X[2] = h + dt * (A31 * k1h + A32 * k2h);
      X[3] = n + dt * (A31 * k1n + A32 * k2n);
      derivative(8);
      const k3V = K[8],
        k3m = K[9],
        k3h = K[10],
        k3n = K[11];
      if (varying) P[0] = (biasI + input.jAt(t + C4 * dt)) * invC;
      X[0] = V + dt * (A41 * k1V + A42 * k2V + A43 * k3V);
      X[1] = m + dt * (A41 * k1m + A42 * k2m + A43 * k3m);
      X[2] = h + dt * (A41 * k1h + A42 * k2h + A43 * k3h);
      X[3] = n + dt * (A41 * k1n + A42 * k2n + A43 * k3n);
      derivative(12);
      const k4V = K[12],
        k4m = K[13],
        k4h = K[14],
        k4n = K[15];
      if (varying) P[0] = (biasI + input.jAt(t + C5 * dt)) * invC;
      X[0] = V + dt * (A51 * k1V + A52 * k2V + A53 * k3V + A54 * k4V);
      X[1] = m + dt * (A51 * k1m + A52 * k2m + A53 * k3m + A54 * k4m);
      X[2] = h + dt * (A51 * k1h + A52 * k2h + A53 * k3h + A54 * k4h);
      X[3] = n + dt * (A51 * k1n + A52 * k2n + A53 * k3n + A54 * k4n);
      derivative(16);
      const k5V = K[16],
        k5m = K[17],
        k5h = K[18],
        k5n = K[19];
      // stages 6 and 7 are both at t + dt
      const jEnd = varying ? (biasI + input.jAt(clipped ? segEnd : t + dt)) * invC : jc;
      P[0] = jEnd;
      X[0] = V + dt * (A61 * k1V + A62 * k2V + A63 * k3V + A64 * k4V + A65 * k5V);
      X[1] = m + dt * (A61 * k1m + A62 * k2m + A63 * k3m + A64 * k4m + A65 * k5m);
      X[2] = h + dt * (A61 * k1h + A62 * k2h + A63 * k3h + A64 * k4h + A65 * k5h);
      X[3] = n + dt * (A61 * k1n + A62 * k2n + A63 * k3n + A64 * k4n + A65 * k5n);
      derivative(20);
      const k6V = K[20],
        k6m = K[21],
        k6h = K[22],
        k6n = K[23];
      const V1 = V + dt * (B1 * k1V + B3 * k3V + B4 * k4V + B5 * k5V + B6 * k6V);
      const m1 = m + dt * (B1 * k1m + B3 * k3m + B4 * k4m + B5 * k5m + B6 * k6m);
      const h1 = h + dt * (B1 * k1h + B3 * k3h + B4 * k4h + B5 * k5h + B6 * k6h);
      const n1 = n + dt * (B1 * k1n + B3 * k3n + B4 * k4n + B5 * k5n + B6 * k6n);
      X[0] = V1;
      X[1] = m1;
      X[2] = h1;
      X[3] = n1;
      derivative(24);
      const k7V = K[24],
        k7m = K[25],
        k7h = K[26],
        k7n = K[27];
      const errV = dt * (E1 * k1V + E3 * k3V + E4 * k4V + E5 * k5V + E6 * k6V + E7 * k7V);
      const errM = dt * (E1 * k1m + E3 * k3m + E4 * k4m + E5 * k5m + E6 * k6m + E7 * k7m);
      const errH = dt * (E1 * k1h + E3 * k3h + E4 * k4h + E5 * k5h + E6 * k6h + E7 * k7h);
      const errN = dt * (E1 * k1n + E3 * k3n + E4 * k4n + E5 * k5n + E6 * k6n + E7 * k7n);
      let err = Math.abs(errV) * invTolV;
      const eM = Math.abs(errM) * invTolG;
      const eH = Math.abs(errH) * invTolG;
      const eN = Math.abs(errN) * invTolG;
      if (eM > err) err = eM;
      if (eH > err) err = eH;
      if (eN > err) err = eN;
      if (err <= 1) {
        // Accepted. Spike: V crosses thr upwards, or rises above it and falls back.
        if (
          V < thr &&
          (V1 >= thr || (k1V > 0 && k7V < 0 && (V1 > V ? V1 : V) + 0.5 * dt * (k1V - k7V) >= thr))
        ) {
          const r2 = V1 - V;
          const r3 = dt * k1V - r2;
          const r4 = r2 - dt * k7V - r3;
          const r5 = dt * (D1 * k1V + D3 * k3V + D4 * k4V + D5 * k5V + D6 * k6V + D7 * k7V);
          const theta = crossingFraction(V, r2, r3, r4, r5, thr, V1 >= thr);
          if (theta >= 0) {
            onSpike(i, tFromSeconds + (t + theta * dt) * 1e-3);
            // The sink may advance another population (re-entrant): restore the scratch params.
            loadParams(pop, i, 0);
            P[0] = jEnd;
          }
        }
        t = clipped ? segEnd : t + dt;
        jc = jEnd;
        V = V1;
        m = m1;
        h = h1;
        n = n1;
        k1V = k7V;
        k1m = k7m;
        k1h = k7h;
        k1n = k7n;
        // 0.9 err^{-1/5} >= 5 below err = 0.18^5: skip the pow (most steps at a fine network dt).
        let fac = err > 1.889568e-4 ? 0.9 * Math.pow(err, -0.2) : 5;
        if (fac > 5) fac = 5;
        if (rejected && fac > 1) fac = 1;
        rejected = false;
        accepted++;
        // A step shortened to reach tTo says nothing against the carried, longer one.
        const next = dt * fac;
        step = clipped && next < step && fac >= 1 ? step : next;
        if (step > HH_MAX_STEP_MS) step = HH_MAX_STEP_MS;
      } else {
        P[0] = jc;
        let fac = err < 1e10 ? 0.9 * Math.pow(err, -0.2) : 0.2;
        if (fac < 0.2) fac = 0.2;
        step = dt * fac;
        rejected = true;
        rejectedTotal++;
        if (!(step >= MIN_STEP_MS)) return i;
      }
      if (++substeps > MAX_SUBSTEPS_PER_CALL) return i;
    }
    // x - x is 0 for finite x, NaN for NaN and +-Infinity.
    if (V - V + m - m + h - h + n - n !== 0) return i;
    Va[i] = V;
    ma[i] = m;
    ha[i] = h;
    na[i] = n;
    cache[c] = k1V - jc;
    cache[c + 1] = k1m;
    cache[c + 2] = k1h;
    cache[c + 3] = k1n;
    stepMs[i] = step;
  }
  pop.acceptedSteps += accepted;
  pop.rejectedSteps += rejectedTotal;
  return -1;
}
