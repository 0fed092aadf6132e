/** Helpers for simulator tests: build documents in code and run them to plain arrays. */
import type { NetworkDocument } from '../../document/model';
import { createSimulation, type SimulationOptions } from '../createSimulation';
import type { Issue, LiveEdit, SimulationFrame } from '../types';

export interface NetworkParts {
  dt?: number;
  duration?: number;
  seed?: number;
  nodes: unknown[];
  edges?: unknown[];
  probes?: unknown[];
}

export function network(parts: NetworkParts): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: parts.dt ?? 1e-4, duration: parts.duration ?? 0.1, seed: parts.seed ?? 1 },
    nodes: parts.nodes,
    edges: parts.edges ?? [],
    probes: parts.probes ?? [],
  } as unknown as NetworkDocument;
}

export interface RunOutput {
  spikes: Record<string, number[][]>;
  traces: Record<string, { steps: number[]; t: number[]; values: number[][] }>;
  frames: SimulationFrame[];
}

/** Run a document to the end (chunk = steps per advance call). Throws on compile issues. */
export function runNetwork(
  doc: NetworkDocument,
  options: SimulationOptions = {},
  chunk = 1e9,
): RunOutput {
  return runWithEdits(doc, [], options, chunk).out;
}

/** A live edit applied when the run has done `step` steps (between two advance calls). */
export interface TimedEdit {
  step: number;
  edit: LiveEdit;
}

/**
 * runNetwork with live edits: each is applied once `step` steps are done (chunks are cut there).
 * Returns what applyEdit answered for each edit, in order.
 */
export function runWithEdits(
  doc: NetworkDocument,
  edits: readonly TimedEdit[],
  options: SimulationOptions = {},
  chunk = 1e9,
): { out: RunOutput; answers: Array<Issue | null> } {
  const created = createSimulation(doc, options);
  if (!created.ok) throw new Error(created.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const sim = created.simulation;
  const out: RunOutput = { spikes: {}, traces: {}, frames: [] };
  const answers: Array<Issue | null> = [];
  const pending = [...edits].sort((a, b) => a.step - b.step);
  for (const node of sim.plan.spiking)
    out.spikes[node.id] = Array.from({ length: node.size }, () => []);
  for (;;) {
    while (pending.length > 0 && pending[0]!.step <= sim.stepsDone)
      answers.push(sim.applyEdit(pending.shift()!.edit));
    if (sim.stepsDone >= sim.totalSteps) break;
    const until = pending.length > 0 ? pending[0]!.step - sim.stepsDone : Infinity;
    const frame = sim.advance(Math.min(chunk, until));
    out.frames.push(frame);
    for (const s of frame.spikes) {
      for (let k = 0; k < s.index.length; k++) out.spikes[s.nodeId]![s.index[k]!]!.push(s.time[k]!);
    }
    for (const tr of frame.traces) {
      const trace = (out.traces[tr.probeId] ??= {
        steps: [],
        t: [],
        values: Array.from(tr.indices, () => []),
      });
      const n = tr.steps.length;
      for (let s = 0; s < n; s++) {
        trace.steps.push(tr.steps[s]!);
        trace.t.push(tr.steps[s]! * sim.dt);
      }
      for (let e = 0; e < tr.indices.length; e++)
        for (let s = 0; s < n; s++) trace.values[e]!.push(tr.values[e * n + s]!);
    }
  }
  return { out, answers };
}

/** A small deterministic generator for test data (not the product's RNG). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
