/**
 * The activation functions of notes 1.2.3: sigma(z) for rate units.
 * Per neuron: logistic, arctan, tanh, threshold, relu. Across a population: softmax (stable: the
 * population's max is subtracted before exponentiating) and onehot (1 where z_i equals the max;
 * ties give several ones, as the notes' formula says). All are dimensionless.
 */

/** Per-neuron activations. */
export const SINGLE_ACTIVATIONS = ['logistic', 'arctan', 'tanh', 'threshold', 'relu'] as const;
/** Population-wide activations (need more than one element to be interesting). */
export const POPULATION_ACTIVATIONS = ['softmax', 'onehot'] as const;
/** Every `activation` of the file. */
export const ACTIVATIONS = [...SINGLE_ACTIVATIONS, ...POPULATION_ACTIVATIONS] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const DEFAULT_ACTIVATION: Activation = 'logistic';

/** softmax and onehot: they act across a population's elements. */
export function isPopulationActivation(activation: unknown): boolean {
  return (POPULATION_ACTIVATIONS as readonly unknown[]).includes(activation);
}

/** Activation codes used by the kernels (no strings in the step loop). */
export const ACTIVATION_CODE: Record<Activation, number> = {
  logistic: 0,
  arctan: 1,
  tanh: 2,
  threshold: 3,
  relu: 4,
  softmax: 5,
  onehot: 6,
};

/** A per-neuron activation by code (0..4). */
export function activate(code: number, z: number): number {
  switch (code) {
    case 0:
      // 1/(1+e^-z), written so that neither branch overflows
      if (z >= 0) return 1 / (1 + Math.exp(-z));
      else {
        const e = Math.exp(z);
        return e / (1 + e);
      }
    case 1:
      return Math.atan(z);
    case 2:
      return Math.tanh(z);
    case 3:
      return z >= 0 ? 1 : 0;
    case 4:
      return z > 0 ? z : 0;
    default:
      return NaN;
  }
}

/** Softmax of z[0..n) into out, computed stably (max subtracted). */
export function softmax(z: Float64Array, out: Float64Array, n: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(z[i]! - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
}

/** One-hot of z[0..n) into out: 1 where z_i equals the max (ties give several ones). */
export function onehot(z: Float64Array, out: Float64Array, n: number): void {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i]! > max) max = z[i]!;
  for (let i = 0; i < n; i++) out[i] = z[i] === max ? 1 : 0;
}
