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
  const stepMs = pop.stepMs;
  const last = pop.size - 1;
  for (let i = 0; i <= last; i++) {
    // The call's times go through CALL (doubles passed to a call are boxed); a sink that advances
    // another population overwrites it, so it is written before each element.
    CALL[0] = tFromSeconds;
    CALL[1] = spanMs;
    // Two elements at once where both take one sub-step of the whole interval at a constant input
    // (most calls at a fine network dt): the pair step (see advancePair).
    if (i < last && stepMs[i] >= spanMs && stepMs[i + 1] >= spanMs) {
      let paired = true;
      if (input === undefined) {
        CALL[2] = current[i];
        CALL[3] = current[i + 1];
      } else if (!input.begin(i)) {
        CALL[2] = input.jAt(0);
        if (!input.begin(i + 1)) CALL[3] = input.jAt(0);
        else paired = false;
      } else paired = false;
      if (paired) {
        const failed = advancePair(pop, i, current, onSpike, input);
        if (failed >= 0) return failed;
        i++;
        continue;
      }
    }
    if (!advanceOne(pop, i, current, onSpike, input)) return i;
  }
  return -1;
}

/** tFromSeconds and spanMs of the running call, then the pair's two constant inputs (uA/cm^2). */
const CALL = new Float64Array(4);

/**
 * Element i over the call's interval (CALL[0], CALL[1]): adaptive sub-steps, spikes to the sink.
 * False when its integration failed (nothing written).
 */
function advanceOne(
  pop: HhPopulation,
  i: number,
  current: Float64Array,
  onSpike: HhSpikeSink,
  input: HhInput | undefined,
): boolean {
  const tFromSeconds = CALL[0];
  const spanMs = CALL[1];
  const { V: Va, m: ma, h: ha, n: na, stepMs, derivative: cache } = pop;
  const tolV = pop.toleranceMv;
  const invTolV = 1 / tolV;
  const invTolG = 100 / tolV;
  let accepted = 0;
  let rejectedTotal = 0;
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
      if (!(step >= MIN_STEP_MS)) return false;
    }
    if (++substeps > MAX_SUBSTEPS_PER_CALL) return false;
  }
  // x - x is 0 for finite x, NaN for NaN and +-Infinity.
  if (V - V + m - m + h - h + n - n !== 0) return false;
  Va[i] = V;
  ma[i] = m;
  ha[i] = h;
  na[i] = n;
  cache[c] = k1V - jc;
  cache[c + 1] = k1m;
  cache[c + 2] = k1h;
  cache[c + 3] = k1n;
  stepMs[i] = step;
  pop.acceptedSteps += accepted;
  pop.rejectedSteps += rejectedTotal;
  return true;
}

/** The pair's params (P's layout, element a then b), states (X's) and stage derivatives. */
const P2 = new Float64Array(14);
const X2 = new Float64Array(8);
/** Stage s (1..7) of element a at K2[8(s-1)..+3], of element b at K2[8(s-1)+4..+7]. */
const K2 = new Float64Array(56);

/**
 * `derivative` of two elements at once, X2/P2 into K2[o..o+7]: the same operations in the same
 * order for each (the same bits), written side by side so the processor overlaps the two chains
 * of dependent operations (exp, powers, the division) that one element leaves it waiting on.
 */
function derivative2(o: number): void {
  const V = X2[0];
  const m = X2[1];
  const h = X2[2];
  const n = X2[3];
  const bV = X2[4];
  const bm = X2[5];
  const bh = X2[6];
  const bn = X2[7];
  const z = Math.exp((V + 65) * (-1 / 720));
  const bz = Math.exp((bV + 65) * (-1 / 720));
  const z2 = z * z;
  const bz2 = bz * bz;
  const z4 = z2 * z2;
  const bz4 = bz2 * bz2;
  const z9 = z4 * z4 * z;
  const bz9 = bz4 * bz4 * bz;
  const z18 = z9 * z9;
  const bz18 = bz9 * bz9;
  const z36 = z18 * z18;
  const bz36 = bz18 * bz18;
  const e10 = z36 * z36;
  const be10 = bz36 * bz36;
  const uN = (V + 55) * 0.1;
  const buN = (bV + 55) * 0.1;
  const uM = (V + 40) * 0.1;
  const buM = (bV + 40) * 0.1;
  const dN = 1 - e10 * E_PLUS_1;
  const bdN = 1 - be10 * E_PLUS_1;
  const dM = 1 - e10 * E_PLUS_2_5;
  const bdM = 1 - be10 * E_PLUS_2_5;
  const dH = 1 + e10 * E_PLUS_3;
  const bdH = 1 + be10 * E_PLUS_3;
  const dNM = dN * dM;
  const bdNM = bdN * bdM;
  const r = 1 / (dNM * dH);
  const br = 1 / (bdNM * bdH);
  const rNM = dH * r;
  const brNM = bdH * br;
  let betaH = dNM * r;
  let bbetaH = bdNM * br;
  let alphaN = 0.1 * uN * dM * rNM;
  let balphaN = 0.1 * buN * bdM * brNM;
  let alphaM = uM * dN * rNM;
  let balphaM = buM * bdN * brNM;
  if (!(e10 < 1e30 && (uN >= 0.01 || uN <= -0.01) && (uM >= 0.01 || uM <= -0.01))) {
    rareQuotients(uN, uM, dN, dM, dH);
    alphaN = Q[0];
    alphaM = Q[1];
    betaH = Q[2];
  }
  if (!(be10 < 1e30 && (buN >= 0.01 || buN <= -0.01) && (buM >= 0.01 || buM <= -0.01))) {
    rareQuotients(buN, buM, bdN, bdM, bdH);
    balphaN = Q[0];
    balphaM = Q[1];
    bbetaH = Q[2];
  }
  const betaN = 0.125 * z9;
  const bbetaN = 0.125 * bz9;
  const betaM = 4 * z36 * z4;
  const bbetaM = 4 * bz36 * bz4;
  const alphaH = 0.07 * z36;
  const balphaH = 0.07 * bz36;
  const n2 = n * n;
  const bn2 = bn * bn;
  K2[o] =
    P2[0] -
    P2[1] * m * m * m * h * (V - P2[4]) -
    P2[2] * n2 * n2 * (V - P2[5]) -
    P2[3] * (V - P2[6]);
  K2[o + 4] =
    P2[7] -
    P2[8] * bm * bm * bm * bh * (bV - P2[11]) -
    P2[9] * bn2 * bn2 * (bV - P2[12]) -
    P2[10] * (bV - P2[13]);
  K2[o + 1] = alphaM - (alphaM + betaM) * m;
  K2[o + 5] = balphaM - (balphaM + bbetaM) * bm;
  K2[o + 2] = alphaH - (alphaH + betaH) * h;
  K2[o + 6] = balphaH - (balphaH + bbetaH) * bh;
  K2[o + 3] = alphaN - (alphaN + betaN) * n;
  K2[o + 7] = balphaN - (balphaN + bbetaN) * bn;
}

/**
 * Elements i and i + 1, each with a carried step of at least the interval (CALL[1]) and a constant
 * input (CALL[2], CALL[3]): both take the sub-step that `advanceOne` would try first (the whole
 * interval), side by side (`derivative2`). An element whose step is accepted is finished exactly
 * as `advanceOne` finishes it (the same operations: the same bits); one whose step is rejected is
 * handed to `advanceOne`, which tries the same step again and goes on. Spikes reach the sink in
 * element order. Returns -1, or the element whose integration failed.
 */
function advancePair(
  pop: HhPopulation,
  i: number,
  current: Float64Array,
  onSpike: HhSpikeSink,
  input: HhInput | undefined,
): number {
  const tFromSeconds = CALL[0];
  const dt = CALL[1];
  const j = i + 1;
  const { V: Va, m: ma, h: ha, n: na, stepMs, derivative: cache } = pop;
  const tolV = pop.toleranceMv;
  const invTolV = 1 / tolV;
  const invTolG = 100 / tolV;
  // loadParams for both
  const invCa = 1 / pop.C[i];
  P2[0] = (pop.bias[i] + CALL[2]) * invCa;
  P2[1] = pop.gNa[i] * invCa;
  P2[2] = pop.gK[i] * invCa;
  P2[3] = pop.gL[i] * invCa;
  P2[4] = pop.ENa[i];
  P2[5] = pop.EK[i];
  P2[6] = pop.EL[i];
  const invCb = 1 / pop.C[j];
  P2[7] = (pop.bias[j] + CALL[3]) * invCb;
  P2[8] = pop.gNa[j] * invCb;
  P2[9] = pop.gK[j] * invCb;
  P2[10] = pop.gL[j] * invCb;
  P2[11] = pop.ENa[j];
  P2[12] = pop.EK[j];
  P2[13] = pop.EL[j];
  const jca = P2[0];
  const jcb = P2[7];
  const aV = Va[i];
  const am = ma[i];
  const ah = ha[i];
  const an = na[i];
  const bV = Va[j];
  const bm = ma[j];
  const bh = ha[j];
  const bn = na[j];
  const ca = 4 * i;
  const cb = 4 * j;
  const a1V = cache[ca] + jca;
  const a1m = cache[ca + 1];
  const a1h = cache[ca + 2];
  const a1n = cache[ca + 3];
  const b1V = cache[cb] + jcb;
  const b1m = cache[cb + 1];
  const b1h = cache[cb + 2];
  const b1n = cache[cb + 3];
  // Stage 2.
  X2[0] = aV + dt * A21 * a1V;
  X2[1] = am + dt * A21 * a1m;
  X2[2] = ah + dt * A21 * a1h;
  X2[3] = an + dt * A21 * a1n;
  X2[4] = bV + dt * A21 * b1V;
  X2[5] = bm + dt * A21 * b1m;
  X2[6] = bh + dt * A21 * b1h;
  X2[7] = bn + dt * A21 * b1n;
  derivative2(8);
  const a2V = K2[8],
    a2m = K2[9],
    a2h = K2[10],
    a2n = K2[11];
  const b2V = K2[12],
    b2m = K2[13],
    b2h = K2[14],
    b2n = K2[15];
  // Stage 3.
  X2[0] = aV + dt * (A31 * a1V + A32 * a2V);
  X2[1] = am + dt * (A31 * a1m + A32 * a2m);
  X2[2] = ah + dt * (A31 * a1h + A32 * a2h);
  X2[3] = an + dt * (A31 * a1n + A32 * a2n);
  X2[4] = bV + dt * (A31 * b1V + A32 * b2V);
  X2[5] = bm + dt * (A31 * b1m + A32 * b2m);
  X2[6] = bh + dt * (A31 * b1h + A32 * b2h);
  X2[7] = bn + dt * (A31 * b1n + A32 * b2n);
  derivative2(16);
  const a3V = K2[16],
    a3m = K2[17],
    a3h = K2[18],
    a3n = K2[19];
  const b3V = K2[20],
    b3m = K2[21],
    b3h = K2[22],
    b3n = K2[23];
  // Stage 4.
  X2[0] = aV + dt * (A41 * a1V + A42 * a2V + A43 * a3V);
  X2[1] = am + dt * (A41 * a1m + A42 * a2m + A43 * a3m);
  X2[2] = ah + dt * (A41 * a1h + A42 * a2h + A43 * a3h);
  X2[3] = an + dt * (A41 * a1n + A42 * a2n + A43 * a3n);
  X2[4] = bV + dt * (A41 * b1V + A42 * b2V + A43 * b3V);
  X2[5] = bm + dt * (A41 * b1m + A42 * b2m + A43 * b3m);
  X2[6] = bh + dt * (A41 * b1h + A42 * b2h + A43 * b3h);
  X2[7] = bn + dt * (A41 * b1n + A42 * b2n + A43 * b3n);
  derivative2(24);
  const a4V = K2[24],
    a4m = K2[25],
    a4h = K2[26],
    a4n = K2[27];
  const b4V = K2[28],
    b4m = K2[29],
    b4h = K2[30],
    b4n = K2[31];
  // Stage 5.
  X2[0] = aV + dt * (A51 * a1V + A52 * a2V + A53 * a3V + A54 * a4V);
  X2[1] = am + dt * (A51 * a1m + A52 * a2m + A53 * a3m + A54 * a4m);
  X2[2] = ah + dt * (A51 * a1h + A52 * a2h + A53 * a3h + A54 * a4h);
  X2[3] = an + dt * (A51 * a1n + A52 * a2n + A53 * a3n + A54 * a4n);
  X2[4] = bV + dt * (A51 * b1V + A52 * b2V + A53 * b3V + A54 * b4V);
  X2[5] = bm + dt * (A51 * b1m + A52 * b2m + A53 * b3m + A54 * b4m);
  X2[6] = bh + dt * (A51 * b1h + A52 * b2h + A53 * b3h + A54 * b4h);
  X2[7] = bn + dt * (A51 * b1n + A52 * b2n + A53 * b3n + A54 * b4n);
  derivative2(32);
  const a5V = K2[32],
    a5m = K2[33],
    a5h = K2[34],
    a5n = K2[35];
  const b5V = K2[36],
    b5m = K2[37],
    b5h = K2[38],
    b5n = K2[39];
  // Stage 6.
  X2[0] = aV + dt * (A61 * a1V + A62 * a2V + A63 * a3V + A64 * a4V + A65 * a5V);
  X2[1] = am + dt * (A61 * a1m + A62 * a2m + A63 * a3m + A64 * a4m + A65 * a5m);
  X2[2] = ah + dt * (A61 * a1h + A62 * a2h + A63 * a3h + A64 * a4h + A65 * a5h);
  X2[3] = an + dt * (A61 * a1n + A62 * a2n + A63 * a3n + A64 * a4n + A65 * a5n);
  X2[4] = bV + dt * (A61 * b1V + A62 * b2V + A63 * b3V + A64 * b4V + A65 * b5V);
  X2[5] = bm + dt * (A61 * b1m + A62 * b2m + A63 * b3m + A64 * b4m + A65 * b5m);
  X2[6] = bh + dt * (A61 * b1h + A62 * b2h + A63 * b3h + A64 * b4h + A65 * b5h);
  X2[7] = bn + dt * (A61 * b1n + A62 * b2n + A63 * b3n + A64 * b4n + A65 * b5n);
  derivative2(40);
  const a6V = K2[40],
    a6m = K2[41],
    a6h = K2[42],
    a6n = K2[43];
  const b6V = K2[44],
    b6m = K2[45],
    b6h = K2[46],
    b6n = K2[47];
  // The 5th-order solution, and the last stage at it.
  const aV1 = aV + dt * (B1 * a1V + B3 * a3V + B4 * a4V + B5 * a5V + B6 * a6V);
  const am1 = am + dt * (B1 * a1m + B3 * a3m + B4 * a4m + B5 * a5m + B6 * a6m);
  const ah1 = ah + dt * (B1 * a1h + B3 * a3h + B4 * a4h + B5 * a5h + B6 * a6h);
  const an1 = an + dt * (B1 * a1n + B3 * a3n + B4 * a4n + B5 * a5n + B6 * a6n);
  const bV1 = bV + dt * (B1 * b1V + B3 * b3V + B4 * b4V + B5 * b5V + B6 * b6V);
  const bm1 = bm + dt * (B1 * b1m + B3 * b3m + B4 * b4m + B5 * b5m + B6 * b6m);
  const bh1 = bh + dt * (B1 * b1h + B3 * b3h + B4 * b4h + B5 * b5h + B6 * b6h);
  const bn1 = bn + dt * (B1 * b1n + B3 * b3n + B4 * b4n + B5 * b5n + B6 * b6n);
  X2[0] = aV1;
  X2[1] = am1;
  X2[2] = ah1;
  X2[3] = an1;
  X2[4] = bV1;
  X2[5] = bm1;
  X2[6] = bh1;
  X2[7] = bn1;
  derivative2(48);
  const a7V = K2[48],
    a7m = K2[49],
    a7h = K2[50],
    a7n = K2[51];
  const b7V = K2[52],
    b7m = K2[53],
    b7h = K2[54],
    b7n = K2[55];
  const aErrV = dt * (E1 * a1V + E3 * a3V + E4 * a4V + E5 * a5V + E6 * a6V + E7 * a7V);
  const aErrM = dt * (E1 * a1m + E3 * a3m + E4 * a4m + E5 * a5m + E6 * a6m + E7 * a7m);
  const aErrH = dt * (E1 * a1h + E3 * a3h + E4 * a4h + E5 * a5h + E6 * a6h + E7 * a7h);
  const aErrN = dt * (E1 * a1n + E3 * a3n + E4 * a4n + E5 * a5n + E6 * a6n + E7 * a7n);
  const bErrV = dt * (E1 * b1V + E3 * b3V + E4 * b4V + E5 * b5V + E6 * b6V + E7 * b7V);
  const bErrM = dt * (E1 * b1m + E3 * b3m + E4 * b4m + E5 * b5m + E6 * b6m + E7 * b7m);
  const bErrH = dt * (E1 * b1h + E3 * b3h + E4 * b4h + E5 * b5h + E6 * b6h + E7 * b7h);
  const bErrN = dt * (E1 * b1n + E3 * b3n + E4 * b4n + E5 * b5n + E6 * b6n + E7 * b7n);
  let aErr = Math.abs(aErrV) * invTolV;
  const aEM = Math.abs(aErrM) * invTolG;
  const aEH = Math.abs(aErrH) * invTolG;
  const aEN = Math.abs(aErrN) * invTolG;
  if (aEM > aErr) aErr = aEM;
  if (aEH > aErr) aErr = aEH;
  if (aEN > aErr) aErr = aEN;
  let bErr = Math.abs(bErrV) * invTolV;
  const bEM = Math.abs(bErrM) * invTolG;
  const bEH = Math.abs(bErrH) * invTolG;
  const bEN = Math.abs(bErrN) * invTolG;
  if (bEM > bErr) bErr = bEM;
  if (bEH > bErr) bErr = bEH;
  if (bEN > bErr) bErr = bEN;
  // Element a, then b: accepted, it is finished here; rejected, advanceOne takes it from the start.
  const t = 0;
  if (aErr <= 1) {
    const thr = pop.spikeThreshold[i];
    if (
      aV < thr &&
      (aV1 >= thr || (a1V > 0 && a7V < 0 && (aV1 > aV ? aV1 : aV) + 0.5 * dt * (a1V - a7V) >= thr))
    ) {
      const r2 = aV1 - aV;
      const r3 = dt * a1V - r2;
      const r4 = r2 - dt * a7V - r3;
      const r5 = dt * (D1 * a1V + D3 * a3V + D4 * a4V + D5 * a5V + D6 * a6V + D7 * a7V);
      const theta = crossingFraction(aV, r2, r3, r4, r5, thr, aV1 >= thr);
      if (theta >= 0) onSpike(i, tFromSeconds + (t + theta * dt) * 1e-3);
    }
    if (aV1 - aV1 + am1 - am1 + ah1 - ah1 + an1 - an1 !== 0) return i;
    Va[i] = aV1;
    ma[i] = am1;
    ha[i] = ah1;
    na[i] = an1;
    cache[ca] = a7V - jca;
    cache[ca + 1] = a7m;
    cache[ca + 2] = a7h;
    cache[ca + 3] = a7n;
    stepMs[i] = nextStep(aErr, dt, stepMs[i]);
    pop.acceptedSteps++;
  } else if (!advanceOne(pop, i, current, onSpike, input)) return i;
  if (bErr <= 1) {
    const thr = pop.spikeThreshold[j];
    if (
      bV < thr &&
      (bV1 >= thr || (b1V > 0 && b7V < 0 && (bV1 > bV ? bV1 : bV) + 0.5 * dt * (b1V - b7V) >= thr))
    ) {
      const r2 = bV1 - bV;
      const r3 = dt * b1V - r2;
      const r4 = r2 - dt * b7V - r3;
      const r5 = dt * (D1 * b1V + D3 * b3V + D4 * b4V + D5 * b5V + D6 * b6V + D7 * b7V);
      const theta = crossingFraction(bV, r2, r3, r4, r5, thr, bV1 >= thr);
      if (theta >= 0) onSpike(j, tFromSeconds + (t + theta * dt) * 1e-3);
    }
    if (bV1 - bV1 + bm1 - bm1 + bh1 - bh1 + bn1 - bn1 !== 0) return j;
    Va[j] = bV1;
    ma[j] = bm1;
    ha[j] = bh1;
    na[j] = bn1;
    cache[cb] = b7V - jcb;
    cache[cb + 1] = b7m;
    cache[cb + 2] = b7h;
    cache[cb + 3] = b7n;
    stepMs[j] = nextStep(bErr, dt, stepMs[j]);
    pop.acceptedSteps++;
  } else {
    // (a sink that advanced another population may have overwritten CALL)
    CALL[0] = tFromSeconds;
    CALL[1] = dt;
    if (!advanceOne(pop, j, current, onSpike, input)) return j;
  }
  return -1;
}

/**
 * The step carried after an accepted sub-step that was clipped to the interval's end and not
 * preceded by a rejection (advanceOne's rule in that case; inlined, so its doubles are not boxed).
 */
function nextStep(err: number, dt: number, step: number): number {
  let fac = err > 1.889568e-4 ? 0.9 * Math.pow(err, -0.2) : 5;
  if (fac > 5) fac = 5;
  const next = dt * fac;
  let out = next < step && fac >= 1 ? step : next;
  if (out > HH_MAX_STEP_MS) out = HH_MAX_STEP_MS;
  return out;
}
