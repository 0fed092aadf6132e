/**
 * The one admission rule for run size. Every way of starting or stepping a run goes through it:
 * the file's own `simulation` block, the CLI's `--duration`/`--dt` flags and `--set` overrides
 * (compileNetwork calls `admitRun` with the run's effective dt and duration), the CLI up front (to
 * warn with a running-time estimate and to size its result budget), the app's startRun (the worker
 * compiles through createSimulation) and its stepRun (`admitStep` on the bytes one step sends).
 *
 * It counts what a run really holds, from the document alone and before anything is allocated:
 *   - the network: per neuron a dozen float64 state arrays, per synapse a CSR entry, per edge a
 *     filter state per target element and PSC order;
 *   - recorded samples as the result arrays (a value plus its share of the time column, with the
 *     growth slack of a JS array), and, when the caller holds the whole output text, as text;
 *   - stored spikes, bounded by a rate ceiling: a spiking neuron is budgeted SPIKE_RATE_CEILING
 *     spikes per second, a Poisson input its own rate, a spike list its length (the run stops with
 *     a clear error if a neuron population goes over its budget: `spikeBudget`);
 *   - generator (Poisson) rates, bounded per step;
 *   - the total work, steps x (elements + nodes), bounded, with an estimate of the running time.
 * Refusals name the field to change (`simulation.duration`, `--duration`, `probes[2].every`, ...)
 * in `message` (what the CLI prints after the path), and in the app's words in `text` ("duration in
 * the Circuit panel", "every on scope vP1"): the app shows `text` after the element's label.
 * Tolerant: malformed parts count as zero, so it also runs on documents validation rejects.
 */
import { TIME_GRID_TOLERANCE } from '../util/timeGrid';
import type { Issue } from './issue';

/** Memory a run may need by this estimate. */
export const MAX_RUN_BYTES = 2e9;
/** Steps x (elements + nodes) a run may take: hours of computing on a laptop. */
export const MAX_RUN_WORK = 1e12;
/** Above this estimated running time (s) a run is accepted with a warning. */
export const WARN_RUN_SECONDS = 20;
/** Mean spikes per second per spiking neuron a run may store (a clear error beyond it). */
export const SPIKE_RATE_CEILING = 1000;
/** Expected Poisson spikes per element per step at most (rate x dt). */
export const MAX_POISSON_PER_STEP = 10;
/**
 * Most samples and spikes one stepRun may send (the run loop splits them into small frames; this
 * bounds the whole step like a run's memory).
 */
export const MAX_STEP_BYTES = MAX_RUN_BYTES;

export const BYTES_PER_NEURON = 96;
export const BYTES_PER_SYNAPSE = 12;
export const BYTES_PER_FILTER_STATE = 8;
/** A recorded sample in the result arrays (float64 + growth slack of a JS array). */
export const BYTES_PER_SAMPLE = 12;
/** A stored spike time in the result arrays. */
export const BYTES_PER_SPIKE = 12;
/** A sample or spike as output text (JSON or CSV), when the whole text is held in memory. */
export const TEXT_BYTES_PER_VALUE = 40;
/** Running-time model (s): per node per step, per element per step, per delivered spike. */
const SECONDS_PER_NODE_STEP = 5e-8;
const SECONDS_PER_ELEMENT_STEP = 1e-8;

export interface RunOverrides {
  /** Overrides simulation.dt (s). */
  dt?: number;
  /** Overrides simulation.duration (s); Infinity runs until stopped. */
  duration?: number;
}

export interface AdmissionOptions {
  /** Memory limit (default MAX_RUN_BYTES). */
  maxBytes?: number;
  /** Work limit (default MAX_RUN_WORK). */
  maxWork?: number;
  /** The caller holds the whole output text in memory (not a streamed writer). */
  wholeText?: boolean;
  /** How the overridden fields are called in messages (default 'duration', 'dt'). */
  names?: { dt?: string; duration?: string };
}

type Obj = Record<string, unknown>;

interface Part {
  path: string;
  elementId?: string;
  bytes: number;
  kind: 'network' | 'samples' | 'spikes';
}

export interface RunEstimate {
  dt: number;
  duration: number;
  /** Steps N (Infinity for a run until stopped, 0 when dt or duration is unusable). */
  steps: number;
  nodes: number;
  /** Neurons and input elements. */
  elements: number;
  /** Connections (expected count for sparse generators). */
  synapses: number;
  /** Recorded probe samples of the whole run. */
  samples: number;
  /** Spikes the run may store (rate ceiling for neurons, rates for Poisson inputs). */
  spikes: number;
  /** Of which spiking neurons (the part bounded at run time by `spikeBudget`). */
  neuronSpikes: number;
  bytes: { network: number; samples: number; spikes: number; text: number; total: number };
  /** Steps x (elements + nodes). */
  work: number;
  /** Estimated running time (s), stepping only. */
  seconds: number;
  /** Bytes of samples and spikes one step adds to a frame (for stepRun). */
  bytesPerStep: number;
  /** Probes counted. */
  probes: number;
  /** The part needing the most memory, overall and per kind, for the message. */
  largest: { any?: Part; network?: Part; samples?: Part; spikes?: Part };
}

export interface Admission {
  ok: boolean;
  issues: Issue[];
  warnings: Issue[];
  estimate: RunEstimate;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Steps of a run and whether duration is a whole number of them (docs/format.md#time). The tolerance is
 * relative: 1e-9 of a step plus the rounding of the division itself (a few ulps of N), so dt = 1e-9
 * with duration = 1000 (N = 1e12, where one ulp of N is 1.2e-4) is whole.
 */
export function gridSteps(duration: number, dt: number): { steps: number; whole: boolean } {
  const ratio = duration / dt;
  const steps = Math.round(ratio);
  const tolerance = TIME_GRID_TOLERANCE + 8 * Number.EPSILON * Math.abs(ratio);
  return { steps, whole: steps >= 1 && Math.abs(ratio - steps) <= tolerance };
}

/**
 * Durations near `duration` that are whole numbers of steps of dt, each in the shortest decimal
 * form that still passes `gridSteps` (so a suggestion is never refused itself).
 */
export function wholeStepDurations(duration: number, dt: number): number[] {
  const below = Math.max(1, Math.floor(duration / dt));
  const out: number[] = [];
  for (const n of [below, below + 1]) {
    const exact = n * dt;
    let pick = exact;
    for (let p = 1; p <= 17; p++) {
      const d = Number(exact.toPrecision(p));
      const g = gridSteps(d, dt);
      if (g.whole && g.steps === n) {
        pick = d;
        break;
      }
    }
    if (pick !== duration && !out.includes(pick)) out.push(pick);
  }
  return out;
}

/** "1.5 GB", "300 MB", "12 kB": memory for a person. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toPrecision(3)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}

/** "45 s", "12 min", "3.5 h", "20 days": a running time for a person. */
export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Number((seconds / 3600).toPrecision(2))} h`;
  return `${Math.round(seconds / 86400).toLocaleString('en-US')} days`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Largest value of a signal number (number, or array per element); undefined when unknown. */
function maxOf(value: unknown): number | undefined {
  if (isNum(value)) return value;
  if (Array.isArray(value)) {
    let m: number | undefined;
    for (const x of value) if (isNum(x) && (m === undefined || x > m)) m = x;
    return m;
  }
  return undefined;
}

/** Smallest value of a signal number or param (number, or array per element). */
function minOf(value: unknown): number | undefined {
  if (Array.isArray(value)) {
    const m = maxOf(value.map((x: unknown) => (isNum(x) ? -x : undefined)));
    return m === undefined ? undefined : -m;
  }
  return maxOf(value);
}

function sizeOf(node: Obj): number | undefined {
  if (node['kind'] === 'population' || node['kind'] === 'input') {
    const size = node['size'] ?? (node['kind'] === 'input' ? 1 : undefined);
    return isNum(size) && Number.isInteger(size) && size >= 1 ? size : undefined;
  }
  return node['kind'] === 'neuron' || node['kind'] === 'bias' ? 1 : undefined;
}

/** Estimates what a run of this document holds and takes (see the file comment). */
export function estimateRun(document: unknown, overrides: RunOverrides = {}): RunEstimate {
  const doc = isObj(document) ? document : {};
  const simulation = isObj(doc['simulation']) ? doc['simulation'] : {};
  const dt = overrides.dt ?? simulation['dt'];
  const duration = overrides.duration ?? simulation['duration'];
  const usable = isNum(dt) && dt > 0 && typeof duration === 'number' && duration > 0;
  const steps = !usable ? 0 : duration === Infinity ? Infinity : gridSteps(duration, dt).steps;
  const seconds = usable ? (duration as number) : 0;
  const estimate: RunEstimate = {
    dt: isNum(dt) ? dt : NaN,
    duration: typeof duration === 'number' ? duration : NaN,
    steps,
    nodes: 0,
    elements: 0,
    synapses: 0,
    samples: 0,
    spikes: 0,
    neuronSpikes: 0,
    bytes: { network: 0, samples: 0, spikes: 0, text: 0, total: 0 },
    work: 0,
    seconds: 0,
    bytesPerStep: 0,
    probes: 0,
    largest: {},
  };
  const note = (part: Part): void => {
    const l = estimate.largest;
    if (!l.any || part.bytes > l.any.bytes) l.any = part;
    const mine = l[part.kind];
    if (!mine || part.bytes > mine.bytes) l[part.kind] = part;
  };
  const idOf = (v: Obj): string | undefined => (typeof v['id'] === 'string' ? v['id'] : undefined);

  const sizes = new Map<string, number>();
  const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
  let spikesPerSecond = 0;
  nodes.forEach((node, i) => {
    if (!isObj(node)) return;
    const size = sizeOf(node);
    if (size === undefined) return;
    const id = idOf(node);
    if (id !== undefined) sizes.set(id, size);
    estimate.nodes++;
    estimate.elements += size;
    const bytes = size * BYTES_PER_NEURON;
    estimate.bytes.network += bytes;
    note({ path: `nodes[${i}].size`, elementId: id, bytes, kind: 'network' });
    // stored spikes
    let spikes = 0;
    let rate = 0;
    const signal = isObj(node['signal']) ? node['signal'] : undefined;
    if ((node['kind'] === 'neuron' || node['kind'] === 'population') && node['model'] !== 'rate') {
      // A LIF neuron with a refractory time cannot fire faster than 1 / tauRef.
      const params = isObj(node['params']) ? node['params'] : {};
      const tauRef = node['model'] === 'lif' ? minOf(params['tauRef']) : undefined;
      const ceiling =
        tauRef !== undefined && tauRef > 0
          ? Math.min(SPIKE_RATE_CEILING, 1 / tauRef)
          : SPIKE_RATE_CEILING;
      rate = size * ceiling;
      spikes = Math.min(steps, seconds * ceiling) * size;
      estimate.neuronSpikes += spikes;
    } else if (node['kind'] === 'input' && signal?.['type'] === 'poisson') {
      const r = Math.max(0, maxOf(signal['rate']) ?? 20);
      rate = size * r;
      const mean = size * r * seconds;
      spikes = mean + 6 * Math.sqrt(mean);
    } else if (node['kind'] === 'input' && signal?.['type'] === 'spikes') {
      // one list shared by every element, or one list per element
      const times = signal['times'];
      if (Array.isArray(times)) {
        const perElement = times.some((t) => Array.isArray(t));
        for (const t of times) spikes += perElement ? (Array.isArray(t) ? t.length : 0) : size;
      }
    }
    spikesPerSecond += rate;
    if (spikes > 0) {
      estimate.spikes += spikes;
      const b = spikes * BYTES_PER_SPIKE;
      estimate.bytes.spikes += b;
      note({ path: `nodes[${i}]`, elementId: id, bytes: b, kind: 'spikes' });
    }
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
    const bytes = synapses * BYTES_PER_SYNAPSE + filters * BYTES_PER_FILTER_STATE;
    estimate.bytes.network += bytes;
    note({ path: `edges[${i}].weight`, elementId: idOf(edge), bytes, kind: 'network' });
  });

  const probes = Array.isArray(doc['probes']) ? doc['probes'] : [];
  let samplesPerStep = 0;
  probes.forEach((probe, i) => {
    if (!isObj(probe) || typeof probe['target'] !== 'string') return;
    const size = sizes.get(probe['target']);
    if (size === undefined) return;
    estimate.probes++;
    const every = isNum(probe['every']) && probe['every'] >= 1 ? Math.floor(probe['every']) : 1;
    const recorded = Array.isArray(probe['indices']) ? probe['indices'].length : size;
    samplesPerStep += recorded / every;
    const times = Math.floor(steps / every) + 1;
    const samples = times * recorded;
    estimate.samples += samples;
    // values, plus the shared time column
    const bytes = (samples + times) * BYTES_PER_SAMPLE;
    estimate.bytes.samples += bytes;
    note({ path: `probes[${i}]`, elementId: idOf(probe), bytes, kind: 'samples' });
  });

  estimate.bytesPerStep =
    samplesPerStep * BYTES_PER_SAMPLE + (isNum(dt) ? spikesPerSecond * dt * BYTES_PER_SPIKE : 0);
  estimate.work = steps * (estimate.elements + estimate.nodes);
  estimate.seconds =
    steps * (estimate.nodes * SECONDS_PER_NODE_STEP + estimate.elements * SECONDS_PER_ELEMENT_STEP);
  return estimate;
}

/**
 * The admission rule: the issues that refuse this run (each naming the field to change) and the
 * warnings it is accepted with. `wholeText` adds the output text to the memory count.
 */
export function admitRun(
  document: unknown,
  overrides: RunOverrides = {},
  options: AdmissionOptions = {},
): Admission {
  const estimate = estimateRun(document, overrides);
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const durationPath =
    overrides.duration !== undefined
      ? (options.names?.duration ?? 'duration')
      : 'simulation.duration';
  const dtPath = overrides.dt !== undefined ? (options.names?.dt ?? 'dt') : 'simulation.dt';
  // The same fields as the inspector names them, for `text` (a CLI flag keeps its name).
  const durationName =
    overrides.duration !== undefined ? durationPath : 'duration (in the Circuit panel)';
  const dtName = overrides.dt !== undefined ? dtPath : 'dt (in the Circuit panel)';
  const error = (path: string, message: string, elementId?: string, text?: string): void => {
    issues.push({
      severity: 'error',
      path,
      message,
      ...(text !== undefined ? { text } : {}),
      ...(elementId ? { elementId } : {}),
    });
  };

  // Generator rates, bounded per step.
  const doc = isObj(document) ? document : {};
  const nodes = Array.isArray(doc['nodes']) ? doc['nodes'] : [];
  if (isNum(estimate.dt) && estimate.dt > 0) {
    nodes.forEach((node, i) => {
      if (!isObj(node) || node['kind'] !== 'input' || !isObj(node['signal'])) return;
      const signal = node['signal'];
      if (signal['type'] !== 'poisson') return;
      const rate = maxOf(signal['rate']);
      if (rate === undefined || !(rate * estimate.dt > MAX_POISSON_PER_STEP)) return;
      const id = typeof node['id'] === 'string' ? node['id'] : undefined;
      const problem = `a Poisson rate of ${rate} Hz is ${Number((rate * estimate.dt).toPrecision(3))} spikes per step at dt = ${estimate.dt} s; at most ${MAX_POISSON_PER_STEP} per step`;
      const highest = Number((MAX_POISSON_PER_STEP / estimate.dt).toPrecision(3));
      error(
        `nodes[${i}].signal.rate`,
        `${problem}: use a rate <= ${highest} Hz or a smaller dt`,
        id,
        `${problem}: use a rate of at most ${highest} Hz or a smaller ${dtName}`,
      );
    });
  }

  // A refused rate makes the spike count meaningless: say only that.
  if (issues.length > 0) return { ok: false, issues, warnings, estimate };

  const finite = Number.isFinite(estimate.steps);
  if (finite) {
    const b = estimate.bytes;
    b.text = options.wholeText ? (estimate.samples + estimate.spikes) * TEXT_BYTES_PER_VALUE : 0;
    b.total = b.network + b.samples + b.spikes + b.text;
  } else {
    estimate.bytes.total = estimate.bytes.network;
  }

  // Memory.
  const maxBytes = options.maxBytes ?? MAX_RUN_BYTES;
  if (estimate.bytes.total > maxBytes && estimate.largest.any) {
    // Blame the biggest kind of memory (network, samples or spikes), at its largest part.
    const b = estimate.bytes;
    const kind =
      b.samples >= b.network && b.samples >= b.spikes
        ? 'samples'
        : b.spikes >= b.network
          ? 'spikes'
          : 'network';
    const largest =
      (kind === 'network'
        ? estimate.largest.network
        : kind === 'samples'
          ? estimate.largest.samples
          : estimate.largest.spikes) ?? estimate.largest.any!;
    const parts = [
      `${count(estimate.elements)} neurons and input elements`,
      `${count(estimate.synapses)} connections`,
      estimate.samples > 0 && finite ? `${count(estimate.samples)} recorded samples` : '',
      estimate.spikes > 0 && finite ? `up to ${count(estimate.spikes)} stored spikes` : '',
      b.text > 0 ? `${formatBytes(b.text)} of output text` : '',
    ].filter((p) => p !== '');
    const probes = estimate.probes > 1 ? ` (${count(estimate.probes)} probes)` : '';
    const advice = (names: { duration: string; dt: string; every: string; indices: string }) =>
      kind === 'samples'
        ? `Record fewer samples${probes}: raise ${names.every}, list ${names.indices}, shorten ${names.duration} or use a larger ${names.dt}`
        : kind === 'spikes'
          ? `Shorten ${names.duration} or use fewer spiking elements (spikes are budgeted at ${SPIKE_RATE_CEILING} per second per neuron, and at its rate per Poisson input)`
          : 'Use smaller populations, sparser connections or fewer recorded samples';
    const problem = `the network is too large to simulate: about ${formatBytes(b.total)} of memory (${parts.join(', ')}), more than the ${formatBytes(maxBytes)} allowed; this element alone needs ${formatBytes(largest.bytes)}.`;
    error(
      largest.path,
      `${problem} ${advice({ duration: durationPath, dt: dtPath, every: `${largest.path}.every`, indices: `${largest.path}.indices` })}`,
      largest.elementId,
      `${problem} ${advice({ duration: durationName, dt: dtName, every: "the scope's every", indices: 'its indices' })}`,
    );
  }

  // Work and running time.
  const maxWork = options.maxWork ?? MAX_RUN_WORK;
  const perStep = estimate.elements + estimate.nodes;
  if (finite && estimate.work > maxWork) {
    const maxSteps = Math.floor(maxWork / Math.max(1, perStep));
    const problem = `the run is too long: ${count(estimate.steps)} steps of ${count(estimate.elements)} elements (about ${formatSeconds(estimate.seconds)} of computing); at most ${maxWork.toExponential(0)} element-steps`;
    const longest = Number((maxSteps * estimate.dt).toPrecision(3));
    error(
      durationPath,
      `${problem}: shorten ${durationPath} to at most ${longest} s or use a larger ${dtPath}`,
      undefined,
      `${problem}: shorten ${durationName} to at most ${longest} s or use a larger ${dtName}`,
    );
  } else if (finite && estimate.seconds > WARN_RUN_SECONDS) {
    warnings.push({
      severity: 'warning',
      path: durationPath,
      message: `a long run: ${count(estimate.steps)} steps of ${count(estimate.elements)} elements may take about ${formatSeconds(estimate.seconds)}`,
    });
  }
  return { ok: issues.length === 0, issues, warnings, estimate };
}

/**
 * Stepping `steps` steps at once (stepRun while paused) with `bytesPerStep` from the run's
 * estimate: null when what it sends stays within MAX_STEP_BYTES, else the refusal.
 */
export function admitStep(bytesPerStep: number, steps: number, dt: number): string | null {
  const bytes = bytesPerStep * steps;
  if (!(bytes > MAX_STEP_BYTES)) return null;
  const maxSteps = Math.max(1, Math.floor(MAX_STEP_BYTES / Math.max(1e-9, bytesPerStep)));
  return `stepping ${Number((steps * dt).toPrecision(3))} s at once would send about ${formatBytes(bytes)} of samples and spikes (at most ${formatBytes(MAX_STEP_BYTES)} per step): step at most ${Number((maxSteps * dt).toPrecision(3))} s, or record fewer samples`;
}

/**
 * How many spikes a run may store before it is stopped with an error (the estimate's spikes, with
 * neurons at SPIKE_RATE_CEILING): the run-time half of the spike bound.
 */
export function spikeBudget(estimate: RunEstimate): number {
  return Math.max(1000, Math.ceil(estimate.spikes));
}
