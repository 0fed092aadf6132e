/**
 * The run summary's zero-delay cycle note, kept to the circuit on screen. The host reports the
 * cycles of the run it started (engine/exactCycles.ts); the note must not outlive them: a cycle
 * whose node was deleted, or whose no-delay synapses no longer close the loop, is no longer said,
 * and nodes are named by their labels now (a rename after the run shows the new name).
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { describeCycles, type CycleInfo } from '../../../shared/sim/engine/exactCycles';
import { nodeName } from '../ui/nodeColors';

/**
 * Whether the document still holds this cycle: all its nodes, and no-delay synapses among them
 * through which each reaches every other (one node: a no-delay synapse onto itself).
 */
export function cycleInDocument(cycle: CycleInfo, doc: NetworkDocument): boolean {
  const members = new Set(cycle.nodes);
  if (members.size === 0 || cycle.nodes.some((id) => !doc.nodes.some((n) => n.id === id)))
    return false;
  const next = new Map<string, string[]>();
  const back = new Map<string, string[]>();
  for (const e of doc.edges) {
    if ((e.delay ?? 0) !== 0 || !members.has(e.source) || !members.has(e.target)) continue;
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    back.set(e.target, [...(back.get(e.target) ?? []), e.source]);
  }
  // Strongly connected: from the first node every member is reached, forwards and backwards.
  const first = cycle.nodes[0]!;
  const reached = (edges: Map<string, string[]>): boolean => {
    const seen = new Set<string>();
    const todo = [...(edges.get(first) ?? [])];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...(edges.get(id) ?? []));
    }
    return seen.size === members.size;
  };
  return reached(next) && reached(back);
}

/** The note for the cycles of the last run that the document still holds, or null. */
export function cyclesNote(cycles: readonly CycleInfo[], doc: NetworkDocument): string | null {
  return describeCycles(
    cycles.filter((c) => cycleInDocument(c, doc)),
    (id) => nodeName(doc, id),
  );
}
