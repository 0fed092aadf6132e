/**
 * Numbers and units as the editor shows them: times in ms (the file stores seconds), short
 * summaries of nodes and weights, colours for signs.
 */
import type {
  Activation,
  NetworkNode,
  ParamValue,
  Signal,
  Weight,
} from '../../../shared/document/model';
import type { RunStatus } from '../../../shared/ipc/contract';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import { brokenConstraint, constraintText } from '../../../shared/models/paramSpec';
import { MODELS } from '../../../shared/models/registry';

/** At most 6 significant digits, no trailing zeros, no binary noise (0.1 * 3 shows 0.3). */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) return x.toExponential(Math.min(digits, 3)).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/**
 * Why a run stopped, in the editor's words: a failure in a node names it by the name the canvas
 * shows and says the time in ms (the host's `error` is the CLI's wording: the node's id, seconds).
 */
export function runErrorText(
  status: Pick<RunStatus, 'error' | 'failure'> & { dt?: number },
  nodeName: (nodeId: string) => string,
): string {
  const failure = status.failure;
  if (!failure) return status.error ?? 'the simulation failed';
  const ms = formatNumber(failure.timeSeconds * 1000);
  // The failure's time is the end of the step that failed, and the clock stops at the end of the
  // last step that did not (307 ms where this says 308): name the step, so both read the same.
  if (status.dt && status.dt > 0 && failure.timeSeconds >= status.dt) {
    const from = formatNumber((failure.timeSeconds - status.dt) * 1000);
    if (from !== ms)
      return `node ${nodeName(failure.nodeId)} in the step from t = ${from} to ${ms} ms: ${failure.detail}`;
  }
  return `node ${nodeName(failure.nodeId)} at t = ${ms} ms: ${failure.detail}`;
}

/** Stored value -> shown value (ms for times), with 12 digits so editing never loses precision. */
export function toDisplay(spec: ParamSpec, stored: number): number {
  return Number((stored * (spec.displayScale ?? 1)).toPrecision(12));
}

export function fromDisplay(spec: ParamSpec, shown: number): number {
  const scale = spec.displayScale ?? 1;
  return scale === 1 ? shown : Number((shown / scale).toPrecision(15));
}

/**
 * The unit written after a value: none for '1' (dimensionless) and none for 'J', which means "the
 * unit of the target's input J" (spec: "as J"), not joules; the inspector says which unit that is.
 */
export function shownUnit(spec: ParamSpec): string {
  const unit = spec.displayUnit ?? spec.unit;
  return unit === '1' || unit === 'J' ? '' : unit;
}

/** Why a value breaks a spec's range, or null. */
export function rangeProblem(spec: ParamSpec, stored: number): string | null {
  if (!Number.isFinite(stored)) return 'must be a number';
  const shown = (v: number): string =>
    `${formatNumber(toDisplay(spec, v))}${shownUnit(spec) ? ` ${shownUnit(spec)}` : ''}`;
  return brokenConstraint(spec, stored, { show: shown, ge: '≥', le: '≤' }) ?? null;
}

/** "> 0", "whole number, 0 to 10": the constraint in display units, or '' when any number goes. */
export function rangeText(spec: ParamSpec): string {
  return constraintText(spec, {
    show: (v) => formatNumber(toDisplay(spec, v)),
    ge: '≥',
    le: '≤',
    relation: false,
  });
}

/** A param value in short form: "20 ms", "U(0, 1)", "[10 values]". */
export function paramText(spec: ParamSpec | undefined, value: ParamValue | undefined): string {
  if (value === undefined) return spec ? paramText(spec, spec.default) : '';
  const unit = spec ? shownUnit(spec) : '';
  const scaled = (v: number): string => formatNumber(spec ? toDisplay(spec, v) : v, 4);
  if (typeof value === 'number') return `${scaled(value)}${unit ? ` ${unit}` : ''}`;
  if (Array.isArray(value)) return `[${value.length} values]`;
  if (value.init === 'uniform')
    return `U(${scaled(value.low)}, ${scaled(value.high)})${unit ? ` ${unit}` : ''}`;
  return `N(${scaled(value.mean)}, ${scaled(value.std)})${unit ? ` ${unit}` : ''}`;
}

function param(node: NetworkNode, name: string): ParamValue | undefined {
  if (node.kind !== 'neuron' && node.kind !== 'population') return undefined;
  return node.params?.[name];
}

/** Badge text: LIF / HH / RATE / IN / SPK / BIAS. */
export function nodeBadge(node: NetworkNode): string {
  if (node.kind === 'neuron' || node.kind === 'population') return node.model.toUpperCase();
  if (node.kind === 'bias') return 'BIAS';
  return node.signal.type === 'spikes' || node.signal.type === 'poisson' ? 'SPIKES' : 'INPUT';
}

/** The key params of a node, one short line each. */
export function nodeSummary(node: NetworkNode): string[] {
  if (node.kind === 'bias') return ['outputs 1'];
  if (node.kind === 'input') return [signalSummary(node.signal)];
  const specs = MODELS[node.model].params;
  const spec = (name: string): ParamSpec | undefined => specs.find((s) => s.name === name);
  const show = (name: string, symbol: string): string =>
    `${symbol} ${paramText(spec(name), param(node, name))}`;
  const lines: string[] = [];
  const model = MODELS[node.model];
  const parts = model.summary.map(([name, symbol]) =>
    model.summaryPlain
      ? `${symbol} ${paramText(undefined, param(node, name) ?? spec(name)?.default)}`
      : show(name, symbol),
  );
  if (model.hasActivation) parts.unshift(node.activation ?? 'logistic');
  lines.push(parts.join(' · '));
  const bias = param(node, 'bias');
  if (bias !== undefined && bias !== 0) lines.push(show('bias', 'bias'));
  return lines;
}

function listText(v: number | number[], scale = 1, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  if (Array.isArray(v)) return `[${v.map((x) => formatNumber(x * scale, 4)).join(', ')}]${u}`;
  return `${formatNumber(v * scale, 4)}${u}`;
}

export function signalSummary(signal: Signal): string {
  switch (signal.type) {
    case 'constant':
      return `constant ${listText(signal.value)}`;
    case 'step':
      return `steps at ${signal.times.map((t) => formatNumber(t * 1000, 4)).join(', ')} ms`;
    case 'pulse':
      return `pulse ${listText(signal.amplitude)} for ${listText(signal.width, 1000, 'ms')}${signal.period !== undefined ? ` every ${listText(signal.period, 1000, 'ms')}` : ''}`;
    case 'sine':
      return `sine ${listText(signal.amplitude)} at ${listText(signal.frequency, 1, 'Hz')}`;
    case 'noise':
      return `noise σ ${listText(signal.std)}, τ ${listText(signal.tau, 1000, 'ms')}`;
    case 'spikes': {
      const n = Array.isArray(signal.times[0])
        ? (signal.times as number[][]).flat().length
        : signal.times.length;
      return `${n} spike time${n === 1 ? '' : 's'}`;
    }
    case 'poisson':
      return `Poisson ${listText(signal.rate, 1, 'Hz')}`;
  }
}

/** "0.05", "3×5", "U(-1, 1)", "identity 1", "sparse 2% × 0.5". */
export function weightText(weight: Weight): string {
  if (typeof weight === 'number') return formatNumber(weight, 4);
  if (Array.isArray(weight)) return `${weight.length}×${weight[0]?.length ?? 0}`;
  switch (weight.init) {
    case 'uniform':
      return `U(${formatNumber(weight.low, 3)}, ${formatNumber(weight.high, 3)})`;
    case 'normal':
      return `N(${formatNumber(weight.mean, 3)}, ${formatNumber(weight.std, 3)})`;
    case 'identity':
      return `identity ${formatNumber(weight.value, 3)}`;
    case 'sparse':
      return `sparse ${formatNumber(weight.p * 100, 3)}% × ${formatNumber(weight.value, 3)}`;
  }
}

/** A synapse's time constant as an edge label shows it: "τs 5 ms" (null without a synapse). */
export function tauText(synapse: { tauS: number } | null | undefined): string | null {
  return synapse ? `τs ${Number((synapse.tauS * 1000).toPrecision(4))} ms` : null;
}

/** A representative magnitude with sign: the scalar, the matrix mean, the generator's centre. */
export function weightSign(weight: Weight): number {
  if (typeof weight === 'number') return weight;
  if (Array.isArray(weight)) {
    let sum = 0;
    for (const row of weight) for (const w of row) sum += w;
    return sum;
  }
  switch (weight.init) {
    case 'uniform':
      return (weight.low + weight.high) / 2;
    case 'normal':
      return weight.mean;
    default:
      return weight.value;
  }
}

/** Largest |w| of a weight (for widths and heat-map scales). */
export function weightMagnitude(weight: Weight): number {
  if (typeof weight === 'number') return Math.abs(weight);
  if (Array.isArray(weight)) {
    let m = 0;
    for (const row of weight) for (const w of row) m = Math.max(m, Math.abs(w));
    return m;
  }
  switch (weight.init) {
    case 'uniform':
      return Math.max(Math.abs(weight.low), Math.abs(weight.high));
    case 'normal':
      return Math.abs(weight.mean) + 2 * weight.std;
    default:
      return Math.abs(weight.value);
  }
}

export const EXCITATORY = '#c2410c';
export const INHIBITORY = '#1d4ed8';
export const NEUTRAL = '#64748b';

/** Diverging colour of v in [-1, 1]: blue (negative) - white - orange-red (positive). */
export function divergingColor(v: number): string {
  const t = Math.max(-1, Math.min(1, v));
  const [r, g, b] = t >= 0 ? [194, 65, 12] : [29, 78, 216];
  const a = Math.abs(t);
  const mix = (c: number): number => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/** Points of sigma(z) for z in [-4, 4], for the tiny curve on a rate node (viewBox 0 0 40 20). */
export function activationPath(activation: Activation): string {
  const f = (z: number): number => {
    switch (activation) {
      case 'logistic':
        return 1 / (1 + Math.exp(-z));
      case 'arctan':
        return 0.5 + Math.atan(z) / Math.PI;
      case 'tanh':
        return 0.5 + Math.tanh(z) / 2;
      case 'threshold':
      case 'onehot':
        return z >= 0 ? 1 : 0;
      case 'relu':
        return Math.max(0, z) / 4;
      case 'softmax':
        return Math.exp(z) / (Math.exp(z) + Math.exp(1));
    }
  };
  const points: string[] = [];
  for (let i = 0; i <= 40; i++) {
    const z = -4 + (8 * i) / 40;
    points.push(`${i},${(18 - 16 * f(z)).toFixed(2)}`);
  }
  return `M${points.join(' L')}`;
}
