/**
 * What the palette offers: every node kind of the spec (neurons, populations, bias, each input
 * signal) and the scope. Each entry builds a fresh element for a document: ids follow the notes
 * (neurons A, B, C...), params start empty (the model's defaults apply and the inspector shows
 * them).
 */
import type {
  Activation,
  NetworkDocument,
  NetworkNode,
  NeuronModel,
  Signal,
} from '../../../shared/document/model';
import { DEFAULT_ACTIVATION } from '../../../shared/models/activations';
import { SIGNAL_FIELDS } from '../../../shared/models/paramSpecs';
import { MODEL_LIST, MODELS, modelById } from '../../../shared/models/registry';
import { freshId, freshNeuronId, freshNumberedId, usedIds } from './graph';

export type PaletteGroup = 'Neurons' | 'Populations' | 'Inputs' | 'Other';

export interface PaletteItem {
  key: string;
  label: string;
  /**
   * The tile's text in the compact palette (its group says the rest; the tooltip says all). Part
   * of `label`, word for word: the button is named "Add <label>", and its visible text must be
   * in its name (WCAG 2.5.3, checked by axe in e2e/desktop.spec.ts).
   */
  short: string;
  group: PaletteGroup;
  /** Short badge drawn on the palette tile (and the node). */
  badge: string;
  hint: string;
}

export const DEFAULT_POPULATION_SIZE = 10;

export const PALETTE: readonly PaletteItem[] = [
  ...MODEL_LIST.map((m) => ({
    key: m.id,
    label: `${m.shortLabel} neuron`,
    short: m.shortLabel,
    group: 'Neurons' as const,
    badge: m.shortLabel.toUpperCase(),
    hint: m.description,
  })),
  ...MODEL_LIST.map((m) => ({
    key: `pop-${m.id}`,
    label: `${m.shortLabel} population`,
    short: m.shortLabel,
    group: 'Populations' as const,
    badge: m.shortLabel.toUpperCase(),
    hint: m.populationDescription,
  })),
  {
    key: 'input-constant',
    label: 'Constant',
    short: 'Constant',
    group: 'Inputs',
    badge: 'IN',
    hint: 'u(t) = value',
  },
  {
    key: 'input-step',
    label: 'Steps',
    short: 'Steps',
    group: 'Inputs',
    badge: 'IN',
    hint: 'piecewise constant',
  },
  {
    key: 'input-pulse',
    label: 'Pulse',
    short: 'Pulse',
    group: 'Inputs',
    badge: 'IN',
    hint: 'rectangular pulses',
  },
  {
    key: 'input-sine',
    label: 'Sine',
    short: 'Sine',
    group: 'Inputs',
    badge: 'IN',
    hint: 'offset + A sin(2 pi f t)',
  },
  {
    key: 'input-noise',
    label: 'Noise',
    short: 'Noise',
    group: 'Inputs',
    badge: 'IN',
    hint: 'Ornstein-Uhlenbeck',
  },
  {
    key: 'input-spikes',
    label: 'Spike times',
    short: 'Spike',
    group: 'Inputs',
    badge: 'SPK',
    hint: 'spikes at given times',
  },
  {
    key: 'input-poisson',
    label: 'Poisson',
    short: 'Poisson',
    group: 'Inputs',
    badge: 'SPK',
    hint: 'random spikes at a rate',
  },
  {
    key: 'bias',
    label: 'Bias node',
    short: 'Bias',
    group: 'Other',
    badge: '1',
    hint: 'outputs the constant 1',
  },
  {
    key: 'probe',
    label: 'Scope',
    short: 'Scope',
    group: 'Other',
    badge: 'SCOPE',
    hint: 'records a variable (chart)',
  },
];

/** A signal of the given type with the spec's example values. */
export function defaultSignal(type: Signal['type']): Signal {
  const fields: Record<string, number> = {};
  for (const f of SIGNAL_FIELDS[type] ?? []) if (!f.optional) fields[f.name] = f.default;
  switch (type) {
    case 'constant':
      return { type, value: fields['value']! };
    case 'step':
      return { type, times: [0, 0.2, 0.5], values: [0, 1.5, 0] };
    case 'pulse':
      return {
        type,
        start: fields['start']!,
        width: fields['width']!,
        amplitude: fields['amplitude']!,
      };
    case 'sine':
      return { type, amplitude: fields['amplitude']!, frequency: fields['frequency']! };
    case 'noise':
      return { type, mean: fields['mean']!, std: fields['std']!, tau: fields['tau']! };
    case 'spikes':
      return { type, times: [0.01, 0.05] };
    case 'poisson':
      return { type, rate: fields['rate']! };
  }
}

function neuron(id: string, model: NeuronModel, activation: Activation): NetworkNode {
  return MODELS[model].hasActivation
    ? { id, kind: 'neuron', model, activation, params: {} }
    : { id, kind: 'neuron', model, params: {} };
}

function population(id: string, model: NeuronModel, activation: Activation): NetworkNode {
  const size = DEFAULT_POPULATION_SIZE;
  return MODELS[model].hasActivation
    ? { id, kind: 'population', size, model, activation, params: {} }
    : { id, kind: 'population', size, model, params: {} };
}

/** The node a palette entry adds to `doc` (null for the scope, which is a probe). */
export function buildNode(
  doc: NetworkDocument,
  key: string,
  activation: Activation = DEFAULT_ACTIVATION,
): NetworkNode | null {
  const used = usedIds(doc);
  const model = modelById(key);
  if (model) return neuron(freshNeuronId(used), model.id as NeuronModel, activation);
  const populationModel = key.startsWith('pop-') ? modelById(key.slice(4)) : undefined;
  if (populationModel)
    return population(freshNumberedId(used, 'P'), populationModel.id as NeuronModel, activation);
  switch (key) {
    case 'bias':
      return { id: freshId(used, 'one'), kind: 'bias' };
    case 'probe':
      return null;
    default: {
      if (!key.startsWith('input-')) return null;
      const type = key.slice(6) as Signal['type'];
      return { id: freshNumberedId(used, 'in'), kind: 'input', signal: defaultSignal(type) };
    }
  }
}
