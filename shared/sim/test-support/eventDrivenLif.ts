/**
 * An exact event-driven solver for small LIF networks with order-0 synapses and zero delays,
 * written for tests, independent of the engine (it imports nothing of it): global time order,
 * closed form between events, the earliest threshold crossing among all neurons found by dense
 * sampling and bisection, its kicks delivered at that instant, repeat.
 *
 * Model (course notes 1.2, 1.3.5; dimensionless v, seconds):
 *   tau_m v' = bias + sum_tau s_tau - v,   tau s_tau' = -s_tau,   a spike of a source adds w/tau_s
 *   to its target's s_{tau_s}; v >= vTh: a spike, v = vReset for tauRef (s keeps decaying).
 * Between events v(t0 + u) = bias + (v0 - bias) e^{-u/tau_m} + sum s0 tau/(tau - tau_m)
 * (e^{-u/tau} - e^{-u/tau_m}).
 */
export interface RefNeuron {
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
  bias: number;
  v0?: number;
}

export interface RefSynapse {
  source: number;
  target: number;
  weight: number;
  tauS: number;
}

/** Spike times of each neuron over [0, tEnd). `samplesPerMs` sets the crossing search grid. */
export function eventDrivenLif(
  neurons: readonly RefNeuron[],
  synapses: readonly RefSynapse[],
  tEnd: number,
  samplesPerMs = 200,
): number[][] {
  const n = neurons.length;
  const taus = [...new Set(synapses.map((s) => s.tauS))];
  const v = neurons.map((p) => p.v0 ?? 0);
  const ref = neurons.map(() => -Infinity);
  const s = neurons.map(() => taus.map(() => 0));
  const spikes: number[][] = neurons.map(() => []);
  let t = 0;

  const coupling = (tau: number, tauM: number, u: number): number =>
    Math.abs(tau - tauM) < 1e-15
      ? (u / tauM) * Math.exp(-u / tauM)
      : (tau / (tau - tauM)) * (Math.exp(-u / tau) - Math.exp(-u / tauM));

  /** v of neuron i at t + u when it is not refractory on (t, t + u] and nothing happens. */
  const vFree = (i: number, vStart: number, sStart: number[], u: number): number => {
    const p = neurons[i]!;
    let x = p.bias + (vStart - p.bias) * Math.exp(-u / p.tauM);
    taus.forEach((tau, b) => (x += sStart[b]! * coupling(tau, p.tauM, u)));
    return x;
  };

  /** The state of neuron i at time `at` >= t with no event in between (refractoriness included). */
  const stateAt = (i: number, at: number): { v: number; s: number[] } => {
    const p = neurons[i]!;
    const decayed = (u: number): number[] => s[i]!.map((x, b) => x * Math.exp(-u / taus[b]!));
    if (ref[i]! >= at) return { v: p.vReset, s: decayed(at - t) };
    if (ref[i]! > t) {
      const sr = decayed(ref[i]! - t);
      const u = at - ref[i]!;
      return { v: vFree(i, p.vReset, sr, u), s: sr.map((x, b) => x * Math.exp(-u / taus[b]!)) };
    }
    return { v: vFree(i, v[i]!, s[i]!, at - t), s: decayed(at - t) };
  };

  /** The first crossing of neuron i in (t, horizon], or Infinity. */
  const nextCrossing = (i: number, horizon: number): number => {
    const p = neurons[i]!;
    const start = Math.max(t, ref[i]!);
    if (start >= horizon) return Infinity;
    const s0 = stateAt(i, start);
    if (s0.v >= p.vTh) return start;
    const span = horizon - start;
    const samples = Math.max(4, Math.ceil(span * 1000 * samplesPerMs));
    let lo = 0;
    for (let k = 1; k <= samples; k++) {
      const u = (span * k) / samples;
      if (vFree(i, s0.v, s0.s, u) >= p.vTh) {
        let hi = u;
        for (let it = 0; it < 200 && hi - lo > 1e-16; it++) {
          const mid = (lo + hi) / 2;
          if (vFree(i, s0.v, s0.s, mid) >= p.vTh) hi = mid;
          else lo = mid;
        }
        return start + hi;
      }
      lo = u;
    }
    return Infinity;
  };

  const window = 1e-3; // search one millisecond ahead at a time
  while (t < tEnd) {
    const horizon = Math.min(tEnd, t + window);
    let first = Infinity;
    for (let i = 0; i < n; i++) first = Math.min(first, nextCrossing(i, horizon));
    const next = Math.min(first, horizon);
    // Neurons crossing at this instant spike together: none sees the others' kicks yet.
    const firing: number[] = [];
    for (let i = 0; i < n; i++)
      if (first !== Infinity && nextCrossing(i, horizon) === next) firing.push(i);
    for (let i = 0; i < n; i++) {
      const state = stateAt(i, next);
      v[i] = state.v;
      s[i] = state.s;
    }
    t = next;
    if (first === Infinity || first > horizon) continue;
    if (t >= tEnd) break;
    for (const i of firing) {
      spikes[i]!.push(t);
      v[i] = neurons[i]!.vReset;
      ref[i] = t + neurons[i]!.tauRef;
    }
    for (const syn of synapses) {
      if (!firing.includes(syn.source)) continue;
      s[syn.target]![taus.indexOf(syn.tauS)]! += syn.weight / syn.tauS;
    }
  }
  return spikes;
}
