import { SIMULATION_PARAMS } from '../models/paramSpecs';
import type { NetworkDocument } from './model';
import { FORMAT_NAME, FORMAT_VERSION } from './schema';

/** A fresh, empty circuit with the default simulation settings (dt may be the user's preference). */
export function emptyDocument(options: { dt?: number } = {}): NetworkDocument {
  const sim = Object.fromEntries(SIMULATION_PARAMS.map((p) => [p.name, p.default]));
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    name: 'Untitled circuit',
    simulation: { dt: options.dt ?? sim['dt']!, duration: sim['duration']!, seed: sim['seed']! },
    nodes: [],
    edges: [],
    probes: [],
    layout: {},
  };
}
