/**
 * The run state: the engine's own instance of a CompiledPlan (docs/simulator.md#pipeline).
 *
 * A plan is read-only once compiled: its per-element arrays are constants and initial values (v0,
 * y0, a Poisson input's first waiting times, its streams at their start). At construction the
 * engine creates the run state from it: every node is instantiated with its own copies of the
 * arrays it steps or a live edit writes (model state, params, filter stages and drives, input
 * values, cursors, random streams), fresh event queues and spike buffers; projections are
 * instantiated too (a live edit changes a weight), linked to the instantiated nodes. Arrays that
 * only kernels read and no edit changes (weight matrices, CSR connectivity, spike lists, step
 * switch times) are shared with the plan. So a plan can be run twice, inspected by an exporter
 * while a run is going on, and always says what the run started from.
 */
import { EventQueue, SpikeBuffer, type FilterBank } from '../../models/neuron';
import type { RandomStream } from '../../util/random';
import type {
  CompiledPlan,
  InputPlan,
  NeuronPlan,
  NodePlan,
  ProbePlan,
  Projection,
  TargetPlan,
} from '../plan';

/** The network the engine steps: the plan's graph over the run's own node and edge instances. */
export interface RunState {
  readonly nodes: readonly NodePlan[];
  /** Nodes in step order. */
  readonly order: readonly NodePlan[];
  readonly projections: readonly Projection[];
  readonly probes: readonly ProbePlan[];
  /** Nodes whose spikes are recorded, document order. */
  readonly spiking: readonly NodePlan[];
}

type TypedArray = Float64Array | Int32Array;

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** Copies typed arrays once each, so arrays the plan shares (aliases) stay shared in the run. */
class Copies {
  private readonly map = new Map<TypedArray, TypedArray>();
  of<T extends TypedArray | null>(a: T): T {
    if (a === null) return a;
    let copy = this.map.get(a);
    if (!copy) {
      copy = a.slice();
      this.map.set(a, copy);
    }
    return copy as T;
  }
}

/** An input's run instance: its own values, fields, cursors and streams; lists shared. */
function instantiateInput(plan: InputPlan): InputPlan {
  const copies = new Copies();
  const fields: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(plan.fields)) fields[name] = copies.of(values);
  return {
    ...plan,
    out: [],
    fields,
    u: copies.of(plan.u),
    spikeCursor: copies.of(plan.spikeCursor),
    poissonNext: copies.of(plan.poissonNext),
    streams: plan.streams.map((s) => (s as RandomStream).clone()),
    spikes: plan.spikes ? new SpikeBuffer() : null,
    history: copies.of(plan.history),
  };
}

/**
 * A neuron node's run instance: every typed array of the node (the model's state and constants,
 * params, stages, drives) copied once, aliases kept; a fresh queue of the plan's length and fresh
 * spike buffer.
 */
function instantiateNeuron(plan: NeuronPlan): NeuronPlan {
  const copies = new Copies();
  const run: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan)) {
    run[key] = isTypedArray(value) ? copies.of(value) : value;
  }
  const params: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(plan.params)) params[name] = copies.of(values);
  const banks: FilterBank[] = plan.banks.map((bank) => ({ ...bank, drive: copies.of(bank.drive) }));
  return {
    ...(run as unknown as NeuronPlan),
    out: [],
    continuousIn: [],
    params,
    banks,
    stages: plan.stages.map((stage) => copies.of(stage)),
    queue: new EventQueue(plan.queue.buckets.length),
    spikes: plan.spikes ? new SpikeBuffer() : null,
  };
}

/** The run state of a plan: instances of its nodes and projections, the plan left untouched. */
export function createRunState(plan: CompiledPlan): RunState {
  const nodeOf = new Map<NodePlan, NodePlan>();
  for (const n of plan.nodes)
    nodeOf.set(n, n.kind === 'input' ? instantiateInput(n) : instantiateNeuron(n));
  const projectionOf = new Map<Projection, Projection>();
  for (const p of plan.projections) {
    projectionOf.set(p, {
      ...p,
      source: nodeOf.get(p.source)!,
      target: nodeOf.get(p.target)! as TargetPlan,
    });
  }
  for (const n of plan.nodes) {
    const run = nodeOf.get(n)!;
    run.out = n.out.map((p) => projectionOf.get(p)!);
    if (n.kind === 'neuron')
      (run as NeuronPlan).continuousIn = n.continuousIn.map((p) => projectionOf.get(p)!);
  }
  const node = (n: NodePlan): NodePlan => nodeOf.get(n)!;
  return {
    nodes: plan.nodes.map(node),
    order: plan.order.map(node),
    projections: plan.projections.map((p) => projectionOf.get(p)!),
    probes: plan.probes.map((probe) => ({ ...probe, node: node(probe.node) })),
    spiking: plan.spiking.map(node),
  };
}
