/**
 * scaling-N: the CUBA network with N neurons and 80 synapses per neuron, 1 s at dt = 0.1 ms.
 * engine_seconds is stepping only (median of runs); bytes_per_synapse is the stored connectivity
 * (CSR column indices + row pointers) divided by the number of synapses.
 */
import { createSimulation } from '../shared/sim/createSimulation';
import { median, report } from './benchOutput';
import { cubaNetwork } from './cubaNetwork';

for (const n of [1000, 4000, 16000, 64000]) {
  const runs = n >= 64000 ? 1 : 3;
  const times: number[] = [];
  let bytesPerSynapse = 0;
  for (let r = 0; r < runs; r++) {
    const created = createSimulation(cubaNetwork(n, 80));
    if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
    const sim = created.simulation;
    let bytes = 0;
    let synapses = 0;
    for (const p of sim.plan.projections) {
      bytes += (p.col?.byteLength ?? 0) + (p.rowPtr?.byteLength ?? 0) + (p.dense?.byteLength ?? 0);
      synapses += p.synapses;
    }
    bytesPerSynapse = bytes / synapses;
    const t0 = performance.now();
    while (sim.stepsDone < sim.totalSteps) sim.advance(1e6);
    times.push((performance.now() - t0) / 1000);
  }
  report(`scaling-${n}`, 'engine_seconds', median(times), 's');
  report(`scaling-${n}`, 'bytes_per_synapse', bytesPerSynapse, 'B');
}
