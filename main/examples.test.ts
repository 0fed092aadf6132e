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

describe('examples gallery', () => {
  const names = readdirSync('examples').filter((f) => f.endsWith('.neuro'));

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

  it('the softmax layer computes softmax(W relu(x) + b), summing to 1', () => {
    const frames = run(load('layer-softmax.neuro'));
    const last = frames.at(-1)!.traces.find((c) => c.probeId === 'y')!;
    const n = last.steps.length;
    const y = [last.values[n - 1]!, last.values[2 * n - 1]!];
    const x = [0.2, 1, 0.6];
    const z = [
      1 * x[0]! - 0.5 * x[1]! + 0.25 * x[2]! + 0.1,
      -0.3 * x[0]! + 0.8 * x[1]! + 0.1 * x[2]! - 0.2,
    ];
    const e = z.map(Math.exp);
    const sum = e[0]! + e[1]!;
    expect(y[0]! + y[1]!).toBeCloseTo(1, 12);
    expect(Math.abs(y[0]! - e[0]! / sum)).toBeLessThan(1e-12);
  });

  it('in A and B drive C, C fires only because of A and B', () => {
    const frames = run(load('two-drive-one.neuro'));
    expect(spikeTimes(frames, 'C').length).toBeGreaterThan(5);
    const alone = load('two-drive-one.neuro');
    alone.edges = [];
    expect(spikeTimes(run(alone), 'C').length).toBe(0);
  });
});
