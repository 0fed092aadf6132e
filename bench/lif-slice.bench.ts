/** The slice circuit (one LIF neuron, constant input): a smoke figure for the bench pipeline. */
import { readFileSync } from 'node:fs';
import { loadDocument } from '../shared/document/loadDocument';
import { createSimulation } from '../shared/sim/createSimulation';
import { median, report } from './benchOutput';

const loaded = loadDocument(readFileSync('examples/lif-charging.neuro', 'utf8'));
if (!loaded.ok) throw new Error('example does not load');
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  const created = createSimulation(loaded.document);
  if (!created.ok) throw new Error('example does not compile');
  const t0 = performance.now();
  while (created.simulation.stepsDone < created.simulation.totalSteps)
    created.simulation.advance(1e6);
  times.push((performance.now() - t0) / 1000);
}
report('lif-slice', 'engine_seconds', median(times), 's');
