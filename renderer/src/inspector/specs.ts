/**
 * The field specs and fixed lists the inspector's panels share that the param registry
 * (shared/models/paramSpecs.ts) does not hold: a node's size, a random quantity's seed, a scope's
 * every, a connection rule's p and k, the signal types' names and the synapse presets.
 */
import type { Signal } from '../../../shared/document/model';
import type { ParamSpec } from '../../../shared/models/paramSpec';

export const SYNAPSE_PRESETS: { label: string; synapse: { tauS: number; n: number } }[] = [
  // the notes' (1.3.2) fast and slow synapses: ~10 ms and ~300 ms
  { label: 'AMPA-like, fast (τs 10 ms, n 0)', synapse: { tauS: 0.01, n: 0 } },
  { label: 'NMDA-like, slow (τs 300 ms, n 1)', synapse: { tauS: 0.3, n: 1 } },
];

export const SIGNAL_LABELS: Record<Signal['type'], string> = {
  constant: 'constant',
  step: 'steps',
  pulse: 'pulse',
  sine: 'sine',
  noise: 'noise (Ornstein-Uhlenbeck)',
  spikes: 'spike times',
  poisson: 'Poisson spikes',
};

export const SEED_SPEC: ParamSpec = {
  name: 'seed',
  unit: '1',
  default: 0,
  min: 0,
  integer: true,
  meaning: 'own seed of this random quantity (empty: derived from the simulation seed)',
};
export const SIZE_SPEC: ParamSpec = {
  name: 'size',
  unit: '1',
  default: 1,
  min: 1,
  integer: true,
  meaning: 'number of elements',
};
export const EVERY_SPEC: ParamSpec = {
  name: 'every',
  unit: '1',
  default: 1,
  min: 1,
  integer: true,
  meaning: 'record every this many steps',
};

export const RULE_P_SPEC: ParamSpec = {
  name: 'p',
  unit: '',
  default: 0.1,
  min: 0,
  max: 1,
  meaning: 'each source-target pair is connected independently with this probability',
};
export const RULE_K_SPEC: ParamSpec = {
  name: 'k',
  unit: '',
  default: 10,
  min: 0,
  meaning: 'the expected number of source elements each target element receives (p = k / N)',
};
