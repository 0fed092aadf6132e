/**
 * Data of the PSC view (notes 1.2.2-1.3.3): the filter h(t) = t^n e^{-t/tau_s} / (n! tau_s^{n+1}),
 * its area (integrated numerically here, to show it is 1), and the filtered current of a spike
 * train s(t) = sum_p h(t - t_p). h is the simulator's own (shared/models/psc.ts); t in seconds.
 */
import { pscKernel } from '../../../../shared/models/psc';

export { pscKernel };

/** Samples of h on [0, tEnd] (count + 1 points). */
export function kernelSamples(tauS: number, n: number, tEnd: number, count = 400) {
  const t: number[] = [];
  const h: number[] = [];
  for (let i = 0; i <= count; i++) {
    const x = (tEnd * i) / count;
    t.push(x);
    h.push(pscKernel(x, tauS, n));
  }
  return { t, h };
}

/**
 * The area of h over [0, (n + 40) tau_s] by composite Simpson's rule on 20,000 intervals: the tail
 * beyond is below e^{-40} (n + 40)^n / n!, negligible for n <= 10.
 */
export function kernelArea(tauS: number, n: number): number {
  const intervals = 20_000;
  const end = (n + 40) * tauS;
  const step = end / intervals;
  let sum = pscKernel(0, tauS, n) + pscKernel(end, tauS, n);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * pscKernel(i * step, tauS, n);
  return (sum * step) / 3;
}

/** s(t) = sum_p h(t - t_p) on [0, tEnd]. */
export function filteredTrain(
  spikes: readonly number[],
  tauS: number,
  n: number,
  tEnd: number,
  count = 1000,
): { t: number[]; s: number[] } {
  const t: number[] = [];
  const s: number[] = [];
  for (let i = 0; i <= count; i++) {
    const x = (tEnd * i) / count;
    let sum = 0;
    for (const tp of spikes) sum += pscKernel(x - tp, tauS, n);
    t.push(x);
    s.push(sum);
  }
  return { t, s };
}

/**
 * A fixed spike train over 1 s, sparse at first and dense at the end, like the notes' demo (the
 * clustered spikes at the right pile their currents up).
 */
export const DEMO_SPIKE_TRAIN: readonly number[] = [
  0.05, 0.16, 0.3, 0.38, 0.52, 0.6, 0.71, 0.78, 0.83, 0.87, 0.9, 0.92, 0.94, 0.96,
];
