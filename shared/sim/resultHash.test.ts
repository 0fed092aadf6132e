/**
 * Bit-identity guard for refactors: every example and a set of hand-made networks (LIF with PSC
 * orders 0/1/2 through the fast path and the general integrator, HH, rate units, Poisson and noise
 * inputs, delays, cycles, live edits, chunked runs) are run and a SHA-256 of the exact result
 * (spike times, trace values, run failures, live-edit answers) is compared with the hash recorded
 * in `__golden__/resultHashes.json`. A change of any bit of any result fails here.
 *
 * Recorded before issue 12's refactor. To record again (only when a result is meant to change,
 * and say so in the commit): `RECORD_RESULT_HASHES=1 npx vitest run shared/sim/resultHash.test.ts`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../document/loadDocument';
import type { NetworkDocument } from '../document/model';
import { neuroFiles } from '../document/test-support/exampleFiles';
import type { SimulationOptions } from './createSimulation';
import { network, runWithEdits, type TimedEdit } from './test-support/testNetworks';
import { SimulationError } from './types';

const GOLDEN = 'shared/sim/__golden__/resultHashes.json';
const RECORD = process.env['RECORD_RESULT_HASHES'] === '1';

interface Case {
  doc: NetworkDocument;
  edits?: TimedEdit[];
  options?: SimulationOptions;
  chunk?: number;
}

function f64(values: readonly number[]): Buffer {
  return Buffer.from(Float64Array.from(values).buffer);
}

/** SHA-256 of everything a run produced, in a fixed order. */
function resultHash(c: Case): string {
  const hash = createHash('sha256');
  try {
    const { out, answers } = runWithEdits(c.doc, c.edits ?? [], c.options ?? {}, c.chunk ?? 1e9);
    for (const id of Object.keys(out.spikes).sort()) {
      hash.update(`spikes ${id}\n`);
      for (const times of out.spikes[id]!) {
        hash.update(`${times.length};`);
        hash.update(f64(times));
      }
    }
    for (const id of Object.keys(out.traces).sort()) {
      const trace = out.traces[id]!;
      hash.update(`trace ${id}\n`);
      hash.update(f64(trace.steps));
      for (const values of trace.values) hash.update(f64(values));
    }
    hash.update(`answers ${JSON.stringify(answers.map((a) => (a === null ? null : a.path)))}`);
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
    hash.update(`failed ${e.nodeId} ${e.timeSeconds} ${e.message}`);
  }
  return hash.digest('hex');
}

function exampleCases(): Record<string, Case> {
  const cases: Record<string, Case> = {};
  const files = [
    ...neuroFiles(fs, 'shared/document/__fixtures__/spec'),
    ...neuroFiles(fs, 'examples'),
    ...neuroFiles(fs, 'examples/warnings'),
  ];
  for (const file of files) {
    const loaded = loadDocument(fs.readFileSync(file, 'utf8'));
    if (!loaded.ok) throw new Error(`${file} does not load`);
    cases[file] = { doc: loaded.document };
  }
  return cases;
}

/** Spike sources -> LIF through PSC orders 0, 1 and 2, delays, refractory periods off the grid. */
function lifOrders(): NetworkDocument {
  return network({
    dt: 2.5e-4,
    duration: 0.4,
    nodes: [
      { id: 'S1', kind: 'input', signal: { type: 'spikes', times: [0, 0.0101, 0.05, 0.0503] } },
      { id: 'S2', kind: 'input', size: 3, signal: { type: 'poisson', rate: 80, seed: 3 } },
      { id: 'K', kind: 'input', signal: { type: 'constant', value: 0.9 } },
      { id: 'A', kind: 'neuron', model: 'lif', params: { tauRef: 0.00237, bias: 0.3 } },
      {
        id: 'B',
        kind: 'population',
        size: 5,
        model: 'lif',
        params: { tauM: [0.01, 0.02, 0.03, 0.015, 0.005], vReset: -0.2 },
      },
      { id: 'C', kind: 'neuron', model: 'lif', params: { tauM: 0.01, tauRef: 0.0011 } },
    ],
    edges: [
      { id: 'e1', source: 'S1', target: 'A', weight: 0.04, synapse: { tauS: 0.005, n: 0 } },
      { id: 'e2', source: 'S2', target: 'A', weight: 0.03, synapse: { tauS: 0.002, n: 1 } },
      { id: 'e3', source: 'K', target: 'A', weight: 1 },
      { id: 'e4', source: 'A', target: 'B', weight: 0.5, synapse: { tauS: 0.02, n: 2 } },
      { id: 'e5', source: 'K', target: 'B', weight: 1.1, synapse: { tauS: 0.003, n: 1 } },
      {
        id: 'e6',
        source: 'B',
        target: 'C',
        weight: { init: 'uniform', low: 0, high: 0.4 },
        synapse: { tauS: 0.01, n: 0 },
        delay: 0.0013,
      },
      { id: 'e7', source: 'S2', target: 'C', weight: 0.2, synapse: { tauS: 0.01, n: 1 } },
      { id: 'e8', source: 'C', target: 'C', weight: -0.1, synapse: { tauS: 0.004, n: 0 } },
    ],
    probes: [
      { id: 'vA', target: 'A', variable: 'v' },
      { id: 'JA', target: 'A', variable: 'J' },
      { id: 'sB', target: 'B', variable: 's', every: 3, indices: [0, 4] },
      { id: 'vB', target: 'B', variable: 'v' },
      { id: 'vC', target: 'C', variable: 'v', every: 2 },
      { id: 'u', target: 'K', variable: 'u' },
    ],
  });
}

/** A recurrent order-0 LIF population under Poisson drive, sparse and normal weights, draws. */
function lifRecurrent(): NetworkDocument {
  return network({
    dt: 1e-4,
    duration: 0.2,
    seed: 7,
    nodes: [
      { id: 'P', kind: 'input', size: 20, signal: { type: 'poisson', rate: 400 } },
      {
        id: 'E',
        kind: 'population',
        size: 60,
        model: 'lif',
        params: {
          v0: { init: 'uniform', low: 0, high: 1 },
          bias: { init: 'normal', mean: 0.6, std: 0.1 },
        },
      },
    ],
    edges: [
      {
        id: 'pe',
        source: 'P',
        target: 'E',
        weight: { init: 'sparse', p: 0.3, value: 0.15 },
        synapse: { tauS: 0.005 },
      },
      {
        id: 'ee',
        source: 'E',
        target: 'E',
        weight: { init: 'normal', mean: 0.01, std: 0.02 },
        synapse: { tauS: 0.005, n: 0 },
      },
    ],
    probes: [{ id: 'v', target: 'E', variable: 'v', indices: [0, 7, 59] }],
  });
}

/** HH under a step current, Poisson spikes through an order-1 synapse and an HH -> HH edge. */
function hhNet(): NetworkDocument {
  return network({
    dt: 1e-4,
    duration: 0.15,
    nodes: [
      { id: 'I', kind: 'input', signal: { type: 'step', times: [0.02, 0.09], values: [8, 3] } },
      { id: 'P', kind: 'input', size: 2, signal: { type: 'poisson', rate: 100, seed: 5 } },
      { id: 'H', kind: 'neuron', model: 'hh', params: { bias: 1 } },
      { id: 'G', kind: 'population', size: 2, model: 'hh', params: { gK: [36, 30] } },
    ],
    edges: [
      { id: 'ih', source: 'I', target: 'H', weight: 1 },
      { id: 'ph', source: 'P', target: 'H', weight: 20, synapse: { tauS: 0.002, n: 1 } },
      { id: 'hg', source: 'H', target: 'G', weight: 80, synapse: { tauS: 0.003, n: 0 } },
      { id: 'ig', source: 'I', target: 'G', weight: 0.5, synapse: { tauS: 0.004, n: 0 } },
    ],
    probes: [
      { id: 'V', target: 'H', variable: 'V' },
      { id: 'm', target: 'H', variable: 'm', every: 5 },
      { id: 'h', target: 'H', variable: 'h', every: 5 },
      { id: 'n', target: 'H', variable: 'n', every: 5 },
      { id: 'J', target: 'H', variable: 'J' },
      { id: 'VG', target: 'G', variable: 'V' },
      { id: 'sG', target: 'G', variable: 's' },
    ],
  });
}

/** Rate units: every activation, tau > 0 and = 0, delays, a cycle, noise, sine and pulse inputs. */
function rateNet(): NetworkDocument {
  return network({
    dt: 5e-4,
    duration: 0.1,
    seed: 11,
    nodes: [
      { id: 'X', kind: 'input', signal: { type: 'noise', mean: 0.3, std: 0.5, tau: 0.005 } },
      { id: 'S', kind: 'input', signal: { type: 'sine', amplitude: 0.4, frequency: 30 } },
      {
        id: 'Q',
        kind: 'input',
        signal: { type: 'pulse', start: 0.005, width: 0.003, amplitude: 0.8, period: 0.02 },
      },
      { id: 'B', kind: 'bias' },
      { id: 'R1', kind: 'neuron', model: 'rate', activation: 'arctan', params: { tau: 0.01 } },
      { id: 'R2', kind: 'neuron', model: 'rate', activation: 'tanh' },
      { id: 'R3', kind: 'neuron', model: 'rate', activation: 'relu', params: { y0: 0.2 } },
      { id: 'R4', kind: 'neuron', model: 'rate', activation: 'threshold' },
      { id: 'L', kind: 'population', size: 4, model: 'rate', activation: 'softmax' },
      { id: 'O', kind: 'population', size: 4, model: 'rate', activation: 'onehot' },
      { id: 'G', kind: 'population', size: 3, model: 'rate', params: { tau: [0, 0.002, 0.02] } },
    ],
    edges: [
      { id: 'a', source: 'X', target: 'R1', weight: 1 },
      { id: 'b', source: 'S', target: 'R2', weight: 2, delay: 0.002 },
      { id: 'c', source: 'R2', target: 'R3', weight: 1.5 },
      { id: 'd', source: 'R3', target: 'R2', weight: -0.5 },
      { id: 'e', source: 'Q', target: 'R4', weight: 1, synapse: { tauS: 0.004, n: 2 } },
      { id: 'f', source: 'B', target: 'R4', weight: -0.1 },
      {
        id: 'g',
        source: 'R1',
        target: 'L',
        weight: [[1], [-1], [0.5], [2]],
        synapse: { tauS: 0.003, n: 0 },
      },
      { id: 'h', source: 'L', target: 'O', weight: { init: 'identity', value: 1 } },
      { id: 'i', source: 'X', target: 'G', weight: 1, delay: 0.003 },
      { id: 'j', source: 'G', target: 'G', weight: { init: 'uniform', low: -0.5, high: 0.5 } },
    ],
    probes: [
      { id: 'y1', target: 'R1', variable: 'y' },
      { id: 'y2', target: 'R2', variable: 'y' },
      { id: 'y3', target: 'R3', variable: 'y' },
      { id: 'y4', target: 'R4', variable: 'y' },
      { id: 'J4', target: 'R4', variable: 'J' },
      { id: 'yL', target: 'L', variable: 'y' },
      { id: 'yO', target: 'O', variable: 'y' },
      { id: 'yG', target: 'G', variable: 'y' },
      { id: 'sG', target: 'G', variable: 's' },
      { id: 'uX', target: 'X', variable: 'u' },
    ],
  });
}

function edit(step: number, elementId: string, path: string, value: unknown): TimedEdit {
  return { step, edit: { elementId, path, value } };
}

function handMadeCases(): Record<string, Case> {
  return {
    'lif orders': { doc: lifOrders() },
    'lif orders, general integrator': { doc: lifOrders(), options: { lifFastPath: false } },
    'lif orders, chunks of 37': { doc: lifOrders(), chunk: 37 },
    'lif orders, live edits': {
      doc: lifOrders(),
      edits: [
        edit(100, 'A', 'params.bias', 0.6),
        edit(200, 'B', 'params.tauM', 0.012),
        edit(300, 'e5', 'synapse.tauS', 0.006),
        edit(400, 'S2', 'signal.rate', 150),
        edit(500, 'K', 'signal.value', 1.3),
        edit(600, 'e1', 'weight', 0.08),
        edit(700, 'C', 'params.vTh', 0.5),
        edit(800, 'C', 'params.v0', 0.5),
        edit(900, 'e6', 'delay', 0.002),
      ],
    },
    'lif recurrent': { doc: lifRecurrent() },
    // Issue 17 made small zero-delay cycles exact; with the earlier rule asked for, these must
    // keep the hashes 'lif recurrent' and 'lif orders' had before it.
    'lif recurrent, end-of-step cycles': {
      doc: lifRecurrent(),
      options: { cycleRule: 'end-of-step' },
    },
    'lif orders, end-of-step cycles': { doc: lifOrders(), options: { cycleRule: 'end-of-step' } },
    'lif recurrent, general integrator': { doc: lifRecurrent(), options: { lifFastPath: false } },
    'lif recurrent, seed override': { doc: lifRecurrent(), options: { seed: 99 } },
    hh: { doc: hhNet() },
    'hh, live edits': {
      doc: hhNet(),
      edits: [
        edit(300, 'H', 'params.gNa', 100),
        edit(500, 'G', 'params.bias', 2),
        edit(700, 'ph', 'synapse.tauS', 0.004),
        edit(900, 'I', 'signal.values', [12, 1]),
      ],
    },
    rate: { doc: rateNet() },
    'rate, chunks of 7': { doc: rateNet(), chunk: 7 },
    'rate, live edits': {
      doc: rateNet(),
      edits: [
        edit(20, 'R1', 'params.tau', 0.004),
        edit(40, 'R2', 'params.bias', 0.3),
        edit(60, 'X', 'signal.mean', 1),
        edit(80, 'S', 'signal.frequency', 12),
        edit(100, 'e', 'synapse.tauS', 0.002),
        edit(120, 'c', 'weight', -1),
        edit(140, 'R3', 'params.y0', 1),
      ],
    },
  };
}

describe('results are bit-identical to the recorded hashes', () => {
  const cases = { ...exampleCases(), ...handMadeCases() };
  const recorded: Record<string, string> = fs.existsSync(GOLDEN)
    ? (JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, string>)
    : {};
  const now: Record<string, string> = {};

  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      now[name] = resultHash(c);
      if (RECORD) return;
      expect(now[name]).toBe(recorded[name]);
    });
  }

  it('every recorded case still exists', () => {
    if (RECORD) {
      fs.mkdirSync('shared/sim/__golden__', { recursive: true });
      fs.writeFileSync(GOLDEN, JSON.stringify(now, null, 2) + '\n');
      return;
    }
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(cases).sort());
  });
});
