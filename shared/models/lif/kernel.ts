/**
 * LIF population kernel: exact integration of the membrane together with its PSC filter banks.
 *
 * Equations (docs/format.md#nodes, 4, 5; dimensionless v, seconds):
 *   tau_m v' = D + sum_b x_{b,n_b} - v                  (not refractory; D = bias + unfiltered inputs)
 *   tau_b x_{b,0}' = c_b - x_{b,0},  tau_b x_{b,k}' = x_{b,k-1} - x_{b,k}   (bank b of order n_b)
 * Between events D and c_b are constant, so the whole state (v, x) evolves by the exact linear
 * propagator over any interval u (shared/models/psc.ts):
 *   v(u)      = e^{-u/tau_m} v + (1 - e^{-u/tau_m}) D + sum_b (Pc_b c_b + sum_j Q_{n_b-j}(u) x_{b,j})
 *   x_{b,k}(u) = sum_{j<=k} E_{k-j}(u/tau_b) x_{b,j} + F_k(u/tau_b) c_b
 * with Pc_b = 1 - e^{-u/tau_m} - sum_j Q_{n_b-j}(u) (the membrane's response to a unit step into the
 * bank). v(u) is a sum of exponential-polynomials; it is never sampled to find a spike.
 *
 * Events inside a step (exact times): spike arrivals (x_{b,0} += w/tau_b), drive switches of
 * piecewise-constant inputs (c_b or D change), the end of a refractory period, and threshold
 * crossings. The step is integrated segment by segment between them.
 *
 * Threshold crossing on a segment [a, b] (v(a) < vTh): an upper envelope bounds v over the segment:
 * each filter output is a low-pass of its previous stage, so x_{b,n}(t) <= max(x_{b,0}(a),
 * x_{b,0}(b), x_{b,1}(a), ..., x_{b,n}(a)) =: hi_b (x_{b,0} is monotone), J <= Jmax = D + sum hi_b, and
 * by comparison v(t) <= Jmax + (v(a) - Jmax) e^{-(t-a)/tau_m} <= vBound. If vBound < vTh the segment
 * has no crossing, whatever happens inside it (this is the fast path: one bound per neuron and step).
 * If Jmin (same with min) > vBound then v is strictly increasing on [a, b]: the crossing exists iff
 * v(b) >= vTh and is unique; it is found by Newton's method on the exact trajectory, safeguarded by
 * bisection. Otherwise the segment is halved depth-first (left half first), so the first crossing is
 * found, also one where v rises above vTh and falls back inside the step.
 * At a crossing t_c: a spike at t_c, v = vReset, refractory until t_c + tauRef; filters keep evolving
 * and receiving events; integration resumes at the end of the refractory period, mid-step if so.
 */
import type { EventBuffer } from '../neuron';
import { filterPropagator, filterStepResponse, membraneCoupling } from '../psc';
import type { LifPlan } from './plan';
import { SimulationError } from '../../util/simulationError';
import { TIME_GRID_TOLERANCE } from '../../util/timeGrid';
import {
  Order0Wasm,
  P_CA,
  P_CAA,
  P_CB,
  P_CBB,
  P_DD,
  P_E0,
  P_E1,
  P_EM,
  P_Q0,
  P_Q1,
  P_T0,
  P_T1,
  P_THR,
} from './order0Wasm';
import type { StepHelper } from './order0Threads';

const MAX_SPIKES_PER_STEP = 100_000;

/** What a step changes in a LIF population: saved to integrate one step again (exactCycles.ts). */
export interface LifSnapshot {
  v: Float64Array;
  stages: Float64Array[];
  refUntil: Float64Array;
  checkStart: boolean;
  checkCounter: number;
}

export class LifKernel {
  private readonly pop: LifPlan;
  private readonly dt: number;
  private readonly nBanks: number;
  private readonly nStages: number;
  /** Coefficient layout: [em, 1-em] then per bank at coefOffset[b]: E[0..n], F[0..n], Q[0..n], Pc. */
  private readonly coefLength: number;
  private readonly coefOffset: Int32Array;
  private readonly bankFirst: Int32Array;
  private readonly bankOrder: Int32Array;
  private readonly bankTau: Float64Array;
  private uniformTauM = true;
  /** Full-step coefficients: one set (uniform tauM) or one per element. */
  private fullCoef: Float64Array = new Float64Array(0);
  private readonly coefScratch: Float64Array;
  private readonly coefScratch2: Float64Array;
  // per-element state scratch: [v, stages...]
  private sa: Float64Array;
  private sb: Float64Array;
  private sc: Float64Array;
  /** Drive scratch: [D, c_0..c_{B-1}]. */
  private readonly dr: Float64Array;
  private readonly stack = new Float64Array(256);
  // events of the step, linked per element
  private readonly head: Int32Array;
  private next: Int32Array;
  private evTime = new Float64Array(16);
  private evSlot = new Int32Array(16);
  private evAmount = new Float64Array(16);
  private readonly tiny: number;
  /** The order-0 fast path applies (uniform tauM, banks of order 0, no filtered drive). */
  private order0 = false;
  private readonly zeros: Float64Array;
  private readonly slowList: Int32Array;
  private checkCounter = 0;
  /**
   * bias + direct when it is the same for every element and cannot change during the run (set by
   * the engine through `setStaticDrive`), and vTh is uniform too: the fast loop then streams only
   * v, the two filter states and refUntil.
   */
  private uniformDrive: number | null = null;
  /**
   * Set when v may start a step at or above vTh (the first step, or after a live edit): the next
   * step then uses stepOrder0, which tests v at the start; every later step starts below vTh.
   */
  private checkStart = true;
  private readonly snapTolerance: number;

  private readonly fastPath: boolean;
  private readonly order0Coef: Order0Coefficients = {
    size: 0,
    em: 0,
    ed: 0,
    e0: 0,
    q0: 0,
    e1: 0,
    q1: 0,
    ca: 0,
    cA: 0,
    cb: 0,
    cB: 0,
    invTauA: 0,
    invTauB: 0,
    invTauM: 0,
    dt2over8: 0,
  };

  /**
   * Spike-triggered jump of a bank of the population's own (an adaptation current, adaptive LIF):
   * at each spike of element i, stage 0 of bank `bank` changes by `jump[i]` at the spike time.
   */
  private readonly selfBank: number;
  private readonly selfJump: Float64Array | null;

  /**
   * The fast loop in WebAssembly SIMD (order0Wasm.ts), when available: it then owns v, refUntil
   * and the banks' stage arrays, which live in its memory (the population's arrays are its views).
   */
  private readonly wasm: Order0Wasm | null = null;
  /** `fastPath` false forces the general path everywhere (tests compare the two). */
  constructor(
    pop: LifPlan,
    dt: number,
    fastPath = true,
    self: { bank: number; jump: Float64Array } | null = null,
    simd = false,
    helper: StepHelper | null = null,
  ) {
    this.pop = pop;
    this.selfBank = self ? self.bank : -1;
    this.selfJump = self ? self.jump : null;
    this.fastPath = fastPath;
    this.dt = dt;
    this.nBanks = pop.banks.length;
    this.nStages = pop.stages.length;
    this.coefOffset = new Int32Array(this.nBanks);
    this.bankFirst = new Int32Array(this.nBanks);
    this.bankOrder = new Int32Array(this.nBanks);
    this.bankTau = new Float64Array(this.nBanks);
    let len = 2;
    pop.banks.forEach((bank, b) => {
      this.coefOffset[b] = len;
      this.bankFirst[b] = bank.first;
      this.bankOrder[b] = bank.order;
      this.bankTau[b] = bank.tauS;
      len += 3 * (bank.order + 1) + 1;
    });
    this.coefLength = len;
    this.coefScratch = new Float64Array(len);
    this.coefScratch2 = new Float64Array(len);
    this.sa = new Float64Array(1 + this.nStages);
    this.sb = new Float64Array(1 + this.nStages);
    this.sc = new Float64Array(1 + this.nStages);
    this.dr = new Float64Array(1 + this.nBanks);
    this.head = new Int32Array(pop.size).fill(-1);
    this.next = new Int32Array(64);
    this.tiny = dt * 1e-12;
    this.zeros = new Float64Array(pop.size);
    this.slowList = new Int32Array(pop.size);
    this.snapTolerance = dt * TIME_GRID_TOLERANCE;
    if (simd && fastPath && this.nBanks <= 2 && pop.banks.every((b) => b.order === 0)) {
      this.wasm = Order0Wasm.create(pop.size, helper);
      if (this.wasm) this.moveStateInto(this.wasm);
    }
    this.updateCoefficients();
  }

  /** The population's v, refUntil and bank stages become views of `w`'s memory (values kept). */
  private moveStateInto(w: Order0Wasm): void {
    const pop = this.pop;
    w.v.set(pop.v);
    w.refUntil.set(pop.refUntil);
    pop.v = w.v;
    pop.refUntil = w.refUntil;
    const xs = [w.x0, w.x1];
    for (let b = 0; b < this.nBanks; b++) {
      xs[b]!.set(pop.stages[b]!);
      pop.stages[b] = xs[b]!;
    }
  }

  /**
   * (Re)compute everything cached from tauM and the banks' tauS: the full-step coefficients, whether
   * tauM is uniform, and whether the order-0 fast path applies. Called once by the constructor and
   * by a live edit of tauM or of a synapse's tauS, between steps (it allocates only when tauM
   * changes between uniform and per element).
   */
  updateCoefficients(): void {
    const pop = this.pop;
    this.checkStart = true;
    pop.banks.forEach((bank, b) => {
      this.bankTau[b] = bank.tauS;
    });
    const tauM = pop.tauM;
    let uniform = true;
    for (let i = 1; i < pop.size; i++) if (tauM[i] !== tauM[0]) uniform = false;
    this.uniformTauM = uniform;
    const len = this.coefLength;
    const count = uniform ? Math.min(1, pop.size) : pop.size;
    if (this.fullCoef.length !== len * (uniform ? 1 : pop.size))
      this.fullCoef = new Float64Array(len * (uniform ? 1 : pop.size));
    const tmp = this.coefScratch;
    for (let i = 0; i < count; i++) {
      this.computeCoef(this.dt, tauM[i]!, tmp);
      this.fullCoef.set(tmp, i * len);
    }
    this.order0 =
      this.fastPath &&
      uniform &&
      pop.banks.every((b) => b.order === 0 && b.drive === null) &&
      this.nBanks <= 2;
    if (this.order0 && pop.size > 0) this.setOrder0Coefficients();
  }

  /** The fast path's constants, from the full-step coefficients (see Order0Coefficients). */
  private setOrder0Coefficients(): void {
    const full = this.fullCoef;
    const c = this.order0Coef;
    const em = full[0]!;
    const ed = full[1]!;
    const e0 = this.nBanks > 0 ? full[this.coefOffset[0]!]! : 0;
    const q0 = this.nBanks > 0 ? full[this.coefOffset[0]! + 2]! : 0;
    const e1 = this.nBanks > 1 ? full[this.coefOffset[1]!]! : 0;
    const q1 = this.nBanks > 1 ? full[this.coefOffset[1]! + 2]! : 0;
    c.size = this.pop.size;
    c.em = em;
    c.ed = ed;
    c.e0 = e0;
    c.q0 = q0;
    c.e1 = e1;
    c.q1 = q1;
    c.ca = (ed * (1 + e0)) / 2 - q0;
    c.cA = (ed * (1 - e0)) / 2;
    c.cb = (ed * (1 + e1)) / 2 - q1;
    c.cB = (ed * (1 - e1)) / 2;
    c.invTauA = this.nBanks > 0 ? 1 / this.bankTau[0]! : 0;
    c.invTauB = this.nBanks > 1 ? 1 / this.bankTau[1]! : 0;
    c.invTauM = 1 / this.pop.tauM[0]!;
    c.dt2over8 = (this.dt * this.dt) / 8;
  }

  /**
   * Called by the engine when drives are known not to change during the run (and again after a
   * live edit of bias, vTh or a static input): caches bias + direct when it is uniform.
   */
  setStaticDrive(): void {
    const pop = this.pop;
    this.checkStart = true;
    this.uniformDrive = null;
    const d0 = pop.bias[0]! + pop.direct[0]!;
    for (let i = 0; i < pop.size; i++) {
      if (pop.bias[i]! + pop.direct[i]! !== d0 || pop.vTh[i] !== pop.vTh[0]) return;
    }
    this.uniformDrive = d0;
  }

  /** A live edit changed something of this population: v may now start a step above vTh. */
  stateChanged(): void {
    this.checkStart = true;
  }

  /** Exact propagator coefficients over an interval u for membrane time constant tauM. */
  computeCoef(u: number, tauM: number, out: Float64Array): void {
    const em = Math.exp(-u / tauM);
    out[0] = em;
    out[1] = -Math.expm1(-u / tauM);
    for (let b = 0; b < this.nBanks; b++) {
      const o = this.coefOffset[b]!;
      const n = this.bankOrder[b]!;
      const tau = this.bankTau[b]!;
      const a = u / tau;
      if (n === 0) {
        // order 0: E_0 = e^{-a}, F_0 = 1 - e^{-a}, Q_0 = (u/tau_m) e^{-a} expm1(x)/x
        const es = Math.exp(-a);
        const x = u / tau - u / tauM;
        const q =
          x === 0
            ? (es * u) / tauM
            : Math.abs(x) < 700
              ? (es * u * Math.expm1(x)) / (x * tauM)
              : membraneCoupling(u, tau, tauM, 0);
        out[o] = es;
        out[o + 1] = -Math.expm1(-a);
        out[o + 2] = q;
        out[o + 3] = out[1]! - q;
        continue;
      }
      filterPropagator(a, n, out, o);
      filterStepResponse(a, n, out, o + n + 1);
      let qsum = 0;
      for (let j = 0; j <= n; j++) {
        const q = membraneCoupling(u, tau, tauM, n - j);
        out[o + 2 * (n + 1) + j] = q;
        qsum += q;
      }
      out[o + 3 * (n + 1)] = out[1]! - qsum;
    }
  }

  /** Propagate state src -> dst over the interval whose coefficients are coef[base..]. */
  private propagate(
    src: Float64Array,
    dst: Float64Array,
    coef: Float64Array,
    base: number,
    refractory: boolean,
  ): void {
    const dr = this.dr;
    let v = refractory ? src[0]! : coef[base]! * src[0]! + coef[base + 1]! * dr[0]!;
    for (let b = 0; b < this.nBanks; b++) {
      const o = base + this.coefOffset[b]!;
      const n = this.bankOrder[b]!;
      const s0 = 1 + this.bankFirst[b]!;
      const c = dr[1 + b]!;
      if (!refractory) {
        v += coef[o + 3 * (n + 1)]! * c;
        const qo = o + 2 * (n + 1);
        for (let j = 0; j <= n; j++) v += coef[qo + j]! * src[s0 + j]!;
      }
      for (let k = n; k >= 0; k--) {
        let x = coef[o + n + 1 + k]! * c;
        for (let j = 0; j <= k; j++) x += coef[o + k - j]! * src[s0 + j]!;
        dst[s0 + k] = x;
      }
    }
    dst[0] = v;
  }

  /** A snapshot buffer the size of this population (allocated once, reused every step). */
  createSnapshot(): LifSnapshot {
    const size = this.pop.size;
    return {
      v: new Float64Array(size),
      stages: this.pop.stages.map(() => new Float64Array(size)),
      refUntil: new Float64Array(size),
      checkStart: false,
      checkCounter: 0,
    };
  }

  saveState(into: LifSnapshot): void {
    const pop = this.pop;
    into.v.set(pop.v);
    for (let s = 0; s < pop.stages.length; s++) into.stages[s]!.set(pop.stages[s]!);
    into.refUntil.set(pop.refUntil);
    into.checkStart = this.checkStart;
    into.checkCounter = this.checkCounter;
  }

  restoreState(from: LifSnapshot): void {
    const pop = this.pop;
    pop.v.set(from.v);
    for (let s = 0; s < pop.stages.length; s++) pop.stages[s]!.set(from.stages[s]!);
    pop.refUntil.set(from.refUntil);
    this.checkStart = from.checkStart;
    this.checkCounter = from.checkCounter;
  }

  /**
   * Advance every element from t0 to t1 = t0 + dt (step k). `events` holds this step's exact events
   * (times in (t0, t1]); it is consumed. Spikes go to pop.spikes.
   */
  advance(k: number, t0: number, t1: number, events: EventBuffer): void {
    const head = this.head;
    const nEv = events.count;
    if (nEv > 0) {
      if (this.next.length < nEv) this.next = new Int32Array(Math.max(nEv, 2 * this.next.length));
      const next = this.next;
      const elem = events.elem;
      // push in reverse so each element's list comes out in insertion order
      for (let e = nEv - 1; e >= 0; e--) {
        const i = elem[e]!;
        next[e] = head[i]!;
        head[i] = e;
      }
    }
    if (this.order0) this.advanceOrder0(t0, t1, events);
    else this.advanceGeneric(t0, t1, events);
    if (nEv > 0) {
      const elem = events.elem;
      for (let e = 0; e < nEv; e++) head[elem[e]!] = -1;
      events.count = 0;
    }
    void k;
  }

  /**
   * Fast path of the common case (uniform tauM, every bank of order 0, no filtered continuous
   * drive): the same propagator and bound as the generic path, in a branch-light loop over arrays;
   * elements that need the general path are listed and done after the loop.
   */
  private advanceOrder0(t0: number, t1: number, events: EventBuffer): void {
    const pop = this.pop;
    const c = this.order0Coef;
    const x0 = this.nBanks > 0 ? pop.stages[0]! : this.zeros;
    const x1 = this.nBanks > 1 ? pop.stages[1]! : this.zeros;
    const uniform = this.uniformDrive !== null && events.count === 0 && !this.checkStart;
    const nSlow =
      uniform && this.wasm !== null
        ? this.stepOrder0Wasm(this.wasm, c, t0, t1, this.uniformDrive!)
        : uniform
          ? stepOrder0Uniform(
              c,
              t0,
              t1,
              pop.v,
              x0,
              x1,
              pop.refUntil,
              pop.vTh[0]!,
              this.uniformDrive!,
              this.slowList,
            )
          : stepOrder0(
              c,
              t0,
              t1,
              pop.v,
              x0,
              x1,
              pop.refUntil,
              pop.vTh,
              pop.bias,
              pop.direct,
              this.head,
              this.slowList,
            );
    this.checkStart = false;
    const v = pop.v;
    let check = 0;
    for (let s = 0; s < nSlow; s++) {
      const i = this.slowList[s]!;
      this.slowElement(i, t0, t1, events);
      check += v[i]!;
    }
    if (nSlow < 0 || !Number.isFinite(check)) this.checkFinite(t1);
    if ((this.checkCounter = (this.checkCounter + 1) & 63) === 0) this.checkFinite(t1);
  }

  /**
   * stepOrder0Uniform in WebAssembly: `w` does the loop and lists, in element order, the elements
   * for the general path (i) and those whose first bound failed (~i); here the second bound
   * (slowBound) decides for the latter, with v1 recomputed by the same expression, so the state and
   * the slow list are those of stepOrder0Uniform bit for bit.
   */
  private stepOrder0Wasm(
    w: Order0Wasm,
    c: Order0Coefficients,
    t0: number,
    t1: number,
    d: number,
  ): number {
    const vTh = this.pop.vTh[0]!;
    const dd = c.ed * d;
    // into the loop's parameter block: a typed-array store boxes nothing (a call with 13 numbers
    // boxed each one, 20,000 times a second of cuba.neuro)
    const p = w.params;
    p[P_T0] = t0;
    p[P_T1] = t1;
    p[P_EM] = c.em;
    p[P_DD] = dd;
    p[P_Q0] = c.q0;
    p[P_Q1] = c.q1;
    p[P_E0] = c.e0;
    p[P_E1] = c.e1;
    p[P_CA] = c.ca;
    p[P_CAA] = c.cA;
    p[P_CB] = c.cb;
    p[P_CBB] = c.cB;
    p[P_THR] = vTh - 1e-12 * (Math.abs(vTh) + Math.abs(d));
    const nList = w.step();
    const list = w.list;
    const slow = this.slowList;
    const v = w.v;
    const x0 = w.x0;
    const x1 = w.x1;
    const { em, e0, q0, e1, q1 } = c;
    let nSlow = 0;
    for (let k = 0; k < nList; k++) {
      const entry = list[k]!;
      if (entry >= 0) {
        slow[nSlow++] = entry;
        continue;
      }
      const i = ~entry;
      const vi = v[i]!;
      const xa = x0[i]!;
      const xb = x1[i]!;
      const v1 = em * vi + dd + q0 * xa + q1 * xb;
      if (slowBound(c, vi, v1, xa, xb, d) >= vTh) {
        slow[nSlow++] = i;
        continue;
      }
      v[i] = v1;
      x0[i] = xa * e0;
      x1[i] = xb * e1;
    }
    return nSlow;
  }

  private advanceGeneric(t0: number, t1: number, events: EventBuffer): void {
    const pop = this.pop;
    const size = pop.size;
    const head = this.head;
    const v = pop.v;
    const refUntil = pop.refUntil;
    const vTh = pop.vTh;
    const bias = pop.bias;
    const direct = pop.direct;
    const stages = pop.stages;
    const banks = pop.banks;
    const nBanks = this.nBanks;
    const nStages = this.nStages;
    const K = this.coefLength;
    const full = this.fullCoef;
    const uniform = this.uniformTauM;
    const dr = this.dr;
    let check = 0;
    for (let i = 0; i < size; i++) {
      const base = uniform ? 0 : i * K;
      const ref = refUntil[i]!;
      // load (sa/sb are swapped by the slow path: read them per element)
      const sa = this.sa;
      const sb = this.sb;
      sa[0] = v[i]!;
      for (let s = 0; s < nStages; s++) sa[1 + s] = stages[s]![i]!;
      dr[0] = bias[i]! + direct[i]!;
      for (let b = 0; b < nBanks; b++) {
        const d = banks[b]!.drive;
        dr[1 + b] = d === null ? 0 : d[i]!;
      }
      if (head[i] === -1 && (ref <= t0 || ref >= t1)) {
        const refractory = ref >= t1;
        this.propagate(sa, sb, full, base, refractory);
        let needSlow = false;
        if (!refractory) {
          if (sa[0]! >= vTh[i]! || sb[0]! >= vTh[i]!) needSlow = true;
          else if (this.envelope(sa, sb, full[base]!) >= vTh[i]!) needSlow = true;
        }
        if (!needSlow) {
          v[i] = sb[0]!;
          check += sb[0]!;
          for (let s = 0; s < nStages; s++) stages[s]![i] = sb[1 + s]!;
          continue;
        }
      }
      this.slowElement(i, t0, t1, events);
      check += v[i]!;
    }
    if (!Number.isFinite(check)) this.checkFinite(t1);
  }

  /** vBound of the file comment for the segment with start state a, end state b; em = e^{-u/tau_m}. */
  private envelope(a: Float64Array, b: Float64Array, em: number): number {
    const jmax = this.jBounds(a, b, true);
    const va = a[0]!;
    return va >= jmax ? va : jmax + (va - jmax) * em;
  }

  private jBounds(a: Float64Array, b: Float64Array, upper: boolean): number {
    let j = this.dr[0]!;
    for (let bk = 0; bk < this.nBanks; bk++) {
      const s0 = 1 + this.bankFirst[bk]!;
      const n = this.bankOrder[bk]!;
      let m = b[s0]!;
      if (upper) {
        for (let s = 0; s <= n; s++) if (a[s0 + s]! > m) m = a[s0 + s]!;
      } else {
        for (let s = 0; s <= n; s++) if (a[s0 + s]! < m) m = a[s0 + s]!;
      }
      j += m;
    }
    return j;
  }

  /** J = D + sum of filter outputs for a state. */
  private jAt(s: Float64Array): number {
    let j = this.dr[0]!;
    for (let b = 0; b < this.nBanks; b++) j += s[1 + this.bankFirst[b]! + this.bankOrder[b]!]!;
    return j;
  }

  private gatherEvents(i: number, events: EventBuffer): number {
    let n = 0;
    for (let e = this.head[i]!; e !== -1; e = this.next[e]!) n++;
    if (this.evTime.length < n) {
      const cap = Math.max(n, 2 * this.evTime.length);
      this.evTime = new Float64Array(cap);
      this.evSlot = new Int32Array(cap);
      this.evAmount = new Float64Array(cap);
    }
    let c = 0;
    for (let e = this.head[i]!; e !== -1; e = this.next[e]!) {
      // insertion sort by time, stable
      const t = events.time[e]!;
      let p = c;
      while (p > 0 && this.evTime[p - 1]! > t) {
        this.evTime[p] = this.evTime[p - 1]!;
        this.evSlot[p] = this.evSlot[p - 1]!;
        this.evAmount[p] = this.evAmount[p - 1]!;
        p--;
      }
      this.evTime[p] = t;
      this.evSlot[p] = events.slot[e]!;
      this.evAmount[p] = events.amount[e]!;
      c++;
    }
    return n;
  }

  private applyEvent(slot: number, amount: number): void {
    const B = this.nBanks;
    if (slot < B) this.sa[1 + this.bankFirst[slot]!] += amount;
    else if (slot < 2 * B) this.dr[1 + slot - B] += amount;
    else this.dr[0] += amount;
  }

  private snap(t: number): number {
    const k = Math.round(t / this.dt);
    const g = k * this.dt;
    return Math.abs(t - g) <= this.snapTolerance ? g : t;
  }

  /** Load element i's state into sa and its drives into dr. */
  private load(i: number): void {
    const pop = this.pop;
    const sa = this.sa;
    sa[0] = pop.v[i]!;
    for (let s = 0; s < this.nStages; s++) sa[1 + s] = pop.stages[s]![i]!;
    this.dr[0] = pop.bias[i]! + pop.direct[i]!;
    for (let b = 0; b < this.nBanks; b++) {
      const d = this.pop.banks[b]!.drive;
      this.dr[1 + b] = d === null ? 0 : d[i]!;
    }
  }

  /** The general path: segments between events, crossings root-found on the exact trajectory. */
  private slowElement(i: number, t0: number, t1: number, events: EventBuffer): void {
    const pop = this.pop;
    const nEv = this.gatherEvents(i, events);
    this.load(i);
    const tauM = pop.tauM[i]!;
    const vTh = pop.vTh[i]!;
    const vReset = pop.vReset[i]!;
    const tauRef = pop.tauRef[i]!;
    const fullBase = this.uniformTauM ? 0 : i * this.coefLength;
    let ref = pop.refUntil[i]!;
    let t = t0;
    let e = 0;
    let spikes = 0;
    for (;;) {
      while (e < nEv && this.evTime[e]! <= t) {
        this.applyEvent(this.evSlot[e]!, this.evAmount[e]!);
        e++;
      }
      if (t >= t1) break;
      const tEnd = e < nEv ? this.evTime[e]! : t1;
      if (ref > t) {
        const tr = ref < tEnd ? ref : tEnd;
        this.propagateOver(t, tr, t0, t1, tauM, fullBase, true);
        this.sa[0] = vReset;
        t = tr;
        continue;
      }
      if (this.sa[0]! >= vTh) {
        this.emit(i, t, ++spikes);
        this.sa[0] = vReset;
        if (this.selfJump) this.sa[1 + this.bankFirst[this.selfBank]!] += this.selfJump[i]!;
        ref = this.snap(t + tauRef);
        continue;
      }
      const tc = this.integrate(t, tEnd, t0, t1, tauM, vTh, fullBase);
      if (tc >= 0) {
        this.emit(i, tc, ++spikes);
        this.sa[0] = vReset;
        if (this.selfJump) this.sa[1 + this.bankFirst[this.selfBank]!] += this.selfJump[i]!;
        ref = this.snap(tc + tauRef);
        t = tc;
      } else {
        t = tEnd;
      }
    }
    pop.v[i] = this.sa[0]!;
    for (let s = 0; s < this.nStages; s++) pop.stages[s]![i] = this.sa[1 + s]!;
    pop.refUntil[i] = ref;
  }

  private emit(i: number, t: number, count: number): void {
    if (count > MAX_SPIKES_PER_STEP) {
      throw new SimulationError(
        this.pop.id,
        t,
        `element ${i} fires more than ${MAX_SPIKES_PER_STEP} spikes in one step (tauRef = 0 with a huge input?)`,
      );
    }
    this.pop.spikes.push(i, t);
  }

  /** sa -> state at tb (from ta); uses the cached full-step coefficients when [ta,tb] is the step. */
  private propagateOver(
    ta: number,
    tb: number,
    t0: number,
    t1: number,
    tauM: number,
    fullBase: number,
    refractory: boolean,
  ): void {
    if (tb <= ta) return;
    if (ta === t0 && tb === t1)
      this.propagate(this.sa, this.sb, this.fullCoef, fullBase, refractory);
    else {
      this.computeCoef(tb - ta, tauM, this.coefScratch);
      this.propagate(this.sa, this.sb, this.coefScratch, 0, refractory);
    }
    const tmp = this.sa;
    this.sa = this.sb;
    this.sb = tmp;
  }

  /**
   * Free integration of sa from ta to tEnd. Returns the first crossing time (sa = state there) or
   * -1 (sa = state at tEnd).
   */
  private integrate(
    ta: number,
    tEnd: number,
    t0: number,
    t1: number,
    tauM: number,
    vTh: number,
    fullBase: number,
  ): number {
    const stack = this.stack;
    let sp = 0;
    let a = ta;
    let b = tEnd;
    const tiny = Math.max(this.tiny, 4e-16 * Math.abs(tEnd));
    for (;;) {
      let coef: Float64Array;
      let base = 0;
      if (a === t0 && b === t1) {
        coef = this.fullCoef;
        base = fullBase;
      } else {
        coef = this.coefScratch;
        this.computeCoef(b - a, tauM, coef);
      }
      this.propagate(this.sa, this.sb, coef, base, false);
      const em = coef[base]!;
      const vb = this.sb[0]!;
      const bound = this.envelope(this.sa, this.sb, em);
      let excluded = bound < vTh;
      if (!excluded) {
        const monotone = this.jBounds(this.sa, this.sb, false) > bound;
        if (monotone) {
          if (vb >= vTh) return this.rootFind(a, b, tauM, vTh);
          excluded = true;
        } else if (b - a <= tiny) {
          if (vb >= vTh) {
            this.swap();
            return b;
          }
          excluded = true; // grazing: v touches vTh within rounding without crossing
        }
      }
      if (excluded) {
        this.swap();
        if (sp === 0) return -1;
        a = b;
        b = stack[--sp]!;
        continue;
      }
      if (sp < stack.length) stack[sp++] = b;
      b = a + (b - a) / 2;
    }
  }

  private swap(): void {
    const tmp = this.sa;
    this.sa = this.sb;
    this.sb = tmp;
  }

  /** Unique crossing of a monotone segment [a, b] (v(a) < vTh <= v(b)); sa becomes the state there. */
  private rootFind(a: number, b: number, tauM: number, vTh: number): number {
    const coef = this.coefScratch2;
    const sc = this.sc;
    let lo = 0;
    let hi = b - a;
    const flo = this.sa[0]! - vTh;
    const fhi = this.sb[0]! - vTh;
    let u = lo + ((hi - lo) * -flo) / (fhi - flo);
    if (!(u > lo && u < hi)) u = (lo + hi) / 2;
    const tol = Math.max(1e-15 * Math.abs(b), 1e-300);
    for (let iter = 0; iter < 200; iter++) {
      this.computeCoef(u, tauM, coef);
      this.propagate(this.sa, sc, coef, 0, false);
      const f = sc[0]! - vTh;
      if (f >= 0) hi = u;
      else lo = u;
      if (f === 0) break;
      const fp = (this.jAt(sc) - sc[0]!) / tauM;
      let un = u - f / fp;
      if (!(un > lo && un < hi)) un = lo + (hi - lo) / 2;
      const du = Math.abs(un - u);
      u = un;
      if (du <= tol || hi - lo <= tol) break;
    }
    this.computeCoef(u, tauM, coef);
    this.propagate(this.sa, sc, coef, 0, false);
    this.sc = this.sa;
    this.sa = sc;
    return a + u;
  }

  private checkFinite(t: number): void {
    const pop = this.pop;
    for (let i = 0; i < pop.size; i++) {
      if (!Number.isFinite(pop.v[i]!)) {
        throw new SimulationError(pop.id, t, `v of element ${i} is not finite (${pop.v[i]})`);
      }
    }
  }
}

/**
 * Constants of the order-0 fast path for one population, fixed between live edits. Banks a and b
 * are the population's (at most two) order-0 synapse banks; a missing bank has zeros.
 *   em = e^{-dt/tau_m}, ed = 1 - em; e0, e1 = e^{-dt/tau_s} of each bank; q0, q1 = Q_0(dt), the
 *   membrane's response to a unit filter state (shared/models/psc.ts);
 *   ca, cA, cb, cB: the envelope bound around v1 (see stepOrder0Uniform);
 *   invTauA, invTauB, invTauM, dt2over8: for slowBound.
 */
interface Order0Coefficients {
  size: number;
  em: number;
  ed: number;
  e0: number;
  q0: number;
  e1: number;
  q1: number;
  ca: number;
  cA: number;
  cb: number;
  cB: number;
  invTauA: number;
  invTauB: number;
  invTauM: number;
  dt2over8: number;
}

/**
 * One step of the order-0 fast path for every element (see LifKernel.advanceOrder0): writes the
 * new state of each element whose bound excludes a crossing, that has no event in the step and
 * whose refractory period does not end inside it, and lists the others in `slow`. Returns the
 * number listed. Per-element drive d = bias + direct and threshold; tests v >= vTh at the start.
 */
function stepOrder0(
  c: Order0Coefficients,
  t0: number,
  t1: number,
  v: Float64Array,
  x0: Float64Array,
  x1: Float64Array,
  refUntil: Float64Array,
  vTh: Float64Array,
  bias: Float64Array,
  direct: Float64Array,
  head: Int32Array,
  slow: Int32Array,
): number {
  const { size, em, ed, e0, q0, e1, q1, ca, cA, cb, cB } = c;
  let nSlow = 0;
  for (let i = 0; i < size; i++) {
    const ref = refUntil[i]!;
    if (head[i] !== -1) {
      slow[nSlow++] = i;
      continue;
    }
    const xa = x0[i]!;
    const xb = x1[i]!;
    if (ref > t0) {
      if (ref < t1) slow[nSlow++] = i;
      else {
        x0[i] = xa * e0;
        x1[i] = xb * e1;
      }
      continue;
    }
    const vi = v[i]!;
    const d = bias[i]! + direct[i]!;
    const th = vTh[i]!;
    const v1 = em * vi + ed * d + q0 * xa + q1 * xb;
    const bound = v1 + ca * xa + cA * Math.abs(xa) + cb * xb + cB * Math.abs(xb);
    if (vi >= th || bound >= th - 1e-12 * (Math.abs(th) + Math.abs(d))) {
      if (vi >= th || slowBound(c, vi, v1, xa, xb, d) >= th) {
        slow[nSlow++] = i;
        continue;
      }
    }
    v[i] = v1;
    x0[i] = xa * e0;
    x1[i] = xb * e1;
  }
  return nSlow;
}

/**
 * The second, tighter bound of the order-0 fast path, for an element whose envelope bound reaches
 * vTh: v <= max(v0, v1) + max|v''| dt^2 / 8 (the error of linear interpolation, valid because v
 * is smooth on a step without events), with |v''| <= (|J'| + |v'|) / tau_m, |J'| <= |xa|/tau_a +
 * |xb|/tau_b and |v'| <= max|J - v| / tau_m. Returns max(v1, bound), so that the caller's one
 * comparison with vTh also sends an element whose end value v1 reaches vTh to the general path.
 */
function slowBound(
  c: Order0Coefficients,
  vi: number,
  v1: number,
  xa: number,
  xb: number,
  d: number,
): number {
  const em = c.em;
  const xa1 = xa * c.e0;
  const xb1 = xb * c.e1;
  const jmax = d + (xa > xa1 ? xa : xa1) + (xb > xb1 ? xb : xb1);
  const jmin = d + (xa < xa1 ? xa : xa1) + (xb < xb1 ? xb : xb1);
  const top = vi >= jmax ? vi : jmax + (vi - jmax) * em;
  const vLow = vi <= jmin ? vi : jmin + (vi - jmin) * em;
  const g1 = jmax - vLow;
  const g2 = top - jmin;
  const gmax = g1 > g2 ? g1 : g2;
  const c2 = (Math.abs(xa) * c.invTauA + Math.abs(xb) * c.invTauB + gmax * c.invTauM) * c.invTauM;
  const b2 = (vi > v1 ? vi : v1) + c2 * c.dt2over8 * (1 + 1e-12) + 1e-15;
  return v1 > b2 ? v1 : b2;
}

/**
 * stepOrder0 for a uniform, static drive d and threshold vTh, with no events in the step, in a
 * step that starts with every v below vTh. The envelope bound of the file comment is written
 * around v1 so that it costs four products and no branch:
 *   jmax = d + max(xa, xa e0) + max(xb, xb e1), max(x, x e) = x (1 + e)/2 + |x| (1 - e)/2,
 *   bound = em vi + ed jmax = v1 + ca xa + cA |xa| + cb xb + cB |xb|,
 * and bound < vTh excludes a crossing (rounding is covered by `thr`). The envelope is an upper
 * bound only while vi < vTh: that holds at the start of every step except the first and the first
 * after a live edit, and the kernel uses stepOrder0, which tests vi, for those.
 */
function stepOrder0Uniform(
  c: Order0Coefficients,
  t0: number,
  t1: number,
  v: Float64Array,
  x0: Float64Array,
  x1: Float64Array,
  refUntil: Float64Array,
  vTh: number,
  d: number,
  slow: Int32Array,
): number {
  const { size, em, ed, e0, q0, e1, q1, ca, cA, cb, cB } = c;
  const dd = ed * d;
  const thr = vTh - 1e-12 * (Math.abs(vTh) + Math.abs(d));
  let nSlow = 0;
  for (let i = 0; i < size; i++) {
    const ref = refUntil[i]!;
    const xa = x0[i]!;
    const xb = x1[i]!;
    if (ref > t0) {
      if (ref < t1) slow[nSlow++] = i;
      else {
        x0[i] = xa * e0;
        x1[i] = xb * e1;
      }
      continue;
    }
    const vi = v[i]!;
    const v1 = em * vi + dd + q0 * xa + q1 * xb;
    if (v1 + ca * xa + cA * Math.abs(xa) + cb * xb + cB * Math.abs(xb) >= thr) {
      if (slowBound(c, vi, v1, xa, xb, d) >= vTh) {
        slow[nSlow++] = i;
        continue;
      }
    }
    v[i] = v1;
    x0[i] = xa * e0;
    x1[i] = xb * e1;
  }
  return nSlow;
}
