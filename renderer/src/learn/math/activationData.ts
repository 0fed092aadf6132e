/**
 * Data of the activation view (notes 1.2.3): the five per-neuron activations against z, and
 * softmax and one-hot of a vector, computed by the simulator's own functions.
 */
import { ACTIVATION_CODE, activate, onehot, softmax } from '../../../../shared/models/activations';

export const SINGLE_ACTIVATION_NAMES = ['logistic', 'arctan', 'tanh', 'threshold', 'relu'] as const;
export type SingleActivationName = (typeof SINGLE_ACTIVATION_NAMES)[number];

export function activation(name: SingleActivationName, z: number): number {
  return activate(ACTIVATION_CODE[name], z);
}

/** Each activation on z = -5 .. 5 in steps of 0.05. */
export function activationCurves(): {
  z: number[];
  values: Record<SingleActivationName, number[]>;
} {
  const z: number[] = [];
  for (let k = -100; k <= 100; k++) z.push(k / 20);
  const values = Object.fromEntries(
    SINGLE_ACTIVATION_NAMES.map((name) => [name, z.map((x) => activation(name, x))]),
  ) as Record<SingleActivationName, number[]>;
  return { z, values };
}

/** Parses "1, 2.5 -1" into numbers; null when any entry is not a number or the list is empty. */
export function parseVector(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0 || parts.length > 50) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

export function softmaxOf(z: number[]): number[] {
  const out = new Float64Array(z.length);
  softmax(Float64Array.from(z), out, z.length);
  return Array.from(out);
}

export function onehotOf(z: number[]): number[] {
  const out = new Float64Array(z.length);
  onehot(Float64Array.from(z), out, z.length);
  return Array.from(out);
}
