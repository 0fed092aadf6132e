/**
 * The LIF firing rate for a constant input (notes 1.2.2, docs/format.md#nodes):
 *   G(v_in) = 1 / (tauRef + tauM ln((v_in - vReset) / (v_in - vTh)))  for v_in > vTh, else 0  (Hz).
 */
export interface LifRateParams {
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
}

export function lifRate(vIn: number, p: LifRateParams): number {
  if (!(vIn > p.vTh)) return 0;
  return 1 / (p.tauRef + p.tauM * Math.log((vIn - p.vReset) / (vIn - p.vTh)));
}

/** v(t) of a LIF charging from v0 under constant input v_in: v_in + (v0 - v_in) e^{-t/tauM}. */
export function lifCharging(t: number, vIn: number, v0: number, tauM: number): number {
  return vIn + (v0 - vIn) * Math.exp(-t / tauM);
}
