/**
 * Brian2 export: one runnable script per circuit (`circuit.py`), its data files (`data/*.npy`) and a
 * README. The script builds the network our engine builds (compiled plan: per-element params,
 * drawn initial values and weights; our seeded input spike trains with `inputs: 'as-drawn'`) with
 * the equations written out, runs it, and writes our CLI's result JSON.
 *
 * Mapping (docs/interop.md):
 * - a target node is a NeuronGroup (models.ts per model) with J = bias + s, s = the outputs of its
 *   PSC filter banks (order n as n+1 first-order stages x{b}_0..x{b}_n, a spike adds w/tau_s to
 *   x{b}_0) + continuous inputs;
 * - continuous inputs and bias nodes are evaluated in numpy on the script's grid (held over our
 *   steps where our engine holds them) and enter as TimedArrays, already weighted and delayed;
 * - rate units as sources reach their targets through summed variables (no delay in Brian2);
 * - spike sources are SpikeGeneratorGroups (as-drawn) or PoissonGroups (native).
 * Texts of the circuit reach the script only through pyStr; Python names come from indices.
 */
import type { NetworkDocument } from '../../document/model';
import {
  SIG_BIAS,
  SIG_CONSTANT,
  SIG_NOISE,
  SIG_POISSON,
  SIG_PULSE,
  SIG_SINE,
  SIG_SPIKES,
  SIG_STEP,
  type CompiledPlan,
  type InputPlan,
  type NodePlan,
  type Projection,
  type TargetPlan,
} from '../../sim/plan';
import { encodeNpy } from '../npy';
import {
  compileForExport,
  connectionsOf,
  denseMatrix,
  drawInputs,
  edgePath,
  isSpikeSource,
  nodePath,
  type DrawnInputs,
  type ExportFile,
  type ExportResult,
  type InputsMode,
  type MappingLine,
  compileFailure,
} from '../network';
import { pyList, pyNum, pyStr } from '../pyLiteral';
import { BRIAN2_MODELS, populationActivation } from './models';
import { PY_HEADER } from './pythonRuntime';

export interface Brian2ExportOptions {
  inputs?: InputsMode;
  /** The source file's name, for the README (sanitised by the caller or shown as a literal). */
  sourceName?: string;
}

/** Arrays up to this length are written into the script; longer ones go to data/*.npy. */
const INLINE_MAX = 64;

class Script {
  readonly lines: string[] = [];
  readonly files: ExportFile[] = [];
  line(text = ''): void {
    this.lines.push(text);
  }
  /** A numpy expression for an array: inline literal when short, else a .npy sidecar. */
  array(name: string, values: Float64Array | Int32Array, shape?: number[]): string {
    const dims = shape ?? [values.length];
    if (values.length <= INLINE_MAX) {
      const dtype = values instanceof Int32Array ? 'int' : 'float';
      const flat = `np.array(${pyList(values)}, dtype=${dtype})`;
      return dims.length > 1 ? `${flat}.reshape(${dims.join(', ')})` : flat;
    }
    this.files.push({ name: `data/${name}.npy`, data: encodeNpy(values, dims) });
    return `load(${pyStr(name)})`;
  }
}

/** What each node, edge and probe becomes in Brian2, or why it cannot be exported. */
export function brian2Mapping(plan: CompiledPlan, inputs: InputsMode): MappingLine[] {
  const lines: MappingLine[] = [];
  for (const n of plan.nodes) {
    const base = { kind: 'node' as const, id: n.id, path: nodePath(n) };
    if (n.kind === 'input') {
      lines.push({ ...base, ok: true, text: describeInput(n, inputs) });
      continue;
    }
    const mapping = BRIAN2_MODELS[n.model.id];
    if (!mapping) {
      lines.push({ ...base, ok: false, text: `model "${n.model.id}" has no Brian2 mapping` });
      continue;
    }
    const why = mapping.refuse(n);
    lines.push({ ...base, ok: why === null, text: why ?? mapping.describe(n) });
  }
  for (const p of plan.projections) {
    const base = { kind: 'edge' as const, id: p.id, path: edgePath(p) };
    if (p.source.kind === 'neuron' && !p.source.model.spiking && p.delay > 0) {
      lines.push({
        ...base,
        ok: false,
        text: 'a delay on an edge from a rate unit has no Brian2 mapping (summed variables are instantaneous)',
      });
      continue;
    }
    lines.push({ ...base, ok: true, text: describeEdge(p) });
  }
  for (const [k, probe] of plan.probes.entries()) {
    lines.push({
      kind: 'probe',
      id: probe.id,
      path: `probes[${k}]`,
      ok: true,
      text:
        probe.node.kind === 'input'
          ? `${probe.variable} of input ${probe.node.id}, evaluated in numpy`
          : `StateMonitor of ${probe.variable}`,
    });
  }
  return lines;
}

function describeInput(n: InputPlan, inputs: InputsMode): string {
  switch (n.signal) {
    case SIG_BIAS:
      return 'bias node: the constant 1, folded into its targets\u2019 inputs';
    case SIG_SPIKES:
      return 'SpikeGeneratorGroup with the listed spike times';
    case SIG_POISSON:
      return inputs === 'native'
        ? 'PoissonGroup (Brian2 draws its own spikes)'
        : 'SpikeGeneratorGroup with the spike trains our seeded generator draws';
    case SIG_NOISE:
      return inputs === 'native'
        ? 'Ornstein-Uhlenbeck drawn by numpy (not our draws)'
        : 'TimedArray of the noise our seeded generator draws';
    default:
      return 'TimedArray of the signal, evaluated in numpy';
  }
}

function describeEdge(p: Projection): string {
  const syn = p.bank >= 0 ? `PSC filter tau_s = ${p.tauS} s, n = ${p.order}` : 'unfiltered';
  const delay = p.delay > 0 ? `, delay ${p.delay} s` : '';
  if (p.source.kind === 'input' && !isSpikeSource(p.source))
    return `folded into the target's TimedArray input (${syn}${delay})`;
  if (p.source.kind === 'neuron' && !p.source.model.spiking)
    return `Synapses with a summed variable (${syn})`;
  return `Synapses, ${p.synapses} connections (${syn}${delay})`;
}

export function exportBrian2(
  doc: NetworkDocument,
  options: Brian2ExportOptions = {},
): ExportResult {
  const inputs = options.inputs ?? 'as-drawn';
  const compiled = compileForExport(doc);
  if (!compiled.ok) {
    return compileFailure(compiled.issues);
  }
  const plan = compiled.plan;
  const lines = brian2Mapping(plan, inputs);
  const problems = lines.filter((l) => !l.ok);
  if (problems.length > 0) return { ok: false, problems, lines };
  const drawn: DrawnInputs =
    inputs === 'as-drawn' ? drawInputs(doc, plan) : { spikes: new Map(), noise: new Map() };
  const script = new Script();
  writeScript(script, doc, plan, inputs, drawn);
  const files: ExportFile[] = [
    { name: 'circuit.py', data: script.lines.join('\n') + '\n' },
    ...script.files,
    { name: 'README.md', data: readme(doc, inputs, options.sourceName) },
  ];
  return { ok: true, files, lines };
}

function py(n: NodePlan): string {
  return `g${n.nodeIndex}`;
}

function writeScript(
  s: Script,
  doc: NetworkDocument,
  plan: CompiledPlan,
  inputs: InputsMode,
  drawn: DrawnInputs,
): void {
  s.line('#!/usr/bin/env python3');
  s.line(
    '# A NeuroSketch circuit exported to Brian2 (generated; see README.md next to this file).',
  );
  s.line('# The texts of the circuit appear below only as escaped string literals.');
  s.line(PY_HEADER);
  s.line('CIRCUIT = {');
  s.line(`    'name': ${pyStr(doc.name ?? '')},`);
  s.line(`    'dt': ${pyNum(plan.dt)},`);
  s.line(`    'duration': ${pyNum(plan.duration)},`);
  s.line(`    'seed': ${pyNum(plan.seed)},`);
  s.line(`    'inputs': ${pyStr(inputs)},`);
  s.line('}');
  s.line();
  s.line();
  s.line('def main():');
  s.line('    args = parse_args(CIRCUIT)');
  s.line('    if args.duration:');
  s.line("        CIRCUIT['duration'] = args.duration");
  s.line('    import warnings');
  s.line("    warnings.filterwarnings('ignore')");
  s.line('    import brian2 as b2');
  s.line('    from brian2 import ms, second');
  s.line("    np.seterr(all='ignore')");
  s.line("    if args.device == 'cpp':");
  s.line("        build_dir = args.build_dir or os.path.join(HERE, 'build')");
  s.line("        b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)");
  s.line("        b2.prefs.devices.cpp_standalone.extra_make_args_unix = ['-j2']");
  s.line('        if args.threads > 0:');
  s.line('            b2.prefs.devices.cpp_standalone.openmp_threads = args.threads');
  s.line('    else:');
  s.line("        b2.prefs.codegen.target = 'numpy'");
  s.line("    dt0 = CIRCUIT['dt']");
  s.line('    dt = args.dt');
  s.line("    duration = CIRCUIT['duration']");
  s.line('    b2.defaultclock.dt = dt * second');
  s.line('    steps = int(round(duration / dt))');
  s.line('    steps0 = int(round(duration / dt0))');
  s.line('    # one more step than the run, so the monitors also sample t = duration');
  s.line('    grid = np.arange(steps + 2) * dt');
  s.line("    rng = np.random.default_rng(CIRCUIT['seed'])");
  s.line('    objects = []');
  s.line('    inputs = {}');
  s.line();

  // ---- continuous inputs: u(t) functions
  for (const n of plan.nodes) {
    if (n.kind !== 'input' || isSpikeSource(n)) continue;
    s.line(`    # node ${n.nodeIndex}: input ${pyStr(n.id).slice(1, -1)}`);
    s.line(`    def u${n.nodeIndex}(t):`);
    s.line(`        return ${inputExpression(s, n, inputs, drawn)}`);
    s.line(`    inputs[${pyStr(n.id)}] = u${n.nodeIndex}`);
  }

  // ---- spike sources
  for (const n of plan.nodes) {
    if (n.kind !== 'input' || !isSpikeSource(n)) continue;
    const g = py(n);
    s.line(`    # node ${n.nodeIndex}: spike source ${pyStr(n.id).slice(1, -1)}`);
    if (inputs === 'native' && n.signal === SIG_POISSON) {
      s.line(
        `    ${g} = [b2.PoissonGroup(${n.size}, rates=${s.array(`n${n.nodeIndex}_rate`, n.fields['rate']!)} * b2.Hz, name='${g}')]`,
      );
      s.line(`    ${g}_mon = b2.SpikeMonitor(${g}[0])`);
      s.line(`    objects += ${g} + [${g}_mon]`);
      continue;
    }
    const trains = drawn.spikes.get(n.id) ?? Array.from({ length: n.size }, (): number[] => []);
    let count = 0;
    for (const t of trains) count += t.length;
    const elems = new Int32Array(count);
    const times = new Float64Array(count);
    let c = 0;
    trains.forEach((train, i) => {
      for (const t of train) {
        elems[c] = i;
        times[c++] = t;
      }
    });
    s.line(`    ${g}_elements = ${s.array(`n${n.nodeIndex}_spike_elements`, elems)}`);
    s.line(`    ${g}_times = ${s.array(`n${n.nodeIndex}_spike_times`, times)}`);
    s.line(
      `    ${g} = [b2.SpikeGeneratorGroup(${n.size}, i, t * second, name='${g}_%d' % k) for k, (i, t) in enumerate(spike_layers(${g}_elements, ${g}_times, dt, duration))]`,
    );
    s.line(`    objects += ${g}`);
  }

  // ---- targets
  for (const n of plan.order) {
    if (n.kind === 'input') continue;
    writeTarget(s, n, plan);
  }

  // ---- synapses from spiking and rate sources
  for (const p of plan.projections) {
    if (p.source.kind === 'input' && !isSpikeSource(p.source)) continue;
    writeSynapses(s, p);
  }

  // ---- monitors
  s.line('    monitors = {}');
  s.line('    spike_monitors = {}');
  for (const n of plan.nodes) {
    if (n.kind === 'neuron' && BRIAN2_MODELS[n.model.id]?.spiking === true) {
      s.line(`    spike_monitors[${pyStr(n.id)}] = (b2.SpikeMonitor(${py(n)}), ${n.size})`);
      s.line(`    objects.append(spike_monitors[${pyStr(n.id)}][0])`);
    }
  }
  plan.probes.forEach((probe, k) => {
    if (probe.node.kind === 'input') return;
    const variable = BRIAN2_MODELS[probe.node.model.id]!.variables[probe.variable];
    if (!variable) return;
    // after the summed variables of its group (inputs at t), before its state update (state at t)
    s.line(
      `    monitors[${pyStr(probe.id)}] = b2.StateMonitor(${py(probe.node)}, ${pyStr(variable)}, record=${pyList(probe.indices)}, dt=${pyNum(probe.every)} * dt0 * second, when='groups', order=${py(probe.node)}.order - 1, name='probe${k}')`,
    );
    s.line(`    objects.append(monitors[${pyStr(probe.id)}])`);
  });
  s.line();
  s.line('    net = b2.Network(objects)');
  s.line('    started = time.time()');
  s.line('    net.run((steps + 1) * dt * second)');
  s.line("    if args.device == 'cpp':");
  s.line('        if args.build_only:');
  s.line('            b2.device.build(directory=build_dir, run=False)');
  s.line('            return 0');
  s.line('        b2.device.build(directory=build_dir, run=True)');
  s.line('    run_seconds = time.time() - started');
  s.line();

  // ---- result
  s.line('    limit = duration - 1e-9 * dt0');
  s.line('    spikes = {}');
  s.line('    count = 0');
  for (const n of plan.spiking) {
    const key = pyStr(n.id);
    if (n.kind === 'input') {
      if (inputs === 'native' && n.signal === SIG_POISSON) {
        s.line(`    mon = ${py(n)}_mon`);
        s.line(`    trains = [[] for _ in range(${n.size})]`);
        s.line(
          '    for i, t in zip(np.asarray(mon.i[:]).tolist(), np.asarray(mon.t[:] / second).tolist()):',
        );
        s.line('        if t < limit:');
        s.line('            trains[i].append(t)');
        s.line(`    spikes[${key}] = trains`);
      } else {
        s.line(`    trains = [[] for _ in range(${n.size})]`);
        s.line(`    for i, t in zip(${py(n)}_elements.tolist(), ${py(n)}_times.tolist()):`);
        s.line('        if t < limit:');
        s.line('            trains[i].append(t)');
        s.line(`    spikes[${key}] = [sorted(x) for x in trains]`);
      }
    } else {
      s.line(`    mon, size = spike_monitors[${key}]`);
      s.line('    trains = [[] for _ in range(size)]');
      s.line(
        '    for i, t in zip(np.asarray(mon.i[:]).tolist(), np.asarray(mon.t[:] / second).tolist()):',
      );
      s.line('        if t < limit:');
      s.line('            trains[i].append(t)');
      s.line(`    spikes[${key}] = trains`);
    }
    s.line(`    count += sum(len(x) for x in spikes[${key}])`);
  }
  s.line('    traces = {}');
  s.line('    bad = []');
  for (const probe of plan.probes) {
    const key = pyStr(probe.id);
    s.line(`    samples = np.arange(0, steps0 + 1, ${pyNum(probe.every)})`);
    s.line('    t_out = samples * dt0');
    if (probe.node.kind === 'input') {
      const n = probe.node;
      if (isSpikeSource(n)) {
        s.line(`    values = np.zeros((len(t_out), ${n.size}))[:, ${pyList(probe.indices)}].T`);
      } else {
        s.line(`    values = u${n.nodeIndex}(t_out)[:, ${pyList(probe.indices)}].T`);
      }
    } else {
      const variable = BRIAN2_MODELS[probe.node.model.id]!.variables[probe.variable]!;
      s.line(`    mon = monitors[${key}]`);
      s.line(`    values = np.asarray(getattr(mon, ${pyStr(variable)}))[:, :len(t_out)]`);
      s.line('    if values.shape[1] < len(t_out):');
      s.line(
        '        values = np.pad(values, ((0, 0), (0, len(t_out) - values.shape[1])), constant_values=np.nan)',
      );
      s.line('    if not np.all(np.isfinite(values)):');
      s.line('        k = int(np.argmax(~np.all(np.isfinite(values), axis=0)))');
      s.line(`        bad.append((t_out[k], ${pyStr(probe.node.id)}))`);
    }
    s.line(
      `    traces[${key}] = {'target': ${pyStr(probe.node.id)}, 'variable': ${pyStr(probe.variable)}, 'indices': ${pyList(probe.indices)}, 't': [float(x) for x in t_out], 'values': values.tolist()}`,
    );
  }
  for (const n of plan.nodes) {
    if (n.kind === 'input') continue;
    const state = BRIAN2_MODELS[n.model.id]!.initial(n).map((v) => v.name);
    if (state.length === 0) continue;
    s.line(
      `    if not all(np.all(np.isfinite(np.asarray(getattr(${py(n)}, v)[:]))) for v in [${state.map((v) => pyStr(v)).join(', ')}]):`,
    );
    s.line(`        bad.append((duration, ${pyStr(n.id)}))`);
  }
  s.line('    if bad:');
  s.line('        t_bad, node = min(bad)');
  s.line(
    "        sys.stderr.write('error: node %s at t=%.4f s: a non-finite state in Brian2\\n' % (node, t_bad))",
  );
  s.line('        return 1');
  s.line('    result = {');
  s.line("        'format': 'neurosketch-result',");
  s.line("        'version': 1,");
  s.line("        'dt': dt0,");
  s.line("        'duration': duration,");
  s.line("        'seed': CIRCUIT['seed'],");
  s.line("        'spikes': spikes,");
  s.line("        'traces': traces,");
  s.line(
    "        'stats': {'steps': steps0, 'spikes': count, 'compileSeconds': 0, 'runSeconds': run_seconds, 'wallSeconds': run_seconds},",
  );
  s.line(
    "        'peer': {'simulator': 'brian2', 'version': b2.__version__, 'dt': dt, 'device': args.device, 'inputs': CIRCUIT['inputs']},",
  );
  s.line('    }');
  s.line('    write_result(args.out, result)');
  s.line('    return 0');
  s.line();
  s.line();
  s.line("if __name__ == '__main__':");
  s.line('    sys.exit(main())');
}

/** numpy expression of u(t) (rows: times, columns: elements) of a continuous input. */
function inputExpression(s: Script, n: InputPlan, inputs: InputsMode, drawn: DrawnInputs): string {
  const k = n.nodeIndex;
  const f = (name: string): string => s.array(`n${k}_${name}`, n.fields[name]!);
  switch (n.signal) {
    case SIG_BIAS:
      return `sig_bias(t, ${n.size})`;
    case SIG_CONSTANT:
      return `sig_constant(t, ${f('value')})`;
    case SIG_STEP:
      return `sig_step(t, ${s.array(`n${k}_times`, n.stepTimes)}, ${s.array(`n${k}_values`, n.stepValues, [n.stepTimes.length, n.size])})`;
    case SIG_PULSE:
      return `sig_pulse(t, ${f('start')}, ${f('width')}, ${f('amplitude')}, ${f('period')})`;
    case SIG_SINE:
      return `sig_sine(t, dt0, ${f('amplitude')}, ${f('frequency')}, ${f('phase')}, ${f('offset')})`;
    case SIG_NOISE: {
      if (inputs === 'native') {
        s.line(
          `    noise${k} = ou_samples(steps0, dt0, ${f('mean')}, ${f('std')}, ${f('tau')}, ${n.size}, rng)`,
        );
        return `sig_samples(t, dt0, noise${k})`;
      }
      const rows = drawn.noise.get(n.id)!;
      const steps = rows[0]?.length ?? 0;
      const data = new Float64Array(steps * n.size);
      for (let i = 0; i < n.size; i++) {
        const row = rows[i]!;
        for (let j = 0; j < steps; j++) data[j * n.size + i] = row[j]!;
      }
      return `sig_samples(t, dt0, ${s.array(`n${k}_noise`, data, [steps, n.size])})`;
    }
    default:
      return `np.zeros((len(t), ${n.size}))`;
  }
}

function writeTarget(s: Script, n: TargetPlan, plan: CompiledPlan): void {
  const mapping = BRIAN2_MODELS[n.model.id]!;
  const g = py(n);
  const k = n.nodeIndex;
  s.line(`    # node ${k}: ${n.kind} ${pyStr(n.id).slice(1, -1)}`);
  const incoming = plan.projections.filter((p) => p.target === n);
  const eqs: string[] = [...mapping.equations(n), 'J = bias + s : 1'];
  const sTerms: string[] = [];
  const namespace: string[] = [];
  // filter banks
  n.banks.forEach((bank, b) => {
    const tau = `(${pyNum(bank.tauS)}*second)`;
    const driveTerms: string[] = [];
    const fromInputs = incoming.filter(
      (p) => p.bank === b && p.source.kind === 'input' && !isSpikeSource(p.source),
    );
    if (fromInputs.length > 0) {
      s.line(`    ta_${k}_d${b} = b2.TimedArray(${driveSum(s, fromInputs)}, dt=dt * second)`);
      namespace.push(`ta_${k}_d${b}`);
      driveTerms.push(`ta_${k}_d${b}(t, i)`);
    }
    for (const p of incoming) {
      if (p.bank === b && p.source.kind === 'neuron' && !p.source.model.spiking) {
        driveTerms.push(`Dc${p.edgeIndex}`);
        eqs.push(`Dc${p.edgeIndex} : 1`);
      }
    }
    if (driveTerms.length > 0) {
      eqs.push(`d${b} = ${driveTerms.join(' + ')} : 1`);
      eqs.push(`dx${b}_0/dt = (d${b} - x${b}_0)/${tau} : 1`);
    } else {
      eqs.push(`dx${b}_0/dt = -x${b}_0/${tau} : 1`);
    }
    for (let m = 1; m <= bank.order; m++) {
      eqs.push(`dx${b}_${m}/dt = (x${b}_${m - 1} - x${b}_${m})/${tau} : 1`);
    }
    sTerms.push(`x${b}_${bank.order}`);
  });
  const direct = incoming.filter(
    (p) => p.bank < 0 && p.source.kind === 'input' && !isSpikeSource(p.source),
  );
  if (direct.length > 0) {
    s.line(`    ta_${k}_dir = b2.TimedArray(${driveSum(s, direct)}, dt=dt * second)`);
    namespace.push(`ta_${k}_dir`);
    sTerms.push(`ta_${k}_dir(t, i)`);
  }
  for (const p of incoming) {
    if (p.bank < 0 && p.source.kind === 'neuron' && !p.source.model.spiking) {
      sTerms.push(`Jc${p.edgeIndex}`);
      eqs.push(`Jc${p.edgeIndex} : 1`);
    }
  }
  eqs.push(`s = ${sTerms.length ? sTerms.join(' + ') : '0'} : 1`);
  eqs.push('bias : 1 (constant)');
  const params = mapping.params(n);
  for (const p of params) eqs.push(`${p.name} : ${p.unit} (constant)`);
  const pop = populationActivation(n);
  if (pop === 'softmax') eqs.push('esum : 1');
  if (pop === 'onehot') eqs.push('nbigger : 1');
  s.line(`    eqs${k} = '''`);
  for (const e of eqs) s.line(e);
  s.line(`'''`);
  const opts: string[] = [`${n.size}`, `eqs${k}`];
  if (mapping.threshold) opts.push(`threshold=${pyStr(mapping.threshold)}`);
  if (mapping.reset) {
    const reset = typeof mapping.reset === 'function' ? mapping.reset(n) : mapping.reset;
    opts.push(`reset=${pyStr(reset)}`);
  }
  if (mapping.refractory) opts.push(`refractory=${pyStr(mapping.refractory)}`);
  opts.push(`method=${mapping.method}`);
  opts.push(`order=${10 * (n.rank + 1)}`);
  opts.push(`name='${g}'`);
  opts.push(`namespace={${namespace.map((x) => `'${x}': ${x}`).join(', ')}}`);
  s.line(`    ${g} = b2.NeuronGroup(${opts.join(', ')})`);
  s.line(`    ${g}.bias = ${s.array(`n${k}_bias`, n.bias)}`);
  for (const p of params) {
    const unit = p.unit === 'second' ? ' * second' : '';
    s.line(`    ${g}.${p.name} = ${s.array(`n${k}_${p.name}`, p.values)}${unit}`);
  }
  const init = mapping.initial(n);
  const first = new Map<string, string>();
  for (const v of init) {
    if (v.python) {
      const expr = v.python.replace(/\{(\w+)\}/g, (_m, name: string) => first.get(name) ?? 'None');
      s.line(`    ${g}.${v.name} = ${expr}`);
    } else {
      const arr = s.array(`n${k}_${v.name}0`, v.values);
      s.line(`    ${g}_${v.name}0 = ${arr}`);
      s.line(`    ${g}.${v.name} = ${g}_${v.name}0`);
      first.set(v.name, `${g}_${v.name}0`);
    }
  }
  s.line(`    objects.append(${g})`);
  if (pop) {
    const expr =
      pop === 'softmax'
        ? 'esum_post = exp(J_pre) : 1 (summed)'
        : 'nbigger_post = 1.0*int(J_pre > J_post) : 1 (summed)';
    s.line(`    ${g}_pop = b2.Synapses(${g}, ${g}, ${pyStr(expr)}, name='${g}_pop')`);
    s.line(`    ${g}_pop.connect()`);
    s.line(
      `    ${g}_pop.summed_updaters[${pyStr(pop === 'softmax' ? 'esum_post' : 'nbigger_post')}].order = ${g}.order - 2`,
    );
    s.line(`    objects.append(${g}_pop)`);
  }
  s.line();
}

/** numpy expression: the summed, weighted, delayed input of these projections on the grid. */
function driveSum(s: Script, projections: Projection[]): string {
  const parts = projections.map((p) => {
    const W = s.array(`e${p.edgeIndex}_W`, denseMatrix(p), [p.target.size, p.source.size]);
    return `u${p.source.nodeIndex}(grid - ${pyNum(p.delay)}) @ ${W}.T`;
  });
  return parts.join(' + ');
}

function writeSynapses(s: Script, p: Projection): void {
  const e = p.edgeIndex;
  const src = py(p.source);
  const tgt = py(p.target);
  s.line(`    # edge ${e}: ${pyStr(p.id).slice(1, -1)}`);
  const conn = connectionsOf(p);
  const connect = (name: string, indent = '    '): void => {
    if (conn.kind === 'all') s.line(`${indent}${name}.connect()`);
    else if (conn.kind === 'one-to-one') s.line(`${indent}${name}.connect(j='i')`);
    else
      s.line(
        `${indent}${name}.connect(i=${s.array(`e${e}_pre`, conn.pre!)}, j=${s.array(`e${e}_post`, conn.post!)})`,
      );
  };
  const weights = (scale: string): string =>
    conn.w ? `${s.array(`e${e}_w`, conn.w)}${scale}` : `${pyNum(conn.weight)}${scale}`;
  if (p.source.kind === 'neuron' && !p.source.model.spiking) {
    const v = p.bank >= 0 ? `Dc${e}` : `Jc${e}`;
    s.line(
      `    syn${e} = b2.Synapses(${src}, ${tgt}, 'w : 1\\n${v}_post = w*y_pre : 1 (summed)', name='syn${e}')`,
    );
    connect(`syn${e}`);
    s.line(`    syn${e}.w = ${weights('')}`);
    s.line(`    syn${e}.summed_updaters['${v}_post'].order = ${tgt}.order - 3`);
    s.line(`    objects.append(syn${e})`);
    return;
  }
  // spikes: each adds w / tau_s to stage 0 of the target's bank
  const onPre = `x${p.bank}_0_post += k`;
  const kicks = weights(` / ${pyNum(p.tauS)}`);
  const sources = p.source.kind === 'input' ? `${src}` : `[${src}]`;
  s.line(`    syn${e} = []`);
  s.line(`    for layer, source in enumerate(${sources}):`);
  s.line(
    `        syn = b2.Synapses(source, ${tgt}, 'k : 1', on_pre=${pyStr(onPre)}, name='syn${e}_%d' % layer)`,
  );
  connect('syn', '        ');
  s.line(`        syn.k = ${kicks}`);
  if (p.delay > 0) s.line(`        syn.delay = ${pyNum(p.delay)} * second`);
  s.line(`        syn${e}.append(syn)`);
  s.line(`    objects += syn${e}`);
}

function readme(doc: NetworkDocument, inputs: InputsMode, sourceName?: string): string {
  void doc;
  const from = sourceName ? ` (exported from \`${sourceName.replace(/[`\n\r]/g, '_')}\`)` : '';
  return `# A NeuroSketch circuit for Brian2${from}

Generated by NeuroSketch. \`circuit.py\` builds the same network NeuroSketch runs (drawn weights,
initial values${inputs === 'as-drawn' ? ' and the input spike trains NeuroSketch\u2019s seeded generators draw' : '; random inputs drawn by Brian2/numpy'}),
runs it in Brian2 and writes the result in NeuroSketch's result JSON format. Large arrays are in
\`data/\` (numpy \`.npy\`).

    python3 circuit.py --out result.json                 # Brian2 runtime (numpy)
    python3 circuit.py --device cpp --out result.json    # compiled C++ (cpp_standalone; needs g++)
    python3 circuit.py --dt 0.00001 --out fine.json      # a finer step (must divide the circuit's dt)

Compare with NeuroSketch's own run:

    npm run -s cli -- run CIRCUIT.neuro --out ours.json
    npm run -s cli -- compare ours.json result.json

Brian2 is clock-driven: its spikes lie on its time grid, so spike times agree with NeuroSketch's
(exact) ones within about one step of the dt used. See docs/interop.md in NeuroSketch.
`;
}
