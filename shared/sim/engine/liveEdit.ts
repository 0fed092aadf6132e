/**
 * Live edits (issue 6): change one value of a running network between two chunks, without a restart.
 *
 * An edit names a node or edge and a path in the CLI's `--set` full form (`params.bias`,
 * `signal.value`, `weight`, `synapse.tauS`). It is applied at the current step boundary t_k (the
 * next chunk's first step runs with it), in two phases so the plan is never left half-updated:
 * `prepare` validates everything and returns either an Issue or a commit closure; the commit only
 * writes values that passed and then recomputes exactly the cached constants that depend on them
 * (the engine's hooks in `LiveEditContext`). Nothing here runs inside the step loop.
 *
 * Supported, and when each acts:
 *  - LIF `params.bias|tauM|tauRef|vTh|vReset`: from step k (propagators recomputed for tauM; a
 *    neuron inside its refractory period is held at the new vReset; a running refractory period
 *    keeps its old end);
 *  - HH `params.bias|C|gNa|gK|gL|ENa|EK|EL|spikeThreshold`: from step k (the integrator's cached
 *    derivatives are invalidated for all but bias and spikeThreshold);
 *  - rate `params.bias|tau` and `activation`: tau from step k; bias and activation enter z and y at
 *    the next sample t_{k+1} (z_k and y_k were already computed);
 *  - input `signal.*`: constant value; step values and times (same count); pulse start, width,
 *    amplitude, period; sine amplitude, frequency, phase, offset; noise mean, std, tau; poisson
 *    rate. u and the targets' drives are re-evaluated at t_k. An analytic signal (constant, step,
 *    pulse, sine) with a delayed edge is refused: its past, still in flight, would change too.
 *    Poisson: the pending interval is rescaled by old/new rate (exact by memorylessness, no draw);
 *  - edge `weight` (a number), `weight.value` (identity and sparse generators): spikes already in
 *    flight keep the weight they were sent with; continuous edges drive with the new weight at t_k;
 *  - edge `synapse.tauS` when the edge has its target's filter bank to itself: the bank's
 *    propagators are recomputed and spikes in flight rescaled to w/tauS_new (the filter state,
 *    the current, is kept).
 * Anything else (initial values, seeds, delays, synapse order, matrices and random generators,
 * spike times, a synapse shared with other edges, a value of another shape) returns an Issue
 * "this change needs a restart"; an out-of-range value returns an Issue saying which range.
 */
import { ACTIVATION_CODE } from '../../models/activations';
import type { NeuronKernel } from '../../models/neuron';
import type { ParamSpec } from '../../models/paramSpec';
import { SIGNAL_FIELDS, SYNAPSE_PARAMS } from '../../models/paramSpecs';
import type { RandomStream } from '../../util/random';
import { constraintText, violates } from '../../models/paramSpec';
import type { InputPlan, NeuronPlan, NodePlan, Projection, TargetPlan } from '../plan';
import {
  CONN_ALL,
  CONN_CSR,
  CONN_IDENTITY,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_PULSE,
  SIG_SINE,
  SIG_STEP,
} from '../plan';
import { EDIT_MESSAGES, type EditCode, type Issue, type LiveEdit } from '../types';
import { snapTime } from '../../util/timeGrid';
import { isPiecewise } from './signals';

/** The message of an edit that cannot be applied to a running network. */
export const NEEDS_RESTART = EDIT_MESSAGES.needsRestart;

/** Refusals that need a restart (the others are invalid values): told apart without the text. */
const restartIssues = new WeakSet<Issue>();

/** Mark an issue as "needs a restart" (returned as is). */
export function restartIssue(issue: Issue): Issue {
  restartIssues.add(issue);
  return issue;
}

/** The code of what applyEdit answered: null -> applied. */
export function editCode(answer: Issue | null): EditCode {
  if (answer === null) return 'applied';
  return restartIssues.has(answer) ? 'needsRestart' : 'invalid';
}

/** What the engine exposes to live edits. */
export interface LiveEditContext {
  readonly dt: number;
  /** k: the edit acts from t_k = k dt on. */
  stepsDone(): number;
  /** Every edge of the network. */
  readonly projections: readonly Projection[];
  node(id: string): NodePlan | undefined;
  projection(id: string): Projection | undefined;
  /** The kernel stepping a neuron node (it copies edited params where it reads them). */
  kernel(node: NeuronPlan): NeuronKernel;
  /** Recompute the cached propagators of a target after its tauM or a bank's tauS changed. */
  coefficientsChanged(target: TargetPlan): void;
  /**
   * A value that enters a target's drive changed (bias, vTh of a LIF, a continuous source's value
   * or weight): refresh its drives at t_k and anything cached from them.
   */
  drivesChanged(target: TargetPlan): void;
  /** Re-evaluate an input's u at t_k after a signal field changed (and its history slot). */
  inputChanged(node: InputPlan): void;
}

type Prepared = Issue | (() => void);

/** Apply one live edit: null when applied, else an Issue saying why not (nothing was changed). */
export function applyLiveEdit(ctx: LiveEditContext, edit: LiveEdit): Issue | null {
  const prepared = prepare(ctx, edit);
  if (typeof prepared !== 'function') return prepared;
  prepared();
  return null;
}

function prepare(ctx: LiveEditContext, edit: LiveEdit): Prepared {
  const id = edit.elementId;
  const node = ctx.node(id);
  if (node) {
    const at = new At(`nodes[${node.nodeIndex}].${edit.path}`, id);
    return node.kind === 'neuron'
      ? prepareNeuron(ctx, node, edit, at)
      : prepareInput(ctx, node, edit, at);
  }
  const projection = ctx.projection(id);
  if (projection) {
    const at = new At(`edges[${projection.edgeIndex}].${edit.path}`, id);
    return prepareEdge(ctx, projection, edit, at);
  }
  return restartIssue({
    severity: 'error',
    path: edit.path,
    message: NEEDS_RESTART,
    ...(typeof id === 'string' && id !== '' ? { elementId: id } : {}),
  });
}

/** Builds the Issues of one edit. */
class At {
  constructor(
    readonly path: string,
    readonly elementId: string,
  ) {}
  restart(): Issue {
    return restartIssue(this.issue(NEEDS_RESTART));
  }
  issue(message: string): Issue {
    return { severity: 'error', path: this.path, message, elementId: this.elementId };
  }
}

/**
 * The new value of a per-element field: a number for every element, or one number per element.
 * null/undefined means the field was removed: `fallback` when it has one. Returns an Issue when the
 * value has another shape (a generator: restart) or breaks the constraint.
 */
function perElement(
  value: unknown,
  size: number,
  spec: ParamSpec | undefined,
  fallback: number | undefined,
  at: At,
): Float64Array | Issue {
  const out = new Float64Array(size);
  const range = spec ? constraintText(spec, { relation: false }) : '';
  const bad = (x: unknown, i: number | null): Issue =>
    at.issue(
      `${i === null ? '' : `element ${i}: `}must be ${range ? `a number ${range}` : 'a finite number'} (got ${String(x)})`,
    );
  const check = (x: unknown): x is number =>
    typeof x === 'number' && Number.isFinite(x) && !(spec && violates(spec, x));
  if (value === null || value === undefined) {
    if (fallback === undefined) return at.restart();
    out.fill(fallback);
    return out;
  }
  if (typeof value === 'number') {
    if (!check(value)) return bad(value, null);
    out.fill(value);
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length !== size) {
      return at.issue(`needs one value per element (${size}), got ${value.length}`);
    }
    for (let i = 0; i < size; i++) {
      const x = value[i] as unknown;
      if (!check(x)) return bad(x, i);
      out[i] = x;
    }
    return out;
  }
  // a generator ({init: ...}) draws per element from the run's seed: restart; anything else is wrong
  return typeof value === 'object' ? at.restart() : bad(value, null);
}

function isIssue(x: unknown): x is Issue {
  return typeof x === 'object' && x !== null && !ArrayBuffer.isView(x) && 'message' in x;
}

/** `params.NAME` -> NAME (or null for any other path). */
function paramName(path: string): string | null {
  return path.startsWith('params.') && !path.slice(7).includes('.') ? path.slice(7) : null;
}

// ---------------------------------------------------------------- neurons

/**
 * A neuron's live params (its model's `liveParams`) and, for models with one, its activation.
 * The model's cross-param rule (LIF vReset < vTh) is checked with the new values in place.
 */
function prepareNeuron(ctx: LiveEditContext, node: NeuronPlan, edit: LiveEdit, at: At): Prepared {
  const model = node.model;
  const kernel = ctx.kernel(node);
  if (edit.path === 'activation' && model.hasActivation && kernel.setActivation) {
    const code =
      typeof edit.value === 'string'
        ? ACTIVATION_CODE[edit.value as keyof typeof ACTIVATION_CODE]
        : edit.value === null || edit.value === undefined
          ? ACTIVATION_CODE.logistic
          : undefined;
    if (code === undefined)
      return at.issue(`must be one of ${Object.keys(ACTIVATION_CODE).join(', ')}`);
    return () => kernel.setActivation!(code);
  }
  const name = paramName(edit.path);
  if (name === null || !model.liveParams.includes(name)) return at.restart();
  const spec = model.params.find((s) => s.name === name)!;
  const values = perElement(edit.value, node.size, spec, spec.default, at);
  if (isIssue(values)) return values;
  const problem = model.crossCheck?.({ ...node.params, [name]: values }, node.size);
  if (problem) return at.issue(problem.message);
  return () => {
    node.params[name]!.set(values);
    const refresh = kernel.paramEdited?.(name, values, ctx.stepsDone() * ctx.dt) ?? null;
    if (refresh === 'coefficients') ctx.coefficientsChanged(node);
    else if (refresh === 'drives') ctx.drivesChanged(node);
  };
}

// ---------------------------------------------------------------- inputs

const SIGNAL_NAME: Record<number, string> = {
  [SIG_CONSTANT]: 'constant',
  [SIG_STEP]: 'step',
  [SIG_PULSE]: 'pulse',
  [SIG_SINE]: 'sine',
  [SIG_NOISE]: 'noise',
  [SIG_POISSON]: 'poisson',
};

/** Fallbacks of optional fields, as compileNetwork.buildInput uses them. */
const OPTIONAL_FALLBACK: Record<string, Record<string, number>> = {
  pulse: { period: 0 },
  sine: { phase: 0, offset: 0 },
};

function prepareInput(ctx: LiveEditContext, node: InputPlan, edit: LiveEdit, at: At): Prepared {
  const type = SIGNAL_NAME[node.signal];
  if (type === undefined || !edit.path.startsWith('signal.')) return at.restart();
  const name = edit.path.slice('signal.'.length);
  // An analytic signal is evaluated at t - delay on a delayed edge: changing it would rewrite the
  // part of its past that is still travelling along the edge.
  const analytic = isPiecewise(node.signal) || node.signal === SIG_SINE;
  if (analytic && node.out.some((p) => p.delay > 0)) return at.restart();
  if (node.signal === SIG_STEP) return prepareStep(ctx, node, name, edit.value, at);
  const spec = (SIGNAL_FIELDS[type] ?? []).find((s) => s.name === name);
  const field = node.fields[name];
  if (!spec || !field) return at.restart();
  const values = perElement(edit.value, node.size, spec, OPTIONAL_FALLBACK[type]?.[name], at);
  if (isIssue(values)) return values;
  if (node.signal === SIG_POISSON) {
    return () => {
      // the time to the next spike after t_k is Exp(rate): rescale the pending one (no new draw
      // unless the old rate was 0)
      const tk = ctx.stepsDone() * ctx.dt;
      const next = node.poissonNext!;
      for (let i = 0; i < node.size; i++) {
        const before = field[i]!;
        const after = values[i]!;
        if (after === before) continue;
        if (!(after > 0)) next[i] = Infinity;
        else if (!(before > 0)) next[i] = tk + (node.streams[i] as RandomStream).exponential(after);
        else next[i] = tk + ((next[i]! - tk) * before) / after;
      }
      field.set(values);
    };
  }
  return () => {
    field.set(values);
    ctx.inputChanged(node);
  };
}

function prepareStep(
  ctx: LiveEditContext,
  node: InputPlan,
  name: string,
  value: unknown,
  at: At,
): Prepared {
  const count = node.stepTimes.length;
  const size = node.size;
  if (!Array.isArray(value) || value.length !== count) return at.restart();
  if (name === 'values') {
    const values = new Float64Array(count * size);
    for (let k = 0; k < count; k++) {
      const v = value[k] as unknown;
      if (typeof v === 'number' && Number.isFinite(v)) values.fill(v, k * size, (k + 1) * size);
      else if (Array.isArray(v) && v.length === size && v.every((x) => Number.isFinite(x)))
        values.set(v as number[], k * size);
      else return at.issue(`values[${k}]: must be a finite number or ${size} finite numbers`);
    }
    return () => {
      node.stepValues.set(values);
      ctx.inputChanged(node);
    };
  }
  if (name === 'times') {
    const times = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const t = value[k] as unknown;
      if (typeof t !== 'number' || !Number.isFinite(t) || (k > 0 && !(t > times[k - 1]!)))
        return at.issue(`times[${k}]: times must be finite and strictly ascending`);
      times[k] = t;
    }
    return () => {
      for (let k = 0; k < count; k++) node.stepTimes[k] = snapTime(times[k]!, ctx.dt);
      ctx.inputChanged(node);
    };
  }
  return at.restart();
}

// ---------------------------------------------------------------- edges

function prepareEdge(ctx: LiveEditContext, p: Projection, edit: LiveEdit, at: At): Prepared {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (edit.path === 'weight' || edit.path === 'weight.value') {
    // a number weight is all-to-all with a shared weight; identity and sparse generators share
    // their `value`; matrices and random generators store each weight (restart)
    const shared =
      edit.path === 'weight'
        ? p.conn === CONN_ALL
        : p.conn === CONN_IDENTITY || p.conn === CONN_CSR;
    if (!shared) return at.restart();
    if (Array.isArray(edit.value) || (typeof edit.value === 'object' && edit.value !== null))
      return at.restart();
    if (!finite(edit.value)) return at.issue(`must be a finite number (got ${String(edit.value)})`);
    const w = edit.value;
    return () => {
      p.weight = w;
      if (!p.spiking) ctx.drivesChanged(p.target);
    };
  }
  if (edit.path === 'synapse.tauS') {
    if (p.bank < 0) return at.restart();
    const spec = SYNAPSE_PARAMS[0]!;
    if (!finite(edit.value) || violates(spec, edit.value))
      return at.issue(`must be a number ${constraintText(spec)} (got ${String(edit.value)})`);
    const tauS = edit.value;
    const target = p.target;
    const bankIndex = p.bank;
    // the bank is shared by every edge into the target with the same (tauS, n): only an edge that
    // has its bank to itself can change it (splitting a bank changes the target's layout)
    for (const other of ctx.projections)
      if (other !== p && other.target === target && other.bank === bankIndex) return at.restart();
    return () => {
      const bank = target.banks[bankIndex]!;
      const ratio = bank.tauS / tauS;
      // spikes in flight were sent as w / tauS_old: make them w / tauS_new
      for (const bucket of target.queue.buckets)
        for (let e = 0; e < bucket.count; e++)
          if (bucket.slot[e] === bankIndex) bucket.amount[e] *= ratio;
      bank.tauS = tauS;
      p.tauS = tauS;
      ctx.coefficientsChanged(target);
    };
  }
  return at.restart();
}
