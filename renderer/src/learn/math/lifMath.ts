/**
 * Data of the LIF view (notes 1.2.2, docs/format.md#nodes): the charging curve under a constant input v_in with
 * its threshold crossings, refractory holds and resets, and the rate curve G(v_in).
 *
 *   v(t) = v_in + (vReset - v_in) e^{-t/tau_m}            (= v_in (1 - e^{-t/tau_m}) for vReset = 0)
 *   t*   = tau_m ln((v_in - vReset) / (v_in - vTh))        (v_in > vTh)
 *   G    = 1 / (tau_ref + t*)
 */
import { LIF_DEFAULTS as LIF_PARAM_DEFAULTS } from '../../../../shared/models/lif/params';
import { lifCharging, lifRate, type LifRateParams } from '../../../../shared/models/lifRate';

export type LifParams = LifRateParams;

/** The LIF view's defaults: the model's own (shared/models/lif/params.ts). */
export const LIF_DEFAULTS: LifParams = {
  tauM: LIF_PARAM_DEFAULTS.tauM,
  tauRef: LIF_PARAM_DEFAULTS.tauRef,
  vTh: LIF_PARAM_DEFAULTS.vTh,
  vReset: LIF_PARAM_DEFAULTS.vReset,
};

/** Time from vReset to the threshold under v_in (s), Infinity when v_in <= vTh. */
export function crossingTime(vIn: number, p: LifParams): number {
  if (!(vIn > p.vTh)) return Infinity;
  return p.tauM * Math.log((vIn - p.vReset) / (vIn - p.vTh));
}

export interface ChargingTrace {
  /** Seconds. */
  t: number[];
  v: number[];
  /** Spike instants (threshold crossings), seconds. */
  spikes: number[];
  /** Refractory intervals [start, end], seconds. */
  refractory: Array<[number, number]>;
}

/**
 * v(t) from vReset under a constant v_in over [0, durationSeconds], with `samples` points per t*
 * (at least), the spike instants and the refractory holds; the reset is a vertical drop at t*.
 */
export function chargingTrace(vIn: number, p: LifParams, durationSeconds: number): ChargingTrace {
  const out: ChargingTrace = { t: [], v: [], spikes: [], refractory: [] };
  const tStar = crossingTime(vIn, p);
  const dt = durationSeconds / 600;
  let start = 0;
  for (;;) {
    const end = Math.min(start + tStar, durationSeconds);
    for (let t = start; t < end; t += dt) {
      out.t.push(t);
      out.v.push(lifCharging(t - start, vIn, p.vReset, p.tauM));
    }
    if (end >= durationSeconds) {
      out.t.push(durationSeconds);
      out.v.push(lifCharging(durationSeconds - start, vIn, p.vReset, p.tauM));
      return out;
    }
    // The crossing: v reaches vTh exactly, drops to vReset and is held for tauRef.
    out.t.push(end, end);
    out.v.push(p.vTh, p.vReset);
    out.spikes.push(end);
    const refEnd = Math.min(end + p.tauRef, durationSeconds);
    out.refractory.push([end, refEnd]);
    out.t.push(refEnd);
    out.v.push(p.vReset);
    if (refEnd >= durationSeconds) return out;
    start = refEnd;
  }
}

/**
 * G on the grid v_in = k / 50 for k = 0 .. 50 * maxVIn (so v_in = 2 is exactly on the grid); past
 * v_in = 8, 400 equal steps up to maxVIn.
 */
export function rateCurve(p: LifParams, maxVIn = 5): { vIn: number[]; rate: number[] } {
  const count = Math.min(400, Math.round(50 * maxVIn));
  const vIn: number[] = [];
  const rate: number[] = [];
  for (let k = 0; k <= count; k++) {
    const x = (maxVIn * k) / count;
    vIn.push(x);
    rate.push(lifRate(x, p));
  }
  return { vIn, rate };
}

export { lifRate };
