/**
 * A large hand-drawn-style circuit for the editor benches: `nodes` nodes (every tenth a constant
 * input, the rest LIF neurons) on a grid of 20 columns, and `edges` distinct synapses between them
 * chosen by a fixed LCG (never into an input, never a self-loop), weights of both signs.
 */
import type { NetworkDocument } from '../shared/document/model';

export function editorNetwork(nodeCount = 200, edgeCount = 400): NetworkDocument {
  const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
  const isInput = (i: number): boolean => i % 10 === 0;
  const nodes = ids.map((id, i) =>
    isInput(i)
      ? { id, kind: 'input', signal: { type: 'constant', value: 1.2 } }
      : { id, kind: 'neuron', model: 'lif', params: { tauM: 0.02, bias: 0.5 + (i % 7) * 0.1 } },
  );
  const layout = Object.fromEntries(
    ids.map((id, i) => [id, { x: (i % 20) * 240, y: Math.floor(i / 20) * 160 }]),
  );
  const edges: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  let state = 12345;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  while (edges.length < edgeCount) {
    const s = next(nodeCount);
    // Mostly to near neighbours (as people draw), sometimes across the canvas.
    const t = next(4) === 0 ? next(nodeCount) : (s + 1 + next(25)) % nodeCount;
    const key = `${s}>${t}`;
    if (s === t || isInput(t) || seen.has(key)) continue;
    seen.add(key);
    const spiking = !isInput(s);
    edges.push({
      id: `e${edges.length}`,
      source: ids[s],
      target: ids[t],
      weight: next(5) === 0 ? -0.05 : 0.1,
      ...(spiking ? { synapse: { tauS: 0.005, n: 0 } } : {}),
    });
  }
  return {
    format: 'neurosketch-network',
    version: 1,
    name: `Editor bench: ${nodeCount} nodes, ${edgeCount} synapses`,
    simulation: { dt: 0.0001, duration: 1, seed: 1 },
    nodes,
    edges,
    probes: [],
    layout,
  } as unknown as NetworkDocument;
}
