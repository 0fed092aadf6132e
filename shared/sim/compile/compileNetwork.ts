/**
 * compileNetwork: NetworkDocument -> CompiledPlan, or every problem found as Issue[] (never throws).
 *
 * The document is assumed to have passed loadDocument (shape and the spec's per-field constraints),
 * but compile re-checks what it relies on, because it also sees documents built in memory (editor,
 * --set overrides, property tests): param draws that break a constraint (named per element), sizes
 * that do not match, unsupported combinations, and a network too large for memory (estimated before
 * anything big is allocated).
 *
 * Random draws (spec 8, shared/util/random.ts): every random quantity has its own stream, keyed by
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
  PopulationNode,
  Signal,
  WeightGenerator,
} from '../../document/model';
import { ACTIVATION_CODE } from '../../models/activations';
import { drawDenseWeights, SparsePairs, weightStream } from './weightDraws';
import {
  EDGE_DELAY,
  MODEL_PARAMS,
  PROBE_VARIABLES,
  SIGNAL_FIELDS,
  SYNAPSE_PARAMS,
  type ParamSpec,
} from '../../models/paramSpecs';

import { RandomStream, streamKey } from '../../util/random';
import type {
  CompiledPlan,
  FilterBank,
  HhPlan,
  InputPlan,
  LifPlan,
  NodePlan,
  ProbePlan,
  Projection,
  RatePlan,
  TargetPlan,
} from '../plan';
import {
  CONN_ALL,
  CONN_CSR,
  CONN_DENSE,
  CONN_IDENTITY,
  EventQueue,
  SIG_BIAS,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_PULSE,
  SIG_SINE,
  SIG_SPIKES,
  SIG_STEP,
  SpikeBuffer,
} from '../plan';
import { snapTime } from '../engine/signals';
import { admitRun, gridSteps, wholeStepDurations } from '../admission';
import type { Issue } from '../types';

export interface CompileOptions {
  dt?: number;
  duration?: number;
  seed?: number;
  /** Refuse plans estimated above this many bytes (default 2 GB). */
  maxBytes?: number;
  /** Whether HH populations can be simulated (the HH integrator is plugged in by the engine). */
  hhAvailable?: boolean;
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** `> 0`, `>= 0 and <= 10`: a spec's constraint in words (also used by live edits). */
export function describeConstraint(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.min !== undefined) parts.push(`${spec.exclusiveMin ? '>' : '>='} ${spec.min}`);
  if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
  return parts.join(' and ');
}

/** Whether x breaks the spec's constraint (non-finite always does). */
export function violates(spec: ParamSpec, x: number): boolean {
  if (!Number.isFinite(x)) return true;
  if (spec.min !== undefined && (spec.exclusiveMin ? !(x > spec.min) : !(x >= spec.min)))
    return true;
  if (spec.max !== undefined && !(x <= spec.max)) return true;
  if (spec.integer && !Number.isInteger(x)) return true;
  return false;
}

/** Compile a document. Never throws: anything unexpected becomes an issue. */
export function compileNetwork(doc: NetworkDocument, options: CompileOptions = {}): CompileResult {
  try {
    return compileUnsafe(doc, options);
  } catch (e) {
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
}

interface NodeInfo {
  node: NetworkNode;
  index: number;
  size: number;
  /** 'lif' | 'hh' | 'rate' | 'input' | 'bias' */
  kind: string;
  spiking: boolean;
}

function compileUnsafe(doc: NetworkDocument, options: CompileOptions): CompileResult {
  const issues = new IssueList();
  if (!isObject(doc))
    return {
      ok: false,
      issues: [{ severity: 'error', path: '', message: 'not a network document' }],
    };
  const sim = isObject(doc.simulation) ? doc.simulation : ({} as Record<string, unknown>);
  const dt = options.dt ?? (sim['dt'] as number);
  const duration = options.duration ?? (sim['duration'] as number);
  const seed = options.seed ?? (sim['seed'] as number) ?? 1;
  if (!isFiniteNumber(dt) || !(dt > 0))
    issues.error(options.dt !== undefined ? 'dt' : 'simulation.dt', 'must be a number > 0');
  if (!(typeof duration === 'number') || !(duration > 0) || Number.isNaN(duration))
    issues.error(
      options.duration !== undefined ? 'duration' : 'simulation.duration',
      'must be a number > 0',
    );
  if (!isFiniteNumber(seed) || !Number.isInteger(seed) || seed < 0)
    issues.error(
      options.seed !== undefined ? 'seed' : 'simulation.seed',
      'must be a whole number >= 0',
    );
  let totalSteps = Infinity;
  if (isFiniteNumber(dt) && dt > 0 && isFiniteNumber(duration) && duration > 0) {
    const grid = gridSteps(duration, dt);
    totalSteps = grid.steps;
    if (!grid.whole) {
      issues.error(
        options.duration !== undefined ? 'duration' : 'simulation.duration',
        `must be a whole number of steps dt (duration / dt = ${duration / dt}): use ${wholeStepDurations(duration, dt).join(' or ')}`,
      );
    }
  }
  const nodesRaw: unknown[] = Array.isArray(doc.nodes) ? doc.nodes : [];
  const edgesRaw: unknown[] = Array.isArray(doc.edges) ? doc.edges : [];
  const probesRaw: unknown[] = Array.isArray(doc.probes) ? doc.probes : [];
  if (!Array.isArray(doc.nodes)) issues.error('nodes', 'must be an array');
  if (!Array.isArray(doc.edges)) issues.error('edges', 'must be an array');
  let estimatedBytes = 0;

  // ---- nodes: kind, size
  const infos = new Map<string, NodeInfo>();
  const infoList: NodeInfo[] = [];
  const allIds = new Set<string>();
  let elementTotal = 0;
  nodesRaw.forEach((raw, index) => {
    const path = `nodes[${index}]`;
    if (!isObject(raw)) {
      issues.error(path, 'must be an object');
      return;
    }
    const node = raw as NetworkNode;
    const id = node.id;
    if (typeof id !== 'string' || id === '') {
      issues.error(`${path}.id`, 'must be a non-empty string');
      return;
    }
    if (allIds.has(id)) {
      issues.error(`${path}.id`, `duplicate id "${id}"`, id);
      return;
    }
    allIds.add(id);
    let size = 1;
    let kind: string;
    let spiking = false;
    if (node.kind === 'neuron' || node.kind === 'population') {
      const model = (node as { model?: unknown }).model;
      if (model !== 'lif' && model !== 'hh' && model !== 'rate') {
        issues.error(`${path}.model`, 'must be "lif", "hh" or "rate"', id);
        return;
      }
      if (model === 'hh' && !options.hhAvailable) {
        issues.error(`${path}.model`, 'hh not available in this build of the simulator', id);
        return;
      }
      kind = model;
      spiking = model !== 'rate';
      if (node.kind === 'population') {
        size = (node as PopulationNode).size;
        if (!isFiniteNumber(size) || !Number.isInteger(size) || size < 1) {
          issues.error(`${path}.size`, 'must be a whole number >= 1', id);
          return;
        }
      }
    } else if (node.kind === 'input') {
      kind = 'input';
      const s = (node as { size?: unknown }).size;
      if (s !== undefined) {
        if (!isFiniteNumber(s) || !Number.isInteger(s) || s < 1) {
          issues.error(`${path}.size`, 'must be a whole number >= 1', id);
          return;
        }
        size = s;
      }
      const signal = (node as { signal?: unknown }).signal;
      if (
        !isObject(signal) ||
        typeof signal['type'] !== 'string' ||
        !(signal['type'] in SIGNAL_CODE)
      ) {
        issues.error(
          `${path}.signal.type`,
          `must be one of ${Object.keys(SIGNAL_CODE).join(', ')}`,
          id,
        );
        return;
      }
      spiking = signal['type'] === 'spikes' || signal['type'] === 'poisson';
    } else if (node.kind === 'bias') {
      kind = 'bias';
    } else {
      issues.error(`${path}.kind`, 'must be "neuron", "population", "input" or "bias"', id);
      return;
    }
    elementTotal += size;
    const info: NodeInfo = { node, index, size, kind, spiking };
    infos.set(id, info);
    infoList.push(info);
  });
  if (elementTotal > MAX_ELEMENTS) {
    issues.error('nodes', `network too large: ${elementTotal} elements (at most ${MAX_ELEMENTS})`);
    return { ok: false, issues: issues.list };
  }

  // ---- edges: endpoints, synapse, weight shape, delay
  interface EdgeInfo {
    edge: Edge;
    index: number;
    source: NodeInfo;
    target: NodeInfo;
    tauS: number;
    order: number;
    hasSynapse: boolean;
    delay: number;
    expectedSynapses: number;
    bytes: number;
  }
  const edgeInfos: EdgeInfo[] = [];
  edgesRaw.forEach((raw, index) => {
    const path = `edges[${index}]`;
    if (!isObject(raw)) {
      issues.error(path, 'must be an object');
      return;
    }
    const edge = raw as Edge;
    const id = typeof edge.id === 'string' ? edge.id : undefined;
    if (id !== undefined) {
      if (allIds.has(id)) issues.error(`${path}.id`, `duplicate id "${id}"`, id);
      allIds.add(id);
    }
    const source = typeof edge.source === 'string' ? infos.get(edge.source) : undefined;
    const target = typeof edge.target === 'string' ? infos.get(edge.target) : undefined;
    if (!source) issues.error(`${path}.source`, `no node "${String(edge.source)}"`, id);
    if (!target) issues.error(`${path}.target`, `no node "${String(edge.target)}"`, id);
    if (!source || !target) return;
    if (target.kind === 'input' || target.kind === 'bias') {
      issues.error(
        `${path}.target`,
        `edges may only target neurons and populations ("${target.node.id}" is ${target.kind === 'bias' ? 'a bias node' : 'an input'})`,
        id,
      );
      return;
    }
    let hasSynapse = false;
    let tauS = NaN;
    let order = 0;
    const syn = edge.synapse;
    if (syn !== undefined && syn !== null) {
      if (!isObject(syn)) {
        issues.error(`${path}.synapse`, 'must be an object {tauS, n} or null', id);
        return;
      }
      hasSynapse = true;
      tauS = syn.tauS as number;
      order = syn.n === undefined ? 0 : (syn.n as number);
      if (violates(SYNAPSE_PARAMS[0]!, tauS))
        issues.error(
          `${path}.synapse.tauS`,
          `must be a number ${describeConstraint(SYNAPSE_PARAMS[0]!)}`,
          id,
        );
      if (violates(SYNAPSE_PARAMS[1]!, order))
        issues.error(`${path}.synapse.n`, 'must be a whole number from 0 to 10', id);
    }
    if (source.spiking && !hasSynapse) {
      issues.error(
        `${path}.synapse`,
        `"${source.node.id}" emits spikes: this edge needs a synapse {tauS, n}`,
        id,
      );
      return;
    }
    const delay = edge.delay === undefined ? 0 : edge.delay;
    if (violates(EDGE_DELAY, delay)) {
      issues.error(`${path}.delay`, 'must be a number >= 0', id);
      return;
    }
    // weight
    const M = target.size;
    const N = source.size;
    const w = edge.weight as unknown;
    let expected = 0;
    let bytes = 0;
    if (isFiniteNumber(w)) {
      expected = M * N;
    } else if (Array.isArray(w)) {
      if (w.length !== M) {
        issues.error(
          `${path}.weight`,
          `a weight matrix needs one row per target element: ${M} rows, got ${w.length}`,
          id,
        );
        return;
      }
      for (let i = 0; i < w.length; i++) {
        const row = w[i] as unknown;
        if (!Array.isArray(row) || row.length !== N) {
          issues.error(
            `${path}.weight[${i}]`,
            `each row needs one column per source element (${N})`,
            id,
          );
          return;
        }
        for (let j = 0; j < N; j++) {
          if (!isFiniteNumber(row[j])) {
            issues.error(`${path}.weight[${i}][${j}]`, 'must be a finite number', id);
            return;
          }
        }
      }
      expected = M * N;
      bytes = M * N * 8;
    } else if (isObject(w)) {
      const g = w as unknown as WeightGenerator;
      switch (g.init) {
        case 'uniform':
          if (!isFiniteNumber(g.low) || !isFiniteNumber(g.high)) {
            issues.error(`${path}.weight`, 'uniform weights need finite low and high', id);
            return;
          }
          expected = M * N;
          bytes = M * N * 8;
          break;
        case 'normal':
          if (!isFiniteNumber(g.mean) || !isFiniteNumber(g.std) || g.std < 0) {
            issues.error(`${path}.weight`, 'normal weights need a finite mean and std >= 0', id);
            return;
          }
          expected = M * N;
          bytes = M * N * 8;
          break;
        case 'identity':
          if (M !== N) {
            issues.error(
              `${path}.weight`,
              `identity weights need equal sizes (source ${N}, target ${M})`,
              id,
            );
            return;
          }
          if (!isFiniteNumber(g.value)) {
            issues.error(`${path}.weight.value`, 'must be a finite number', id);
            return;
          }
          expected = M;
          break;
        case 'sparse': {
          if (!isFiniteNumber(g.p) || g.p < 0 || g.p > 1) {
            issues.error(`${path}.weight.p`, 'must be a probability from 0 to 1', id);
            return;
          }
          if (!isFiniteNumber(g.value)) {
            issues.error(`${path}.weight.value`, 'must be a finite number', id);
            return;
          }
          const pairs = M * N;
          expected = g.p * pairs;
          const spread = Math.sqrt(pairs * g.p * (1 - g.p));
          const colBytes = M <= 65536 ? 2 : 4;
          // final CSR + the temporary target-major copy while building
          bytes = (expected + 6 * spread + 16) * (colBytes + 4) + (N + M + 2) * 4;
          break;
        }
        default:
          issues.error(
            `${path}.weight.init`,
            'must be "uniform", "normal", "identity" or "sparse"',
            id,
          );
          return;
      }
      if (
        g.seed !== undefined &&
        (!isFiniteNumber(g.seed) || !Number.isInteger(g.seed) || g.seed < 0)
      ) {
        issues.error(`${path}.weight.seed`, 'must be a whole number >= 0', id);
        return;
      }
    } else {
      issues.error(`${path}.weight`, 'must be a number, a matrix or a generator', id);
      return;
    }
    edgeInfos.push({
      edge,
      index,
      source,
      target,
      tauS,
      order,
      hasSynapse,
      delay,
      expectedSynapses: expected,
      bytes,
    });
  });

  // ---- the run-size admission rule (memory, spikes, rates, steps), before any big allocation
  if (!issues.hasErrors) {
    const admission = admitRun(
      doc,
      { dt: options.dt, duration: options.duration },
      { maxBytes: options.maxBytes },
    );
    issues.list.push(...admission.issues);
    estimatedBytes = admission.estimate.bytes.network;
  }
  if (issues.hasErrors) return { ok: false, issues: issues.list };

  // ---- params and states
  const plans = new Map<string, NodePlan>();
  const nodePlans: NodePlan[] = [];
  for (const info of infoList) {
    const plan = buildNode(info, seed, dt, issues);
    if (plan) {
      plans.set(info.node.id, plan);
      nodePlans.push(plan);
    }
  }
  if (issues.hasErrors) return { ok: false, issues: issues.list };

  // ---- filter banks (looked up by (tauS, n) per target: linear in the edges)
  const bankIndex = new Map<string, number>();
  const bankOf = (target: TargetPlan, tauS: number, order: number): number =>
    bankIndex.get(`${target.id}\u0000${tauS}\u0000${order}`) ?? -1;
  for (const e of edgeInfos) {
    if (!e.hasSynapse) continue;
    const target = plans.get(e.target.node.id) as TargetPlan;
    let bank = bankOf(target, e.tauS, e.order);
    if (bank < 0) {
      bankIndex.set(`${target.id}\u0000${e.tauS}\u0000${e.order}`, target.banks.length);
      bank = target.banks.length;
      target.banks.push({ tauS: e.tauS, order: e.order, first: target.stages.length, drive: null });
      for (let k = 0; k <= e.order; k++) target.stages.push(new Float64Array(target.size));
    }
    if (!e.source.spiking && target.banks[bank]!.drive === null)
      target.banks[bank]!.drive = new Float64Array(target.size);
  }

  // ---- order: topological order of zero-delay edges, cycles condensed, document order otherwise
  const order = stepOrder(
    nodePlans,
    edgeInfos.filter((e) => e.delay === 0).map((e) => [e.source.node.id, e.target.node.id]),
  );
  order.forEach((n, rank) => (n.rank = rank));

  // ---- projections
  const projections: Projection[] = [];
  for (const e of edgeInfos) {
    const source = plans.get(e.source.node.id)!;
    const target = plans.get(e.target.node.id) as TargetPlan;
    const bank = e.hasSynapse ? bankOf(target, e.tauS, e.order) : -1;
    const p = buildProjection(
      e.edge,
      e.index,
      source,
      target,
      bank,
      e.tauS,
      e.order,
      e.delay,
      dt,
      seed,
    );
    p.spiking = e.source.spiking;
    p.targetFirst =
      e.delay === 0 ? target.component === source.component : target.rank <= source.rank;
    projections.push(p);
    source.out.push(p);
    if (!p.spiking) target.continuousIn.push(p);
  }
  // event queues long enough for the largest delay into each target (one pass over the edges)
  const maxDelayInto = new Map<NodePlan, number>();
  for (const p of projections)
    if (p.spiking) maxDelayInto.set(p.target, Math.max(maxDelayInto.get(p.target) ?? 0, p.delay));
  for (const n of nodePlans) {
    if (n.kind === 'input') continue;
    n.queue = new EventQueue(Math.ceil((maxDelayInto.get(n) ?? 0) / dt) + 2);
  }
  // history rings for delayed sampled continuous sources
  for (const p of projections) {
    const s = p.source;
    if (p.spiking || p.delaySteps === 0) continue;
    if (s.kind === 'rate' || (s.kind === 'input' && s.signal === SIG_NOISE)) {
      s.historyLength = Math.max(s.historyLength, p.delaySteps + 1);
    }
  }
  for (const n of nodePlans) {
    if ((n.kind === 'rate' || n.kind === 'input') && n.historyLength > 0)
      n.history = new Float64Array(n.historyLength * n.size);
  }

  // ---- probes
  const probes: ProbePlan[] = [];
  probesRaw.forEach((raw, index) => {
    const path = `probes[${index}]`;
    if (!isObject(raw)) {
      issues.error(path, 'must be an object');
      return;
    }
    const id = typeof raw['id'] === 'string' ? raw['id'] : `probe${index}`;
    if (typeof raw['id'] === 'string') {
      if (allIds.has(id)) issues.error(`${path}.id`, `duplicate id "${id}"`, id);
      allIds.add(id);
    }
    const node = typeof raw['target'] === 'string' ? plans.get(raw['target']) : undefined;
    if (!node) {
      issues.error(`${path}.target`, `no node "${String(raw['target'])}"`, id);
      return;
    }
    const variable = raw['variable'];
    const info = infos.get(node.id)!;
    const modelKey =
      info.kind === 'bias' ? 'input' : (info.kind as 'lif' | 'hh' | 'rate' | 'input');
    let allowed = PROBE_VARIABLES[modelKey];
    if (node.kind === 'input' && node.spikes) allowed = [];
    if (typeof variable !== 'string' || !allowed.includes(variable)) {
      issues.error(
        `${path}.variable`,
        allowed.length === 0
          ? `"${node.id}" is a spike source: its spikes are always recorded, it has no variable to probe`
          : `"${String(variable)}" is not a variable of "${node.id}" (one of ${allowed.join(', ')})`,
        id,
      );
      return;
    }
    const every = raw['every'] === undefined ? 1 : raw['every'];
    if (!isFiniteNumber(every) || !Number.isInteger(every) || every < 1) {
      issues.error(`${path}.every`, 'must be a whole number of steps >= 1', id);
      return;
    }
    let indices: Int32Array;
    if (raw['indices'] === undefined) {
      indices = new Int32Array(node.size);
      for (let i = 0; i < node.size; i++) indices[i] = i;
    } else {
      const list = raw['indices'];
      if (
        !Array.isArray(list) ||
        list.some((x) => !Number.isInteger(x) || x < 0 || x >= node.size)
      ) {
        issues.error(`${path}.indices`, `must be element indices from 0 to ${node.size - 1}`, id);
        return;
      }
      indices = Int32Array.from(list as number[]);
    }
    probes.push({ id, node, variable, every, indices });
  });
  if (issues.hasErrors) return { ok: false, issues: issues.list };

  const spiking = nodePlans.filter(
    (n): n is LifPlan | HhPlan | InputPlan =>
      n.kind === 'lif' || n.kind === 'hh' || (n.kind === 'input' && n.spikes !== null),
  );
  let bytes = estimatedBytes;
  for (const p of projections) {
    if (p.col) bytes += p.col.byteLength + p.rowPtr!.byteLength;
  }
  return {
    ok: true,
    plan: {
      dt,
      totalSteps,
      duration,
      seed,
      nodes: nodePlans,
      order,
      projections,
      probes,
      spiking,
      estimatedBytes: bytes,
    },
  };
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

/** Resolve a numeric param to one value per element, with draws and constraint checks. */
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
  const constraint = describeConstraint(spec);
  const bad = (i: number | null, x: number): void => {
    issues.error(
      path,
      i === null
        ? `must be ${constraint ? `a number ${constraint}` : 'a finite number'} (got ${x})`
        : `element ${i}: ${Number.isFinite(x) ? 'drawn ' : ''}value ${x} breaks the constraint ${constraint || 'finite'}`,
      nodeId,
    );
  };
  if (raw === undefined) {
    out.fill(spec.default);
    return out;
  }
  if (typeof raw === 'number') {
    if (violates(spec, raw)) bad(null, raw);
    out.fill(raw);
    return out;
  }
  if (Array.isArray(raw)) {
    if (raw.length !== size) {
      issues.error(
        path,
        `an array param needs one value per element (${size}), got ${raw.length}`,
        nodeId,
      );
      return out;
    }
    for (let i = 0; i < size; i++) {
      const x = raw[i] as unknown;
      if (typeof x !== 'number' || violates(spec, x)) {
        bad(i, Number(x));
        return out;
      }
      out[i] = x;
    }
    return out;
  }
  if (isObject(raw) && (raw['init'] === 'uniform' || raw['init'] === 'normal')) {
    const ownSeed = raw['seed'];
    const stream = RandomStream.fromKey(
      streamKey(
        isFiniteNumber(ownSeed) ? ownSeed : seed,
        nodeId,
        path.slice(path.indexOf('params')),
      ),
    );
    if (raw['init'] === 'uniform') {
      const low = raw['low'];
      const high = raw['high'];
      if (!isFiniteNumber(low) || !isFiniteNumber(high)) {
        issues.error(path, 'uniform needs finite low and high', nodeId);
        return out;
      }
      for (let i = 0; i < size; i++) out[i] = stream.uniformIn(low, high);
    } else {
      const mean = raw['mean'];
      const std = raw['std'];
      if (!isFiniteNumber(mean) || !isFiniteNumber(std) || std < 0) {
        issues.error(path, 'normal needs a finite mean and std >= 0', nodeId);
        return out;
      }
      for (let i = 0; i < size; i++) out[i] = mean + std * stream.normal();
    }
    for (let i = 0; i < size; i++) {
      if (violates(spec, out[i]!)) {
        bad(i, out[i]!);
        break;
      }
    }
    return out;
  }
  issues.error(
    path,
    'must be a number, an array of numbers, or {"init": "uniform"|"normal", ...}',
    nodeId,
  );
  return out;
}

function buildNode(info: NodeInfo, seed: number, dt: number, issues: IssueList): NodePlan | null {
  const { node, index, size } = info;
  const path = `nodes[${index}]`;
  const id = node.id;
  const base = { id, nodeIndex: index, size, rank: 0, component: 0, out: [] as Projection[] };
  if (info.kind === 'input' || info.kind === 'bias') return buildInput(info, seed, dt, issues);
  const model = info.kind as 'lif' | 'hh' | 'rate';
  const specs = MODEL_PARAMS[model];
  const rawParams = (node as { params?: unknown }).params;
  const params: Record<string, Float64Array> = {};
  const paramObj = isObject(rawParams) ? rawParams : {};
  if (rawParams !== undefined && !isObject(rawParams))
    issues.error(`${path}.params`, 'must be an object', id);
  for (const spec of specs) {
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
  const target = {
    ...base,
    bias: params['bias']!,
    direct: new Float64Array(size),
    banks: [] as FilterBank[],
    stages: [] as Float64Array[],
    queue: new EventQueue(1),
    continuousIn: [] as Projection[],
  };
  if (model === 'lif') {
    const vTh = params['vTh']!;
    const vReset = params['vReset']!;
    for (let i = 0; i < size; i++) {
      if (!(vReset[i]! < vTh[i]!)) {
        issues.error(
          `${path}.params.vReset`,
          `${size > 1 ? `element ${i}: ` : ''}vReset (${vReset[i]}) must be below vTh (${vTh[i]})`,
          id,
        );
        break;
      }
    }
    const plan: LifPlan = {
      ...target,
      kind: 'lif',
      tauM: params['tauM']!,
      tauRef: params['tauRef']!,
      vTh,
      vReset,
      v: params['v0']!.slice(),
      refUntil: new Float64Array(size).fill(-Infinity),
      spikes: new SpikeBuffer(),
    };
    return plan;
  }
  if (model === 'rate') {
    const act = (node as { activation?: unknown }).activation ?? 'logistic';
    const code =
      typeof act === 'string' ? ACTIVATION_CODE[act as keyof typeof ACTIVATION_CODE] : undefined;
    if (code === undefined) {
      issues.error(
        `${path}.activation`,
        `must be one of ${Object.keys(ACTIVATION_CODE).join(', ')}`,
        id,
      );
      return null;
    }
    const plan: RatePlan = {
      ...target,
      kind: 'rate',
      activation: code,
      tau: params['tau']!,
      y: params['y0']!.slice(),
      z: new Float64Array(size),
      history: null,
      historyLength: 0,
    };
    return plan;
  }
  const plan: HhPlan = {
    ...target,
    kind: 'hh',
    params,
    V: params['V0']!.slice(),
    m: new Float64Array(size),
    h: new Float64Array(size),
    n: new Float64Array(size),
    spikes: new SpikeBuffer(),
    backend: null,
  };
  return plan;
}

function signalField(
  signal: Record<string, unknown>,
  name: string,
  size: number,
  fallback: number | undefined,
  path: string,
  id: string,
  issues: IssueList,
  spec?: ParamSpec,
): Float64Array {
  const out = new Float64Array(size);
  const raw = signal[name];
  if (raw === undefined) {
    if (fallback === undefined) issues.error(`${path}.${name}`, 'is required', id);
    else out.fill(fallback);
    return out;
  }
  const check = (x: unknown, where: string): boolean => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      issues.error(where, 'must be a finite number', id);
      return false;
    }
    if (spec && violates(spec, x)) {
      issues.error(where, `must be ${describeConstraint(spec)}`, id);
      return false;
    }
    return true;
  };
  if (Array.isArray(raw)) {
    if (raw.length !== size) {
      issues.error(
        `${path}.${name}`,
        `needs one value per element (${size}), got ${raw.length}`,
        id,
      );
      return out;
    }
    for (let i = 0; i < size; i++) {
      if (!check(raw[i], `${path}.${name}[${i}]`)) return out;
      out[i] = raw[i] as number;
    }
    return out;
  }
  if (check(raw, `${path}.${name}`)) out.fill(raw as number);
  return out;
}

function buildInput(info: NodeInfo, seed: number, dt: number, issues: IssueList): InputPlan {
  const { node, index, size } = info;
  const id = node.id;
  const path = `nodes[${index}].signal`;
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
  const type = signal['type'] as string;
  plan.signal = SIGNAL_CODE[type]!;
  const specs = SIGNAL_FIELDS[type] ?? [];
  const specOf = (name: string): ParamSpec | undefined => specs.find((s) => s.name === name);
  const field = (name: string, fallback?: number): Float64Array =>
    (plan.fields[name] = signalField(signal, name, size, fallback, path, id, issues, specOf(name)));
  switch (plan.signal) {
    case SIG_CONSTANT:
      field('value');
      break;
    case SIG_STEP: {
      const times = signal['times'];
      const values = signal['values'];
      if (!Array.isArray(times) || !Array.isArray(values) || times.length !== values.length) {
        issues.error(`${path}.times`, 'times and values must be arrays of the same length', id);
        break;
      }
      plan.stepTimes = new Float64Array(times.length);
      plan.stepValues = new Float64Array(times.length * size);
      for (let k = 0; k < times.length; k++) {
        const t = times[k] as unknown;
        if (!isFiniteNumber(t) || (k > 0 && !(t > (times[k - 1] as number)))) {
          issues.error(`${path}.times[${k}]`, 'times must be finite and strictly ascending', id);
          return plan;
        }
        plan.stepTimes[k] = snapTime(t, dt);
        const v = values[k] as unknown;
        if (Array.isArray(v)) {
          if (v.length !== size || v.some((x) => !isFiniteNumber(x))) {
            issues.error(`${path}.values[${k}]`, `needs ${size} finite numbers`, id);
            return plan;
          }
          for (let i = 0; i < size; i++) plan.stepValues[k * size + i] = v[i] as number;
        } else if (isFiniteNumber(v)) {
          plan.stepValues.fill(v, k * size, (k + 1) * size);
        } else {
          issues.error(
            `${path}.values[${k}]`,
            'must be a finite number or an array per element',
            id,
          );
          return plan;
        }
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
    case SIG_NOISE: {
      field('mean');
      field('std');
      field('tau');
      const ownSeed = signal['seed'];
      const s = isFiniteNumber(ownSeed) ? ownSeed : seed;
      for (let i = 0; i < size; i++)
        plan.streams.push(RandomStream.fromKey(streamKey(s, id, `signal[${i}]`)));
      break;
    }
    case SIG_SPIKES: {
      plan.spikes = new SpikeBuffer();
      const times = signal['times'];
      const perElement = Array.isArray(times) && times.length > 0 && Array.isArray(times[0]);
      const lists: number[][] = [];
      if (!Array.isArray(times)) {
        issues.error(
          `${path}.times`,
          'must be an array of spike times (or one array per element)',
          id,
        );
        break;
      }
      if (perElement && times.length !== size) {
        issues.error(
          `${path}.times`,
          `needs one array per element (${size}), got ${times.length}`,
          id,
        );
        break;
      }
      for (let i = 0; i < size; i++) {
        const list = (perElement ? times[i] : times) as unknown;
        if (!Array.isArray(list) || list.some((t) => !isFiniteNumber(t) || t < 0)) {
          issues.error(
            `${path}.times${perElement ? `[${i}]` : ''}`,
            'spike times must be finite numbers >= 0',
            id,
          );
          return plan;
        }
        lists.push((list as number[]).map((t) => snapTime(t, dt)).sort((a, b) => a - b));
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
      break;
    }
    case SIG_POISSON: {
      plan.spikes = new SpikeBuffer();
      field('rate');
      const ownSeed = signal['seed'];
      const s = isFiniteNumber(ownSeed) ? ownSeed : seed;
      plan.poissonNext = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const stream = RandomStream.fromKey(streamKey(s, id, `signal[${i}]`));
        plan.streams.push(stream);
        const rate = plan.fields['rate']![i]!;
        plan.poissonNext[i] = rate > 0 ? stream.exponential(rate) : Infinity;
      }
      break;
    }
    default:
      break;
  }
  return plan;
}

function buildProjection(
  edge: Edge,
  edgeIndex: number,
  source: NodePlan,
  target: TargetPlan,
  bank: number,
  tauS: number,
  order: number,
  delay: number,
  dt: number,
  seed: number,
): Projection {
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
