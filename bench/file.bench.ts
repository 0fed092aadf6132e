/**
 * The file layer at scale: a 64,000-neuron document (populations with per-neuron arrays, sparse
 * generators). load = parse + migrate + validate; save = canonical serialize + atomic write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serializeDocument } from '../shared/document/canonical';
import { loadDocument } from '../shared/document/loadDocument';
import { scaleDocument } from '../shared/document/test-support/scaleDocument';
import { saveFileAtomic } from '../main/services/fileStore';
import { median, report } from './benchOutput';

const RUNS = 7;
const text = serializeDocument(scaleDocument());
const dir = mkdtempSync(path.join(tmpdir(), 'neurosketch-bench-'));
const file = path.join(dir, 'scale.neuro');

const load: number[] = [];
const serialize: number[] = [];
const save: number[] = [];
for (let r = 0; r < RUNS; r++) {
  let t0 = performance.now();
  const loaded = loadDocument(text);
  load.push((performance.now() - t0) / 1000);
  if (!loaded.ok) throw new Error(`scale document does not load: ${JSON.stringify(loaded.issues)}`);
  t0 = performance.now();
  const saved = serializeDocument(loaded.document);
  serialize.push((performance.now() - t0) / 1000);
  await saveFileAtomic(file, saved);
  save.push((performance.now() - t0) / 1000);
}
rmSync(dir, { recursive: true, force: true });

report('file-64000', 'load_seconds', median(load), 's');
report('file-64000', 'serialize_seconds', median(serialize), 's');
report('file-64000', 'save_seconds', median(save), 's');
report('file-64000', 'file_megabytes', text.length / 1e6, 'MB');
