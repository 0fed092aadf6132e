/**
 * PyNN export (backend-agnostic: `--backend neuron|nest|brian2`) for what PyNN's standard models
 * express: LIF neurons with order-0 (IF_curr_exp) or order-1 (IF_curr_alpha) current synapses, at
 * most one excitatory and one inhibitory time constant per cell, spike sources, and unfiltered
 * continuous inputs as currents. Everything else is refused, one line per element with the reason.
 * The script runs under `mpirun -np N` unchanged and writes our result JSON from rank 0.
 *
 * Units (docs/interop.md): V = V_REST + S v with S = 20 mV per unit of our dimensionless v, and
 * cm = 1 nF, so tau_m dV/dt = (V_REST - V) + (tau_m / cm) I gives I = cm S J / tau_m (nA, with
 * tau_m in ms). A spike of weight w (J s) through an order-0 filter adds w / tau_s to J, decaying
 * with tau_s: PyNN weight W = cm S (w / tau_s) / tau_m. Through an order-1 filter J(t) =
 * (w / tau_s) (t / tau_s) e^{-t / tau_s}, while PyNN's alpha current is W (t / tau) e^{1 - t / tau}
 * (peak W at t = tau): W = cm S (w / tau_s) / (e tau_m).
 */
import type { NetworkDocument } from '../../document/model';
import {
  SIG_BIAS,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_SINE,
  SIG_SPIKES,
  type CompiledPlan,
  type InputPlan,
  type Projection,
  type TargetPlan,
} from '../../sim/plan';
import { valueAt } from '../../sim/engine/signals';
import type { LifPlan } from '../../models/lif/plan';
import { encodeNpy } from '../npy';
import {
  compileForExport,
  connectionsOf,
  drawInputs,
  edgePath,
  isSpikeSource,
  nodePath,
  type ExportFile,
  type ExportResult,
  type InputsMode,
  type MappingLine,
  compileFailure,
} from '../network';
import { pyList, pyNum, pyStr } from '../pyLiteral';

/** The unit mapping, derived once (docs/interop.md) and tested. */
export const PYNN_UNITS = {
  /** mV of v = 0. */
  vRest: -70,
  /** mV per unit of our dimensionless v. */
  scale: 20,
  /** nF. */
  cm: 1,
} as const;

/** PyNN weight (nA) of a spike of weight w (J s) through an order-n filter (n = 0, 1). */
export function pynnWeight(w: number, tauS: number, tauMSeconds: number, order: number): number {
  const { cm, scale } = PYNN_UNITS;
  const kick = w / tauS; // J
  const current = (cm * scale * kick) / (tauMSeconds * 1000); // nA
  return order === 1 ? current / Math.E : current;
}

/** Current (nA) that adds `j` (units of J) to the input of a LIF with tau_m (s). */
export function pynnCurrent(j: number, tauMSeconds: number): number {
  return (PYNN_UNITS.cm * PYNN_UNITS.scale * j) / (tauMSeconds * 1000);
}

/** Membrane potential (mV) of our v. */
export function pynnVoltage(v: number): number {
  return PYNN_UNITS.vRest + PYNN_UNITS.scale * v;
}

/** Per-model mapping: why a model cannot be exported (null: it can). */
export const PYNN_MODELS: Record<string, { refuse(n: TargetPlan): string | null }> = {
  lif: { refuse: () => null },
  hh: {
    refuse: () =>
      'HH with current synapses has no PyNN standard model (HH_cond_exp is conductance-based)',
  },
  rate: { refuse: () => 'rate units have no PyNN standard model (PyNN simulates spiking neurons)' },
};

interface TargetInfo {
  cell: 'IF_curr_exp' | 'IF_curr_alpha';
  tauE: number | null;
  tauI: number | null;
}

function targetInfo(n: TargetPlan, plan: CompiledPlan, problems: MappingLine[]): TargetInfo | null {
  const incoming = plan.projections.filter((p) => p.target === n && p.spiking);
  const orders = new Set(incoming.map((p) => p.order));
  let ok = true;
  for (const p of incoming) {
    if (p.order >= 2) {
      problems.push({
        kind: 'edge',
        id: p.id,
        path: edgePath(p),
        ok: false,
        text: `a PSC filter of order n = ${p.order}: PyNN's current synapses are order 0 (exponential) and 1 (alpha) only`,
      });
      ok = false;
    }
  }
  if (orders.size > 1 && ok) {
    for (const p of incoming.filter((q) => q.order !== incoming[0]!.order))
      problems.push({
        kind: 'edge',
        id: p.id,
        path: edgePath(p),
        ok: false,
        text: `mixes PSC orders into ${n.id}: a PyNN cell has one synapse shape (order 0 or 1), not both`,
      });
    ok = false;
  }
  // one time constant for positive weights (excitatory), one for negative (inhibitory)
  const pos = new Map<number, string>();
  const neg = new Map<number, string>();
  for (const p of incoming) {
    const c = connectionsOf(p);
    let hasPos = false;
    let hasNeg = false;
    if (c.w) {
      for (const x of c.w) {
        if (x > 0) hasPos = true;
        if (x < 0) hasNeg = true;
      }
    } else {
      hasPos = c.weight > 0;
      hasNeg = c.weight < 0;
    }
    if (hasPos && !pos.has(p.tauS)) pos.set(p.tauS, p.id);
    if (hasNeg && !neg.has(p.tauS)) neg.set(p.tauS, p.id);
  }
  for (const [label, map] of [
    ['excitatory (positive)', pos],
    ['inhibitory (negative)', neg],
  ] as const) {
    if (map.size > 1) {
      const [, second] = [...map.entries()][1]!;
      const p = incoming.find((q) => q.id === second)!;
      problems.push({
        kind: 'edge',
        id: p.id,
        path: edgePath(p),
        ok: false,
        text: `a second ${label} synaptic time constant into ${n.id}: PyNN allows one excitatory and one inhibitory tau_syn per cell`,
      });
      ok = false;
    }
  }
  if (!ok) return null;
  const order = incoming[0]?.order ?? 0;
  return {
    cell: order === 1 ? 'IF_curr_alpha' : 'IF_curr_exp',
    tauE: [...pos.keys()][0] ?? null,
    tauI: [...neg.keys()][0] ?? null,
  };
}

export function pynnMapping(
  plan: CompiledPlan,
  inputs: InputsMode,
): { lines: MappingLine[]; info: Map<TargetPlan, TargetInfo> } {
  const lines: MappingLine[] = [];
  const info = new Map<TargetPlan, TargetInfo>();
  for (const n of plan.nodes) {
    const base = { kind: 'node' as const, id: n.id, path: nodePath(n) };
    if (n.kind === 'input') {
      let text: string;
      switch (n.signal) {
        case SIG_SPIKES:
          text = 'SpikeSourceArray with the listed times';
          break;
        case SIG_POISSON:
          text =
            inputs === 'native'
              ? 'SpikeSourcePoisson (the backend draws its own spikes)'
              : 'SpikeSourceArray with the spike trains our seeded generator draws';
          break;
        case SIG_NOISE:
          text =
            'StepCurrentSource of the noise our generator draws (PyNN has no Ornstein-Uhlenbeck source)';
          break;
        case SIG_BIAS:
        case SIG_CONSTANT:
          text = "a constant current: part of the targets' i_offset";
          break;
        default:
          text = 'StepCurrentSource per target element';
      }
      lines.push({ ...base, ok: true, text });
      continue;
    }
    const model = PYNN_MODELS[n.model.id];
    const why = model ? model.refuse(n) : `model "${n.model.id}" has no PyNN mapping`;
    if (why) {
      lines.push({ ...base, ok: false, text: why });
      continue;
    }
    const problems: MappingLine[] = [];
    const t = targetInfo(n, plan, problems);
    if (t) {
      info.set(n, t);
      lines.push({ ...base, ok: true, text: `Population of ${n.size} ${t.cell}` });
    } else {
      lines.push({ ...base, ok: true, text: 'LIF (see its edges)' });
      lines.push(...problems);
    }
  }
  const refusedEdges = new Set(lines.filter((l) => l.kind === 'edge').map((l) => l.id));
  for (const p of plan.projections) {
    if (refusedEdges.has(p.id)) continue;
    const base = { kind: 'edge' as const, id: p.id, path: edgePath(p) };
    if (p.target.kind !== 'neuron' || p.target.model.id !== 'lif') {
      lines.push({ ...base, ok: false, text: `its target ${p.target.id} is not exported` });
      continue;
    }
    if (p.source.kind !== 'input' && (p.source.kind !== 'neuron' || p.source.model.id !== 'lif')) {
      lines.push({ ...base, ok: false, text: `its source ${p.source.id} is not exported` });
      continue;
    }
    if (p.source.kind === 'input' && !isSpikeSource(p.source)) {
      if (p.bank >= 0) {
        lines.push({
          ...base,
          ok: false,
          text: 'a synapse on a continuous input: PyNN current sources are not filtered',
        });
        continue;
      }
      lines.push({ ...base, ok: true, text: 'injected current (nA)' });
      continue;
    }
    const delay =
      p.delay > 0 ? `delay ${p.delay} s` : 'delay one time step (PyNN has no zero delay)';
    lines.push({
      ...base,
      ok: true,
      text: `Projection, ${p.synapses} connections, ${delay}`,
    });
  }
  plan.probes.forEach((probe, k) => {
    const base = { kind: 'probe' as const, id: probe.id, path: `probes[${k}]` };
    if (probe.variable === 'v' && probe.node.kind === 'neuron' && probe.node.model.id === 'lif')
      lines.push({ ...base, ok: true, text: 'records v (mV, converted back)' });
    else
      lines.push({
        ...base,
        ok: true,
        warning: true,
        text: `not recorded: ${probe.variable} of ${probe.node.id} is not a PyNN recordable (v and spikes are)`,
      });
  });
  return { lines, info };
}

export function exportPynn(
  doc: NetworkDocument,
  options: { inputs?: InputsMode; sourceName?: string } = {},
): ExportResult {
  const inputs = options.inputs ?? 'as-drawn';
  const compiled = compileForExport(doc);
  if (!compiled.ok) {
    return compileFailure(compiled.issues);
  }
  const plan = compiled.plan;
  const { lines, info } = pynnMapping(plan, inputs);
  const problems = lines.filter((l) => !l.ok);
  if (problems.length > 0) return { ok: false, problems, lines };
  const files: ExportFile[] = [];
  const script = writeScript(doc, plan, inputs, info, files);
  return {
    ok: true,
    files: [
      { name: 'circuit.py', data: script },
      ...files,
      { name: 'README.md', data: readme(options.sourceName) },
    ],
    lines,
  };
}

const INLINE_MAX = 64;

function writeScript(
  doc: NetworkDocument,
  plan: CompiledPlan,
  inputs: InputsMode,
  info: Map<TargetPlan, TargetInfo>,
  files: ExportFile[],
): string {
  const L: string[] = [];
  const line = (s = ''): void => {
    L.push(s);
  };
  const array = (name: string, values: Float64Array | Int32Array): string => {
    if (values.length <= INLINE_MAX) return `np.array(${pyList(values)})`;
    files.push({ name: `data/${name}.npy`, data: encodeNpy(values) });
    return `load(${pyStr(name)})`;
  };
  const drawn =
    inputs === 'as-drawn' || plan.nodes.some((n) => n.kind === 'input' && n.signal === SIG_NOISE)
      ? drawInputs(doc, plan)
      : { spikes: new Map<string, number[][]>(), noise: new Map<string, number[][]>() };
  const dtMs = plan.dt * 1000;
  let maxDelay = dtMs;
  for (const p of plan.projections) maxDelay = Math.max(maxDelay, p.delay * 1000);

  line('#!/usr/bin/env python3');
  line('# A NeuroSketch circuit exported to PyNN (generated; see README.md next to this file).');
  line('# The texts of the circuit appear below only as escaped string literals.');
  line('import argparse');
  line('import json');
  line('import os');
  line('import sys');
  line('import time');
  line();
  line('import numpy as np');
  line();
  line('HERE = os.path.dirname(os.path.abspath(__file__))');
  line('CIRCUIT = {');
  line(`    'name': ${pyStr(doc.name ?? '')},`);
  line(`    'dt': ${pyNum(plan.dt)},`);
  line(`    'duration': ${pyNum(plan.duration)},`);
  line(`    'seed': ${pyNum(plan.seed)},`);
  line(`    'inputs': ${pyStr(inputs)},`);
  line('}');
  line(`V_REST = ${pyNum(PYNN_UNITS.vRest)}  # mV of v = 0`);
  line(`SCALE = ${pyNum(PYNN_UNITS.scale)}  # mV per unit of v`);
  line();
  line();
  line('def load(name):');
  line("    return np.load(os.path.join(HERE, 'data', name + '.npy'), allow_pickle=False)");
  line();
  line();
  line('def main():');
  line("    parser = argparse.ArgumentParser(description='Run the exported circuit in PyNN.')");
  line(
    "    parser.add_argument('--backend', choices=['neuron', 'nest', 'brian2'], default='neuron')",
  );
  line("    parser.add_argument('--dt', type=float, default=CIRCUIT['dt'], help='time step (s)')");
  line("    parser.add_argument('--out', default='result.json')");
  line(
    "    parser.add_argument('--duration', type=float, default=None, help='run length (s; default: the circuit\\'s)')",
  );
  line('    args = parser.parse_args()');
  line('    if args.duration:');
  line("        CIRCUIT['duration'] = args.duration");
  line('    import warnings');
  line("    warnings.filterwarnings('ignore')");
  line('    import importlib');
  line(
    "    if args.backend == 'neuron' and any(k in os.environ for k in ('OMPI_COMM_WORLD_SIZE', 'PMI_SIZE')):",
  );
  line('        # under mpirun: NEURON initialises MPI itself when mpi4py is absent');
  line('        from neuron import h');
  line('        h.nrnmpi_init()');
  line("    sim = importlib.import_module('pyNN.' + args.backend)");
  line('    dt_ms = args.dt * 1000');
  line("    duration_ms = CIRCUIT['duration'] * 1000");
  line(
    `    sim.setup(timestep=dt_ms, min_delay=dt_ms, max_delay=max(${pyNum(maxDelay)}, dt_ms) + dt_ms, rng_seeds_seed=CIRCUIT['seed'])`,
  );
  line("    if args.backend == 'neuron':");
  line(
    '        # exact spike times across ranks: NEURON compresses them to whole steps by default,',
  );
  line('        # which makes a spike from another rank arrive differently from a local one');
  line('        sim.simulator.state.parallel_context.spike_compress(0, 0)');
  line('    pops = {}');

  // spike sources
  for (const n of plan.nodes) {
    if (n.kind !== 'input' || !isSpikeSource(n)) continue;
    const g = `p${n.nodeIndex}`;
    line(`    # node ${n.nodeIndex}: spike source ${pyStr(n.id).slice(1, -1)}`);
    if (inputs === 'native' && n.signal === SIG_POISSON) {
      line(
        `    ${g} = sim.Population(${n.size}, sim.SpikeSourcePoisson(rate=${array(`n${n.nodeIndex}_rate`, n.fields['rate']!)}, start=0.0, duration=duration_ms))`,
      );
    } else {
      const trains = drawn.spikes.get(n.id) ?? [];
      const elems: number[] = [];
      const times: number[] = [];
      trains.forEach((train, i) => {
        for (const t of train) {
          elems.push(i);
          times.push(t);
        }
      });
      line(`    elements = ${array(`n${n.nodeIndex}_spike_elements`, Int32Array.from(elems))}`);
      line(
        `    times_ms = ${array(`n${n.nodeIndex}_spike_times`, Float64Array.from(times))} * 1000`,
      );
      line(
        `    trains = [sim.Sequence(np.sort(times_ms[elements == i])) for i in range(${n.size})]`,
      );
      line(`    ${g} = sim.Population(${n.size}, sim.SpikeSourceArray(spike_times=trains))`);
    }
    line(`    ${g}.record('spikes')`);
    line(`    pops[${pyStr(n.id)}] = ${g}`);
  }

  // LIF targets
  for (const n of plan.nodes) {
    if (n.kind !== 'neuron' || n.model.id !== 'lif') continue;
    const t = info.get(n)!;
    const g = `p${n.nodeIndex}`;
    const k = n.nodeIndex;
    // constant inputs (bias param, constant inputs, bias nodes) -> i_offset
    const constJ = Float64Array.from(n.bias);
    const steps: Array<{ p: Projection; src: InputPlan }> = [];
    for (const p of plan.projections) {
      if (p.target !== n || p.source.kind !== 'input' || isSpikeSource(p.source)) continue;
      const src = p.source;
      if ((src.signal === SIG_CONSTANT || src.signal === SIG_BIAS) && p.delay === 0) {
        const W = denseRows(p);
        for (let i = 0; i < n.size; i++)
          for (let j = 0; j < src.size; j++)
            constJ[i] += W[i * src.size + j]! * valueAt(src, j, 0, plan.dt);
      } else steps.push({ p, src });
    }
    const lif = n as unknown as LifPlan;
    const iOffset = new Float64Array(n.size);
    for (let i = 0; i < n.size; i++) iOffset[i] = pynnCurrent(constJ[i]!, lif.tauM[i]!);
    const ms = (a: Float64Array): Float64Array => a.map((x) => x * 1000);
    const mv = (a: Float64Array): Float64Array => a.map((x) => pynnVoltage(x));
    line(`    # node ${k}: lif ${pyStr(n.id).slice(1, -1)}`);
    line(`    ${g} = sim.Population(${n.size}, sim.${t.cell}(`);
    line(`        tau_m=${array(`n${k}_tau_m`, ms(lif.tauM))},`);
    line(`        cm=${pyNum(PYNN_UNITS.cm)},`);
    line('        v_rest=V_REST,');
    line(`        v_reset=${array(`n${k}_v_reset`, mv(lif.vReset))},`);
    line(`        v_thresh=${array(`n${k}_v_thresh`, mv(lif.vTh))},`);
    line(`        tau_refrac=${array(`n${k}_tau_refrac`, ms(lif.tauRef))},`);
    line(`        tau_syn_E=${pyNum((t.tauE ?? t.tauI ?? 0.005) * 1000)},`);
    line(`        tau_syn_I=${pyNum((t.tauI ?? t.tauE ?? 0.005) * 1000)},`);
    line(`        i_offset=${array(`n${k}_i_offset`, iOffset)},`);
    line(`    ), initial_values={'v': ${array(`n${k}_v0`, mv(lif.v))}})`);
    line(`    ${g}.record('spikes')`);
    line(`    pops[${pyStr(n.id)}] = ${g}`);
    // time-varying continuous inputs: one StepCurrentSource per target element
    if (steps.length > 0) {
      const N = Math.round(plan.duration / plan.dt);
      const amps = new Float64Array((N + 1) * n.size);
      for (const { p, src } of steps) {
        const W = denseRows(p);
        const noise = drawn.noise.get(src.id);
        for (let s = 0; s <= N; s++) {
          const tt = s * plan.dt - p.delay;
          for (let j = 0; j < src.size; j++) {
            let u: number;
            if (tt < 0) u = 0;
            else if (src.signal === SIG_NOISE)
              u = noise?.[j]?.[Math.min(N, Math.floor(tt / plan.dt + 1e-6))] ?? 0;
            else if (src.signal === SIG_SINE)
              u = valueAt(src, j, Math.floor(tt / plan.dt + 1e-6) * plan.dt, plan.dt);
            else u = valueAt(src, j, tt, plan.dt);
            for (let i = 0; i < n.size; i++) amps[s * n.size + i] += W[i * src.size + j]! * u;
          }
        }
      }
      for (let i = 0; i < n.size; i++) {
        const times: number[] = [];
        const values: number[] = [];
        let prev = NaN;
        for (let s = 0; s <= N; s++) {
          const a = pynnCurrent(amps[s * n.size + i]!, lif.tauM[i]!);
          if (a !== prev) {
            times.push(Math.max(s * dtMs, dtMs));
            values.push(a);
            prev = a;
          }
        }
        line(
          `    sim.StepCurrentSource(times=${array(`n${k}_e${i}_times`, Float64Array.from(times))}, amplitudes=${array(`n${k}_e${i}_amps`, Float64Array.from(values))}).inject_into(${g}[${i}:${i + 1}])`,
        );
      }
    }
  }

  // spiking projections
  for (const p of plan.projections) {
    if (!p.spiking) continue;
    const t = info.get(p.target)!;
    const lif = p.target as unknown as LifPlan;
    const c = connectionsOf(p);
    const M = p.target.size;
    const N = p.source.size;
    const pre: number[] = [];
    const post: number[] = [];
    const w: number[] = [];
    const push = (j: number, i: number, x: number): void => {
      if (x === 0) return;
      pre.push(j);
      post.push(i);
      w.push(pynnWeight(x, p.tauS, lif.tauM[i]!, p.order));
    };
    if (c.kind === 'all')
      for (let j = 0; j < N; j++) for (let i = 0; i < M; i++) push(j, i, c.weight);
    else if (c.kind === 'one-to-one') for (let i = 0; i < M; i++) push(i, i, c.weight);
    else
      for (let q = 0; q < c.pre!.length; q++)
        push(c.pre![q]!, c.post![q]!, c.w ? c.w[q]! : c.weight);
    const e = p.edgeIndex;
    line(`    # edge ${e}: ${pyStr(p.id).slice(1, -1)}`);
    line(`    pre = ${array(`e${e}_pre`, Int32Array.from(pre))}`);
    line(`    post = ${array(`e${e}_post`, Int32Array.from(post))}`);
    line(`    w = ${array(`e${e}_w`, Float64Array.from(w))}`);
    line(`    delay = max(${pyNum(p.delay * 1000)}, dt_ms)`);
    void t;
    line(`    for receptor, sel in (('excitatory', w > 0), ('inhibitory', w < 0)):`);
    line('        if not np.any(sel):');
    line('            continue');
    line(
      '        conns = [(int(a), int(b), float(x), delay) for a, b, x in zip(pre[sel], post[sel], w[sel])]',
    );
    line(
      `        sim.Projection(p${p.source.nodeIndex}, p${p.target.nodeIndex}, sim.FromListConnector(conns, column_names=['weight', 'delay']), sim.StaticSynapse(), receptor_type=receptor)`,
    );
  }

  // probes
  const probeVars: string[] = [];
  for (const probe of plan.probes) {
    if (!(probe.variable === 'v' && probe.node.kind === 'neuron' && probe.node.model.id === 'lif'))
      continue;
    const g = `p${probe.node.nodeIndex}`;
    probeVars.push(
      `(${pyStr(probe.id)}, ${pyStr(probe.node.id)}, ${g}, ${pyList(probe.indices)}, ${pyNum(probe.every)})`,
    );
    line(
      `    ${g}[${pyList(probe.indices)}].record('v', sampling_interval=${pyNum(probe.every)} * dt_ms)`,
    );
  }
  line(`    probes = [${probeVars.join(', ')}]`);
  line('    started = time.time()');
  line('    sim.run(duration_ms)');
  line('    run_seconds = time.time() - started');
  // each rank reads its own cells (gather=False); NEURON's ParallelContext gathers them on
  // rank 0 (PyNN's own gather needs mpi4py, which Debian's NEURON does not need)
  line('    local_spikes = {}');
  line('    for node_id, pop in pops.items():');
  line('        local = {}');
  line("        for st in pop.get_data('spikes', gather=False).segments[0].spiketrains:");
  line(
    "            local[int(st.annotations['source_index'])] = [float(x) / 1000 for x in st.magnitude]",
  );
  line('        local_spikes[node_id] = local');
  line("    steps0 = int(round(CIRCUIT['duration'] / CIRCUIT['dt']))");
  line('    local_traces = {}');
  line('    for probe_id, node_id, pop, indices, every in probes:');
  line("        t_out = np.arange(0, steps0 + 1, every) * CIRCUIT['dt']");
  line('        local = {}');
  line("        signals = pop[indices].get_data('v', gather=False).segments[0].filter(name='v')");
  line('        if signals:');
  line('            signal = signals[0]');
  line("            times = np.asarray(signal.times.rescale('ms').magnitude) / 1000");
  line('            data = (np.asarray(signal.magnitude) - V_REST) / SCALE');
  line("            channels = list(signal.array_annotations.get('channel_index', indices))");
  line('            for c, index in enumerate(channels):');
  line('                local[int(index)] = np.interp(t_out, times, data[:, c]).tolist()');
  line('        local_traces[probe_id] = local');
  line('    if sim.num_processes() > 1:');
  line('        from neuron import h');
  line('        parts = h.ParallelContext().py_gather((local_spikes, local_traces), 0)');
  line('    else:');
  line('        parts = [(local_spikes, local_traces)]');
  line('    spikes = {}');
  line('    traces = {}');
  line('    count = 0');
  line("    limit = CIRCUIT['duration'] - 1e-9 * CIRCUIT['dt']");
  line('    if sim.rank() == 0:');
  line('        for node_id, pop in pops.items():');
  line('            trains = [[] for _ in range(pop.size)]');
  line('            for part_spikes, _ in parts:');
  line('                for i, times in part_spikes[node_id].items():');
  line('                    trains[i] = sorted(t for t in times if t < limit)');
  line('            spikes[node_id] = trains');
  line('            count += sum(len(x) for x in trains)');
  line('        for probe_id, node_id, pop, indices, every in probes:');
  line("            t_out = np.arange(0, steps0 + 1, every) * CIRCUIT['dt']");
  line('            merged = {}');
  line('            for _, part_traces in parts:');
  line('                merged.update(part_traces[probe_id])');
  line("            values = [merged.get(i, [float('nan')] * len(t_out)) for i in indices]");
  line(
    "            traces[probe_id] = {'target': node_id, 'variable': 'v', 'indices': indices, 't': [float(x) for x in t_out], 'values': values}",
  );
  line('    if sim.rank() == 0:');
  line('        result = {');
  line("            'format': 'neurosketch-result',");
  line("            'version': 1,");
  line("            'dt': CIRCUIT['dt'],");
  line("            'duration': CIRCUIT['duration'],");
  line("            'seed': CIRCUIT['seed'],");
  line("            'spikes': spikes,");
  line("            'traces': traces,");
  line(
    "            'stats': {'steps': steps0, 'spikes': count, 'compileSeconds': 0, 'runSeconds': run_seconds, 'wallSeconds': run_seconds},",
  );
  line(
    "            'peer': {'simulator': 'pynn', 'backend': args.backend, 'dt': args.dt, 'ranks': sim.num_processes(), 'inputs': CIRCUIT['inputs']},",
  );
  line('        }');
  line("        tmp = args.out + '.tmp'");
  line("        with open(tmp, 'w') as f:");
  line('            json.dump(result, f)');
  line("            f.write('\\n')");
  line('        os.replace(tmp, args.out)');
  line('    nprocs = sim.num_processes()');
  line('    sim.end()');
  line("    if args.backend == 'neuron' and nprocs > 1:");
  line('        from neuron import h');
  line('        h.ParallelContext().barrier()');
  line('        h.quit()  # finalises MPI on every rank');
  line('    return 0');
  line();
  line();
  line("if __name__ == '__main__':");
  line('    sys.exit(main())');
  return L.join('\n') + '\n';
}

/** W[i][j] (target-major) of a continuous projection. */
function denseRows(p: Projection): Float64Array {
  const M = p.target.size;
  const N = p.source.size;
  const out = new Float64Array(M * N);
  const c = connectionsOf(p);
  if (c.kind === 'all') out.fill(c.weight);
  else if (c.kind === 'one-to-one') for (let i = 0; i < M; i++) out[i * N + i] = c.weight;
  else
    for (let q = 0; q < c.pre!.length; q++)
      out[c.post![q]! * N + c.pre![q]!] += c.w ? c.w[q]! : c.weight;
  return out;
}

function readme(sourceName?: string): string {
  const from = sourceName ? ` (exported from \`${sourceName.replace(/[`\n\r]/g, '_')}\`)` : '';
  return `# A NeuroSketch circuit for PyNN${from}

Generated by NeuroSketch. \`circuit.py\` builds the same network NeuroSketch runs with PyNN's
standard models (IF_curr_exp / IF_curr_alpha), runs it on the backend you choose and writes the
result in NeuroSketch's result JSON format (from MPI rank 0). Large arrays are in \`data/\`.

    python3 circuit.py --backend neuron --out result.json
    python3 circuit.py --backend nest --out result.json      # where NEST is installed
    mpirun -np 4 python3 circuit.py --backend neuron --out result.json

Units: V = -70 mV + 20 mV x v, cm = 1 nF; currents and weights in nA (docs/interop.md in
NeuroSketch). Zero delays become one time step (PyNN's minimum delay).
`;
}
