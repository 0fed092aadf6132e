/**
 * The examples gallery: every shipped example is valid, and each does what its description
 * promises, checked against the notes' closed forms where there is one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../shared/document/loadDocument';
import type { NetworkDocument } from '../shared/document/model';
import { createSimulation } from '../shared/sim/createSimulation';
import type { SimulationFrame } from '../shared/sim/types';
import { GALLERY_ORDER, sortGallery } from './services/examples';

function load(name: string): NetworkDocument {
  const loaded = loadDocument(readFileSync(`examples/${name}`, 'utf8'));
  if (!loaded.ok) throw new Error(`${name}: ${JSON.stringify(loaded.issues)}`);
  return loaded.document;
}

function run(doc: NetworkDocument): SimulationFrame[] {
  const created = createSimulation(doc);
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const frames: SimulationFrame[] = [];
  while (created.simulation.stepsDone < created.simulation.totalSteps) {
    frames.push(created.simulation.advance(100_000));
  }
  return frames;
}

function spikeTimes(frames: SimulationFrame[], nodeId: string): number[] {
  return frames.flatMap((f) =>
    f.spikes.filter((s) => s.nodeId === nodeId).flatMap((s) => Array.from(s.time)),
  );
}

/** One probe's samples over the whole run (single-element probes): times t_k = k dt and values. */
function trace(frames: SimulationFrame[], probeId: string): { t: number[]; v: number[] } {
  const t: number[] = [];
  const v: number[] = [];
  for (const f of frames) {
    const chunk = f.traces.find((c) => c.probeId === probeId)!;
    chunk.steps.forEach((k, i) => {
      t.push(k * f.dt);
      v.push(chunk.values[i]!);
    });
  }
  return { t, v };
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/**
 * The notes' PSC filter h(t) = t^n e^(-t/tau) / (n! tau^(n+1)), written out here rather than taken
 * from shared/models. `u` within 1e-9 dt of 0 is 0: the engine snaps an event to a grid instant.
 */
function h(u: number, tauS: number, n: number, dt: number): number {
  if (Math.abs(u) <= 1e-9 * dt) u = 0;
  if (u < 0) return 0;
  return (u ** n * Math.exp(-u / tauS)) / (factorial(n) * tauS ** (n + 1));
}

/** Trapezoid integral of samples (t, v) from index `from`. */
function area(t: number[], v: number[], from: number): number {
  let sum = 0;
  for (let k = from + 1; k < t.length; k++) sum += ((v[k]! + v[k - 1]!) / 2) * (t[k]! - t[k - 1]!);
  return sum;
}

function maxError(v: number[], expected: number[]): number {
  return Math.max(...v.map((x, k) => Math.abs(x - expected[k]!)));
}

function argmax(v: number[]): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k]! > v[best]!) best = k;
  return best;
}

describe('examples gallery', () => {
  const names = readdirSync('examples').filter((f) => f.endsWith('.neuro'));

  it('lists every shipped example in the notes order, once', () => {
    expect([...GALLERY_ORDER].sort()).toEqual([...names].sort());
    const shuffled = [...GALLERY_ORDER].reverse().map((id) => ({ id, name: id }));
    expect(
      sortGallery([{ id: 'zz.neuro', name: 'A new one' }, ...shuffled]).map((e) => e.id),
    ).toEqual([...GALLERY_ORDER, 'zz.neuro']);
  });

  it.each(names)('%s is valid, with a name and a description', (name) => {
    const doc = load(name);
    expect(doc.name?.length).toBeGreaterThan(3);
    expect(doc.description?.length).toBeGreaterThan(20);
  });

  it('LIF charging fires at G(1.5) = 1/(tauRef + tauM ln 3)', () => {
    const t = spikeTimes(run(load('lif-charging.neuro')), 'N');
    const rate = (t.length - 1) / (t[t.length - 1]! - t[0]!);
    expect(Math.abs(rate - 1 / (0.002 + 0.02 * Math.log(3))) / rate).toBeLessThan(1e-9);
  });

  it('the HH neuron rests, then fires, then fires faster as the current steps up', () => {
    const t = spikeTimes(run(load('hh-current-steps.neuro')), 'H');
    const rest = t.filter((x) => x < 0.2).length;
    const medium = t.filter((x) => x >= 0.25 && x < 0.4).length;
    const high = t.filter((x) => x >= 0.45).length;
    expect(rest).toBe(0);
    expect(medium).toBeGreaterThan(3);
    expect(high).toBeGreaterThan(medium);
  });

  it('the layer: softmax(W relu(x) + b) sums to 1 and the one-hot layer marks the largest z', () => {
    const frames = run(load('layer-softmax.neuro'));
    const last = (id: string) => {
      const chunk = frames.at(-1)!.traces.find((c) => c.probeId === id)!;
      const n = chunk.steps.length;
      return [0, 1, 2].map((i) => chunk.values[(i + 1) * n - 1]!);
    };
    const x = [0.2, 1, 0.6];
    const W = [
      [1, -0.5, 0.25],
      [-0.3, 0.8, 0.1],
      [0.2, 0.3, -0.4],
    ];
    const z = W.map((row, i) => row.reduce((a, w, j) => a + w * x[j]!, 0) + [0.1, -0.2, 0.3][i]!);
    const e = z.map(Math.exp);
    const sum = e.reduce((a, v) => a + v, 0);
    const y = last('y');
    expect(y.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
    y.forEach((v, i) => expect(Math.abs(v - e[i]! / sum)).toBeLessThan(1e-12));
    const winner = z.indexOf(Math.max(...z));
    expect(last('h')).toEqual([0, 1, 2].map((i) => (i === winner ? 1 : 0)));
    // the winner is not the first unit, so the one-hot really looks at z
    expect(winner).not.toBe(0);
  });

  it('in A and B drive C, C fires only because of A and B', () => {
    const frames = run(load('two-drive-one.neuro'));
    expect(spikeTimes(frames, 'C').length).toBeGreaterThan(5);
    const alone = load('two-drive-one.neuro');
    alone.edges = [];
    expect(spikeTimes(run(alone), 'C').length).toBe(0);
  });

  it('fast and slow synapses: each s is the PSC filter itself; n = 1, 2 peak at n tauS; slow is later and longer', () => {
    const doc = load('psc-shapes.neuro');
    const frames = run(doc);
    const dt = doc.simulation.dt;
    const [t0] = spikeTimes(frames, 'pre');
    expect(spikeTimes(frames, 'pre')).toEqual([0.02]);
    const shape = (id: string) => {
      const edge = doc.edges.find((e) => e.target === id)!;
      const { tauS, n = 0 } = edge.synapse!;
      expect(edge.weight).toBe(1);
      const { t, v } = trace(frames, `s_${id}`);
      const expected = t.map((tk) => h(tk - t0!, tauS, n, dt));
      // s = w h(t - t0) at every sample, to rounding
      expect(maxError(v, expected)).toBeLessThan(1e-9 * Math.max(...expected));
      const top = argmax(v);
      const k0 = t.findIndex((tk) => tk >= t0! - 1e-9 * dt);
      // how long s stays above half its peak
      const halfWidth = v.filter((x) => x >= v[top]! / 2).length * dt;
      return { tauS, n, t, v, peakTime: t[top]! - t0!, peak: v[top]!, halfWidth, k0 };
    };
    const fast = [0, 1, 2].map((n) => shape(`fast${n}`));
    const slow = [0, 1, 2].map((n) => shape(`slow${n}`));
    for (const s of [...fast, ...slow]) {
      expect(s.tauS).toBe(s === fast[s.n] ? 0.01 : 0.3);
      // n = 0 jumps at the spike; n = 1, 2 peak n tauS after it (to the step)
      expect(Math.abs(s.peakTime - s.n * s.tauS)).toBeLessThanOrEqual(dt / 2 + 1e-12);
      // area 1 by construction: what remains after the run is the incomplete-gamma tail
      const a = (s.t.at(-1)! - s.t[s.k0]!) / s.tauS;
      let tail = 0;
      for (let m = 0; m <= s.n; m++) tail += (Math.exp(-a) * a ** m) / factorial(m);
      expect(area(s.t, s.v, s.k0)).toBeCloseTo(1 - tail, 3);
      if (s.tauS === 0.01) expect(tail).toBeLessThan(1e-30);
    }
    for (let n = 0; n <= 2; n++) {
      const [f, s] = [fast[n]!, slow[n]!];
      expect(s.peak).toBeLessThan(f.peak / 10);
      expect(s.halfWidth).toBeGreaterThan(10 * f.halfWidth);
      if (n > 0) expect(s.peakTime).toBeGreaterThan(10 * f.peakTime);
    }
  });

  it('a spike train through a PSC filter: s is the sum of shifted kernels, w sum_p h(t - t_p)', () => {
    const doc = load('spike-train-psc.neuro');
    const frames = run(doc);
    const dt = doc.simulation.dt;
    const edge = doc.edges.find((e) => e.id === 'wPS')!;
    const w = edge.weight as number;
    const { tauS, n = 0 } = edge.synapse!;
    const times = spikeTimes(frames, 'S');
    // the file's spike times, each on its grid instant k dt (docs/format.md#input-j: within 1e-9 dt counts as at it)
    const source = doc.nodes.find((x) => x.id === 'S')!;
    const written =
      source.kind === 'input' && source.signal.type === 'spikes' ? source.signal.times : [];
    expect(times.length).toBe(written.length);
    written.forEach((tp, i) =>
      expect(Math.abs(times[i]! - (tp as number))).toBeLessThan(1e-9 * dt),
    );
    const { t, v } = trace(frames, 'sP');
    const expected = t.map((tk) => w * times.reduce((sum, tp) => sum + h(tk - tp, tauS, n, dt), 0));
    expect(maxError(v, expected)).toBeLessThan(1e-9 * Math.max(...expected));
    // lone spikes give separate bumps, the pair adds up, the burst piles up until P fires
    const maxBetween = (a: number, b: number) =>
      Math.max(...v.filter((_, k) => t[k]! >= a && t[k]! < b));
    const lone = maxBetween(0, 0.15);
    const pair = maxBetween(0.35, 0.45);
    const burst = maxBetween(0.45, 0.6);
    expect(n).toBe(1);
    expect(lone).toBeCloseTo(w / (Math.E * tauS), 9); // the first bump alone: w h(tauS) = w/(e tauS)
    expect(pair).toBeGreaterThan(1.5 * lone);
    expect(burst).toBeGreaterThan(2 * pair);
    const fired = spikeTimes(frames, 'P');
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.every((x) => x > 0.45 && x < 0.55)).toBe(true);
  });

  it('bias as a param and bias as a bias node give the same J, v and spikes, bit for bit', () => {
    const frames = run(load('bias-param-vs-node.neuro'));
    const a = spikeTimes(frames, 'A');
    const b = spikeTimes(frames, 'B');
    expect(a.length).toBeGreaterThan(5);
    expect(b).toEqual(a); // toEqual compares numbers with Object.is: identical bits
    expect(trace(frames, 'vB').v).toEqual(trace(frames, 'vA').v);
    expect(trace(frames, 'JB').v).toEqual(trace(frames, 'JA').v);
    // and the bias matters: without the bias node's edge B fires differently
    const noBias = load('bias-param-vs-node.neuro');
    noBias.edges = noBias.edges.filter((e) => e.source !== 'one');
    expect(spikeTimes(run(noBias), 'B').length).toBeLessThan(a.length);
  });

  it('winner-take-all: A wins alone, with the same spikes at dt = 0.01, 0.1 and 1 ms', () => {
    const doc = load('winner-take-all.neuro');
    const at = (dt: number) => {
      const frames = run({ ...doc, simulation: { ...doc.simulation, dt } });
      return ['A', 'B', 'C'].map((id) => spikeTimes(frames, id));
    };
    const fine = at(1e-5);
    expect(fine[0]!.length).toBeGreaterThan(10);
    expect(fine[1]).toEqual([]);
    expect(fine[2]).toEqual([]);
    for (const dt of [1e-4, 1e-3]) {
      const spikes = at(dt);
      expect(spikes.map((s) => s.length)).toEqual(fine.map((s) => s.length));
      spikes[0]!.forEach((t, k) => expect(Math.abs(t - fine[0]![k]!)).toBeLessThan(1e-8));
    }
    const created = createSimulation(doc);
    if (!created.ok) throw new Error('compile');
    expect(created.simulation.cycles).toEqual([
      { nodes: ['A', 'B', 'C'], elements: 3, rule: 'exact' },
    ]);
  });
});
