/**
 * PSC filter banks of targets without a threshold (rate units, HH neurons): exact propagation by
 * superposition. With no spike to locate, a spike arriving at t_a inside a step only needs its
 * exact contribution at the step end, x_{b,k}(t1) += (w/tau) E_k((t1 - t_a)/tau) (psc.ts). HH
 * neurons see the filter output inside the step through hh/hhInput.ts.
 * Units: seconds; x in the target's J units.
 */
import type { BankCoefficientsLike, NeuronCore } from './neuron';
import { filterPropagator, filterStepResponse } from './psc';

const MAX_ORDER = 10;

/** Exact full-interval coefficients of one bank: E[0..n] and F[0..n]. */
export class BankCoefficients implements BankCoefficientsLike {
  readonly e = new Float64Array(MAX_ORDER + 1);
  readonly f = new Float64Array(MAX_ORDER + 1);
  set(u: number, tau: number, order: number): void {
    filterPropagator(u / tau, order, this.e, 0);
    filterStepResponse(u / tau, order, this.f, 0);
  }
}

const scratch = new BankCoefficients();

/** Propagate every bank of `target` over an interval with the given per-bank coefficients. */
export function propagateBanks(target: NeuronCore, coefs: readonly BankCoefficientsLike[]): void {
  const size = target.size;
  for (let b = 0; b < target.banks.length; b++) {
    const bank = target.banks[b]!;
    const c = coefs[b]!;
    const n = bank.order;
    const e = c.e;
    const f = c.f;
    const drive = bank.drive;
    for (let k = n; k >= 0; k--) {
      const xk = target.stages[bank.first + k]!;
      for (let i = 0; i < size; i++) {
        let x = drive ? f[k]! * drive[i]! : 0;
        for (let j = 0; j <= k; j++) x += e[k - j]! * target.stages[bank.first + j]![i]!;
        xk[i] = x;
      }
    }
  }
}

/** Add an impulse of `amount` into stage 0 of `bank` that entered `r` seconds before the interval end. */
export function addImpulse(
  target: NeuronCore,
  bankIndex: number,
  elem: number,
  amount: number,
  r: number,
): void {
  const bank = target.banks[bankIndex]!;
  scratch.set(r, bank.tauS, bank.order);
  for (let k = 0; k <= bank.order; k++)
    target.stages[bank.first + k]![elem] += amount * scratch.e[k]!;
}
