/**
 * compileNetwork: a validated document -> CompiledPlan (constants only; the engine creates the run
 * state from it), or the issues that prevent the run (never throws).
 *
 * The compiler builds; it does not validate. Its input is a `ValidatedDocument`
 * (document/validated.ts), which only `validateDocument`/`loadDocument` produce; a document that
 * does not carry the brand (built in memory by a test or a sweep) goes through `validateDocument`
 * first and its errors are the answer. What is left to the compiler is what only the run can
 * decide: the values of the run options (`dt`, `duration`, `seed` overrides), the admission rule
 * for that run (docs/format.md#limits), param draws that break a constraint (named per element) and
 * rules across resolved params (the model's `crossCheck`).
 *
 * The steps, in order: run settings, admission, nodes (params resolved, the model's `build`),
 * filter banks, step order, projections, the model's own banks, event queues and history rings,
 * probes.
 *
 * Random draws (docs/format.md#reproducibility, shared/util/random.ts): every random quantity has its own stream, keyed by
 * `${seed}/${id}/${path}` where seed is simulation.seed, or the generator's own `seed`:
 *   population param draws   `${seed}/${node}/params.${name}`         size draws, element order
 *   weight generators        `${seed}/${edge}/weight`                 target-major (row i, column j)
 *   noise input element i    `${seed}/${node}/signal[${i}]`
 *   poisson input element i  `${seed}/${node}/signal[${i}]`
 * Sparse connectivity walks the target-major pair list k = i * N + j with geometric skips
 * (gap = floor(ln(1 - u) / ln(1 - p))), which connects each pair independently with probability p.
 */
import type {
  Edge,
  NetworkDocument,
  NetworkNode,
  Probe,
  Signal,
  WeightGenerator,
} from '../../document/model';
import { validateDocument } from '../../document/validateDocument';
import { isValidated, type ValidatedDocument } from '../../document/validated';
import { ACTIVATION_CODE } from '../../models/activations';
import { EventQueue, type FilterBank, type NeuronCore } from '../../models/neuron';
import { type NeuronModelDefinition } from '../../models/neuron';
import { constraintText, violates } from '../../models/paramSpec';
import { modelById } from '../../models/registry';
import { drawDenseWeights, SparsePairs, weightStream } from './weightDraws';

import { RandomStream, streamKey } from '../../util/random';
import type {
  CompiledPlan,
  InputPlan,
  NeuronPlan,
  NodePlan,
  ProbePlan,
  Projection,
  TargetPlan,
} from '../plan';
import {
  CONN_ALL,
  CONN_CSR,
  CONN_DENSE,
  CONN_IDENTITY,
  SIG_BIAS,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_PULSE,
  SIG_SINE,
  SIG_SPIKES,
  SIG_STEP,
} from '../plan';
import { SpikeBuffer } from '../../models/neuron';
import { snapTime } from '../../util/timeGrid';
import type { ParamSpec } from '../../models/paramSpec';
import { admitRun, gridSteps, wholeStepDurations } from '../admission';
import type { Issue } from '../types';

export interface CompileOptions {
  dt?: number;
  duration?: number;
  seed?: number;
  /** Refuse plans estimated above this many bytes (default 2 GB). */
  maxBytes?: number;
}

export type CompileResult = { ok: true; plan: CompiledPlan } | { ok: false; issues: Issue[] };

const MAX_ELEMENTS = 50_000_000;

const SIGNAL_CODE: Record<string, number> = {
  constant: SIG_CONSTANT,
  step: SIG_STEP,
  pulse: SIG_PULSE,
  sine: SIG_SINE,
  noise: SIG_NOISE,
  spikes: SIG_SPIKES,
  poisson: SIG_POISSON,
};

class IssueList {
  readonly list: Issue[] = [];
  error(path: string, message: string, elementId?: string): void {
    this.list.push({ severity: 'error', path, message, ...(elementId ? { elementId } : {}) });
  }
  get hasErrors(): boolean {
    return this.list.some((i) => i.severity === 'error');
  }
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function internalError(e: unknown): CompileResult {
  return {
    ok: false,
    issues: [
      {
        severity: 'error',
        path: '',
        message: `internal error while compiling the network (please report it): ${(e as Error)?.message ?? String(e)}`,
      },
    ],
  };
}

/**
 * Compile a document for a run. A `ValidatedDocument` is built at once; any other document is
 * validated first (`validateDocument`, judging the run the options describe) and its errors are
 * returned. Never throws: anything unexpected becomes an issue.
 */
export function compileNetwork(
  doc: ValidatedDocument | NetworkDocument,
  options: CompileOptions = {},
): CompileResult {
  try {
    let validated: ValidatedDocument;
    if (isValidated(doc)) {
      validated = doc;
    } else {
      const checked = validateDocument(doc, {
        run: {
          overrides: { dt: options.dt, duration: options.duration },
          names: { dt: 'dt', duration: 'duration' },
        },
      });
      if (!checked.ok)
        return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error') };
      validated = checked.document;
    }
    return compileValidated(validated, options);
  } catch (e) {
    return internalError(e);
  }
}

/** What the steps know of a node before its plan exists. */
interface NodeInfo {
  node: NetworkNode;
  index: number;
  size: number;
  /** 'neuron' (a neuron or population), 'input' or 'bias' */
  kind: 'neuron' | 'input' | 'bias';
  /** The neuron model (kind 'neuron'). */
  model: NeuronModelDefinition | null;
  spiking: boolean;
}

/** What the steps know of an edge before its projection exists. */
interface EdgeInfo {
  edge: Edge;
  index: number;
  source: NodeInfo;
  target: NodeInfo;
  tauS: number;
  order: number;
  hasSynapse: boolean;
  delay: number;
}

interface RunSettings {
  dt: number;
  duration: number;
  seed: number;
  /** N (Infinity when the run has no end). */
  totalSteps: number;
}

/** The compiler proper: the steps below, in order; issues only for what the run decides. */
function compileValidated(doc: ValidatedDocument, options: CompileOptions): CompileResult {
  const issues = new IssueList();
  const run = runSettings(doc, options, issues);
  const infos = nodeInfos(doc);
  const edges = edgeInfos(doc, infos);
  const estimatedBytes = admission(doc, infos, options, issues);
  if (issues.hasErrors) return { ok: false, issues: issues.list };

  const nodes = buildNodes(infos, run, issues);
  if (issues.hasErrors) return { ok: false, issues: issues.list };
  const plans = new Map(nodes.map((n) => [n.id, n]));
  const bankOf = buildBanks(edges, plans);
  const order = stepOrder(
    nodes,
    edges.filter((e) => e.delay === 0).map((e) => [e.source.node.id, e.target.node.id]),
  );
  order.forEach((n, rank) => (n.rank = rank));
  const projections = buildProjections(edges, plans, bankOf, run);
  // banks of a model's own (after the edges took theirs)
  for (const n of nodes) if (n.kind === 'neuron') n.model.finishBanks?.(n);
  sizeQueues(nodes, projections, run.dt);
  sizeHistories(nodes, projections);
  const probes = buildProbes(doc, plans);

  let bytes = estimatedBytes;
  for (const p of projections) if (p.col) bytes += p.col.byteLength + p.rowPtr!.byteLength;
  return {
    ok: true,
    plan: {
      ...run,
      nodes,
      order,
      projections,
      probes,
      spiking: nodes.filter((n) => n.spikes !== null),
      estimatedBytes: bytes,
    },
  };
}

/**
 * dt, duration and seed of the run: the options override the document's (validated) simulation
 * block, so only an override can be out of range or leave a duration that is not a whole number of
 * steps (docs/format.md#time).
 */
function runSettings(
  doc: ValidatedDocument,
  options: CompileOptions,
  issues: IssueList,
): RunSettings {
  const sim = doc.simulation;
  const dt = options.dt ?? sim.dt;
  const duration = options.duration ?? sim.duration;
  const seed = options.seed ?? sim.seed;
  const where = (name: 'dt' | 'duration' | 'seed'): string =>
    options[name] !== undefined ? name : `simulation.${name}`;
  if (!isFiniteNumber(dt) || !(dt > 0)) issues.error(where('dt'), 'must be a number > 0');
  if (!(typeof duration === 'number') || !(duration > 0) || Number.isNaN(duration))
    issues.error(where('duration'), 'must be a number > 0');
  if (!isFiniteNumber(seed) || !Number.isInteger(seed) || seed < 0)
    issues.error(where('seed'), 'must be a whole number >= 0');
  let totalSteps = Infinity;
  if (isFiniteNumber(dt) && dt > 0 && isFiniteNumber(duration) && duration > 0) {
    const grid = gridSteps(duration, dt);
    totalSteps = grid.steps;
    if (!grid.whole) {
      issues.error(
        where('duration'),
        `must be a whole number of steps dt (duration / dt = ${duration / dt}): use ${wholeStepDurations(duration, dt).join(' or ')}`,
      );
    }
  }
  return { dt, duration, seed, totalSteps };
}

/** Kind, size, model and spiking-or-not of every node, in document order. */
function nodeInfos(doc: ValidatedDocument): Map<string, NodeInfo> {
  const infos = new Map<string, NodeInfo>();
  doc.nodes.forEach((node, index) => {
    let info: NodeInfo;
    if (node.kind === 'neuron' || node.kind === 'population') {
      const model = modelById(node.model)!;
      const size = node.kind === 'population' ? node.size : 1;
      info = { node, index, size, kind: 'neuron', model, spiking: model.spiking };
    } else if (node.kind === 'input') {
      const type = node.signal.type;
      const spiking = type === 'spikes' || type === 'poisson';
      info = { node, index, size: node.size ?? 1, kind: 'input', model: null, spiking };
    } else {
      info = { node, index, size: 1, kind: 'bias', model: null, spiking: false };
    }
    infos.set(node.id, info);
  });
  return infos;
}

/** Endpoints, synapse and delay of every edge, in document order. */
function edgeInfos(doc: ValidatedDocument, infos: Map<string, NodeInfo>): EdgeInfo[] {
  return doc.edges.map((edge, index) => {
    const syn = edge.synapse;
    const hasSynapse = syn !== undefined && syn !== null;
    return {
      edge,
      index,
      source: infos.get(edge.source)!,
      target: infos.get(edge.target)!,
      tauS: hasSynapse ? syn.tauS : NaN,
      order: hasSynapse ? (syn.n ?? 0) : 0,
      hasSynapse,
      delay: edge.delay ?? 0,
    };
  });
}

/**
 * The run-size admission rule (memory, spikes, rates, steps) for this run, before any big
 * allocation (docs/format.md#the-admission-rule). Returns the network's estimated bytes.
 */
function admission(
  doc: ValidatedDocument,
  infos: Map<string, NodeInfo>,
  options: CompileOptions,
  issues: IssueList,
): number {
  let elementTotal = 0;
  for (const info of infos.values()) elementTotal += info.size;
  if (elementTotal > MAX_ELEMENTS) {
    issues.error('nodes', `network too large: ${elementTotal} elements (at most ${MAX_ELEMENTS})`);
    return 0;
  }
  if (issues.hasErrors) return 0;
  const admitted = admitRun(
    doc,
    { dt: options.dt, duration: options.duration },
    { maxBytes: options.maxBytes },
  );
  issues.list.push(...admitted.issues);
  return admitted.estimate.bytes.network;
}

/** Every node's plan: params resolved (draws checked per element), then the model's `build`. */
function buildNodes(infos: Map<string, NodeInfo>, run: RunSettings, issues: IssueList): NodePlan[] {
  const out: NodePlan[] = [];
  for (const info of infos.values())
    out.push(info.kind === 'neuron' ? buildNeuron(info, run.seed, issues) : buildInput(info, run));
  return out;
}

/**
 * Filter banks, looked up by (tauS, n) per target (linear in the edges): one bank per distinct
 * pair, with a drive array when a continuous source feeds it. Returns the bank of an edge.
 */
function buildBanks(
  edges: EdgeInfo[],
  plans: Map<string, NodePlan>,
): (target: TargetPlan, tauS: number, order: number) => number {
  const bankIndex = new Map<string, number>();
  const key = (target: TargetPlan, tauS: number, order: number): string =>
    `${target.id}\u0000${tauS}\u0000${order}`;
  for (const e of edges) {
    if (!e.hasSynapse) continue;
    const target = plans.get(e.target.node.id) as TargetPlan;
    let bank = bankIndex.get(key(target, e.tauS, e.order)) ?? -1;
    if (bank < 0) {
      bank = target.banks.length;
      bankIndex.set(key(target, e.tauS, e.order), bank);
      target.banks.push({ tauS: e.tauS, order: e.order, first: target.stages.length, drive: null });
      for (let k = 0; k <= e.order; k++) target.stages.push(new Float64Array(target.size));
    }
    if (!e.source.spiking && target.banks[bank]!.drive === null)
      target.banks[bank]!.drive = new Float64Array(target.size);
  }
  return (target, tauS, order) => bankIndex.get(key(target, tauS, order)) ?? -1;
}

/** Every edge's projection, wired into its source's `out` and its target's `continuousIn`. */
function buildProjections(
  edges: EdgeInfo[],
  plans: Map<string, NodePlan>,
  bankOf: (target: TargetPlan, tauS: number, order: number) => number,
  run: RunSettings,
): Projection[] {
  const projections: Projection[] = [];
  for (const e of edges) {
    const source = plans.get(e.source.node.id)!;
    const target = plans.get(e.target.node.id) as TargetPlan;
    const bank = e.hasSynapse ? bankOf(target, e.tauS, e.order) : -1;
    const p = buildProjection(e, source, target, bank, run.dt, run.seed);
    p.spiking = e.source.spiking;
    p.targetFirst =
      e.delay === 0 ? target.component === source.component : target.rank <= source.rank;
    projections.push(p);
    source.out.push(p);
    if (!p.spiking) target.continuousIn.push(p);
  }
  return projections;
}

/** Event queues long enough for the largest delay into each target (one pass over the edges). */
function sizeQueues(nodes: NodePlan[], projections: Projection[], dt: number): void {
  const maxDelayInto = new Map<NodePlan, number>();
  for (const p of projections)
    if (p.spiking) maxDelayInto.set(p.target, Math.max(maxDelayInto.get(p.target) ?? 0, p.delay));
  for (const n of nodes) {
    if (n.kind === 'input') continue;
    n.queue = new EventQueue(Math.ceil((maxDelayInto.get(n) ?? 0) / dt) + 2);
  }
}

/** History rings for delayed sampled continuous sources (rate units, noise inputs). */
function sizeHistories(nodes: NodePlan[], projections: Projection[]): void {
  for (const p of projections) {
    const s = p.source;
    if (p.spiking || p.delaySteps === 0) continue;
    if ((s.kind === 'neuron' && s.output) || (s.kind === 'input' && s.signal === SIG_NOISE)) {
      s.historyLength = Math.max(s.historyLength, p.delaySteps + 1);
    }
  }
  for (const n of nodes) {
    if (n.historyLength > 0) n.history = new Float64Array(n.historyLength * n.size);
  }
}

/** The probes: target, variable, every and the recorded elements (default all). */
function buildProbes(doc: ValidatedDocument, plans: Map<string, NodePlan>): ProbePlan[] {
  const probes: readonly Probe[] = doc.probes ?? [];
  return probes.map((probe) => {
    const node = plans.get(probe.target)!;
    let indices: Int32Array;
    if (probe.indices === undefined) {
      indices = new Int32Array(node.size);
      for (let i = 0; i < node.size; i++) indices[i] = i;
    } else {
      indices = Int32Array.from(probe.indices);
    }
    return { id: probe.id, node, variable: probe.variable, every: probe.every ?? 1, indices };
  });
}

/** Kahn's algorithm over strongly connected components, smallest document index first. */
function stepOrder(nodes: NodePlan[], edges: Array<[string, string]>): NodePlan[] {
  const n = nodes.length;
  const idx = new Map(nodes.map((node, i) => [node.id, i]));
  const adj: number[][] = nodes.map(() => []);
  for (const [s, t] of edges) {
    const a = idx.get(s);
    const b = idx.get(t);
    if (a !== undefined && b !== undefined) adj[a]!.push(b);
  }
  // Tarjan (iterative)
  const comp = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const num = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (num[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, ei] = frame;
      if (ei === 0) {
        num[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (ei < adj[v]!.length) {
        frame[1]++;
        const w = adj[v]![ei]!;
        if (num[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, num[w]!);
        continue;
      }
      if (low[v] === num[v]) {
        for (;;) {
          const w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = comps;
          if (w === v) break;
        }
        comps++;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  // component DAG, Kahn with the smallest member index first (a binary heap: O((V + E) log V))
  const minIndex = new Int32Array(comps).fill(n);
  for (let v = 0; v < n; v++) minIndex[comp[v]!] = Math.min(minIndex[comp[v]!]!, v);
  const indeg = new Int32Array(comps);
  const cadj: number[][] = Array.from({ length: comps }, () => []);
  const seen = new Int32Array(comps).fill(-1);
  // members of each component, in document order
  const members: number[][] = Array.from({ length: comps }, () => []);
  for (let v = 0; v < n; v++) members[comp[v]!]!.push(v);
  for (let c = 0; c < comps; c++) {
    for (const v of members[c]!) {
      for (const w of adj[v]!) {
        const b = comp[w]!;
        if (b !== c && seen[b] !== c) {
          seen[b] = c;
          cadj[c]!.push(b);
          indeg[b]++;
        }
      }
    }
  }
  const heap = new MinHeap((x, y) => minIndex[x]! - minIndex[y]!);
  for (let c = 0; c < comps; c++) if (indeg[c] === 0) heap.push(c);
  const out: NodePlan[] = [];
  while (heap.size > 0) {
    const best = heap.pop();
    for (const v of members[best]!) {
      nodes[v]!.component = best;
      out.push(nodes[v]!);
    }
    for (const b of cadj[best]!) if (--indeg[b] === 0) heap.push(b);
  }
  return out;
}

/** A binary min-heap of small integers under `compare` (negative when x comes first). */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly compare: (x: number, y: number) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(a[i]!, a[parent]!) >= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.compare(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A param as one value per element: the default, a number, an array, or a draw from its own
 * stream. Validation checked numbers and arrays; a draw is checked here, value by value, because
 * only the drawn values can tell (docs/format.md#what-validation-reports).
 */
function resolveParam(
  raw: unknown,
  spec: ParamSpec,
  size: number,
  nodeId: string,
  path: string,
  seed: number,
  issues: IssueList,
): Float64Array {
  const out = new Float64Array(size);
  if (raw === undefined) {
    out.fill(spec.default);
    return out;
  }
  if (typeof raw === 'number') {
    out.fill(raw);
    return out;
  }
  if (Array.isArray(raw)) {
    out.set(raw as number[]);
    return out;
  }
  const draw = raw as
    | { init: 'uniform'; low: number; high: number; seed?: number }
    | { init: 'normal'; mean: number; std: number; seed?: number };
  const stream = RandomStream.fromKey(
    streamKey(draw.seed ?? seed, nodeId, path.slice(path.indexOf('params'))),
  );
  if (draw.init === 'uniform') {
    for (let i = 0; i < size; i++) out[i] = stream.uniformIn(draw.low, draw.high);
  } else {
    for (let i = 0; i < size; i++) out[i] = draw.mean + draw.std * stream.normal();
  }
  for (let i = 0; i < size; i++) {
    if (violates(spec, out[i]!)) {
      const x = out[i]!;
      issues.error(
        path,
        `element ${i}: ${Number.isFinite(x) ? 'drawn ' : ''}value ${x} breaks the constraint ${constraintText(spec) || 'finite'}`,
        nodeId,
      );
      break;
    }
  }
  return out;
}

/** A neuron or population: its params resolved and checked across (crossCheck), then `build`. */
function buildNeuron(info: NodeInfo, seed: number, issues: IssueList): NeuronPlan {
  const { node, index, size } = info;
  const path = `nodes[${index}]`;
  const id = node.id;
  const model = info.model!;
  const paramObj = ((node as { params?: Record<string, unknown> }).params ?? {}) as Record<
    string,
    unknown
  >;
  const params: Record<string, Float64Array> = {};
  for (const spec of model.params) {
    params[spec.name] = resolveParam(
      paramObj[spec.name],
      spec,
      size,
      id,
      `${path}.params.${spec.name}`,
      seed,
      issues,
    );
  }
  const problem = model.crossCheck?.(params, size);
  if (problem) issues.error(`${path}.params.${problem.param}`, problem.message, id);
  const activation = model.hasActivation
    ? ACTIVATION_CODE[
        ((node as { activation?: string }).activation ?? 'logistic') as keyof typeof ACTIVATION_CODE
      ]
    : -1;
  const core: NeuronCore & { continuousIn: Projection[] } & Omit<NeuronPlan, keyof NeuronCore> = {
    id,
    nodeIndex: index,
    size,
    rank: 0,
    component: 0,
    out: [],
    kind: 'neuron',
    model,
    params,
    bias: params['bias']!,
    direct: new Float64Array(size),
    banks: [] as FilterBank[],
    stages: [] as Float64Array[],
    queue: new EventQueue(1),
    spikes: null,
    output: null,
    history: null,
    historyLength: 0,
    continuousIn: [],
  };
  return model.build(core, activation) as NeuronPlan;
}

/** A signal field as one value per element (a number for all, or one per element). */
function signalField(
  signal: Record<string, unknown>,
  name: string,
  size: number,
  fallback = 0,
): Float64Array {
  const out = new Float64Array(size);
  const raw = signal[name];
  if (raw === undefined) out.fill(fallback);
  else if (Array.isArray(raw)) out.set(raw as number[]);
  else out.fill(raw as number);
  return out;
}

/** An input or the bias node: its signal's per-element fields, switch times, spike lists, streams. */
function buildInput(info: NodeInfo, run: RunSettings): InputPlan {
  const { node, index, size } = info;
  const { dt, seed } = run;
  const id = node.id;
  const plan: InputPlan = {
    id,
    nodeIndex: index,
    size,
    rank: 0,
    component: 0,
    out: [],
    kind: 'input',
    signal: SIG_BIAS,
    fields: {},
    stepTimes: new Float64Array(0),
    stepValues: new Float64Array(0),
    u: new Float64Array(size),
    spikeRowPtr: null,
    spikeTimes: null,
    spikeCursor: null,
    poissonNext: null,
    streams: [],
    spikes: null,
    history: null,
    historyLength: 0,
  };
  if (info.kind === 'bias') {
    plan.u.fill(1);
    return plan;
  }
  const signal = (node as { signal: Signal }).signal as unknown as Record<string, unknown>;
  plan.signal = SIGNAL_CODE[signal['type'] as string]!;
  const field = (name: string, fallback?: number): void => {
    plan.fields[name] = signalField(signal, name, size, fallback);
  };
  const ownSeed = signal['seed'];
  const streamSeed = isFiniteNumber(ownSeed) ? ownSeed : seed;
  switch (plan.signal) {
    case SIG_CONSTANT:
      field('value');
      break;
    case SIG_STEP: {
      const times = signal['times'] as number[];
      const values = signal['values'] as Array<number | number[]>;
      plan.stepTimes = new Float64Array(times.length);
      plan.stepValues = new Float64Array(times.length * size);
      for (let k = 0; k < times.length; k++) {
        plan.stepTimes[k] = snapTime(times[k]!, dt);
        const v = values[k]!;
        if (Array.isArray(v)) plan.stepValues.set(v, k * size);
        else plan.stepValues.fill(v, k * size, (k + 1) * size);
      }
      break;
    }
    case SIG_PULSE:
      field('start');
      field('width');
      field('amplitude');
      field('period', 0);
      break;
    case SIG_SINE:
      field('amplitude');
      field('frequency');
      field('phase', 0);
      field('offset', 0);
      break;
    case SIG_NOISE:
      field('mean');
      field('std');
      field('tau');
      for (let i = 0; i < size; i++)
        plan.streams.push(RandomStream.fromKey(streamKey(streamSeed, id, `signal[${i}]`)));
      break;
    case SIG_SPIKES:
      plan.spikes = new SpikeBuffer();
      buildSpikeLists(plan, signal['times'] as number[] | number[][], dt);
      break;
    case SIG_POISSON:
      plan.spikes = new SpikeBuffer();
      field('rate');
      plan.poissonNext = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const stream = RandomStream.fromKey(streamKey(streamSeed, id, `signal[${i}]`));
        plan.streams.push(stream);
        const rate = plan.fields['rate']![i]!;
        plan.poissonNext[i] = rate > 0 ? stream.exponential(rate) : Infinity;
      }
      break;
    default:
      break;
  }
  return plan;
}

/** Spike times per element (one list shared by all, or one per element), snapped and sorted, CSR. */
function buildSpikeLists(plan: InputPlan, times: number[] | number[][], dt: number): void {
  const size = plan.size;
  const perElement = times.length > 0 && Array.isArray(times[0]);
  const lists: number[][] = [];
  for (let i = 0; i < size; i++) {
    const list = (perElement ? times[i] : times) as number[];
    lists.push(list.map((t) => snapTime(t, dt)).sort((a, b) => a - b));
  }
  plan.spikeRowPtr = new Int32Array(size + 1);
  let total = 0;
  for (let i = 0; i < size; i++) {
    total += lists[i]!.length;
    plan.spikeRowPtr[i + 1] = total;
  }
  plan.spikeTimes = new Float64Array(total);
  for (let i = 0; i < size; i++) plan.spikeTimes.set(lists[i]!, plan.spikeRowPtr[i]!);
  plan.spikeCursor = plan.spikeRowPtr.slice(0, size);
}

/** An edge's projection: its weights as all-to-all, one-to-one, dense or sparse (CSR). */
function buildProjection(
  e: EdgeInfo,
  source: NodePlan,
  target: TargetPlan,
  bank: number,
  dt: number,
  seed: number,
): Projection {
  const { edge, index: edgeIndex, tauS, order, delay } = e;
  const M = target.size;
  const N = source.size;
  const p: Projection = {
    id: edge.id,
    edgeIndex,
    source,
    target,
    conn: CONN_ALL,
    weight: 0,
    dense: null,
    rowPtr: null,
    col: null,
    bank,
    tauS,
    order,
    delay,
    delaySteps: Math.round(delay / dt),
    spiking: false,
    targetFirst: false,
    synapses: M * N,
  };
  const w = edge.weight as unknown;
  if (typeof w === 'number') {
    p.weight = w;
    return p;
  }
  if (Array.isArray(w)) {
    p.conn = CONN_DENSE;
    const dense = new Float64Array(M * N);
    for (let i = 0; i < M; i++) {
      const row = w[i] as number[];
      for (let j = 0; j < N; j++) dense[j * M + i] = row[j]!;
    }
    p.dense = dense;
    return p;
  }
  const g = w as WeightGenerator;
  switch (g.init) {
    case 'identity':
      p.conn = CONN_IDENTITY;
      p.weight = g.value;
      p.synapses = M;
      return p;
    case 'uniform':
    case 'normal':
      p.conn = CONN_DENSE;
      p.dense = drawDenseWeights(g, M, N, weightStream(g, seed, edge.id));
      return p;
    case 'sparse':
      p.conn = CONN_CSR;
      p.weight = g.value;
      buildSparse(p, M, N, g.p, weightStream(g, seed, edge.id));
      return p;
  }
}

/** Sparse pairs in target-major order with geometric skips, stored as CSR by source. */
function buildSparse(p: Projection, M: number, N: number, prob: number, r: RandomStream): void {
  const pairs = M * N;
  let cap = Math.max(16, Math.ceil(prob * pairs * 1.05 + 16));
  let tgt = new Int32Array(cap);
  let src = new Int32Array(cap);
  let count = 0;
  const counts = new Int32Array(N + 1);
  const walk = new SparsePairs(pairs, prob, r);
  for (let k = walk.next(); k >= 0; k = walk.next()) {
    if (count === cap) {
      cap *= 2;
      const t2 = new Int32Array(cap);
      t2.set(tgt);
      tgt = t2;
      const s2 = new Int32Array(cap);
      s2.set(src);
      src = s2;
    }
    const i = Math.floor(k / N);
    const j = k - i * N;
    tgt[count] = i;
    src[count] = j;
    counts[j + 1]++;
    count++;
  }
  const rowPtr = new Int32Array(N + 1);
  for (let j = 0; j < N; j++) rowPtr[j + 1] = rowPtr[j]! + counts[j + 1]!;
  const col = M <= 65536 ? new Uint16Array(count) : new Int32Array(count);
  const fill = rowPtr.slice(0, N);
  for (let c = 0; c < count; c++) {
    const j = src[c]!;
    col[fill[j]!++] = tgt[c]!;
  }
  p.rowPtr = rowPtr;
  p.col = col;
  p.synapses = count;
}
