/**
 * `hh-1000`: 1,000 Hodgkin-Huxley neurons with constant currents spread evenly over 0-20 uA/cm^2
 * (rest, onset spike, repetitive firing), 1 s simulated at the network dt of 0.1 ms, stepped by
 * the HH kernel at its default tolerance (the accuracy target of issue 3). `engine_seconds` is the
 * stepping only (population creation excluded); medians of 5 runs.
 */
import { advanceHh } from '../shared/models/hh/advanceHh';
import { createHhPopulation } from '../shared/models/hh/hhPopulation';
import { median, report } from './benchOutput';

const SIZE = 1000;
const DT_SECONDS = 1e-4;
const STEPS = 10_000;
const RUNS = 5;

const current = new Float64Array(SIZE);
for (let i = 0; i < SIZE; i++) current[i] = (20 * i) / (SIZE - 1);

const times: number[] = [];
let spikes = 0;
let substeps = 0;
for (let r = 0; r < RUNS; r++) {
  const pop = createHhPopulation(SIZE);
  spikes = 0;
  const onSpike = (): void => {
    spikes++;
  };
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) {
    if (advanceHh(pop, k * DT_SECONDS, (k + 1) * DT_SECONDS, current, onSpike) >= 0) {
      throw new Error('HH integration failed');
    }
  }
  times.push((performance.now() - t0) / 1000);
  substeps = pop.acceptedSteps + pop.rejectedSteps;
}
const engineSeconds = median(times);
report('hh-1000', 'engine_seconds', engineSeconds, 's');
report('hh-1000', 'neuron_updates_per_second', (SIZE * STEPS) / engineSeconds, '1/s');
report('hh-1000', 'spikes', spikes, '1');
report('hh-1000', 'substeps_per_neuron_step', substeps / (SIZE * STEPS), '1');
