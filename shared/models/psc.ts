/**
 * The post-synaptic current filter of notes 1.3.2 and its exact propagators.
 *
 *   h(t) = t^n e^{-t/tau} / (n! tau^(n+1)),  t >= 0,  integral 1, unit 1/s.
 *
 * The engine realises h as n+1 cascaded unit-gain first-order stages
 *   tau x_0' = in(t) - x_0,   tau x_k' = x_{k-1} - x_k  (k = 1..n),   output x_n,
 * whose impulse response is exactly h (a spike of weight w adds w/tau to x_0: the notes' rule).
 * Over an interval u with a constant input c the stages evolve exactly as
 *   x_k(u) = sum_{j<=k} E_{k-j}(a) x_j(0) + F_k(a) c,   a = u/tau,
 *   E_m(a) = e^{-a} a^m / m!                 (the Jordan-block propagator),
 *   F_k(a) = 1 - sum_{m<=k} E_m(a) = P(k+1, a)  (regularised lower incomplete gamma).
 *
 * Coupled to a LIF membrane tau_m v' = J - v, the stage x_j reaches v through n-j more filter
 * stages and the membrane; its exact contribution to v(u) is x_j(0) Q_{n-j}(u) with
 *   Q_m(u) = (1/tau_m) int_0^u s^m e^{-s/tau_s} / (m! tau_s^m) e^{-(u-s)/tau_m} ds.
 * Writing x = u (1/tau_s - 1/tau_m):  Q_m = e^{-u/tau_m} (u^{m+1} / (tau_m tau_s^m)) M_m(x),
 *   M_m(x) = int_0^1 s^m e^{-x s} ds / m! = e^{-x} sum_k x^k / (m+1+k)!,
 * evaluated by that positive series for small |x| (this covers tau_s = tau_m, where x = 0 and
 * Q_m = e^{-u/tau} u^{m+1} / ((m+1)! tau^{m+1}) - the t e^{-t/tau} limit - and nearly equal taus
 * without cancellation) and by the incomplete-gamma closed form for large |x|.
 * Units: seconds for u and the taus; E, F, Q are dimensionless.
 */

const FACTORIAL: number[] = [1];
for (let i = 1; i <= 200; i++) FACTORIAL.push(FACTORIAL[i - 1]! * i);

/** n! for n <= 170 (exact up to 22!). */
export function factorial(n: number): number {
  return FACTORIAL[n] ?? Infinity;
}

/** The PSC filter h(t) of order n (1/s). */
export function pscKernel(t: number, tauS: number, n: number): number {
  if (t < 0) return 0;
  const a = t / tauS;
  return (Math.exp(-a) * a ** n) / (factorial(n) * tauS);
}

/** E_m(a) = e^{-a} a^m / m! for m = 0..n, written to out[offset + m]. */
export function filterPropagator(a: number, n: number, out: Float64Array, offset: number): void {
  let e = Math.exp(-a);
  out[offset] = e;
  for (let m = 1; m <= n; m++) {
    e = (e * a) / m;
    out[offset + m] = e;
  }
}

/**
 * F_k(a) = 1 - sum_{m<=k} e^{-a} a^m / m! for k = 0..n (response of stage k to a unit step input),
 * computed without cancellation: by the positive tail series e^{-a} sum_{m>k} a^m/m! when a is
 * small compared with k+1, else by the complement.
 */
export function filterStepResponse(a: number, n: number, out: Float64Array, offset: number): void {
  const ea = Math.exp(-a);
  for (let k = 0; k <= n; k++) {
    if (k === 0) {
      out[offset] = -Math.expm1(-a);
      continue;
    }
    if (a < k + 1) {
      // tail: e^{-a} a^{k+1}/(k+1)! (1 + a/(k+2) + a^2/((k+2)(k+3)) + ...)
      let term = 1;
      let sum = 1;
      for (let j = k + 2; j < k + 400; j++) {
        term *= a / j;
        sum += term;
        if (term < sum * 1e-17) break;
      }
      out[offset + k] = ((ea * a ** (k + 1)) / factorial(k + 1)) * sum;
    } else {
      let term = 1;
      let sum = 1;
      for (let m = 1; m <= k; m++) {
        term *= a / m;
        sum += term;
      }
      out[offset + k] = 1 - ea * sum;
    }
  }
}

/** sum_k x^k / (m+1+k)!  (converges for all x; used for |x| <= m + 2). */
function kummerSeries(x: number, m: number): number {
  let term = 1 / factorial(m + 1);
  let sum = term;
  for (let k = 1; k < 400; k++) {
    term *= x / (m + 1 + k);
    sum += term;
    if (Math.abs(term) <= Math.abs(sum) * 1e-17) break;
  }
  return sum;
}

/** e_m(x) = sum_{k<=m} x^k / k!. */
function truncatedExp(x: number, m: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= m; k++) {
    term *= x / k;
    sum += term;
  }
  return sum;
}

/**
 * Q_m(u): the exact contribution to a LIF membrane v(u) of a unit value in the filter stage m
 * stages before the filter output (see the file comment). tauS == tauM is handled exactly.
 */
export function membraneCoupling(u: number, tauS: number, tauM: number, m: number): number {
  if (u <= 0) return 0;
  const x = u * (1 / tauS - 1 / tauM);
  const r = u / tauS;
  const ax = Math.abs(x);
  if (ax <= m + 2) {
    // Q = e^{-u/tau_m} u r^m / tau_m * e^{-x} S(x) = e^{-u/tau_s} u r^m / tau_m * S(x)
    if (m === 0) {
      // K_0(x) = expm1(x) / x, so Q_0 = e^{-u/tau_s} (u/tau_m) expm1(x)/x, no cancellation
      return x === 0 ? (Math.exp(-r) * u) / tauM : (Math.exp(-r) * u * Math.expm1(x)) / (x * tauM);
    }
    const s = kummerSeries(x, m);
    if (r > 600) return Math.exp(-r + Math.log(u) + m * Math.log(r) - Math.log(tauM)) * s;
    return (Math.exp(-r) * u * r ** m * s) / tauM;
  }
  // |x| large: Q = tau_s / (tau_m g^{m+1}) (e^{-u/tau_m} - e^{-u/tau_s} e_m(x)),  g = 1 - tau_s/tau_m
  const g = 1 - tauS / tauM;
  const gp = g ** (m + 1);
  if (x > 0) {
    // e^{-u/tau_m}(1 - e^{-x} e_m(x)): the bracket is in [~0.3, 1), no cancellation.
    const bracket = 1 - Math.exp(-x) * truncatedExp(x, m);
    return (tauS / (tauM * gp)) * Math.exp(-u / tauM) * bracket;
  }
  // x < 0 (tau_s > tau_m): e^{-u/tau_s}(e^{x} - e_m(x)) with e^{-u/tau_s} e^{x} = e^{-u/tau_m}
  return (tauS / (tauM * gp)) * (Math.exp(-u / tauM) - Math.exp(-u / tauS) * truncatedExp(x, m));
}
