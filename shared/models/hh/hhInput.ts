/**
 * The exact input current of HH elements inside one network step, for advanceHh's Runge-Kutta
 * stages: J(t) is never held constant or averaged over the step.
 *
 * Each element's input is J = D + sum_b x_{b,n_b}, D the unfiltered continuous input and x_{b,k}
 * the stages of PSC filter bank b (order n_b, time constant tau_b, drive c_b into stage 0; docs/format.md#edges,
 * notes 1.3.2). Between events the banks are linear with constant drive, so with a = (s - s0)/tau_b
 * measured from the last event s0:
 *   x_{b,k}(s) = c_b + e^{-a} sum_{j<=k} (x_{b,j}(s0) - c_b) a^{k-j} / (k-j)!
 *   J(s)       = D + sum_b c_b + sum_b e^{-a} sum_{m<=n_b} g_{b,m} a^m,  g_{b,m} = (x_{b,n_b-m}(s0) - c_b) / m!
 * Events inside the step, each at its exact time: a spike arrival adds w/tau_s to x_{b,0} (J stays
 * continuous for n_b >= 1 and jumps for n_b = 0), an input switch changes c_b or D. At an event
 * the stages are evolved to it exactly, the event applied, and the expansion re-based there;
 * advanceHh ends its Runge-Kutta sub-step at every event of the element, so no sub-step straddles a
 * jump.
 *
 * Units: times in ms from the start of the step (advanceHh's clock), tau in ms; x, c, D in the
 * target's J unit (uA/cm^2). The engine fills the per-step arrays; this object only reads them.
 * No allocation per step or per element.
 */
export class HhInput {
  readonly banks: number;
  readonly stagesPerElement: number;
  readonly order: Int32Array;
  readonly first: Int32Array;
  /** 1 / tau_b in 1/ms (the engine refreshes it each step: tauS can be edited live). */
  readonly invTauMs: Float64Array;

  // ---- per step, filled by the engine (element-major)
  /** x at the step start: state[i * S + first_b + k]. */
  state: Float64Array;
  /** c_b at the step start: drive[i * B + b]. */
  drive: Float64Array;
  /** D at the step start (bias excluded). */
  direct: Float64Array;
  /** Events of element i: evPtr[i] .. evPtr[i + 1] - 1, in time order. */
  evPtr: Int32Array;
  evTimeMs: Float64Array = new Float64Array(16);
  /** Slot: b < B a spike into bank b (amount into x_{b,0}); B + b a change of c_b; 2B a change of D. */
  evSlot: Int32Array = new Int32Array(16);
  evAmount: Float64Array = new Float64Array(16);

  // ---- the element being integrated
  private readonly x: Float64Array;
  private readonly c: Float64Array;
  private readonly g: Float64Array;
  private d = 0;
  private s0 = 0;
  private constant = 0;
  private ev = 0;
  private evEnd = 0;

  constructor(
    size: number,
    order: ArrayLike<number>,
    first: ArrayLike<number>,
    tauS: ArrayLike<number>,
  ) {
    const B = order.length;
    this.banks = B;
    this.order = Int32Array.from(order);
    this.first = Int32Array.from(first);
    this.invTauMs = Float64Array.from(tauS, (t) => 1 / (t * 1000));
    let S = 0;
    for (let b = 0; b < B; b++) S = Math.max(S, this.first[b]! + this.order[b]! + 1);
    this.stagesPerElement = S;
    this.state = new Float64Array(size * S);
    this.drive = new Float64Array(size * B);
    this.direct = new Float64Array(size);
    this.evPtr = new Int32Array(size + 1);
    this.x = new Float64Array(S);
    this.c = new Float64Array(B);
    this.g = new Float64Array(S);
  }

  /** Room for `count` events this step. */
  reserveEvents(count: number): void {
    if (this.evTimeMs.length >= count) return;
    const cap = Math.max(count, 2 * this.evTimeMs.length);
    this.evTimeMs = new Float64Array(cap);
    this.evSlot = new Int32Array(cap);
    this.evAmount = new Float64Array(cap);
  }

  /**
   * Load element i at the step start. Returns false when its J is constant over the step (no bank
   * away from its steady state and no event): advanceHh then takes its constant-input path with
   * J = jAt(0) = D + sum of the drives.
   */
  begin(i: number): boolean {
    const S = this.stagesPerElement;
    const B = this.banks;
    this.d = this.direct[i]!;
    for (let s = 0; s < S; s++) this.x[s] = this.state[i * S + s]!;
    for (let b = 0; b < B; b++) this.c[b] = this.drive[i * B + b]!;
    this.ev = this.evPtr[i]!;
    this.evEnd = this.evPtr[i + 1]!;
    this.s0 = 0;
    this.rebase();
    if (this.ev < this.evEnd) return true;
    for (let s = 0; s < S; s++) if (this.g[s] !== 0) return true;
    return false;
  }

  /** Time (ms from the step start) of the element's next event, or Infinity. */
  nextEventMs(): number {
    return this.ev < this.evEnd ? this.evTimeMs[this.ev]! : Infinity;
  }

  /** J(s), s in ms from the step start, s >= the last event. */
  jAt(s: number): number {
    let j = this.constant;
    const ds = s - this.s0;
    for (let b = 0; b < this.banks; b++) {
      const a = ds * this.invTauMs[b]!;
      const n = this.order[b]!;
      const o = this.first[b]!;
      // Horner in a: g_0 + a (g_1 + a (g_2 + ...))
      let p = this.g[o + n]!;
      for (let m = n - 1; m >= 0; m--) p = p * a + this.g[o + m]!;
      j += p * Math.exp(-a);
    }
    return j;
  }

  /** Evolve the stages to time s (ms), apply every event at s, and re-base the expansion there. */
  applyEventsAt(s: number): void {
    const ds = s - this.s0;
    for (let b = 0; b < this.banks; b++) {
      const a = ds * this.invTauMs[b]!;
      const n = this.order[b]!;
      const o = this.first[b]!;
      const ea = Math.exp(-a);
      const cb = this.c[b]!;
      // x_k(s) = c + e^{-a} sum_{j<=k} (x_j - c) a^{k-j}/(k-j)!, highest k first (reads lower j)
      for (let k = n; k >= 0; k--) {
        let sum = 0;
        let term = 1;
        for (let j = k; j >= 0; j--) {
          sum += (this.x[o + j]! - cb) * term;
          term = (term * a) / (k - j + 1);
        }
        this.x[o + k] = cb + ea * sum;
      }
    }
    const B = this.banks;
    while (this.ev < this.evEnd && this.evTimeMs[this.ev]! <= s) {
      const slot = this.evSlot[this.ev]!;
      const amount = this.evAmount[this.ev]!;
      if (slot < B) this.x[this.first[slot]!] += amount;
      else if (slot < 2 * B) this.c[slot - B] += amount;
      else this.d += amount;
      this.ev++;
    }
    this.s0 = s;
    this.rebase();
  }

  /** g and the constant term from x, c, D at s0. */
  private rebase(): void {
    let constant = this.d;
    for (let b = 0; b < this.banks; b++) {
      const n = this.order[b]!;
      const o = this.first[b]!;
      const cb = this.c[b]!;
      constant += cb;
      let inv = 1;
      for (let m = 0; m <= n; m++) {
        if (m > 0) inv /= m;
        this.g[o + m] = (this.x[o + n - m]! - cb) * inv;
      }
    }
    this.constant = constant;
  }
}
