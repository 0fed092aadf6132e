/**
 * cuba-4000: the CUBA benchmark network (examples/cuba.neuro), 1 s at dt = 0.1 ms. Build (compile)
 * and stepping are timed separately, as the CLI's stats do; medians of 5 runs.
 */
import { readFileSync } from 'node:fs';
import { loadDocument } from '../shared/document/loadDocument';
import { createSimulation } from '../shared/sim/createSimulation';
import { median, report } from './benchOutput';

const loaded = loadDocument(readFileSync('examples/cuba.neuro', 'utf8'));
if (!loaded.ok) throw new Error('examples/cuba.neuro does not load');
const build: number[] = [];
const engine: number[] = [];
let spikes = 0;
let events = 0;
let updates = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const created = createSimulation(loaded.document);
  const t1 = performance.now();
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
  const sim = created.simulation;
  let count = 0;
  const t2 = performance.now();
  while (sim.stepsDone < sim.totalSteps) {
    const frame = sim.advance(1e6);
    for (const s of frame.spikes) count += s.time.length;
  }
  const t3 = performance.now();
  build.push((t1 - t0) / 1000);
  engine.push((t3 - t2) / 1000);
  spikes = count;
  events = sim.engine.stats.synapticEvents;
  updates = sim.engine.stats.neuronUpdates;
}
const engineSeconds = median(engine);
report('cuba-4000', 'build_seconds', median(build), 's');
report('cuba-4000', 'engine_seconds', engineSeconds, 's');
report('cuba-4000', 'neuron_updates_per_second', updates / engineSeconds, '1/s');
report('cuba-4000', 'synaptic_events_per_second', events / engineSeconds, '1/s');
report('cuba-4000', 'spikes', spikes, 'spikes');
