import { defaultsOf, type ParamSpec } from '../paramSpec';

/** Params of the notes' Hodgkin-Huxley neuron (docs/format.md#params-of-model-hh). */
export const HH_PARAMS: readonly ParamSpec[] = [
  {
    name: 'C',
    unit: 'uF/cm^2',
    default: 1,
    min: 0,
    exclusiveMin: true,
    meaning: 'membrane capacitance',
  },
  { name: 'gNa', unit: 'mS/cm^2', default: 120, min: 0, meaning: 'maximum sodium conductance' },
  { name: 'gK', unit: 'mS/cm^2', default: 36, min: 0, meaning: 'maximum potassium conductance' },
  { name: 'gL', unit: 'mS/cm^2', default: 0.3, min: 0, meaning: 'leak conductance' },
  { name: 'ENa', unit: 'mV', default: 50, meaning: 'sodium reversal (zero-current) potential' },
  { name: 'EK', unit: 'mV', default: -77, meaning: 'potassium reversal (zero-current) potential' },
  { name: 'EL', unit: 'mV', default: -54.387, meaning: 'leak reversal potential' },
  {
    name: 'V0',
    unit: 'mV',
    default: -65,
    meaning: 'initial membrane voltage (gates start at their steady state)',
  },
  { name: 'spikeThreshold', unit: 'mV', default: 0, meaning: 'a spike is V crossing this upwards' },
  { name: 'bias', unit: 'uA/cm^2', default: 0, meaning: 'constant current density added to J' },
];

/** The HH defaults by name, derived from the specs (with these the true rest is -64.996 mV). */
export const HH_DEFAULTS = defaultsOf(HH_PARAMS) as Readonly<{
  C: number;
  gNa: number;
  gK: number;
  gL: number;
  ENa: number;
  EK: number;
  EL: number;
  V0: number;
  spikeThreshold: number;
  bias: number;
}>;
