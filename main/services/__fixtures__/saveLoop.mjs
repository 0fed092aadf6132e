// Child process of fileStore.kill.test.ts: saves two versions of a file alternately, forever,
// until the test kills it. argv: MODE (atomic | naive) BUNDLE TARGET FILE_A FILE_B.
// Prints "ready" once the first save has completed.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mode, bundle, target, fileA, fileB] = process.argv.slice(2);
const versions = [readFileSync(fileA, 'utf8'), readFileSync(fileB, 'utf8')];
const { saveFileAtomic } = await import(pathToFileURL(bundle).href);

let i = 0;
for (;;) {
  const text = versions[i % 2];
  if (mode === 'naive') writeFileSync(target, text);
  else await saveFileAtomic(target, text);
  if (i === 0) process.stdout.write('ready\n');
  i++;
}
