/**
 * Connection rules between multi-element nodes (issue 15, decision 0013): which source elements
 * reach which target elements. A rule is not a new file field: each one is an existing weight form
 * of the spec (4), so files stay what they were.
 *
 *   all-to-all         a scalar weight w           every source element to every target element
 *   one-to-one         {"init":"identity", value}  element i to element i (equal sizes)
 *   fixed probability  {"init":"sparse", p, value} each pair independently with probability p;
 *                      "about k inputs each" is the same rule with p = k / N (N source elements)
 *   custom             a matrix, uniform or normal  every pair, weights as drawn or written
 *
 * Pure functions: the edge label, the inspector, the connect action and the tests agree.
 */
import type { Edge, NetworkDocument, NetworkNode, Weight } from '../../../shared/document/model';
import { estimateRun, formatBytes, MAX_RUN_BYTES } from '../../../shared/sim/admission';
import { lifRate } from '../../../shared/models/lifRate';
import { MODEL_PARAMS } from '../../../shared/models/registry';
import { findNode, isSpikingSource, nodeSize } from './graph';

export type RuleKind = 'all' | 'oneToOne' | 'probability' | 'custom';

export const RULE_NAMES: Record<RuleKind, string> = {
  all: 'all-to-all',
  oneToOne: 'one-to-one',
  probability: 'fixed probability',
  custom: 'custom weights',
};

/** The rule an edge's weight stands for. */
export function ruleOf(weight: Weight): RuleKind {
  if (typeof weight === 'number') return 'all';
  if (Array.isArray(weight)) return 'custom';
  if (weight.init === 'identity') return 'oneToOne';
  if (weight.init === 'sparse') return 'probability';
  return 'custom';
}

/** The single weight value a rule uses (the centre of a drawn generator, a matrix's mean). */
export function ruleWeightValue(weight: Weight): number {
  if (typeof weight === 'number') return weight;
  if (Array.isArray(weight)) {
    let sum = 0;
    let count = 0;
    for (const row of weight) {
      for (const w of row) sum += w;
      count += row.length;
    }
    return count > 0 ? sum / count : 0;
  }
  switch (weight.init) {
    case 'identity':
    case 'sparse':
      return weight.value;
    case 'uniform':
      return (weight.low + weight.high) / 2;
    case 'normal':
      return weight.mean;
  }
}

/** The weight a rule writes, keeping the value w (and p for the probability rule). */
export function weightForRule(rule: Exclude<RuleKind, 'custom'>, w: number, p = 0.1): Weight {
  if (rule === 'all') return w;
  if (rule === 'oneToOne') return { init: 'identity', value: w };
  return { init: 'sparse', p: Math.min(1, Math.max(0, p)), value: w };
}

/** Both ends have more than one element: the rule matters and is shown. */
export function isMultiElement(doc: NetworkDocument, edge: Edge): boolean {
  const s = findNode(doc, edge.source);
  const t = findNode(doc, edge.target);
  return !!s && !!t && nodeSize(s) > 1 && nodeSize(t) > 1;
}

/**
 * Whether the weight-matrix editor is offered for a synapse (context menu, double-click on its
 * label): when one of its ends has several elements, so its weight has rows or columns to edit. A
 * synapse between two single units has one weight, edited in the inspector.
 */
export function offersWeightMatrix(doc: NetworkDocument, edge: Edge): boolean {
  const s = findNode(doc, edge.source);
  const t = findNode(doc, edge.target);
  return (!!s && nodeSize(s) > 1) || (!!t && nodeSize(t) > 1);
}

/** How many source elements each target element receives (expected, for the probability rule). */
export function inputsEach(weight: Weight, sourceSize: number): number {
  switch (ruleOf(weight)) {
    case 'all':
    case 'custom':
      return sourceSize;
    case 'oneToOne':
      return 1;
    case 'probability':
      return (weight as { p: number }).p * sourceSize;
  }
}

function countText(n: number, expected: boolean): string {
  const shown = Number.isInteger(n) ? String(n) : n >= 10 ? String(Math.round(n)) : n.toFixed(1);
  return `${expected ? '~' : ''}${shown} input${n === 1 && !expected ? '' : 's'} each`;
}

/**
 * The rule as the edge label shows it: "all-to-all · 100 inputs each", "one-to-one · 1 input
 * each", "p 0.1 · ~10 inputs each"; null for an edge between single elements.
 */
export function ruleText(doc: NetworkDocument, edge: Edge): string | null {
  if (!isMultiElement(doc, edge) || Array.isArray(edge.weight)) return null;
  const source = findNode(doc, edge.source)!;
  const n = nodeSize(source);
  const rule = ruleOf(edge.weight);
  const each = inputsEach(edge.weight, n);
  if (rule === 'probability') {
    const p = (edge.weight as { p: number }).p;
    return `p ${Number(p.toPrecision(3))} · ${countText(each, true)}`;
  }
  if (rule === 'custom') return `every pair · ${countText(each, false)}`;
  return `${RULE_NAMES[rule]} · ${countText(each, false)}`;
}

/**
 * The rule a new connection gets (decision 0013): one-to-one when both ends have the same number
 * (> 1) of elements, all-to-all otherwise (one onto many, many onto one, different sizes).
 */
export function defaultRule(source: NetworkNode, target: NetworkNode): 'all' | 'oneToOne' {
  const n = nodeSize(source);
  const m = nodeSize(target);
  return n > 1 && n === m ? 'oneToOne' : 'all';
}

/**
 * Why a document is too large to run, said when a connection or a rule makes it so (the same
 * estimate Run uses), or null.
 */
export function oversizeRefusal(doc: NetworkDocument, edgeId: string): string | null {
  // The network's own memory (neurons, connections, filters): what a connection adds to.
  const bytes = estimateRun(doc).bytes.network;
  if (bytes <= MAX_RUN_BYTES) return null;
  const edge = doc.edges.find((e) => e.id === edgeId);
  const source = edge ? findNode(doc, edge.source) : undefined;
  const target = edge ? findNode(doc, edge.target) : undefined;
  const what =
    edge && source && target
      ? `${source.label ?? source.id} → ${target.label ?? target.id} ${RULE_NAMES[ruleOf(edge.weight)]}`
      : 'This connection';
  const pairs =
    edge && source && target ? connectionCount(edge.weight, nodeSize(source), nodeSize(target)) : 0;
  return `${what} would make ${formatCount(pairs)} connections: the circuit would need about ${formatBytes(bytes)}, more than the ${formatBytes(MAX_RUN_BYTES)} a run may use. Choose one-to-one or a small probability p instead.`;
}

/** Expected number of connections an edge makes. */
export function connectionCount(weight: Weight, n: number, m: number): number {
  switch (ruleOf(weight)) {
    case 'oneToOne':
      return Math.min(n, m);
    case 'probability':
      return (weight as { p: number }).p * n * m;
    default:
      return n * m;
  }
}

/** 10000000000 -> "10^10", 2500 -> "2,500". */
export function formatCount(n: number): string {
  if (n >= 1e7) {
    const e = Math.floor(Math.log10(n));
    const m = n / 10 ** e;
    return `${Math.abs(m - 1) < 1e-9 ? '' : `${Number(m.toPrecision(2))} × `}10^${e}`;
  }
  return Math.round(n).toLocaleString('en-US');
}

/** Mean spike rate (Hz) of a spiking input, when it is known without running. */
function sourceRateHz(doc: NetworkDocument, source: NetworkNode): number | null {
  if (source.kind !== 'input') return null;
  const s = source.signal;
  if (s.type === 'poisson') {
    const r = s.rate as number | number[];
    return Array.isArray(r) ? r.reduce((a, b) => a + b, 0) / Math.max(1, r.length) : r;
  }
  if (s.type === 'spikes') {
    const times = s.times as number[] | number[][];
    const duration = doc.simulation.duration;
    const count = Array.isArray(times[0])
      ? (times as number[][]).reduce((a, t) => a + t.length, 0) / Math.max(1, times.length)
      : times.length;
    return duration > 0 ? count / duration : null;
  }
  return null;
}

function scalarParam(node: NetworkNode, name: string): number {
  if (node.kind !== 'neuron' && node.kind !== 'population') return 0;
  const v = (node.params as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'number') return v;
  return MODEL_PARAMS[node.model].find((p) => p.name === name)?.default ?? 0;
}

/**
 * The expected drive of a spiking edge onto LIF targets, in words, when it is far beyond
 * threshold (mean J more than three times vTh): what each target element receives and the rate G
 * gives for it. Null when it is not far beyond, or cannot be known without running.
 */
export function driveWarning(doc: NetworkDocument, edge: Edge): string | null {
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target || !isSpikingSource(source)) return null;
  if ((target.kind !== 'neuron' && target.kind !== 'population') || target.model !== 'lif')
    return null;
  const rate = sourceRateHz(doc, source);
  if (rate === null) return null;
  const w = ruleWeightValue(edge.weight);
  const each = inputsEach(edge.weight, nodeSize(source));
  const bias = scalarParam(target, 'bias');
  // Each spike adds w/tauS to J for a time tauS on average (a kernel of area 1): mean J = k r w.
  const j = each * rate * w + bias;
  const vTh = scalarParam(target, 'vTh');
  if (!(vTh > 0) || j <= 3 * vTh) return null;
  const g = lifRate(j, {
    tauM: scalarParam(target, 'tauM'),
    tauRef: scalarParam(target, 'tauRef'),
    vTh,
    vReset: scalarParam(target, 'vReset'),
  });
  const name = target.label ?? target.id;
  const each1 = String(Number(each.toPrecision(3)));
  const biasText = bias !== 0 ? ` + bias ${Number(bias.toPrecision(3))}` : '';
  // Only what the rule menu offers: one-to-one needs ends of one size (decision 0013).
  const fewer = nodeSize(source) === nodeSize(target) ? 'one-to-one, a small p' : 'a small p';
  return `Strong drive: each ${name} neuron receives ${each1} train${each === 1 ? '' : 's'} of ${Number(rate.toPrecision(3))} Hz through w ${Number(w.toPrecision(3))}, a mean input J ≈ ${each1} × ${Number(rate.toPrecision(3))} × ${Number(w.toPrecision(3))}${biasText} = ${Number(j.toPrecision(3))}, ${Number((j / vTh).toPrecision(2))}× its threshold ${vTh}. G(${Number(j.toPrecision(3))}) ≈ ${Math.round(g)} Hz. Fewer inputs each (${fewer}) or a smaller w keep it near threshold.`;
}

/**
 * The current densities (uA/cm^2) at which a default HH neuron under a constant input fires one
 * onset spike (then rests) and fires repetitively: decision 0004's bisection (2.2368 and 6.1678),
 * rounded up a little so a value the hint suggests does fire.
 */
export const HH_ONE_SPIKE_DRIVE = 2.24;
export const HH_REPETITIVE_DRIVE = 6.2;

/**
 * The largest value an input node emits over the run when it is a constant or a step signal (a
 * step input is 0 before its first time), or null for signals whose level varies otherwise.
 */
function largestLevel(node: NetworkNode, scale: number): number | null {
  if (node.kind === 'bias') return scale;
  if (node.kind !== 'input') return null;
  const s = node.signal;
  const flat = (v: unknown): number[] | null =>
    typeof v === 'number'
      ? [v]
      : Array.isArray(v) && v.every((x) => typeof x === 'number')
        ? (v as number[])
        : null;
  let levels: number[] | null;
  if (s.type === 'constant') levels = flat(s.value);
  else if (s.type === 'step') {
    const parts = (s.values as unknown[]).map(flat);
    levels = parts.some((p) => p === null) ? null : (parts as number[][]).flat();
    if (levels && !(s.times[0]! <= 0)) levels.push(0);
  } else levels = null;
  if (!levels || levels.length === 0) return null;
  return Math.max(...levels.map((x) => x * scale));
}

function fmt3(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/**
 * The hint beside the strong-drive warning for a constant or step input (or a bias node) into an
 * HH neuron with default params or a LIF neuron, when even its largest drive J cannot make the
 * target fire steadily: below ~6.2 uA/cm^2 an HH neuron gives one onset spike at most (none below
 * ~2.24), and a LIF neuron never fires at or below vTh. It counts every input of the target (and
 * its bias) and says nothing when one of them varies (a spike train, a sine, noise, a neuron),
 * since that one may make it fire. Null otherwise.
 */
export function weakDriveWarning(doc: NetworkDocument, edge: Edge): string | null {
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target || (target.kind !== 'neuron' && target.kind !== 'population')) return null;
  if (target.model !== 'hh' && target.model !== 'lif') return null;
  const params = (target.params ?? {}) as Record<string, unknown>;
  const specs = MODEL_PARAMS[target.model];
  // Per-element params have no single threshold to speak of.
  if (specs.some((p) => params[p.name] !== undefined && typeof params[p.name] !== 'number'))
    return null;
  // The onsets of decision 0004 hold for the default HH neuron only (its bias aside).
  if (
    target.model === 'hh' &&
    specs.some(
      (p) => p.name !== 'bias' && params[p.name] !== undefined && params[p.name] !== p.default,
    )
  )
    return null;
  let j = scalarParam(target, 'bias');
  let own = 0;
  for (const e of doc.edges) {
    if (e.target !== target.id) continue;
    const from = findNode(doc, e.source);
    const scale = ruleWeightValue(e.weight) * (from ? inputsEach(e.weight, nodeSize(from)) : 0);
    const level = from ? largestLevel(from, scale) : null;
    if (level === null) return null;
    j += level;
    if (e.id === edge.id) own = scale;
  }
  if (own === 0 || largestLevel(source, own) === null) return null;
  const name = target.label ?? target.id;
  const sourceName = source.label ?? source.id;
  const who = nodeSize(target) > 1 ? `each ${name} neuron` : name;
  const w = ruleWeightValue(edge.weight);
  // What brings J to `goal`, the other inputs and the bias unchanged: this input's largest value,
  // or a bias node's weight.
  const others = j - (largestLevel(source, own) ?? 0);
  const raise = (goal: number, above: boolean, result: string): string =>
    own < 0
      ? `A positive w makes ${sourceName} excite it (w ${fmt3(w)} pulls J down).`
      : source.kind === 'bias'
        ? `A weight w ${above ? 'above' : 'of'} ${fmt3((goal - others) / (own / w))}${above ? '' : ' or more'} from ${sourceName} (J ${above ? '>' : '≥'} ${fmt3(goal)}) ${result}.`
        : `Raising ${sourceName}’s ${source.kind === 'input' && source.signal.type === 'step' ? 'largest value' : 'value'} ${above ? 'above' : 'to'} ${fmt3((goal - others) / own)}${above ? '' : ' or more'} (J ${above ? '>' : '≥'} ${fmt3(goal)}) ${result}.`;
  const biasText = scalarParam(target, 'bias') !== 0 ? ' and bias' : '';
  if (target.model === 'lif') {
    const vTh = scalarParam(target, 'vTh');
    if (j > vTh) return null;
    return `Weak drive: ${who} receives at most J = ${fmt3(j)} from its constant inputs${biasText}, not above its threshold vTh ${fmt3(vTh)}: a LIF neuron under a constant input at or below vTh settles below it and never fires. ${raise(vTh, true, 'makes it fire')}`;
  }
  if (j >= HH_REPETITIVE_DRIVE) return null;
  const what =
    j < HH_ONE_SPIKE_DRIVE
      ? `below the ~${HH_ONE_SPIKE_DRIVE} uA/cm^2 at which an HH neuron with default params fires even one spike: it stays at rest`
      : `enough for one spike where the input steps up (from ~${HH_ONE_SPIKE_DRIVE} uA/cm^2), then it rests: an HH neuron with default params fires repetitively only from ~${HH_REPETITIVE_DRIVE} uA/cm^2`;
  return `Weak drive: ${who} receives at most J = ${fmt3(j)} uA/cm^2 from its constant inputs${biasText}, ${what}. ${raise(HH_REPETITIVE_DRIVE, false, 'makes it fire repetitively')}`;
}

/**
 * The largest change of a LIF membrane (v, in units of the file) that one spike through a synapse
 * of weight w makes, below threshold: the PSC filter h(t) = t^n e^{-t/tauS} / (n! tauS^(n+1))
 * (notes 1.3.2, area 1) driving tauM dv/dt = -v + w h(t). For n = 0 the peak has a closed form,
 * w (e^{-tp/tauM} - e^{-tp/tauS}) / (tauM - tauS) at tp = ln(tauM/tauS) tauM tauS / (tauM - tauS);
 * for n > 0 it is integrated on a fine grid (exponential Euler, 4000 steps per the shorter time constant), which the
 * tests hold to the closed form within 1e-4.
 */
export function peakPsp(w: number, tauS: number, n: number, tauM: number): number {
  if (!(tauS > 0) || !(tauM > 0) || w === 0) return 0;
  if (n === 0) {
    const t =
      Math.abs(tauM - tauS) < 1e-12 * tauM
        ? tauM
        : (Math.log(tauM / tauS) * tauM * tauS) / (tauM - tauS);
    const shape =
      Math.abs(tauM - tauS) < 1e-12 * tauM
        ? (t / (tauM * tauM)) * Math.exp(-t / tauM)
        : (Math.exp(-t / tauM) - Math.exp(-t / tauS)) / (tauM - tauS);
    return w * shape;
  }
  const dt = Math.min(tauM, tauS) / 4000;
  const decay = Math.exp(-dt / tauM);
  let factorial = 1;
  for (let i = 2; i <= n; i++) factorial *= i;
  const norm = factorial * tauS ** (n + 1);
  const end = 10 * Math.max(tauM, (n + 1) * tauS);
  let v = 0;
  let peak = 0;
  for (let t = 0; t < end; t += dt) {
    const mid = t + dt / 2;
    const h = (mid ** n * Math.exp(-mid / tauS)) / norm;
    v = v * decay + (1 - decay) * h;
    if (v > peak) peak = v;
  }
  return w * peak;
}

/**
 * A synapse whose single spike moves a LIF target far beyond threshold (more than five times vTh
 * up or down), in words: the jump, what it means and the weight that moves v by one threshold.
 * Null when it is not that strong, or the target is not LIF (HH and rate units answer otherwise).
 */
export function strongSynapseWarning(doc: NetworkDocument, edge: Edge): string | null {
  const source = findNode(doc, edge.source);
  const target = findNode(doc, edge.target);
  if (!source || !target || !isSpikingSource(source)) return null;
  if ((target.kind !== 'neuron' && target.kind !== 'population') || target.model !== 'lif')
    return null;
  const synapse = edge.synapse as { tauS?: number; n?: number } | undefined;
  const tauS = synapse?.tauS ?? 0.005;
  const order = synapse?.n ?? 0;
  const tauM = scalarParam(target, 'tauM');
  const vTh = scalarParam(target, 'vTh');
  const w = ruleWeightValue(edge.weight);
  if (!(vTh > 0) || !Number.isFinite(w)) return null;
  const jump = peakPsp(w, tauS, order, tauM);
  const times = Math.abs(jump) / vTh;
  if (times <= 5) return null;
  const from = source.label ?? source.id;
  const to = target.label ?? target.id;
  const oneThreshold = w * (vTh / Math.abs(jump));
  const what =
    jump < 0
      ? `holds ${to} silent for a long time after each spike`
      : `makes ${to} fire at once on every spike`;
  return `Strong synapse: one spike of ${from} moves ${to}'s v by up to ${jump > 0 ? '+' : '−'}${Number(Math.abs(jump).toPrecision(3))}, ${Number(times.toPrecision(2))}× its threshold ${vTh} (w ${Number(w.toPrecision(3))} through the PSC filter τs ${Number((tauS * 1000).toPrecision(3))} ms, with τm ${Number((tauM * 1000).toPrecision(3))} ms), so it ${what}. A weight of about ${Number(oneThreshold.toPrecision(2))} moves v by one threshold.`;
}
