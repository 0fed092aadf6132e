/**
 * Data of the HH gating view (notes 1.1.4): steady states x_inf(V) and time constants tau_x(V) of
 * the gates m, h, n against V, and the open fractions m^3 h (Na) and n^4 (K) at steady state.
 * The rate functions are the simulator's own (shared/models/hh/hhRates.ts); V in mV, tau in ms.
 */
import { hhSteadyState } from '../../../../shared/models/hh/hhRates';

export interface GatingCurves {
  v: number[];
  mInf: number[];
  hInf: number[];
  nInf: number[];
  tauM: number[];
  tauH: number[];
  tauN: number[];
}

export interface GatingReadout {
  v: number;
  mInf: number;
  hInf: number;
  nInf: number;
  tauM: number;
  tauH: number;
  tauN: number;
  /** Fraction of Na channels open at steady state, m_inf^3 h_inf. */
  naOpen: number;
  /** Fraction of K channels open at steady state, n_inf^4. */
  kOpen: number;
}

/** Curves on a grid of whole and half millivolts from `fromMv` to `toMv` (both included). */
export function gatingCurves(fromMv = -100, toMv = 50, stepsPerMv = 2): GatingCurves {
  const out: GatingCurves = { v: [], mInf: [], hInf: [], nInf: [], tauM: [], tauH: [], tauN: [] };
  const count = Math.round((toMv - fromMv) * stepsPerMv);
  for (let i = 0; i <= count; i++) {
    const v = fromMv + i / stepsPerMv;
    const s = hhSteadyState(v);
    out.v.push(v);
    out.mInf.push(s.mInf);
    out.hInf.push(s.hInf);
    out.nInf.push(s.nInf);
    out.tauM.push(s.tauM);
    out.tauH.push(s.tauH);
    out.tauN.push(s.tauN);
  }
  return out;
}

export function gatingAt(vMillivolts: number): GatingReadout {
  const s = hhSteadyState(vMillivolts);
  return {
    v: vMillivolts,
    ...s,
    naOpen: s.mInf ** 3 * s.hInf,
    kOpen: s.nInf ** 4,
  };
}
