/**
 * The canonical text of a document (docs/format.md#document): keys in the order of the spec, numbers as JavaScript
 * prints them, 2-space indent, trailing newline. Re-saving a canonical file without changes gives
 * the same bytes, so circuits diff well in git.
 *
 * Key order, for each object the spec describes: its known keys in the order the spec lists them,
 * then every other key in the order it had (unknown keys are kept, never dropped). Maps keyed by
 * name keep their own order: `params` (a student's order, e.g. cuba.neuro lists bias before v0)
 * and `layout` (keyed by id). Values under unknown keys are written as they are.
 *
 * The serializer does not validate: it writes whatever document the editor holds, and orders only
 * what it recognises (an object under `weight` is ordered as a generator only if its `init` is one).
 */
import type { NetworkDocument } from './model';
import { DOCUMENT_KEYS } from './schema';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const SIMULATION_KEYS = ['dt', 'duration', 'seed'];
const NODE_KEYS = ['id', 'kind', 'size', 'model', 'activation', 'label', 'params', 'signal'];
const EDGE_KEYS = ['id', 'source', 'target', 'weight', 'synapse', 'delay'];
const PROBE_KEYS = ['id', 'target', 'variable', 'every', 'indices'];
const SYNAPSE_KEYS = ['tauS', 'n'];
const POSITION_KEYS = ['x', 'y'];
/** Signal fields in the order of the spec's table, `seed` last. */
const SIGNAL_KEYS: Record<string, string[]> = {
  constant: ['type', 'value'],
  step: ['type', 'times', 'values'],
  pulse: ['type', 'start', 'width', 'amplitude', 'period'],
  sine: ['type', 'amplitude', 'frequency', 'phase', 'offset'],
  noise: ['type', 'mean', 'std', 'tau', 'seed'],
  spikes: ['type', 'times'],
  poisson: ['type', 'rate', 'seed'],
};
/** Generators (param draws and weights), in the order of the spec's tables, `seed` last. */
const GENERATOR_KEYS: Record<string, string[]> = {
  uniform: ['init', 'low', 'high', 'seed'],
  normal: ['init', 'mean', 'std', 'seed'],
  identity: ['init', 'value'],
  sparse: ['init', 'p', 'value', 'seed'],
};

/** Sets a key as an own, enumerable property (so a key named "__proto__" stays data). */
function put(out: Obj, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `obj` with `known` keys first (those present), then the rest in their order; `child`
 * rewrites the value of a known key.
 */
function ordered(
  obj: Obj,
  known: readonly string[],
  child: (key: string, value: unknown) => unknown = (_, v) => v,
): Obj {
  const out: Obj = {};
  const has = (key: string) => Object.prototype.hasOwnProperty.call(obj, key);
  for (const key of known) if (has(key)) put(out, key, child(key, obj[key]));
  for (const key of Object.keys(obj)) if (!known.includes(key)) put(out, key, obj[key]);
  return out;
}

function generator(value: unknown): unknown {
  if (!isObj(value) || typeof value['init'] !== 'string') return value;
  const keys = GENERATOR_KEYS[value['init']];
  return keys ? ordered(value, keys) : value;
}

function mapEach(value: unknown, f: (item: Obj) => Obj): unknown {
  return Array.isArray(value)
    ? value.map((item: unknown) => (isObj(item) ? f(item) : item))
    : value;
}

function node(n: Obj): Obj {
  return ordered(n, NODE_KEYS, (key, value) => {
    if (key === 'params' && isObj(value)) {
      // A map of param names: its own order; draw objects inside get the generator order.
      const out: Obj = {};
      for (const name of Object.keys(value)) put(out, name, generator(value[name]));
      return out;
    }
    if (key === 'signal' && isObj(value) && typeof value['type'] === 'string') {
      const keys = SIGNAL_KEYS[value['type']];
      return keys ? ordered(value, keys) : value;
    }
    return value;
  });
}

function edge(e: Obj): Obj {
  return ordered(e, EDGE_KEYS, (key, value) => {
    if (key === 'weight') return generator(value);
    if (key === 'synapse' && isObj(value)) return ordered(value, SYNAPSE_KEYS);
    return value;
  });
}

/** The document in canonical key order (a new object tree; leaves and unknown values shared). */
export function canonicalize(document: NetworkDocument | Obj): Obj {
  return ordered(document as Obj, DOCUMENT_KEYS, (key, value) => {
    switch (key) {
      case 'simulation':
        return isObj(value) ? ordered(value, SIMULATION_KEYS) : value;
      case 'nodes':
        return mapEach(value, node);
      case 'edges':
        return mapEach(value, edge);
      case 'probes':
        return mapEach(value, (p) => ordered(p, PROBE_KEYS));
      case 'layout': {
        if (!isObj(value)) return value;
        const out: Obj = {};
        for (const id of Object.keys(value)) {
          const position = value[id];
          put(out, id, isObj(position) ? ordered(position, POSITION_KEYS) : position);
        }
        return out;
      }
      default:
        return value;
    }
  });
}

/** The canonical text of a document: what the program writes to a `.neuro` file. */
export function serializeDocument(document: NetworkDocument): string {
  return `${JSON.stringify(canonicalize(document), null, 2)}\n`;
}
