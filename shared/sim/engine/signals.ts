/**
 * Input signals (docs/format.md#signals), evaluated per element.
 *
 * Piecewise-constant signals (constant, step, pulse, and the bias node) are analytic: `valueAt`
 * gives u(t) with every switch time snapped to the step grid when within TIME_GRID_TOLERANCE dt of it, a
 * switch counting at its own instant (u(t_s) is the new value), and 0 for t < 0 (so a delayed value
 * is 0 before the delay). `forEachSwitch` lists the switches strictly inside an interval so a LIF
 * target integrates the step piecewise. Sine is sampled at each step start and held; noise is an
 * Ornstein-Uhlenbeck process updated exactly at step boundaries:
 *   u_{k+1} = mean + (u_k - mean) e^{-dt/tau} + std sqrt(1 - e^{-2 dt/tau}) N(0,1).
 * Units: seconds, hertz; u in the target's J units.
 */
import type { InputPlan } from '../plan';
import { SIG_BIAS, SIG_CONSTANT, SIG_PULSE, SIG_SINE, SIG_STEP } from '../plan';
import { snapTime, TIME_GRID_TOLERANCE } from '../../util/timeGrid';

/** Index of the first element of the ascending `times` greater than t (times.length if none). */
export function upperBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the signal is analytic piecewise-constant (switches handled exactly). */
export function isPiecewise(signal: number): boolean {
  return (
    signal === SIG_CONSTANT || signal === SIG_STEP || signal === SIG_PULSE || signal === SIG_BIAS
  );
}

/** u_i(t) of a piecewise-constant or sine signal (sine: the exact value at t). */
export function valueAt(inp: InputPlan, i: number, t: number, dt: number): number {
  if (t < 0) return 0;
  switch (inp.signal) {
    case SIG_BIAS:
      return 1;
    case SIG_CONSTANT:
      return inp.fields['value']![i]!;
    case SIG_STEP: {
      // the last switch at or before t (binary search: a step signal may have many times)
      const k = upperBound(inp.stepTimes, t) - 1;
      return k < 0 ? 0 : inp.stepValues[k * inp.size + i]!;
    }
    case SIG_PULSE: {
      const f = inp.fields;
      const start = f['start']![i]!;
      const width = f['width']![i]!;
      const amplitude = f['amplitude']![i]!;
      const period = f['period']![i]!; // 0 = no period
      if (t < snapTime(start, dt)) return 0;
      if (!(period > 0)) return t < snapTime(start + width, dt) ? amplitude : 0;
      if (width >= period) return amplitude;
      const k = Math.floor((t - start) / period);
      for (let c = k - 1; c <= k + 1; c++) {
        if (c < 0) continue;
        const on = snapTime(start + c * period, dt);
        const off = snapTime(start + c * period + width, dt);
        if (t >= on && t < off) return amplitude;
      }
      return 0;
    }
    case SIG_SINE: {
      const f = inp.fields;
      return (
        f['offset']![i]! +
        f['amplitude']![i]! * Math.sin(2 * Math.PI * f['frequency']![i]! * t + f['phase']![i]!)
      );
    }
    default:
      return 0;
  }
}

/**
 * Calls fn(time, delta) for every switch of element i strictly inside (ta, tb), in time order (delta
 * = new value - old value). Times are in the signal's own clock (the caller adds the edge's delay).
 */
export function forEachSwitch(
  inp: InputPlan,
  i: number,
  ta: number,
  tb: number,
  dt: number,
  fn: (time: number, delta: number) => void,
): void {
  const candidates = switchCandidates(inp, i, ta, tb, dt);
  if (candidates.length === 0) return;
  let prev = valueAt(inp, i, ta, dt);
  for (const ts of candidates) {
    const now = valueAt(inp, i, ts, dt);
    if (now !== prev) fn(ts, now - prev);
    prev = now;
  }
}

function switchCandidates(inp: InputPlan, i: number, ta: number, tb: number, dt: number): number[] {
  const out: number[] = [];
  const add = (t: number): void => {
    const s = snapTime(t, dt);
    if (s > ta && s < tb) out.push(s);
  };
  add(0);
  switch (inp.signal) {
    case SIG_STEP: {
      // only the times inside (ta, tb), found by binary search (times are snapped and ascending)
      const times = inp.stepTimes;
      const margin = TIME_GRID_TOLERANCE * dt + 4 * Number.EPSILON * Math.abs(tb);
      for (let j = upperBound(times, ta - margin); j < times.length && times[j]! < tb + margin; j++)
        add(times[j]!);
      break;
    }
    case SIG_PULSE: {
      const f = inp.fields;
      const start = f['start']![i]!;
      const width = f['width']![i]!;
      const period = f['period']![i]!;
      if (!(period > 0) || width >= period) {
        add(start);
        if (!(period > 0)) add(start + width);
        break;
      }
      const k0 = Math.max(0, Math.floor((ta - start) / period) - 1);
      const k1 = Math.floor((tb - start) / period) + 1;
      for (let c = k0; c <= k1; c++) {
        add(start + c * period);
        add(start + c * period + width);
      }
      break;
    }
    default:
      break;
  }
  out.sort((x, y) => x - y);
  return out;
}

/** Whether u(t) of this signal can change inside a step (needs exact switch events). */
export function hasSwitches(inp: InputPlan, delay: number): boolean {
  if (inp.signal === SIG_CONSTANT || inp.signal === SIG_BIAS) return delay > 0;
  return inp.signal === SIG_STEP || inp.signal === SIG_PULSE;
}
