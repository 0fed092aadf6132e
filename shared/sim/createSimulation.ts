/**
 * Slice engine (issue 2): LIF neurons and populations with scalar params, driven by constant
 * inputs through synapse-less edges and by their bias, recorded by `v` probes.
 *
 * Between events the input J is constant, so the sub-threshold dynamics tau dv/dt = J - v are
 * integrated exactly over any interval u:  v(u) = J + (v0 - J) e^{-u/tau}.
 * The threshold crossing is located in closed form, t* = tau ln((v0 - J)/(vTh - J)), reset and the
 * refractory period start at that instant, and integration resumes mid-step when tauRef ends.
 *
 * The full simulator (issue 3) replaces this file with compile -> plan -> kernels.
 */
import type { NetworkDocument } from '../document/model';
import type { Issue, Simulation, SimulationFrame, SpikeChunk, TraceChunk } from './types';
import { SimulationError } from './types';

interface LifGroup {
  id: string;
  size: number;
  tauM: number;
  tauRef: number;
  vTh: number;
  vReset: number;
  bias: number;
  v: Float64Array;
  /** Time (s) until which each element is refractory. */
  refractoryUntil: Float64Array;
  /** Constant input from continuous sources, per element. */
  drive: Float64Array;
}

export interface SimulationOptions {
  dt?: number;
  duration?: number;
}

export type CreateSimulationResult =
  { ok: true; simulation: Simulation } | { ok: false; issues: Issue[] };

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

export function createSimulation(
  doc: NetworkDocument,
  options: SimulationOptions = {},
): CreateSimulationResult {
  const issues: Issue[] = [];
  const dt = options.dt ?? doc.simulation.dt;
  const duration = options.duration ?? doc.simulation.duration;
  const totalSteps = Math.round(duration / dt);
  const groups = new Map<string, LifGroup>();
  const constants = new Map<string, number>();

  doc.nodes.forEach((node, i) => {
    if (node.kind === 'neuron' || node.kind === 'population') {
      if (node.model !== 'lif') {
        issues.push({
          severity: 'error',
          path: `nodes[${i}].model`,
          message: `model "${node.model}" is not simulated yet`,
          elementId: node.id,
        });
        return;
      }
      const size = node.kind === 'population' ? node.size : 1;
      const p = (node.params ?? {}) as Record<string, unknown>;
      const group: LifGroup = {
        id: node.id,
        size,
        tauM: num(p['tauM'], 0.02),
        tauRef: num(p['tauRef'], 0.002),
        vTh: num(p['vTh'], 1),
        vReset: num(p['vReset'], 0),
        bias: num(p['bias'], 0),
        v: new Float64Array(size).fill(num(p['v0'], 0)),
        refractoryUntil: new Float64Array(size).fill(-Infinity),
        drive: new Float64Array(size),
      };
      groups.set(node.id, group);
    } else if (node.kind === 'input') {
      if (node.signal.type !== 'constant' || typeof node.signal.value !== 'number') {
        issues.push({
          severity: 'error',
          path: `nodes[${i}].signal.type`,
          message: `signal "${node.signal.type}" is not simulated yet`,
          elementId: node.id,
        });
        return;
      }
      constants.set(node.id, node.signal.value);
    } else {
      constants.set(node.id, 1);
    }
  });

  doc.edges.forEach((edge, i) => {
    const target = groups.get(edge.target);
    const value = constants.get(edge.source);
    if (!target || value === undefined || typeof edge.weight !== 'number' || edge.synapse) {
      issues.push({
        severity: 'error',
        path: `edges[${i}]`,
        message: 'only synapse-less scalar edges from constant inputs are simulated yet',
        elementId: edge.id,
      });
      return;
    }
    target.drive.fill(target.drive[0]! + edge.weight * value);
  });

  const probes = (doc.probes ?? []).flatMap((probe, i) => {
    const group = groups.get(probe.target);
    if (!group || probe.variable !== 'v') {
      issues.push({
        severity: 'error',
        path: `probes[${i}]`,
        message: 'only v probes on LIF nodes are recorded yet',
        elementId: probe.id,
      });
      return [];
    }
    const indices = probe.indices ?? Array.from({ length: group.size }, (_, k) => k);
    return [{ id: probe.id, group, every: probe.every ?? 1, indices: Int32Array.from(indices) }];
  });

  if (issues.length > 0) return { ok: false, issues };

  let stepsDone = 0;
  const groupList = [...groups.values()];

  function advanceGroup(g: LifGroup, t0: number, t1: number, spikes: number[]): void {
    const decayFull = Math.exp(-(t1 - t0) / g.tauM);
    for (let i = 0; i < g.size; i++) {
      const J = g.drive[i]! + g.bias;
      let t = t0;
      let v = g.v[i]!;
      // Loop over events inside the step: end of refractoriness, threshold crossings.
      for (;;) {
        const refEnd = g.refractoryUntil[i]!;
        if (refEnd > t) {
          if (refEnd >= t1) {
            v = g.vReset;
            t = t1;
            break;
          }
          t = refEnd;
          v = g.vReset;
        }
        const decay = t === t0 ? decayFull : Math.exp(-(t1 - t) / g.tauM);
        const vEnd = J + (v - J) * decay;
        if (v >= g.vTh || (J > g.vTh && vEnd >= g.vTh)) {
          const tCross = v >= g.vTh ? t : t + g.tauM * Math.log((v - J) / (g.vTh - J));
          spikes.push(i, tCross);
          g.refractoryUntil[i] = tCross + g.tauRef;
          v = g.vReset;
          t = tCross;
          continue;
        }
        v = vEnd;
        t = t1;
        break;
      }
      if (!Number.isFinite(v))
        throw new SimulationError(g.id, t1, 'membrane voltage is not finite');
      g.v[i] = v;
    }
  }

  const simulation: Simulation = {
    dt,
    totalSteps,
    get stepsDone() {
      return stepsDone;
    },
    advance(maxSteps: number): SimulationFrame {
      const stepFrom = stepsDone;
      const stepTo = Math.min(totalSteps, stepFrom + Math.max(0, Math.floor(maxSteps)));
      const spikeLists = groupList.map(() => [] as number[]);
      const sampleSteps = probes.map(() => [] as number[]);
      const sampleValues = probes.map((p) => Array.from(p.indices, () => [] as number[]));
      const record = (k: number): void => {
        probes.forEach((p, pi) => {
          if (k % p.every !== 0) return;
          sampleSteps[pi]!.push(k);
          p.indices.forEach((e, ei) => sampleValues[pi]![ei]!.push(p.group.v[e]!));
        });
      };
      if (stepFrom === 0) record(0);
      for (let k = stepFrom; k < stepTo; k++) {
        const t0 = k * dt;
        const t1 = (k + 1) * dt;
        groupList.forEach((g, gi) => advanceGroup(g, t0, t1, spikeLists[gi]!));
        record(k + 1);
      }
      stepsDone = stepTo;
      const traces: TraceChunk[] = probes.map((p, pi) => {
        const steps = Float64Array.from(sampleSteps[pi]!);
        const values = new Float64Array(steps.length * p.indices.length);
        sampleValues[pi]!.forEach((series, ei) => values.set(series, ei * steps.length));
        return {
          probeId: p.id,
          target: p.group.id,
          variable: 'v',
          indices: p.indices.slice(),
          steps,
          values,
        };
      });
      const spikes: SpikeChunk[] = groupList.map((g, gi) => {
        const flat = spikeLists[gi]!;
        const order = Array.from({ length: flat.length / 2 }, (_, k) => k).sort(
          (a, b) => flat[2 * a + 1]! - flat[2 * b + 1]! || flat[2 * a]! - flat[2 * b]!,
        );
        return {
          nodeId: g.id,
          index: Int32Array.from(order, (k) => flat[2 * k]!),
          time: Float64Array.from(order, (k) => flat[2 * k + 1]!),
        };
      });
      return { stepFrom, stepTo, dt, traces, spikes };
    },
  };
  return { ok: true, simulation };
}
