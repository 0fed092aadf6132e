/**
 * Data of the "HH under input current" view (notes 1.1.5, Figures 1.1 and 1.2): V(t) of one HH
 * neuron for a few constant input currents switched on at 10 ms, and the Na, K and leak currents
 * through one spike. Integrated by the simulator's own HH kernel (shared/models/hh/advanceHh.ts).
 *
 *   C dV/dt = J - I_Na - I_K - I_L,   I_Na = gNa m^3 h (V - ENa),  I_K = gK n^4 (V - EK),
 *   I_L = gL (V - EL)     (membrane currents, outward positive; uA/cm^2, V in mV, t in ms)
 */
import { advanceHh } from '../../../../shared/models/hh/advanceHh';
import { createHhPopulation } from '../../../../shared/models/hh/hhPopulation';
import { HH_DEFAULTS } from '../../../../shared/models/hh/params';

export type HhParams = { -readonly [K in keyof typeof HH_DEFAULTS]: number };

export { HH_DEFAULTS };

/** The five regimes of the notes' figure, in this model's units (uA/cm^2). */
export const HH_REGIMES: ReadonlyArray<{ current: number; label: string }> = [
  { current: 0, label: 'rest' },
  { current: 4, label: 'one onset spike' },
  { current: 10, label: 'regular spiking' },
  { current: 40, label: 'faster spiking' },
  { current: 200, label: 'depolarisation block' },
];

export const STIMULUS_ON_MS = 10;
const SAMPLE_MS = 0.05;

export interface HhRun {
  current: number;
  /** ms */
  t: number[];
  /** mV */
  V: number[];
  m: number[];
  h: number[];
  n: number[];
  /** Spike instants, ms. */
  spikes: number[];
}

/** V(t) and the gates for a current switched on at 10 ms, over `durationMs`. */
export function runHh(params: HhParams, current: number, durationMs = 100): HhRun {
  const pop = createHhPopulation(1, { ...params, bias: 0 });
  const input = new Float64Array(1);
  const run: HhRun = { current, t: [], V: [], m: [], h: [], n: [], spikes: [] };
  const record = (tMs: number): void => {
    run.t.push(tMs);
    run.V.push(pop.V[0]!);
    run.m.push(pop.m[0]!);
    run.h.push(pop.h[0]!);
    run.n.push(pop.n[0]!);
  };
  record(0);
  const steps = Math.round(durationMs / SAMPLE_MS);
  for (let k = 0; k < steps; k++) {
    const t0 = k * SAMPLE_MS;
    const t1 = (k + 1) * SAMPLE_MS;
    input[0] = t0 >= STIMULUS_ON_MS - 1e-9 ? current + params.bias : params.bias;
    const failed = advanceHh(pop, t0 / 1000, t1 / 1000, input, (_i, tSeconds) =>
      run.spikes.push(tSeconds * 1000),
    );
    if (failed >= 0) break;
    record(t1);
  }
  return run;
}

export interface IonicCurrents {
  /** ms, relative to the spike instant. */
  t: number[];
  V: number[];
  iNa: number[];
  iK: number[];
  iL: number[];
}

/** The ionic currents of `run` from 2 ms before its first spike to 8 ms after (null: no spike). */
export function ionicCurrentsThroughSpike(run: HhRun, params: HhParams): IonicCurrents | null {
  const spike = run.spikes[0];
  if (spike === undefined) return null;
  const out: IonicCurrents = { t: [], V: [], iNa: [], iK: [], iL: [] };
  run.t.forEach((t, i) => {
    if (t < spike - 2 || t > spike + 8) return;
    const V = run.V[i]!;
    out.t.push(t - spike);
    out.V.push(V);
    out.iNa.push(params.gNa * run.m[i]! ** 3 * run.h[i]! * (V - params.ENa));
    out.iK.push(params.gK * run.n[i]! ** 4 * (V - params.EK));
    out.iL.push(params.gL * (V - params.EL));
  });
  return out;
}
