/** The Hodgkin-Huxley model: rate functions, population state and the integrator (README.md). */
export { hhRates, hhSteadyState } from './hhRates';
export type { HhRates, HhSteadyState } from './hhRates';
export {
  createHhPopulation,
  invalidateHhDerivatives,
  HH_DEFAULTS,
  HH_TOLERANCE_MV,
} from './hhPopulation';
export type { HhParams, HhParamValue, HhPopulation } from './hhPopulation';
export { advanceHh, hhRightHandSide, HH_MAX_STEP_MS } from './advanceHh';
export type { HhSpikeSink } from './advanceHh';
