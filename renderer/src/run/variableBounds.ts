/**
 * The range a recorded variable cannot leave, when it has one: a gate is a probability (0 to 1), a
 * rate unit's activity y is its activation's range (ReLU never below 0, logistic and softmax 0 to
 * 1, tanh -1 to 1). A population chart clamps its mean ± SD band to it: the band is a summary, and
 * a band below 0 for a quantity that cannot be negative says something false. Voltages, inputs
 * (J, s) and the linear parts have no bound here.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { DEFAULT_ACTIVATION } from '../../../shared/models/activations';

export interface VariableBounds {
  lo?: number;
  hi?: number;
}

const ACTIVATION_BOUNDS: Record<string, VariableBounds> = {
  logistic: { lo: 0, hi: 1 },
  arctan: { lo: -Math.PI / 2, hi: Math.PI / 2 },
  tanh: { lo: -1, hi: 1 },
  threshold: { lo: 0, hi: 1 },
  relu: { lo: 0 },
  softmax: { lo: 0, hi: 1 },
  onehot: { lo: 0, hi: 1 },
};

/** The bounds of `variable` recorded on node `nodeId` ({} when it has none). */
export function variableBounds(
  doc: NetworkDocument,
  nodeId: string,
  variable: string,
): VariableBounds {
  if (variable === 'm' || variable === 'h' || variable === 'n') return { lo: 0, hi: 1 };
  if (variable === 'rate') return { lo: 0 };
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (variable === 'y' && node) {
    const activation = (node as { activation?: string }).activation ?? DEFAULT_ACTIVATION;
    return ACTIVATION_BOUNDS[activation] ?? {};
  }
  return {};
}
