/**
 * The network our engine builds, as plain arrays, for the exporters (Brian2, PyNN).
 *
 * Everything is read from the compiled plan (shared/sim/compile), so an export carries exactly what
 * a run of ours uses: per-element params after draws, the drawn initial values, the drawn weights
 * and connections. With `inputs: 'as-drawn'` the random inputs (Poisson spike trains, noise
 * samples) are produced by our own seeded generators: the input nodes alone are run through our
 * engine (their streams are keyed by seed, node id and element, so they are the streams of the
 * full run). With `inputs: 'native'` the peer draws its own.
 */
import type { NetworkDocument } from '../document/model';
import { createSimulation } from '../sim/createSimulation';
import {
  CONN_ALL,
  CONN_CSR,
  CONN_DENSE,
  CONN_IDENTITY,
  SIG_NOISE,
  SIG_POISSON,
  SIG_SPIKES,
  type CompiledPlan,
  type NodePlan,
  type Projection,
} from '../sim/plan';
import { ResultCollector } from '../sim/runResult';
import type { Issue } from '../sim/types';

export type InputsMode = 'as-drawn' | 'native';

/** One element (node, edge or probe) and whether it maps to the peer, with the reason if not. */
export interface MappingLine {
  kind: 'node' | 'edge' | 'probe';
  id: string;
  /** Field path of the element in the document, e.g. `nodes[2]`. */
  path: string;
  ok: boolean;
  /** What it becomes in the peer, or why it cannot be exported. */
  text: string;
  /** Exported without this element (a probe the peer cannot record): listed, never silent. */
  warning?: boolean;
}

/** A file of an export folder (relative path with `/`). */
export interface ExportFile {
  name: string;
  data: string | Uint8Array;
}

export type ExportResult =
  | { ok: true; files: ExportFile[]; lines: MappingLine[] }
  | { ok: false; problems: MappingLine[]; lines: MappingLine[]; issues?: Issue[] };

/** Connections of a projection as explicit lists (source index, target index, weight). */
export interface ConnectionList {
  kind: 'all' | 'one-to-one' | 'list';
  /** Shared weight (all, one-to-one, and lists with a shared weight). */
  weight: number;
  pre: Int32Array | null;
  post: Int32Array | null;
  /** Per-connection weights (null: the shared weight). */
  w: Float64Array | null;
}

export function connectionsOf(p: Projection): ConnectionList {
  switch (p.conn) {
    case CONN_ALL:
      return { kind: 'all', weight: p.weight, pre: null, post: null, w: null };
    case CONN_IDENTITY:
      return { kind: 'one-to-one', weight: p.weight, pre: null, post: null, w: null };
    case CONN_DENSE: {
      const M = p.target.size;
      const N = p.source.size;
      const dense = p.dense!;
      let count = 0;
      for (let k = 0; k < dense.length; k++) if (dense[k] !== 0) count++;
      const pre = new Int32Array(count);
      const post = new Int32Array(count);
      const w = new Float64Array(count);
      let c = 0;
      for (let j = 0; j < N; j++) {
        for (let i = 0; i < M; i++) {
          const x = dense[j * M + i]!;
          if (x === 0) continue;
          pre[c] = j;
          post[c] = i;
          w[c] = x;
          c++;
        }
      }
      return { kind: 'list', weight: 0, pre, post, w };
    }
    case CONN_CSR:
    default: {
      const rowPtr = p.rowPtr!;
      const col = p.col!;
      const N = p.source.size;
      const pre = new Int32Array(col.length);
      const post = new Int32Array(col.length);
      for (let j = 0; j < N; j++) {
        for (let c = rowPtr[j]!; c < rowPtr[j + 1]!; c++) {
          pre[c] = j;
          post[c] = col[c]!;
        }
      }
      return { kind: 'list', weight: p.weight, pre, post, w: null };
    }
  }
}

/** The weight matrix W[i][j] (target-major) of a small continuous projection, row-major. */
export function denseMatrix(p: Projection): Float64Array {
  const M = p.target.size;
  const N = p.source.size;
  const out = new Float64Array(M * N);
  const c = connectionsOf(p);
  if (c.kind === 'all') out.fill(c.weight);
  else if (c.kind === 'one-to-one') for (let i = 0; i < M; i++) out[i * N + i] = c.weight;
  else
    for (let k = 0; k < c.pre!.length; k++)
      out[c.post![k]! * N + c.pre![k]!] += c.w ? c.w[k]! : c.weight;
  return out;
}

/** Our seeded inputs: spike trains per element and noise samples u(t_k) per element. */
export interface DrawnInputs {
  /** node id -> per element ascending spike times (s), t < duration. */
  spikes: Map<string, number[][]>;
  /** node id -> samples at t_k = k dt, k = 0..N, element-major rows (values[i][k]). */
  noise: Map<string, number[][]>;
}

export function isSpikeSource(n: NodePlan): boolean {
  return n.kind === 'input' && (n.signal === SIG_SPIKES || n.signal === SIG_POISSON);
}

/**
 * Run the document's spike sources and noise inputs alone through our engine (no edges, no
 * neurons) to get the exact spike trains and noise samples a full run of ours uses.
 */
export function drawInputs(doc: NetworkDocument, plan: CompiledPlan): DrawnInputs {
  const wanted = plan.nodes.filter(
    (n) => n.kind === 'input' && (isSpikeSource(n) || n.signal === SIG_NOISE),
  );
  const out: DrawnInputs = { spikes: new Map(), noise: new Map() };
  if (wanted.length === 0) return out;
  const ids = new Set(wanted.map((n) => n.id));
  const taken = new Set(doc.nodes.map((n) => n.id));
  const probes: Array<{ id: string; target: string; variable: 'u' }> = [];
  const probeOf = new Map<string, string>();
  let k = 0;
  for (const n of wanted) {
    if (!(n.kind === 'input' && n.signal === SIG_NOISE)) continue;
    let id = `noise_u_${k++}`;
    while (taken.has(id)) id = `noise_u_${k++}`;
    taken.add(id);
    probes.push({ id, target: n.id, variable: 'u' });
    probeOf.set(n.id, id);
  }
  const sub: NetworkDocument = {
    ...doc,
    simulation: { dt: plan.dt, duration: plan.duration, seed: plan.seed },
    nodes: doc.nodes.filter((n) => ids.has(n.id)),
    edges: [],
    probes,
  };
  const created = createSimulation(sub, {});
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('; '));
  const sim = created.simulation;
  const collector = new ResultCollector(
    sim.plan.spiking.map((n) => ({ id: n.id, size: n.size })),
    sim.dt,
  );
  while (sim.stepsDone < sim.totalSteps) collector.add(sim.advance(100_000));
  const result = collector.finish({ duration: plan.duration, seed: plan.seed }, sim, {
    compileSeconds: 0,
    runSeconds: 0,
  });
  for (const n of wanted) {
    if (isSpikeSource(n)) out.spikes.set(n.id, result.spikes[n.id] ?? []);
    const probe = probeOf.get(n.id);
    if (probe) out.noise.set(n.id, result.traces[probe]!.values);
  }
  return out;
}

/** Field path of a node or edge. */
export function nodePath(n: NodePlan): string {
  return `nodes[${n.nodeIndex}]`;
}
export function edgePath(p: Projection): string {
  return `edges[${p.edgeIndex}]`;
}

/** Compile for export; the issues of an invalid document become problems. */
export function compileForExport(
  doc: NetworkDocument,
): { ok: true; plan: CompiledPlan } | { ok: false; issues: Issue[] } {
  const created = createSimulation(doc, {});
  if (!created.ok) return { ok: false, issues: created.issues };
  return { ok: true, plan: created.simulation.plan };
}

/** One line per problem, in the style of validation errors: `PATH (kind ID): reason`. */
export function formatLine(line: MappingLine): string {
  return `${line.path}: ${line.kind} ${line.id}: ${line.text}`;
}

/** An export refused because the document does not compile: its errors, as mapping lines. */
export function compileFailure(issues: Issue[]): ExportResult {
  const problems: MappingLine[] = issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({
      kind: 'node',
      id: i.elementId ?? '-',
      path: i.path,
      ok: false,
      text: i.message,
    }));
  return { ok: false, problems, lines: problems, issues };
}
