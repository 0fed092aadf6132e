/**
 * Cross-check against PyNN on NEURON (npm test's "cross-check" suite): the LIF examples and a
 * hand-made circuit with alpha synapses, inhibition and delays, compared with our engine; one
 * network on 2 MPI ranks, whose spikes must equal the 1-rank run's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/document/loadDocument';
import type { NetworkDocument } from '../../../shared/document/model';
import { exportPynn } from '../../../shared/interop/pynn/exportPynn';
import type { ResultLike } from '../../../shared/interop/compare';
import { compare, exportTo, gridTolerances, pynn, record, runOurs } from './peerHarness';

function example(name: string): NetworkDocument {
  const loaded = loadDocument(readFileSync(`examples/${name}.neuro`, 'utf8'));
  if (!loaded.ok) throw new Error(name);
  return loaded.document;
}

function net(
  nodes: unknown[],
  edges: unknown[],
  probes: unknown[],
  duration: number,
): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 1e-4, duration, seed: 3 },
    nodes,
    edges,
    probes,
  } as unknown as NetworkDocument;
}

const H = 1e-5;

/** Ours and PyNN/NEURON at step H over `duration`; traces the peer cannot record are skipped. */
async function check(name: string, full: NetworkDocument, duration: number, hops: number) {
  const d = { ...full, simulation: { ...full.simulation, duration } };
  const dir = await exportTo('pynn', name, full);
  const ours = runOurs(d);
  if ('error' in ours) throw new Error(String(ours.error));
  const peer = pynn(dir, { dt: H, duration });
  expect(peer.code, peer.stderr).toBe(0);
  const result = peer.result!;
  const recorded = {
    ...ours,
    traces: Object.fromEntries(Object.entries(ours.traces).filter(([id]) => id in result.traces)),
  };
  // NEURON is clock-driven like Brian2 (times within its step), and PyNN has no zero delay: each
  // zero-delay hop adds one step
  const base = gridTolerances(recorded, H, 1e-6, 1e-4);
  const tol = { ...base, time: base.time! + hops * H, drift: 2 * base.drift! };
  const c = compare(recorded, result, tol);
  record('pynn-neuron', name, H, c, tol, peer.seconds);
  expect(c.failures).toEqual([]);
}

describe('PyNN on NEURON runs the LIF examples', () => {
  it('lif-charging (first 0.5 s)', async () => {
    await check('lif-charging', example('lif-charging'), 0.5, 0);
  });
  it('two-drive-one (first 0.5 s; probe s is listed as not recordable)', async () => {
    const r = exportPynn(example('two-drive-one'));
    expect(r.ok && r.lines.filter((l) => l.warning).map((l) => l.id)).toEqual(['sC']);
    await check('two-drive-one', example('two-drive-one'), 0.5, 1);
  });
  it('spike-train-psc (alpha synapse)', async () => {
    await check('spike-train-psc', example('spike-train-psc'), 0.6, 1);
  });

  it('refuses what PyNN cannot express, one line per element', () => {
    const r = exportPynn(example('psc-shapes'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.path}: ${p.id}`)).toEqual([
      'nodes[1]: fast0',
      'nodes[2]: fast1',
      'nodes[3]: fast2',
      'nodes[4]: slow0',
      'nodes[5]: slow1',
      'nodes[6]: slow2',
      'edges[0]: w_fast0',
      'edges[1]: w_fast1',
      'edges[2]: w_fast2',
      'edges[3]: w_slow0',
      'edges[4]: w_slow1',
      'edges[5]: w_slow2',
    ]);
    const hh = exportPynn(example('hh-current-steps'));
    expect(!hh.ok && hh.problems[0]!.text).toMatch(/HH with current synapses/);
  });
});

/** Poisson (as drawn) -> 40 LIF with excitatory and inhibitory alpha synapses, a delay, recurrence. */
const RECURRENT = net(
  [
    { id: 'P', kind: 'input', size: 40, signal: { type: 'poisson', rate: 30 } },
    {
      id: 'E',
      kind: 'population',
      size: 40,
      model: 'lif',
      params: { tauM: 0.01, bias: 0.8, v0: { init: 'uniform', low: 0, high: 0.9 } },
    },
  ],
  [
    {
      id: 'PE',
      source: 'P',
      target: 'E',
      weight: { init: 'sparse', p: 0.3, value: 0.004 },
      synapse: { tauS: 0.004, n: 1 },
      delay: 0.00105,
    },
    {
      id: 'EE',
      source: 'E',
      target: 'E',
      weight: { init: 'sparse', p: 0.1, value: -0.003 },
      synapse: { tauS: 0.008, n: 1 },
      delay: 0.00155,
    },
  ],
  [{ id: 'v', target: 'E', variable: 'v', indices: [0, 1] }],
  0.3,
);

describe('PyNN on NEURON, hand-made', () => {
  it('alpha synapses, one excitatory and one inhibitory tau, delays, recurrence (counts and rates)', async () => {
    const dir = await exportTo('pynn', 'recurrent', RECURRENT);
    const ours = runOurs(RECURRENT);
    if ('error' in ours) throw new Error(String(ours.error));
    const peer = pynn(dir, { dt: H });
    expect(peer.code, peer.stderr).toBe(0);
    // delayed recurrent edges: our delivery is exact, NEURON's on its grid; with 40 neurons a
    // moved spike can change another's count, so the population's mean rate is compared (2 %)
    const tol = { rate: 0.02, ks: 0.1 };
    const c = compare(ours, peer.result!, tol);
    record('pynn-neuron', 'recurrent', H, c, tol, peer.seconds);
    expect(c.failures).toEqual([]);
  });

  it('the same network on 2 MPI ranks gives the same spikes as on 1', async () => {
    const dir = await exportTo('pynn', 'mpi', RECURRENT);
    const one = pynn(dir, { out: 'one.json' });
    const two = pynn(dir, { out: 'two.json', ranks: 2 });
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const a = one.result as ResultLike & { peer: { ranks: number } };
    const b = two.result as ResultLike & { peer: { ranks: number } };
    expect(a.peer.ranks).toBe(1);
    expect(b.peer.ranks).toBe(2);
    expect(b.spikes).toEqual(a.spikes);
    const total = Object.values(a.spikes).flat().flat().length;
    expect(total).toBeGreaterThan(100);
    record(
      'pynn-neuron-mpi2',
      'recurrent (2 ranks vs 1)',
      1e-4,
      compare(a, b, { count: 0, time: 0 }),
      { count: 0, time: 0 },
      two.seconds,
    );
  });
});
