import { defaultsOf, ms, type ParamSpec } from '../paramSpec';

/** Params of the notes' LIF neuron (docs/format.md#params-of-model-lif). */
export const LIF_PARAMS: readonly ParamSpec[] = [
  {
    name: 'tauM',
    unit: 's',
    default: 0.02,
    min: 0,
    exclusiveMin: true,
    ...ms,
    meaning: 'membrane time constant tau_m',
  },
  {
    name: 'tauRef',
    unit: 's',
    default: 0.002,
    min: 0,
    ...ms,
    meaning: 'refractory period: v is held at vReset this long after a spike',
  },
  {
    name: 'vTh',
    unit: '1',
    default: 1,
    relation: '> vReset',
    meaning: 'threshold: a spike when v reaches it (must be above vReset)',
  },
  { name: 'vReset', unit: '1', default: 0, meaning: 'v right after a spike' },
  { name: 'v0', unit: '1', default: 0, meaning: 'initial v; v0 >= vTh spikes at t = 0' },
  { name: 'bias', unit: '1', default: 0, meaning: 'constant added to the input J' },
];

/** The LIF defaults by name (derived from the specs). */
export const LIF_DEFAULTS = defaultsOf(LIF_PARAMS) as {
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
  v0: number;
  bias: number;
};

/** The cross-param rule of LIF-like models: vReset below vTh, per element. */
export function thresholdProblem(
  params: Readonly<Record<string, Float64Array>>,
  size: number,
): { param: string; message: string } | null {
  const vTh = params['vTh']!;
  const vReset = params['vReset']!;
  for (let i = 0; i < size; i++) {
    if (!(vReset[i]! < vTh[i]!)) {
      return {
        param: 'vReset',
        message: `${size > 1 ? `element ${i}: ` : ''}vReset (${vReset[i]}) must be below vTh (${vTh[i]})`,
      };
    }
  }
  return null;
}
