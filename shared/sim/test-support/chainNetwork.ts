/** A chain of `n` rate units fed by one constant input: n + 1 nodes, n edges, no probes. */
import type { NetworkDocument } from '../../document/model';

export function chainDocument(n: number): NetworkDocument {
  const nodes: unknown[] = [{ id: 'in', kind: 'input', signal: { type: 'constant', value: 1 } }];
  const edges: unknown[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `n${i}`, kind: 'neuron', model: 'rate', params: { tau: 0.01 } });
    edges.push({ id: `e${i}`, source: i === 0 ? 'in' : `n${i - 1}`, target: `n${i}`, weight: 0.5 });
  }
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.001, duration: 0.01, seed: 1 },
    nodes,
    edges,
    probes: [],
  } as unknown as NetworkDocument;
}
