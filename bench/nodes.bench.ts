/**
 * nodes-100k: validation and compile of a file of 100,000 separate nodes (a chain of rate units
 * fed by one input): both are linear in nodes + edges (issue 16, item 7). Figures, not asserted.
 */
import { validateDocument } from '../shared/document/validateDocument';
import { createSimulation } from '../shared/sim/createSimulation';
import { report } from './benchOutput';
import { chainDocument } from '../shared/sim/test-support/chainNetwork';

for (const n of [25_000, 100_000]) {
  const doc = chainDocument(n);
  const t0 = performance.now();
  const validated = validateDocument(doc);
  const t1 = performance.now();
  if (!validated.ok) throw new Error(validated.issues.map((i) => i.message).join('\n'));
  const created = createSimulation(validated.document);
  const t2 = performance.now();
  if (!created.ok) throw new Error(created.issues.map((i) => i.message).join('\n'));
  report(`nodes-${n / 1000}k`, 'validate_seconds', (t1 - t0) / 1000, 's');
  report(`nodes-${n / 1000}k`, 'compile_seconds', (t2 - t1) / 1000, 's');
  report(`nodes-${n / 1000}k`, 'rss_bytes', process.memoryUsage().rss, 'B');
}
