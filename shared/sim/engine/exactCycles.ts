/**
 * Zero-delay cycles of spiking edges (a winner-take-all, mutual inhibition, an E-I pair, a small
 * recurrent population), and which rule each one runs under (docs/simulator.md#cycles, decision
 * 0002).
 *
 * Exact rule (small components of LIF nodes): the step's spikes inside the component are found as
 * the fixed point of "given the component's in-step spikes, integrate every member exactly with
 * them as events at their instants, and see which spikes come out". The step is integrated, the
 * spikes it produced become events of the members' filters at their exact times, and the step is
 * integrated again from the saved start state, until the spikes repeat (the same spikes, their
 * times within 1e-13 t of the previous pass: a later event moves a root finder's bracket, and with
 * it an earlier crossing's last bits). The dynamics
 * are causal and a spike moves v only after its instant (v is continuous for every filter order),
 * so each pass fixes at least the earliest spike that was still wrong: the passes end after at most
 * one more than the number of spikes of the step, and what they end on is the event-driven
 * solution: the same spikes an exact global-time-order solver finds (tested against one in
 * zeroDelayCycles.test.ts). Steps without a spike in the component take one pass.
 *
 * Ties: spikes at the same instant do not see each other (each moves v only after it), so their
 * order does not matter; a kick that arrives exactly when its target crosses does not prevent that
 * crossing.
 *
 * End-of-step rule (large components, where the passes would cost too much, e.g. CUBA's 4000
 * neurons at 2-3 spikes per step, or a component with a model whose kernel cannot integrate a step
 * again, such as HH): a spike reaches its targets at the end of its step, with the exact filter
 * evolution since its instant.
 */
import type { NeuronPlan, NodePlan } from '../plan';
import type { CycleInfo } from '../types';

export type { CycleInfo };

/**
 * Components of models that can repeat a step (LIF, adaptive LIF) with at most this many elements
 * in all run exactly. A pass re-integrates every element
 * of the component, and a step takes (spikes of the step + 1) passes: for 256 elements at 1 ms
 * that is well under the cost of the probes a student records; CUBA (4000) stays end-of-step.
 */
export const EXACT_CYCLE_MAX_ELEMENTS = 256;

/** How zero-delay cycles are integrated: by size (default), or all one way (tests). */
export type CycleRule = 'auto' | 'exact' | 'end-of-step';

/** A component that runs exactly: its members (contiguous in the step order) and where they start. */
export interface ExactComponent {
  component: number;
  members: NeuronPlan[];
  /** Index in plan.order of the first and last member. */
  first: number;
  last: number;
}

/**
 * Finds every zero-delay cycle of spiking edges and decides its rule. `repeatable` says whether a
 * node's kernel can integrate a step again (models/neuron.ts RepeatableStep: LIF and adaptive LIF).
 */
export function findZeroDelayCycles(
  plan: { readonly order: readonly NodePlan[] },
  repeatable: (node: NeuronPlan) => boolean,
  rule: CycleRule = 'auto',
): { cycles: CycleInfo[]; exact: ExactComponent[] } {
  const groups = new Map<number, { first: number; last: number; nodes: NodePlan[] }>();
  plan.order.forEach((node, index) => {
    const group = groups.get(node.component);
    if (group) {
      group.last = index;
      group.nodes.push(node);
    } else groups.set(node.component, { first: index, last: index, nodes: [node] });
  });
  const cycles: CycleInfo[] = [];
  const exact: ExactComponent[] = [];
  for (const [component, group] of groups) {
    const inside = group.nodes.some((n) =>
      n.out.some((p) => p.spiking && p.delay === 0 && p.target.component === component),
    );
    if (!inside) continue;
    const elements = group.nodes.reduce((sum, n) => sum + n.size, 0);
    const nodes = group.nodes.map((n) => n.id);
    const others = group.nodes.filter((n) => n.kind !== 'neuron' || !repeatable(n));
    let reason: string | undefined;
    if (rule === 'end-of-step') reason = 'the end-of-step rule was asked for';
    else if (others.length > 0)
      reason = `${[...new Set(others.map((n) => (n.kind === 'neuron' ? n.model.shortLabel : n.id)))].join(' and ')} units in the cycle`;
    else if (rule === 'auto' && elements > EXACT_CYCLE_MAX_ELEMENTS)
      reason = `more than ${EXACT_CYCLE_MAX_ELEMENTS} neurons in the cycle`;
    if (reason === undefined) {
      cycles.push({ nodes, elements, rule: 'exact' });
      exact.push({
        component,
        members: group.nodes as NeuronPlan[],
        first: group.first,
        last: group.last,
      });
    } else cycles.push({ nodes, elements, rule: 'end-of-step', reason });
  }
  return { cycles, exact };
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * One line for the run summary, in plain words (a student does not know "zero-delay cycle"): who
 * acts on whom without delay and how their spikes were solved. `name` gives a node's name as the
 * canvas shows it (its label; the id by default).
 */
export function describeCycles(
  cycles: readonly CycleInfo[],
  name: (id: string) => string = (id) => id,
): string | null {
  if (cycles.length === 0) return null;
  const who = (c: CycleInfo): string =>
    c.nodes.length === 1
      ? `${name(c.nodes[0]!)} acts on itself with no delay`
      : `${listOf(c.nodes.map(name))} act on each other with no delay`;
  return cycles
    .map((c) =>
      c.rule === 'exact'
        ? `${who(c)}: in each step ${c.nodes.length === 1 ? "its neurons'" : 'their'} spikes are solved together, each acting at its exact instant (solved exactly)`
        : `${who(c)}: a spike acts on the others from the end of its step (${c.reason}), so the result depends a little on the time step`,
    )
    .join('; ');
}
