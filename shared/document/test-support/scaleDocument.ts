/**
 * A 64,000-neuron document for the scale test and bench/file.bench.ts: a CUBA-like E/I network
 * (51,200 excitatory + 12,800 inhibitory LIF neurons, per-neuron bias arrays, uniform v0 draws,
 * sparse recurrent generators) driven by 1,000 Poisson inputs, with a few probes.
 */
import type { NetworkDocument } from '../model';

/** Deterministic per-neuron values without Math.random (a fixed linear congruential sequence). */
function values(count: number, low: number, high: number, seed: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Number((low + ((high - low) * state) / 2 ** 32).toFixed(6));
  });
}

export function scaleDocument(excitatory = 51_200, inhibitory = 12_800): NetworkDocument {
  const lif = (size: number, seed: number) => ({
    tauM: 0.02,
    tauRef: 0.005,
    vTh: 1,
    vReset: 0,
    bias: values(size, 1.0, 1.2, seed),
    v0: { init: 'uniform' as const, low: 0, high: 1 },
  });
  const sparse = (value: number) => ({ init: 'sparse' as const, p: 0.002, value });
  return {
    format: 'neurosketch-network',
    version: 1,
    name: `Scale test: ${excitatory + inhibitory} LIF neurons`,
    simulation: { dt: 0.0001, duration: 1, seed: 7 },
    nodes: [
      {
        id: 'E',
        kind: 'population',
        size: excitatory,
        model: 'lif',
        label: 'excitatory',
        params: lif(excitatory, 1),
      },
      {
        id: 'I',
        kind: 'population',
        size: inhibitory,
        model: 'lif',
        label: 'inhibitory',
        params: lif(inhibitory, 2),
      },
      {
        id: 'ext',
        kind: 'input',
        size: 1000,
        label: 'external drive',
        signal: { type: 'poisson', rate: 5 },
      },
    ],
    edges: [
      {
        id: 'EE',
        source: 'E',
        target: 'E',
        weight: sparse(0.0081),
        synapse: { tauS: 0.005, n: 0 },
      },
      {
        id: 'EI',
        source: 'E',
        target: 'I',
        weight: sparse(0.0081),
        synapse: { tauS: 0.005, n: 0 },
      },
      { id: 'IE', source: 'I', target: 'E', weight: sparse(-0.09), synapse: { tauS: 0.01, n: 0 } },
      { id: 'II', source: 'I', target: 'I', weight: sparse(-0.09), synapse: { tauS: 0.01, n: 0 } },
      {
        id: 'extE',
        source: 'ext',
        target: 'E',
        weight: { init: 'sparse', p: 0.01, value: 0.01 },
        synapse: { tauS: 0.005 },
      },
    ],
    probes: [
      { id: 'vE', target: 'E', variable: 'v', indices: [0, 1, 2, 3], every: 10 },
      { id: 'vI', target: 'I', variable: 'v', indices: [0, 1], every: 10 },
    ],
    layout: { E: { x: 0, y: 0 }, I: { x: 300, y: 0 }, ext: { x: -300, y: 0 } },
  };
}
