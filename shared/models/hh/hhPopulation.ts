/**
 * Struct-of-arrays state of a group of Hodgkin-Huxley neurons (`model: "hh"`, docs/format.md#params-of-model-hh), the data
 * `advanceHh` steps in place. Units are the file's: mV, uF/cm^2, mS/cm^2, uA/cm^2; the integrator's
 * carried step size is in ms (the unit of the equations).
 */
import { hhSteadyState } from './hhRates';
import { HH_DEFAULTS } from './params';

/** A param: one value shared by every element, or one value per element (length = size). */
export type HhParamValue = number | Float64Array;

/** HH params (docs/format.md#params-of-model-hh); each is optional (default in `HH_DEFAULTS`). */
export interface HhParams {
  /** Membrane capacitance, uF/cm^2 (> 0). */
  C?: HhParamValue;
  /** Maximum sodium conductance, mS/cm^2. */
  gNa?: HhParamValue;
  /** Maximum potassium conductance, mS/cm^2. */
  gK?: HhParamValue;
  /** Leak conductance, mS/cm^2. */
  gL?: HhParamValue;
  /** Sodium reversal potential, mV. */
  ENa?: HhParamValue;
  /** Potassium reversal potential, mV. */
  EK?: HhParamValue;
  /** Leak reversal potential, mV. */
  EL?: HhParamValue;
  /** Initial membrane voltage, mV; the gates start at their steady state for it. */
  V0?: HhParamValue;
  /** A spike is V crossing this upwards, mV. */
  spikeThreshold?: HhParamValue;
  /** Constant current density added to the input J, uA/cm^2. */
  bias?: HhParamValue;
}

/**
 * The state and params of `size` HH neurons. The engine may read `V`, `m`, `h`, `n` at any time
 * (probes) and may change `bias` (or any param) between calls; after writing anything other than
 * `bias` or `spikeThreshold`, call `invalidateHhDerivatives` (the kernel caches each element's
 * last derivative).
 */
export interface HhPopulation {
  readonly size: number;
  /** Membrane voltage, mV. */
  readonly V: Float64Array;
  /** Sodium activation gate. */
  readonly m: Float64Array;
  /** Sodium inactivation gate. */
  readonly h: Float64Array;
  /** Potassium activation gate. */
  readonly n: Float64Array;
  readonly C: Float64Array;
  readonly gNa: Float64Array;
  readonly gK: Float64Array;
  readonly gL: Float64Array;
  readonly ENa: Float64Array;
  readonly EK: Float64Array;
  readonly EL: Float64Array;
  readonly spikeThreshold: Float64Array;
  readonly bias: Float64Array;
  /** Adaptive step size carried across calls, ms. */
  readonly stepMs: Float64Array;
  /**
   * Derivative at the current state without the input term (FSAL cache of the Runge-Kutta pair):
   * dV/dt + J/C, dm/dt, dh/dt, dn/dt, interleaved, 4 per element.
   */
  readonly derivative: Float64Array;
  /** False when `derivative` must be recomputed before the next step. */
  derivativeFresh: boolean;
  /**
   * Local error tolerance on V per sub-step, mV (gates: this / 100). The default meets the accuracy
   * target with a wide margin (docs/decisions/0004-hh-integrator.md); lower is more accurate.
   */
  toleranceMv: number;
  /** Accepted sub-steps so far, all elements (statistics). */
  acceptedSteps: number;
  /** Rejected sub-steps so far, all elements (statistics). */
  rejectedSteps: number;
}

/** Default local error tolerance on V per sub-step, mV. See docs/decisions/0004-hh-integrator.md. */
export const HH_TOLERANCE_MV = 1e-2;

/** First trial step, ms: the controller grows or shrinks it within the first call. */
const INITIAL_STEP_MS = 0.02;

function expand(size: number, value: HhParamValue | undefined, fallback: number): Float64Array {
  const out = new Float64Array(size);
  if (value === undefined) out.fill(fallback);
  else if (typeof value === 'number') out.fill(value);
  else {
    if (value.length !== size) {
      throw new RangeError(`HH param array has length ${value.length}, expected ${size}`);
    }
    out.set(value);
  }
  return out;
}

/**
 * Create `size` HH neurons from `params` (a number per param, or a Float64Array of length `size`;
 * arrays are copied), V at V0 and each gate at its steady state for V0. Validation of values (C > 0,
 * conductances >= 0) is the document layer's job; this only checks array lengths.
 */
export function createHhPopulation(size: number, params: HhParams = {}): HhPopulation {
  const d = HH_DEFAULTS;
  const V = expand(size, params.V0, d.V0);
  const m = new Float64Array(size);
  const h = new Float64Array(size);
  const n = new Float64Array(size);
  const steady = hhSteadyState(0);
  for (let i = 0; i < size; i++) {
    hhSteadyState(V[i], steady);
    m[i] = steady.mInf;
    h[i] = steady.hInf;
    n[i] = steady.nInf;
  }
  return {
    size,
    V,
    m,
    h,
    n,
    C: expand(size, params.C, d.C),
    gNa: expand(size, params.gNa, d.gNa),
    gK: expand(size, params.gK, d.gK),
    gL: expand(size, params.gL, d.gL),
    ENa: expand(size, params.ENa, d.ENa),
    EK: expand(size, params.EK, d.EK),
    EL: expand(size, params.EL, d.EL),
    spikeThreshold: expand(size, params.spikeThreshold, d.spikeThreshold),
    bias: expand(size, params.bias, d.bias),
    stepMs: new Float64Array(size).fill(INITIAL_STEP_MS),
    derivative: new Float64Array(4 * size),
    derivativeFresh: false,
    toleranceMv: HH_TOLERANCE_MV,
    acceptedSteps: 0,
    rejectedSteps: 0,
  };
}

/** Tell the kernel that state (V, m, h, n) or a conductance, reversal potential or C changed. */
export function invalidateHhDerivatives(pop: HhPopulation): void {
  pop.derivativeFresh = false;
}
