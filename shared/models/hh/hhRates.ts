/**
 * Hodgkin-Huxley rate functions (docs/format.md#nodes: `model: "hh"`, course notes 1.1.4), modern convention:
 * V in mV, rates in 1/ms.
 *
 *   alpha_n = 0.01 (V + 55) / (1 - e^{-(V + 55)/10})     beta_n = 0.125 e^{-(V + 65)/80}
 *   alpha_m = 0.1  (V + 40) / (1 - e^{-(V + 40)/10})     beta_m = 4 e^{-(V + 65)/18}
 *   alpha_h = 0.07 e^{-(V + 65)/20}                      beta_h = 1 / (1 + e^{-(V + 35)/10})
 *
 *   x_inf = alpha_x / (alpha_x + beta_x),   tau_x = 1 / (alpha_x + beta_x)   (ms)
 *
 * alpha_n and alpha_m have removable singularities at -55 and -40 mV (limits 0.1 and 1/ms). Both
 * are k u / (1 - e^{-u}) with u = (V - V_half)/10, evaluated here as -k u / expm1(-u), which is
 * accurate to a few ulp for every u (u / -expm1(-u) -> 1 as u -> 0).
 *
 * These are the reference forms, for the UI's gating figure and for tests. The integrator in
 * `advanceHh.ts` evaluates the same functions with one `exp` per call (see its header) and is
 * tested against these to 1e-12 relative.
 */

/** The six rate functions at one voltage, 1/ms. */
export interface HhRates {
  alphaM: number;
  betaM: number;
  alphaH: number;
  betaH: number;
  alphaN: number;
  betaN: number;
}

/** Steady states (dimensionless) and time constants (ms) of the three gates at one voltage. */
export interface HhSteadyState {
  mInf: number;
  hInf: number;
  nInf: number;
  tauM: number;
  tauH: number;
  tauN: number;
}

/** u / (1 - e^{-u}), continuous at u = 0 (value 1). */
function relativeRate(u: number): number {
  return u === 0 ? 1 : -u / Math.expm1(-u);
}

/**
 * The HH rate functions at `vMillivolts`, in 1/ms. Writes into `out` when given (no allocation),
 * else returns a new object.
 */
export function hhRates(vMillivolts: number, out?: HhRates): HhRates {
  const r = out ?? { alphaM: 0, betaM: 0, alphaH: 0, betaH: 0, alphaN: 0, betaN: 0 };
  const v = vMillivolts;
  r.alphaN = 0.1 * relativeRate((v + 55) / 10);
  r.betaN = 0.125 * Math.exp(-(v + 65) / 80);
  r.alphaM = relativeRate((v + 40) / 10);
  r.betaM = 4 * Math.exp(-(v + 65) / 18);
  r.alphaH = 0.07 * Math.exp(-(v + 65) / 20);
  r.betaH = 1 / (1 + Math.exp(-(v + 35) / 10));
  return r;
}

const scratchRates: HhRates = { alphaM: 0, betaM: 0, alphaH: 0, betaH: 0, alphaN: 0, betaN: 0 };

/**
 * Steady states x_inf(V) and time constants tau_x(V) (ms) of m, h and n at `vMillivolts`
 * (m_inf(-40 mV) = 0.50). Writes into `out` when given (no allocation), else returns a new object.
 */
export function hhSteadyState(vMillivolts: number, out?: HhSteadyState): HhSteadyState {
  const s = out ?? { mInf: 0, hInf: 0, nInf: 0, tauM: 0, tauH: 0, tauN: 0 };
  const r = hhRates(vMillivolts, scratchRates);
  const sumM = r.alphaM + r.betaM;
  const sumH = r.alphaH + r.betaH;
  const sumN = r.alphaN + r.betaN;
  s.mInf = r.alphaM / sumM;
  s.hInf = r.alphaH / sumH;
  s.nInf = r.alphaN / sumN;
  s.tauM = 1 / sumM;
  s.tauH = 1 / sumH;
  s.tauN = 1 / sumN;
  return s;
}
