/**
 * The `.neuro` network document (spec sections 2-6) as a zod schema: the one source of truth of the
 * format's shape. The TypeScript types (re-exported by model.ts), the shipped JSON Schema
 * (docs/format/network.schema.json) and the shape half of validation all come from here.
 *
 * What lives here: the shape (which keys, which types, which kinds) and every constraint that does
 * not depend on another field (tauS > 0, n a whole number 0..10, dt > 0, a signal's width > 0...),
 * taken from the param registry (shared/models/paramSpecs.ts). What does not: constraints that
 * depend on other fields (a model's params, matrix shapes against node sizes, ids that must exist,
 * vTh > vReset); validateDocument.ts checks those on the same document.
 *
 * Every object is loose: unknown keys are accepted and preserved (a newer program's data survives an
 * older one). Nothing here transforms or defaults a value: a parsed document is the file as written,
 * defaults are applied by the engine from the param registry.
 *
 * Units are those of the file: seconds for every time, hertz for rates, dimensionless LIF voltage,
 * HH in mV / uA/cm^2 / mS/cm^2 / uF/cm^2.
 */
import { z } from 'zod';
import { ACTIVATIONS } from '../models/activations';
import type { ParamSpec } from '../models/paramSpec';
import { ALL_PROBE_VARIABLES, MODEL_IDS } from '../models/registry';
import { EDGE_DELAY, SIGNAL_FIELDS, SIMULATION_PARAMS, SYNAPSE_PARAMS } from '../models/paramSpecs';

/** The `format` value of every network file. */
export const FORMAT_NAME = 'neurosketch-network';
/** The format version this program writes (and the newest it reads). */
export const FORMAT_VERSION = 1;

/** Largest `size` of one node. Bigger is refused before anything is allocated (see limits.ts). */
export const MAX_NODE_SIZE = 10_000_000;

/** `[A-Za-z_][A-Za-z0-9_-]*`: ids of nodes, edges and probes (docs/format.md#document). */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function describeSpec(spec: ParamSpec): string {
  const unit = spec.unit === '1' ? 'dimensionless' : spec.unit;
  return `${spec.meaning} (${unit}, default ${spec.default})`;
}

/** A number carrying a registry entry's bounds and description (so the JSON Schema has them too). */
function specNumber(spec: ParamSpec) {
  let schema = z.number();
  if (spec.integer) schema = schema.int();
  if (spec.min !== undefined)
    schema = spec.exclusiveMin ? schema.gt(spec.min) : schema.gte(spec.min);
  if (spec.max !== undefined) schema = schema.lte(spec.max);
  return schema.meta({ description: describeSpec(spec) });
}

function findSpec(specs: readonly ParamSpec[], name: string): ParamSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new Error(`param registry has no "${name}"`);
  return spec;
}

function signalSpec(type: string, name: string): ParamSpec {
  return findSpec(SIGNAL_FIELDS[type] ?? [], name);
}

const SEED_DESCRIPTION =
  'own seed of this random quantity (a whole number >= 0); default: derived from simulation.seed';
const seed = z.number().int().gte(0).lte(Number.MAX_SAFE_INTEGER);
const seedField = seed.meta({ description: SEED_DESCRIPTION });

// ---------------------------------------------------------------------------------------------
// Population param draws (docs/format.md#nodes)

export const UniformInitSchema = z.looseObject({
  init: z.literal('uniform'),
  low: z.number(),
  high: z.number(),
  seed: seedField.optional(),
});
export const NormalInitSchema = z.looseObject({
  init: z.literal('normal'),
  mean: z.number(),
  std: z.number().gte(0),
  seed: seedField.optional(),
});
export const RandomInitSchema = z.discriminatedUnion('init', [UniformInitSchema, NormalInitSchema]);

/** A population param: shared value, one value per element, or a per-element draw. */
export const ParamValueSchema = z.union([z.number(), z.array(z.number()), RandomInitSchema], {
  error:
    'must be a number, an array with one number per element, or a draw such as {"init":"uniform","low":0,"high":1}',
});

// ---------------------------------------------------------------------------------------------
// Neurons and populations (docs/format.md#nodes)

export const NeuronModelSchema = z.enum(MODEL_IDS);
export const ActivationSchema = z.enum(ACTIVATIONS);

const id = z.string().regex(ID_PATTERN);
const label = z.string();

export const NeuronNodeSchema = z
  .looseObject({
    id,
    kind: z.literal('neuron'),
    model: NeuronModelSchema,
    /** Rate model only (default logistic). */
    activation: ActivationSchema.optional(),
    label: label.optional(),
    params: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'NeuronNode', description: 'one neuron of a model (docs/format.md#nodes)' });

export const PopulationNodeSchema = z
  .looseObject({
    id,
    kind: z.literal('population'),
    size: z.number().int().gte(1).lte(MAX_NODE_SIZE),
    model: NeuronModelSchema,
    activation: ActivationSchema.optional(),
    label: label.optional(),
    params: z.record(z.string(), ParamValueSchema).optional(),
  })
  .meta({
    id: 'PopulationNode',
    description: '`size` neurons of one model (docs/format.md#nodes)',
  });

export const BiasNodeSchema = z
  .looseObject({
    id,
    kind: z.literal('bias'),
    label: label.optional(),
  })
  .meta({ id: 'BiasNode', description: 'outputs the constant 1 (docs/format.md#nodes)' });

// ---------------------------------------------------------------------------------------------
// Input signals (docs/format.md#signals)

/** A numeric signal field: one value for every element, or one per element. */
function signalNumber(spec?: ParamSpec) {
  const element = spec ? specNumber(spec) : z.number();
  return z.union([element, z.array(element)], {
    error: 'must be a number, or an array with one number per element of the input',
  });
}

export const SignalNumberSchema = signalNumber();

export const ConstantSignalSchema = z.looseObject({
  type: z.literal('constant'),
  value: signalNumber(signalSpec('constant', 'value')),
});
export const StepSignalSchema = z.looseObject({
  type: z.literal('step'),
  times: z.array(z.number()).meta({ description: 'switch times (s), ascending' }),
  values: z
    .array(SignalNumberSchema)
    .meta({ description: 'values[k] holds on [times[k], times[k+1])' }),
});
export const PulseSignalSchema = z.looseObject({
  type: z.literal('pulse'),
  start: signalNumber(signalSpec('pulse', 'start')),
  width: signalNumber(signalSpec('pulse', 'width')),
  amplitude: signalNumber(signalSpec('pulse', 'amplitude')),
  period: signalNumber(signalSpec('pulse', 'period')).optional(),
});
export const SineSignalSchema = z.looseObject({
  type: z.literal('sine'),
  amplitude: signalNumber(signalSpec('sine', 'amplitude')),
  frequency: signalNumber(signalSpec('sine', 'frequency')),
  phase: signalNumber(signalSpec('sine', 'phase')).optional(),
  offset: signalNumber(signalSpec('sine', 'offset')).optional(),
});
export const NoiseSignalSchema = z.looseObject({
  type: z.literal('noise'),
  mean: signalNumber(signalSpec('noise', 'mean')),
  std: signalNumber(signalSpec('noise', 'std')),
  tau: signalNumber(signalSpec('noise', 'tau')),
  seed: seedField.optional(),
});
export const SpikesSignalSchema = z.looseObject({
  type: z.literal('spikes'),
  /** One array shared by all elements, or one array per element. */
  times: z.union([z.array(z.number()), z.array(z.array(z.number()))], {
    error: 'must be an array of spike times (s), or one such array per element',
  }),
});
export const PoissonSignalSchema = z.looseObject({
  type: z.literal('poisson'),
  rate: signalNumber(signalSpec('poisson', 'rate')),
  seed: seedField.optional(),
});
export const SignalSchema = z
  .discriminatedUnion('type', [
    ConstantSignalSchema,
    StepSignalSchema,
    PulseSignalSchema,
    SineSignalSchema,
    NoiseSignalSchema,
    SpikesSignalSchema,
    PoissonSignalSchema,
  ])
  .meta({ id: 'Signal', description: 'what an input node emits (docs/format.md#signals)' });

export const InputNodeSchema = z
  .looseObject({
    id,
    kind: z.literal('input'),
    size: z.number().int().gte(1).lte(MAX_NODE_SIZE).optional(),
    label: label.optional(),
    signal: SignalSchema,
  })
  .meta({
    id: 'InputNode',
    description: 'a stimulus of `size` elements, default 1 (docs/format.md#signals)',
  });

export const NetworkNodeSchema = z.discriminatedUnion('kind', [
  NeuronNodeSchema,
  PopulationNodeSchema,
  BiasNodeSchema,
  InputNodeSchema,
]);

// ---------------------------------------------------------------------------------------------
// Edges (docs/format.md#edges)

export const UniformWeightsSchema = z.looseObject({
  init: z.literal('uniform'),
  low: z.number(),
  high: z.number(),
  seed: seedField.optional(),
});
export const NormalWeightsSchema = z.looseObject({
  init: z.literal('normal'),
  mean: z.number(),
  std: z.number().gte(0),
  seed: seedField.optional(),
});
export const IdentityWeightsSchema = z.looseObject({
  init: z.literal('identity'),
  value: z.number(),
});
export const SparseWeightsSchema = z.looseObject({
  init: z.literal('sparse'),
  p: z.number().gte(0).lte(1).meta({ description: 'probability that a pair is connected' }),
  value: z.number(),
  seed: seedField.optional(),
});
export const WeightGeneratorSchema = z.discriminatedUnion('init', [
  UniformWeightsSchema,
  NormalWeightsSchema,
  IdentityWeightsSchema,
  SparseWeightsSchema,
]);
/** A scalar (all-to-all), a matrix with one row per target element, or a generator. */
export const WeightSchema = z.union(
  [z.number(), z.array(z.array(z.number())), WeightGeneratorSchema],
  {
    error:
      'must be a number, a matrix [[...], ...] with one row per target element, or a generator such as {"init":"sparse","p":0.1,"value":0.5}',
  },
);

/** The PSC filter h(t) = t^n e^{-t/tauS} / (n! tauS^(n+1)) (notes 1.3.2). */
export const SynapseSchema = z
  .looseObject({
    tauS: specNumber(findSpec(SYNAPSE_PARAMS, 'tauS')),
    n: specNumber(findSpec(SYNAPSE_PARAMS, 'n')).optional(),
  })
  .meta({ id: 'Synapse', description: 'post-synaptic current filter (docs/format.md#edges)' });

export const EdgeSchema = z
  .looseObject({
    id,
    source: z.string(),
    target: z.string(),
    weight: WeightSchema,
    synapse: SynapseSchema.nullable().optional(),
    delay: specNumber(EDGE_DELAY).optional(),
  })
  .meta({
    id: 'Edge',
    description: 'a connection from one node to a neuron or population (docs/format.md#edges)',
  });

// ---------------------------------------------------------------------------------------------
// Probes, simulation, layout, document (docs/format.md#document, docs/format.md#probes)

export const ProbeVariableSchema = z.enum(ALL_PROBE_VARIABLES);

export const ProbeSchema = z
  .looseObject({
    id,
    target: z.string(),
    variable: ProbeVariableSchema,
    every: z
      .number()
      .int()
      .gte(1)
      .optional()
      .meta({ description: 'record every this many steps (default 1)' }),
    indices: z
      .array(z.number().int().gte(0))
      .optional()
      .meta({ description: 'population elements to record (default all)' }),
  })
  .meta({ id: 'Probe', description: 'records a variable of a node (docs/format.md#probes)' });

export const SimulationSettingsSchema = z
  .looseObject({
    dt: specNumber(findSpec(SIMULATION_PARAMS, 'dt')),
    duration: specNumber(findSpec(SIMULATION_PARAMS, 'duration')),
    seed: specNumber({ ...findSpec(SIMULATION_PARAMS, 'seed'), max: Number.MAX_SAFE_INTEGER }),
  })
  .meta({ id: 'SimulationSettings' });

export const LayoutPositionSchema = z.looseObject({ x: z.number(), y: z.number() });

export const NetworkDocumentSchema = z
  .looseObject({
    format: z.literal(FORMAT_NAME),
    version: z.number().int().gte(1).lte(FORMAT_VERSION),
    name: z.string().optional(),
    description: z.string().optional(),
    author: z.string().optional(),
    simulation: SimulationSettingsSchema,
    nodes: z.array(NetworkNodeSchema),
    edges: z.array(EdgeSchema),
    probes: z.array(ProbeSchema).optional(),
    layout: z
      .record(z.string(), LayoutPositionSchema)
      .optional()
      .meta({ description: 'canvas positions of nodes and probes, keyed by id (editor only)' }),
  })
  .meta({
    title: 'NeuroSketch network (.neuro)',
    description:
      'A NeuroSketch circuit. Units: seconds, hertz; LIF dimensionless; HH mV, uA/cm^2, mS/cm^2, uF/cm^2.',
  });

/** The document's own keys in the schema's (and the canonical form's) order. */
export const DOCUMENT_KEYS: readonly string[] = Object.keys(NetworkDocumentSchema.shape);

// ---------------------------------------------------------------------------------------------
// Inferred types

export type UniformInit = z.infer<typeof UniformInitSchema>;
export type NormalInit = z.infer<typeof NormalInitSchema>;
/** A per-neuron random draw for a population param (docs/format.md#nodes; seeds: docs/format.md#reproducibility). */
export type RandomInit = z.infer<typeof RandomInitSchema>;
/** A numeric param: shared value, one value per element, or a per-element draw. */
export type ParamValue = z.infer<typeof ParamValueSchema>;
export type NeuronModel = z.infer<typeof NeuronModelSchema>;
export type Activation = z.infer<typeof ActivationSchema>;
export type NeuronNode = z.infer<typeof NeuronNodeSchema>;
export type PopulationNode = z.infer<typeof PopulationNodeSchema>;
export type BiasNode = z.infer<typeof BiasNodeSchema>;
/** A numeric signal field: one value for every element, or one per element. */
export type SignalNumber = z.infer<typeof SignalNumberSchema>;
export type ConstantSignal = z.infer<typeof ConstantSignalSchema>;
export type StepSignal = z.infer<typeof StepSignalSchema>;
export type PulseSignal = z.infer<typeof PulseSignalSchema>;
export type SineSignal = z.infer<typeof SineSignalSchema>;
export type NoiseSignal = z.infer<typeof NoiseSignalSchema>;
export type SpikesSignal = z.infer<typeof SpikesSignalSchema>;
export type PoissonSignal = z.infer<typeof PoissonSignalSchema>;
export type ContinuousSignal = ConstantSignal | StepSignal | PulseSignal | SineSignal | NoiseSignal;
export type SpikeSignal = SpikesSignal | PoissonSignal;
export type Signal = z.infer<typeof SignalSchema>;
export type InputNode = z.infer<typeof InputNodeSchema>;
export type NetworkNode = z.infer<typeof NetworkNodeSchema>;
export type NodeKind = NetworkNode['kind'];
export type UniformWeights = z.infer<typeof UniformWeightsSchema>;
export type NormalWeights = z.infer<typeof NormalWeightsSchema>;
export type IdentityWeights = z.infer<typeof IdentityWeightsSchema>;
export type SparseWeights = z.infer<typeof SparseWeightsSchema>;
/** Weight generators (docs/format.md#edges). */
export type WeightGenerator = z.infer<typeof WeightGeneratorSchema>;
/** A scalar (all-to-all), a matrix with one row per target element, or a generator. */
export type Weight = z.infer<typeof WeightSchema>;
/** The PSC filter h(t) = t^n e^{-t/tauS} / (n! tauS^(n+1)) (notes 1.3.2). */
export type Synapse = z.infer<typeof SynapseSchema>;
export type Edge = z.infer<typeof EdgeSchema>;
export type ProbeVariable = z.infer<typeof ProbeVariableSchema>;
export type Probe = z.infer<typeof ProbeSchema>;
export type SimulationSettings = z.infer<typeof SimulationSettingsSchema>;
export type LayoutPosition = z.infer<typeof LayoutPositionSchema>;
export type NetworkDocument = z.infer<typeof NetworkDocumentSchema>;
