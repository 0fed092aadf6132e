/**
 * The neuron models, one folder each (ARCHITECTURE.md "Where to add a neuron model"). Everything
 * that depends on a model (compile, engine, live edits, live state, validation, schema, inspector,
 * palette, Learn pickers, docs) reads this list.
 */
import { alifModel } from './alif/model';
import { hhModel } from './hh/model';
import { lifModel } from './lif/model';
import type { NeuronModelDefinition } from './neuron';
import type { ParamSpec } from './paramSpec';
import { INPUT_PROBE_VARIABLES } from './paramSpecs';
import { rateModel } from './rate/model';

/** The `model` values of the file, in the order the UI lists them. */
export const MODEL_IDS = ['lif', 'hh', 'rate', 'alif'] as const;
export type NeuronModelId = (typeof MODEL_IDS)[number];

export const MODELS: Readonly<Record<NeuronModelId, NeuronModelDefinition>> = {
  lif: lifModel as unknown as NeuronModelDefinition,
  hh: hhModel as unknown as NeuronModelDefinition,
  rate: rateModel as unknown as NeuronModelDefinition,
  alif: alifModel as unknown as NeuronModelDefinition,
};

/** The models in UI order. */
export const MODEL_LIST: readonly NeuronModelDefinition[] = MODEL_IDS.map((id) => MODELS[id]);

/** The model of a `model` value, or undefined for an unknown one. */
export function modelById(id: unknown): NeuronModelDefinition | undefined {
  return typeof id === 'string' && Object.hasOwn(MODELS, id)
    ? MODELS[id as NeuronModelId]
    : undefined;
}

/** Every variable a probe can name: the models' own (registry order), then J, s and u. */
export const ALL_PROBE_VARIABLES = [
  ...new Set([
    ...MODEL_LIST.flatMap((m) => m.variables.map((v) => v.name)),
    'J',
    's',
    ...INPUT_PROBE_VARIABLES,
  ]),
] as [string, ...string[]];

/** Param specs of every model, by id. */
export const MODEL_PARAMS: Readonly<Record<NeuronModelId, readonly ParamSpec[]>> =
  Object.fromEntries(MODEL_IDS.map((id) => [id, MODELS[id].params])) as Record<
    NeuronModelId,
    readonly ParamSpec[]
  >;
