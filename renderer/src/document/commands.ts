/**
 * The named commands: the only ways the editor changes a document. Each is a pure function
 * (document, args) -> document that never mutates its input (untouched nodes, edges and probes
 * keep their identity, so memoised views skip them), plus its history policy:
 *
 * - record: one undo step;
 * - merge: consecutive calls with the same merge key (one text field while it has focus, one
 *   slider scrub) fold into one undo step;
 * - skip: not undoable (loading a file lives outside the commands: see documentStore).
 *
 * A command that cannot apply (an unknown id, a refused connection) returns the document unchanged,
 * and the store records nothing.
 */
import type {
  Activation,
  Edge,
  NetworkDocument,
  NetworkNode,
  NeuronModel,
  ParamValue,
  Probe,
  Signal,
  SimulationSettings,
  Weight,
} from '../../../shared/document/model';
import { MODELS } from '../../../shared/models/registry';
import { DEFAULT_ACTIVATION } from '../../../shared/models/activations';
import { DEFAULT_SYNAPSE, connectionRefusal, defaultEdge, weightRefusal } from './connect';
import {
  findNode,
  freeProbeVariable,
  freshEdgeId,
  isSpikingSource,
  probeRecording,
  probeVariablesOf,
  usedIds,
  type XY,
} from './graph';
import { tidyPositions, type Sizes } from './layout';

export type HistoryPolicy = 'record' | 'merge' | 'skip';

export interface Command<A> {
  name: string;
  policy: HistoryPolicy;
  apply(doc: NetworkDocument, args: A): NetworkDocument;
}

type Doc = NetworkDocument;
type Patch = Record<string, unknown>;

function define<A>(name: string, policy: HistoryPolicy, apply: (doc: Doc, args: A) => Doc) {
  return { name, policy, apply } satisfies Command<A>;
}

/** `{...obj, ...patch}` where an `undefined` value removes the key. */
function applyPatch<T extends object>(obj: T, patch: Patch): T {
  const out = { ...obj } as Patch;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

function withLayout(doc: Doc, positions: Record<string, XY>): Doc {
  return { ...doc, layout: { ...doc.layout, ...positions } };
}

function mapNodes(doc: Doc, ids: readonly string[], fn: (node: NetworkNode) => NetworkNode): Doc {
  const set = new Set(ids);
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    if (!set.has(n.id)) return n;
    const next = fn(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...doc, nodes } : doc;
}

function mapEdges(doc: Doc, ids: readonly string[], fn: (edge: Edge) => Edge): Doc {
  const set = new Set(ids);
  let changed = false;
  const edges = doc.edges.map((e) => {
    if (!set.has(e.id)) return e;
    const next = fn(e);
    if (next !== e) changed = true;
    return next;
  });
  return changed ? { ...doc, edges } : doc;
}

/** After a node's output changes kind: spiking sources need a synapse on every outgoing edge. */
function ensureSynapses(doc: Doc, nodeIds: readonly string[]): Doc {
  const spiking = new Set(
    nodeIds.filter((id) => {
      const node = findNode(doc, id);
      return node !== undefined && isSpikingSource(node);
    }),
  );
  if (spiking.size === 0) return doc;
  const ids = doc.edges.filter((e) => spiking.has(e.source) && !e.synapse).map((e) => e.id);
  return mapEdges(doc, ids, (e) => ({ ...e, synapse: { ...DEFAULT_SYNAPSE } }));
}

/** After a node's model changes: scopes on it record a variable it still has. */
function fixProbeVariables(doc: Doc, nodeIds: readonly string[]): Doc {
  const set = new Set(nodeIds);
  let changed = false;
  const probes = (doc.probes ?? []).map((p) => {
    if (!set.has(p.target)) return p;
    const node = findNode(doc, p.target);
    const variables = node ? probeVariablesOf(node) : [];
    if (variables.includes(p.variable) || variables.length === 0) return p;
    changed = true;
    return { ...p, variable: variables[0] as Probe['variable'] };
  });
  return changed ? { ...doc, probes } : doc;
}

// ------------------------------------------------------------------------------------------------
// Adding

/** Adds a node (its id must be free) at a canvas position. */
export const addNode = define<{ node: NetworkNode; position: XY }>(
  'addNode',
  'record',
  (doc, { node, position }) => {
    if (usedIds(doc).has(node.id)) return doc;
    return withLayout({ ...doc, nodes: [...doc.nodes, node] }, { [node.id]: position });
  },
);

/**
 * Adds a scope (probe, docs/format.md#probes): a card at a canvas position, or, without one, a chip on the node it
 * records.
 */
export const addProbe = define<{ probe: Probe; position?: XY }>(
  'addProbe',
  'record',
  (doc, { probe, position }) => {
    if (usedIds(doc).has(probe.id) || !findNode(doc, probe.target)) return doc;
    const next = { ...doc, probes: [...(doc.probes ?? []), probe] };
    return position ? withLayout(next, { [probe.id]: position }) : next;
  },
);

/**
 * Draws source -> target: a new edge with the default weight (and the default synapse from a
 * spiking source), or, when the target is a scope, re-aims the scope at the source. A refused
 * connection (see connectionRefusal) changes nothing.
 */
export const connectNodes = define<{ source: string; target: string; id?: string }>(
  'connectNodes',
  'record',
  (doc, { source, target, id }) => {
    if (connectionRefusal(doc, source, target) !== null) return doc;
    const probe = doc.probes?.find((p) => p.id === target);
    if (probe) {
      // Its variable if no other scope records it there, else the first one none records (never
      // a second scope of one trace: see freeProbeVariable).
      const variable = freeProbeVariable(doc, findNode(doc, source)!, probe.variable, probe.id)!;
      const rest = applyPatch(probe, { indices: undefined });
      const probes = doc.probes!.map((p) =>
        p === probe ? { ...rest, target: source, variable } : p,
      );
      return { ...doc, probes };
    }
    const used = usedIds(doc);
    const edgeId = id && !used.has(id) ? id : freshEdgeId(used, source, target);
    return { ...doc, edges: [...doc.edges, defaultEdge(doc, edgeId, source, target)] };
  },
);

/** Inserts whole elements (paste, duplicate). Ids must be free; the caller renames them. */
export const insertElements = define<{
  nodes: NetworkNode[];
  edges: Edge[];
  probes: Probe[];
  layout: Record<string, XY>;
}>('insertElements', 'record', (doc, { nodes, edges, probes, layout }) => {
  if (nodes.length + edges.length + probes.length === 0) return doc;
  const used = usedIds(doc);
  if ([...nodes, ...edges, ...probes].some((el) => used.has(el.id))) return doc;
  return withLayout(
    {
      ...doc,
      nodes: [...doc.nodes, ...nodes],
      edges: [...doc.edges, ...edges],
      probes: [...(doc.probes ?? []), ...probes],
    },
    layout,
  );
});

// ------------------------------------------------------------------------------------------------
// Editing

/**
 * Sets params on every given neuron/population (one undo step per focused field: merge). An
 * `undefined` value removes the param (back to its default). Arrays and draws only on populations.
 */
export const setParams = define<{ ids: string[]; values: Record<string, ParamValue | undefined> }>(
  'setParams',
  'merge',
  (doc, { ids, values }) =>
    mapNodes(doc, ids, (node) => {
      if (node.kind !== 'neuron' && node.kind !== 'population') return node;
      if (
        node.kind === 'neuron' &&
        Object.values(values).some((v) => v !== undefined && typeof v !== 'number')
      )
        return node;
      const params = applyPatch(node.params ?? {}, values);
      return { ...node, params } as NetworkNode;
    }),
);

/** One value a live-input slider moves: a param of a neuron or population, or a signal field. */
export interface SliderValue {
  /** The node's id; the edge's for `weight` and `synapse` (liveTweaks.SliderField). */
  nodeId: string;
  kind: 'param' | 'signal' | 'weight' | 'synapse';
  field: string;
  /** undefined: the param is removed (back to its default). */
  value: number | undefined;
}

/**
 * Sets several slider values at once, as one undo step (reverting what the sliders changed during
 * a run). When that makes the document equal to `original` (the document before the run), the
 * result is `original` itself, so a document that was saved before the run is saved again.
 */
export const restoreValues = define<{ values: SliderValue[]; original?: NetworkDocument }>(
  'restoreValues',
  'record',
  (doc, { values, original }) => {
    let next = doc;
    for (const { nodeId, kind, field, value } of values) {
      if (kind === 'weight' || kind === 'synapse') {
        next = mapEdges(next, [nodeId], (edge) => {
          if (value === undefined) return edge;
          if (kind === 'weight') return { ...edge, weight: value };
          return edge.synapse ? { ...edge, synapse: { ...edge.synapse, [field]: value } } : edge;
        });
        continue;
      }
      next = mapNodes(next, [nodeId], (node) => {
        if (kind === 'param' && (node.kind === 'neuron' || node.kind === 'population'))
          return {
            ...node,
            params: applyPatch(node.params ?? {}, { [field]: value }),
          } as NetworkNode;
        if (kind === 'signal' && node.kind === 'input' && value !== undefined)
          return { ...node, signal: { ...node.signal, [field]: value } } as NetworkNode;
        return node;
      });
    }
    if (next !== doc && original && JSON.stringify(next) === JSON.stringify(original))
      return original;
    return next;
  },
);

/**
 * Sets plain fields of nodes: label, size, activation (undefined removes the key). Model and signal
 * type have their own commands, since they reshape the node.
 */
export const updateNodes = define<{
  ids: string[];
  patch: { label?: string | undefined; size?: number; activation?: Activation };
}>('updateNodes', 'merge', (doc, { ids, patch }) =>
  mapNodes(doc, ids, (node) => {
    const allowed: Patch = {};
    if ('label' in patch) allowed['label'] = patch.label === '' ? undefined : patch.label;
    if (patch.size !== undefined && (node.kind === 'population' || node.kind === 'input'))
      allowed['size'] = patch.size;
    if (
      patch.activation !== undefined &&
      (node.kind === 'neuron' || node.kind === 'population') &&
      MODELS[node.model].hasActivation
    )
      allowed['activation'] = patch.activation;
    return Object.keys(allowed).length === 0 ? node : applyPatch(node, allowed);
  }),
);

/** Switches neurons/populations to another model: its params start from the defaults. */
export const setModel = define<{ ids: string[]; model: NeuronModel }>(
  'setModel',
  'record',
  (doc, { ids, model }) => {
    const next = mapNodes(doc, ids, (node) => {
      if ((node.kind !== 'neuron' && node.kind !== 'population') || node.model === model)
        return node;
      const activation = MODELS[model].hasActivation ? DEFAULT_ACTIVATION : undefined;
      return applyPatch(node, { model, params: {}, activation });
    });
    return fixProbeVariables(ensureSynapses(next, ids), ids);
  },
);

/** Replaces an input's whole signal (type switch, or a field edit through `signal`). */
export const setSignal = define<{ ids: string[]; signal: Signal }>(
  'setSignal',
  'merge',
  (doc, { ids, signal }) => {
    const next = mapNodes(doc, ids, (node) =>
      node.kind === 'input' ? ({ ...node, signal } as NetworkNode) : node,
    );
    return ensureSynapses(next, ids);
  },
);

/** Sets weight, synapse (null: none) and delay of edges. A refused weight changes nothing. */
export const updateEdges = define<{
  ids: string[];
  patch: { weight?: Weight; synapse?: Edge['synapse']; delay?: number | undefined };
}>('updateEdges', 'merge', (doc, { ids, patch }) => {
  if (
    patch.weight !== undefined &&
    ids.some((id) => weightRefusal(doc, id, patch.weight!) !== null)
  )
    return doc;
  return mapEdges(doc, ids, (edge) => {
    const source = findNode(doc, edge.source);
    const allowed: Patch = { ...patch };
    // A spiking source always needs a synapse (docs/format.md#edges): removing it is refused.
    if ('synapse' in patch && !patch.synapse && source && isSpikingSource(source))
      delete allowed['synapse'];
    if ('synapse' in allowed && allowed['synapse'] === null) allowed['synapse'] = undefined;
    return Object.keys(allowed).length === 0 ? edge : applyPatch(edge, allowed);
  });
});

/** Sets a scope's target, variable, every, indices. */
export const updateProbe = define<{
  id: string;
  patch: {
    target?: string;
    variable?: Probe['variable'];
    every?: number | undefined;
    indices?: number[] | undefined;
  };
}>('updateProbe', 'merge', (doc, { id, patch }) => {
  const probe = doc.probes?.find((p) => p.id === id);
  if (!probe) return doc;
  if (patch.target !== undefined) {
    const target = findNode(doc, patch.target);
    if (!target || probeVariablesOf(target).length === 0) return doc;
  }
  let next = applyPatch(probe, patch);
  const node = findNode(doc, next.target);
  const variables = node ? probeVariablesOf(node) : [];
  if (variables.length > 0 && !variables.includes(next.variable))
    next = { ...next, variable: variables[0] as Probe['variable'] };
  // One scope per node and variable (graph.ts probeRecording), from the inspector's pickers too: a
  // variable another scope records is not taken; re-aimed at another node, the scope takes its
  // first variable not recorded yet, and a node with every variable recorded is refused.
  if (node && probeRecording(doc, next.target, next.variable, probe.id)) {
    if (patch.target === undefined) return doc;
    const free = freeProbeVariable(doc, node, next.variable, probe.id);
    if (free === null) return doc;
    next = { ...next, variable: free };
  }
  return { ...doc, probes: doc.probes!.map((p) => (p === probe ? next : p)) };
});

/** Name, description, author (empty text removes the optional key). */
export const setDocumentInfo = define<{ name?: string; description?: string; author?: string }>(
  'setDocumentInfo',
  'merge',
  (doc, patch) => {
    const clean: Patch = {};
    for (const [k, v] of Object.entries(patch)) clean[k] = v === '' ? undefined : v;
    return applyPatch(doc, clean);
  },
);

/** dt, duration, seed (seconds; seed a whole number). */
export const setSimulation = define<Partial<SimulationSettings>>(
  'setSimulation',
  'merge',
  (doc, patch) => ({ ...doc, simulation: applyPatch(doc.simulation, patch) }),
);

/** Moves nodes and scopes (one drag = one call on drag stop). */
export const moveNodes = define<{ positions: Record<string, XY> }>(
  'moveNodes',
  'record',
  (doc, { positions }) => {
    const layout = doc.layout ?? {};
    const moved = Object.entries(positions).filter(
      ([id, p]) => layout[id]?.x !== p.x || layout[id]?.y !== p.y,
    );
    if (moved.length === 0) return doc;
    const fresh: Record<string, XY> = {};
    for (const [id, p] of moved) fresh[id] = { x: p.x, y: p.y };
    return withLayout(doc, fresh);
  },
);

/** Arranges the circuit left to right in layers of its feed-forward order. */
export const tidyLayout = define<{ sizes?: Sizes }>('tidyLayout', 'record', (doc, { sizes }) =>
  moveNodes.apply(doc, { positions: tidyPositions(doc, sizes) }),
);

/**
 * Changes an id (node, edge or scope) and every reference to it: edges, scopes, layout. Refused
 * when the new id is taken or not of the form [A-Za-z_][A-Za-z0-9_-]*.
 */
export const renameId = define<{ from: string; to: string }>(
  'renameId',
  'record',
  (doc, { from, to }) => {
    const used = usedIds(doc);
    if (from === to || !used.has(from) || used.has(to) || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(to))
      return doc;
    const swap = (id: string): string => (id === from ? to : id);
    const layout: Record<string, XY> = {};
    for (const [id, p] of Object.entries(doc.layout ?? {})) layout[swap(id)] = p;
    return {
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
      edges: doc.edges.map((e) =>
        e.id === from || e.source === from || e.target === from
          ? { ...e, id: swap(e.id), source: swap(e.source), target: swap(e.target) }
          : e,
      ),
      probes: doc.probes?.map((p) =>
        p.id === from || p.target === from ? { ...p, id: swap(p.id), target: swap(p.target) } : p,
      ),
      layout,
    };
  },
);

// ------------------------------------------------------------------------------------------------
// Removing

/** Deletes nodes, edges and scopes; edges and scopes attached to a deleted node go with it. */
export const deleteElements = define<{ ids: string[] }>(
  'deleteElements',
  'record',
  (doc, { ids }) => {
    const gone = new Set(ids);
    const nodes = doc.nodes.filter((n) => !gone.has(n.id));
    const nodeGone = (id: string): boolean => gone.has(id) && doc.nodes.some((n) => n.id === id);
    const edges = doc.edges.filter(
      (e) => !gone.has(e.id) && !nodeGone(e.source) && !nodeGone(e.target),
    );
    const probes = (doc.probes ?? []).filter((p) => !gone.has(p.id) && !nodeGone(p.target));
    if (
      nodes.length === doc.nodes.length &&
      edges.length === doc.edges.length &&
      probes.length === (doc.probes ?? []).length
    )
      return doc;
    const kept = new Set([...nodes.map((n) => n.id), ...probes.map((p) => p.id)]);
    const layout: Record<string, XY> = {};
    for (const [id, p] of Object.entries(doc.layout ?? {})) if (kept.has(id)) layout[id] = p;
    return { ...doc, nodes, edges, probes, layout };
  },
);

/** Every command, by name (the store and the tests walk it). */
export const COMMANDS = {
  addNode,
  addProbe,
  connectNodes,
  insertElements,
  setParams,
  restoreValues,
  updateNodes,
  setModel,
  setSignal,
  updateEdges,
  updateProbe,
  setDocumentInfo,
  setSimulation,
  moveNodes,
  tidyLayout,
  renameId,
  deleteElements,
} as const;
