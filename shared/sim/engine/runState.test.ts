/**
 * The plan is read-only once compiled: a run (and its live edits) writes only the engine's run
 * state (runState.ts), so one plan gives two identical runs and still holds what the run started
 * from.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../createSimulation';
import type { CompiledPlan } from '../plan';
import { network } from '../test-support/testNetworks';
import { Engine } from './engine';

/** Every number the plan holds in its nodes and projections, as plain arrays. */
function snapshot(plan: CompiledPlan): unknown {
  const arrays = (obj: object): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      if (ArrayBuffer.isView(value)) out[key] = Array.from(value as Float64Array);
      else if (typeof value === 'number') out[key] = value;
    }
    return out;
  };
  return {
    nodes: plan.nodes.map((n) => ({
      ...arrays(n),
      params:
        'params' in n
          ? Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, Array.from(v)]))
          : null,
      fields:
        'fields' in n
          ? Object.fromEntries(Object.entries(n.fields).map(([k, v]) => [k, Array.from(v)]))
          : null,
      stages: 'stages' in n ? n.stages.map((s) => Array.from(s)) : null,
      banks:
        'banks' in n
          ? n.banks.map((b) => ({ tauS: b.tauS, drive: b.drive && Array.from(b.drive) }))
          : null,
      spikes: n.spikes?.count ?? null,
    })),
    projections: plan.projections.map((p) => arrays(p)),
  };
}

const doc = network({
  dt: 1e-4,
  duration: 0.2,
  nodes: [
    { id: 'in', kind: 'input', signal: { type: 'noise', mean: 1.5, std: 0.5, tau: 0.01 } },
    { id: 'poi', kind: 'input', size: 3, signal: { type: 'poisson', rate: 200 } },
    { id: 'L', kind: 'population', size: 4, model: 'lif' },
    { id: 'A', kind: 'neuron', model: 'alif' },
    { id: 'H', kind: 'neuron', model: 'hh' },
    { id: 'R', kind: 'neuron', model: 'rate', params: { tau: 0.01 } },
  ],
  edges: [
    { id: 'inL', source: 'in', target: 'L', weight: 1, synapse: { tauS: 0.005 } },
    { id: 'poiA', source: 'poi', target: 'A', weight: 2, synapse: { tauS: 0.005 } },
    { id: 'LH', source: 'L', target: 'H', weight: 20, synapse: { tauS: 0.002 } },
    { id: 'LR', source: 'L', target: 'R', weight: 0.5, synapse: { tauS: 0.01 } },
    { id: 'RL', source: 'R', target: 'L', weight: 0.3, delay: 0.001 },
  ],
  probes: [{ id: 'v', target: 'L', variable: 'v' }],
});

describe('run state', () => {
  it('a run with live edits leaves the plan as compiled; the same plan runs again identically', () => {
    const created = createSimulation(doc);
    if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
    const sim = created.simulation;
    const before = JSON.stringify(snapshot(sim.plan));
    sim.advance(700);
    expect(sim.applyEdit({ elementId: 'L', path: 'params.tauM', value: 0.01 })).toBeNull();
    expect(sim.applyEdit({ elementId: 'inL', path: 'weight', value: 1.2 })).toBeNull();
    const first = sim.advance(1e9);
    expect(first.spikes.every((chunk) => chunk.time.length > 0)).toBe(true);
    expect(JSON.stringify(snapshot(sim.plan))).toBe(before);

    const again = new Engine(sim.plan);
    again.advance(700);
    again.applyEdit({ elementId: 'L', path: 'params.tauM', value: 0.01 });
    again.applyEdit({ elementId: 'inL', path: 'weight', value: 1.2 });
    const second = again.advance(1e9);
    expect(second.spikes).toEqual(first.spikes);
    expect(second.traces).toEqual(first.traces);
  });
});
