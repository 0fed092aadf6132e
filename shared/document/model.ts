/**
 * The `.neuro` network document (docs/format.md), as TypeScript types.
 *
 * The types are inferred from the zod schema in schema.ts (the one source of truth of the format);
 * this module keeps the names every layer imports. Units are those of the file: seconds for every
 * time, hertz for rates, dimensionless LIF voltage, HH in mV / uA/cm^2 / mS/cm^2 / uF/cm^2.
 *
 * Every object may carry unknown keys (preserved on load/save, never read by the simulator), hence
 * the index signatures on the inferred object types.
 */
export { FORMAT_NAME, FORMAT_VERSION } from './schema';
export type {
  Activation,
  BiasNode,
  ConstantSignal,
  ContinuousSignal,
  Edge,
  IdentityWeights,
  InputNode,
  LayoutPosition,
  NetworkDocument,
  NetworkNode,
  NeuronModel,
  NeuronNode,
  NodeKind,
  NoiseSignal,
  NormalInit,
  NormalWeights,
  ParamValue,
  PoissonSignal,
  PopulationNode,
  Probe,
  ProbeVariable,
  PulseSignal,
  RandomInit,
  Signal,
  SignalNumber,
  SimulationSettings,
  SineSignal,
  SparseWeights,
  SpikeSignal,
  SpikesSignal,
  StepSignal,
  Synapse,
  UniformInit,
  UniformWeights,
  Weight,
  WeightGenerator,
} from './schema';
