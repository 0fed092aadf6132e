/**
 * What a file may ask of the machine. A network is refused up front, from these estimates and
 * before anything is allocated, when it would not fit in memory (docs/format.md#results: "a network too large for
 * memory is refused up front from a size estimate"); a file too large to parse sanely is refused
 * before JSON.parse.
 *
 * The estimate is deliberately simple and a little generous: per neuron a dozen float64 state
 * arrays, per synapse a CSR entry (int32 index + float64 weight), per edge a filter state per
 * target element and PSC order, per probe sample a float64. The engine may reuse it (it is the
 * number the CLI's exit-2 refusal is based on).
 */
import type { NetworkDocument } from './model';
import type { PathSegment } from './fieldPath';
import { MAX_NODE_SIZE } from './schema';

/** Largest file text loadDocument parses (the host API caps a document at the same size). */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
/** Deepest nesting of JSON values accepted (a valid document needs 6; unknown data gets room). */
export const MAX_NESTING_DEPTH = 100;
/** Memory a network may need, by the estimate below. */
export const MAX_ESTIMATED_BYTES = 2e9;

export const BYTES_PER_NEURON = 96;
export const BYTES_PER_SYNAPSE = 12;
export const BYTES_PER_FILTER_STATE = 8;
export const BYTES_PER_SAMPLE = 8;

export interface SizeEstimate {
  /** Neurons and input elements. */
  elements: number;
  /** Connections (expected count for sparse generators). */
  synapses: number;
  /** Probe samples of a whole run. */
  samples: number;
  bytes: number;
  /** The element needing the most memory, for the message: its path and id. */
  largest: { path: PathSegment[]; elementId?: string; bytes: number } | undefined;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sizeOf(node: Obj): number | undefined {
  if (node['kind'] === 'population' || node['kind'] === 'input') {
    const size = node['size'] ?? (node['kind'] === 'input' ? 1 : undefined);
    return typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= MAX_NODE_SIZE
      ? size
      : undefined;
  }
  return node['kind'] === 'neuron' || node['kind'] === 'bias' ? 1 : undefined;
}

/**
 * Estimates the memory a run of this document needs. Tolerant: parts that are malformed (unknown
 * sizes, missing nodes) count as zero, so it can run on a document that validation rejects.
 */
export function estimateNetworkSize(document: NetworkDocument | Obj): SizeEstimate {
  const doc = document as Obj;
  const sizes = new Map<string, number>();
  const estimate: SizeEstimate = {
    elements: 0,
    synapses: 0,
    samples: 0,
    bytes: 0,
    largest: undefined,
  };
  const note = (path: PathSegment[], elementId: unknown, bytes: number): void => {
    estimate.bytes += bytes;
    if (!estimate.largest || bytes > estimate.largest.bytes) {
      estimate.largest = {
        path,
        bytes,
        elementId: typeof elementId === 'string' ? elementId : undefined,
      };
    }
  };

  const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
  nodes.forEach((node, i) => {
    if (!isObj(node)) return;
    const size = sizeOf(node);
    if (size === undefined) return;
    if (typeof node['id'] === 'string') sizes.set(node['id'], size);
    estimate.elements += size;
    note(['nodes', i, 'size'], node['id'], size * BYTES_PER_NEURON);
  });

  const edges = Array.isArray(doc['edges']) ? doc['edges'] : [];
  edges.forEach((edge, i) => {
    if (!isObj(edge)) return;
    const n = typeof edge['source'] === 'string' ? sizes.get(edge['source']) : undefined;
    const m = typeof edge['target'] === 'string' ? sizes.get(edge['target']) : undefined;
    if (n === undefined || m === undefined) return;
    const weight = edge['weight'];
    let synapses = m * n;
    if (isObj(weight) && weight['init'] === 'identity') synapses = Math.min(m, n);
    if (isObj(weight) && weight['init'] === 'sparse' && typeof weight['p'] === 'number') {
      synapses = Math.max(0, Math.min(1, weight['p'])) * m * n;
    }
    const synapse = edge['synapse'];
    const order = isObj(synapse) && typeof synapse['n'] === 'number' ? synapse['n'] : 0;
    const filters = isObj(synapse) ? m * (Math.max(0, Math.min(10, order)) + 1) : 0;
    estimate.synapses += synapses;
    note(
      ['edges', i, 'weight'],
      edge['id'],
      synapses * BYTES_PER_SYNAPSE + filters * BYTES_PER_FILTER_STATE,
    );
  });

  const simulation = isObj(doc['simulation']) ? doc['simulation'] : {};
  const dt = simulation['dt'];
  const duration = simulation['duration'];
  const steps =
    typeof dt === 'number' && typeof duration === 'number' && dt > 0 && duration > 0
      ? Math.round(duration / dt)
      : 0;
  const probes = Array.isArray(doc['probes']) ? doc['probes'] : [];
  probes.forEach((probe, i) => {
    if (!isObj(probe) || typeof probe['target'] !== 'string') return;
    const size = sizes.get(probe['target']);
    if (size === undefined) return;
    const every = typeof probe['every'] === 'number' && probe['every'] >= 1 ? probe['every'] : 1;
    const count = Array.isArray(probe['indices']) ? probe['indices'].length : size;
    const samples = (Math.floor(steps / every) + 1) * count;
    estimate.samples += samples;
    note(['probes', i], probe['id'], samples * BYTES_PER_SAMPLE);
  });
  return estimate;
}

/** "1.5 GB", "300 MB": memory for a person. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}
