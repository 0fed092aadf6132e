/**
 * The CUBA network of Brette et al. 2007 in this product's format (examples/cuba.neuro), with N
 * neurons (80 % excitatory) and a given number of synapses per neuron (p = synapses / N).
 * Dimensionless LIF: v = (V + 60 mV) / 10 mV, so V_t = -50 -> 1, V_r = -60 -> 0, E_l = -49 -> bias 1.1;
 * an excitatory spike raises s by 0.162 (w = 0.162 x 5 ms), an inhibitory one by -0.9 (w = -0.9 x 10 ms).
 */
import type { NetworkDocument } from '../shared/document/model';

export function cubaNetwork(n: number, synapsesPerNeuron: number, seed = 12345): NetworkDocument {
  const ne = Math.round(0.8 * n);
  const ni = n - ne;
  const p = Math.min(1, synapsesPerNeuron / n);
  const lif = {
    tauM: 0.02,
    tauRef: 0.005,
    vTh: 1,
    vReset: 0,
    bias: 1.1,
    v0: { init: 'uniform', low: 0, high: 1 },
  };
  const exc = {
    weight: { init: 'sparse', p, value: 0.162 * 0.005 },
    synapse: { tauS: 0.005, n: 0 },
  };
  const inh = { weight: { init: 'sparse', p, value: -0.9 * 0.01 }, synapse: { tauS: 0.01, n: 0 } };
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.0001, duration: 1, seed },
    nodes: [
      { id: 'E', kind: 'population', size: ne, model: 'lif', params: lif },
      { id: 'I', kind: 'population', size: ni, model: 'lif', params: lif },
    ],
    edges: [
      { id: 'EE', source: 'E', target: 'E', ...exc },
      { id: 'EI', source: 'E', target: 'I', ...exc },
      { id: 'IE', source: 'I', target: 'E', ...inh },
      { id: 'II', source: 'I', target: 'I', ...inh },
    ],
    probes: [],
  } as unknown as NetworkDocument;
}
