/**
 * Compile is linear in nodes + edges (issue 16, item 7): the step order (Tarjan + Kahn over the
 * condensed graph, smallest document index first) uses a heap, the event queues and filter banks
 * are sized in one pass over the edges. The order itself is unchanged; 100,000 nodes compile.
 * (No timing assertion: `npm run bench -- nodes` prints the figures.)
 */
import { describe, expect, it } from 'vitest';
import { chainDocument } from './test-support/chainNetwork';
import { validateDocument } from '../document/validateDocument';
import type { NetworkDocument } from '../document/model';
import { compileNetwork } from './compile/compileNetwork';
import { createSimulation } from './createSimulation';

function rateDoc(ids: string[], edges: Array<[string, string]>): NetworkDocument {
  return {
    format: 'neurosketch-network',
    version: 1,
    simulation: { dt: 0.001, duration: 0.01, seed: 1 },
    nodes: ids.map((id) => ({ id, kind: 'neuron', model: 'rate', params: { tau: 0.01 } })),
    edges: edges.map(([source, target], k) => ({ id: `e${k}`, source, target, weight: 0.1 })),
    probes: [],
  } as unknown as NetworkDocument;
}

/** The reference: repeatedly take the ready component whose smallest member comes first. */
function referenceOrder(ids: string[], edges: Array<[string, string]>): string[] {
  // components by mutual reachability (small graphs only)
  const reach = ids.map((a) => {
    const seen = new Set([a]);
    const stack = [a];
    while (stack.length) {
      const v = stack.pop()!;
      for (const [s, t] of edges)
        if (s === v && !seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
    }
    return seen;
  });
  const comp = ids.map((a, i) => ids.findIndex((b, j) => reach[i]!.has(b) && reach[j]!.has(a)));
  const done = new Set<number>();
  const out: string[] = [];
  while (done.size < new Set(comp).size) {
    const ready = [...new Set(comp)].filter(
      (c) =>
        !done.has(c) &&
        edges.every(([s, t]) => {
          const cs = comp[ids.indexOf(s)]!;
          const ct = comp[ids.indexOf(t)]!;
          return ct !== c || cs === c || done.has(cs);
        }),
    );
    const best = Math.min(...ready);
    done.add(best);
    ids.forEach((id, i) => comp[i] === best && out.push(id));
  }
  return out;
}

describe('compile at scale', () => {
  it('the step order is the topological order of zero-delay edges, cycles condensed, document order otherwise', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let trial = 0; trial < 40; trial++) {
      const ids = Array.from({ length: 3 + rand(9) }, (_, i) => `n${i}`);
      const edges: Array<[string, string]> = [];
      for (let k = rand(2 * ids.length); k > 0; k--)
        edges.push([ids[rand(ids.length)]!, ids[rand(ids.length)]!]);
      const compiled = compileNetwork(rateDoc(ids, edges));
      if (!compiled.ok) throw new Error(compiled.issues[0]!.message);
      expect(compiled.plan.order.map((n) => n.id)).toEqual(referenceOrder(ids, edges));
    }
  });

  it('100,000 separate nodes validate and compile', () => {
    const doc = chainDocument(100_000);
    const validated = validateDocument(doc);
    expect(validated.ok).toBe(true);
    const created = createSimulation(doc);
    if (!created.ok) throw new Error(created.issues[0]!.message);
    expect(created.simulation.plan.order.length).toBe(100_001);
    expect(created.simulation.plan.order[0]!.id).toBe('in');
    expect(created.simulation.plan.order.at(-1)!.id).toBe('n99999');
  });
});
