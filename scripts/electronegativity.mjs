#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the built Electron code (it predates current TypeScript,
 * so it reads the esbuild output): the main bundle, the preload and the renderer's index.html.
 * Fails on any finding not justified in electronegativity.json (check id + file -> reason).
 * Offline it cannot fetch Electron's release list; it says so and goes on.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scanDir = path.join(root, '.tmp', 'electronegativity-input');
const report = path.join(root, '.tmp', 'electronegativity.sarif');
rmSync(scanDir, { recursive: true, force: true });
rmSync(report, { force: true });
mkdirSync(scanDir, { recursive: true });
for (const file of ['out/main/index.js', 'out/main/preload.cjs', 'out/renderer/index.html']) {
  copyFileSync(path.join(root, file), path.join(scanDir, path.basename(file)));
}
const electronVersion = JSON.parse(
  readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const run = spawnSync(
  path.join(root, 'node_modules/.bin/electronegativity'),
  ['-i', scanDir, '-r', '-e', electronVersion, '-o', report, '-v', 'false'],
  { cwd: root, encoding: 'utf8', timeout: 240_000 },
);
let sarif;
try {
  sarif = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity produced no report');
  process.exit(1);
}
const justified = JSON.parse(
  readFileSync(path.join(root, 'electronegativity.json'), 'utf8'),
).justified;
const findings = sarif.runs[0].results.map((r) => ({
  check: r.ruleId,
  file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?',
  message: r.message?.text ?? '',
}));
let unjustified = 0;
for (const f of findings) {
  const reason = justified[`${f.check} ${f.file}`];
  if (reason) console.log(`justified  ${f.check} in ${f.file}: ${reason}`);
  else {
    unjustified++;
    console.log(`FINDING    ${f.check} in ${f.file}: ${f.message}`);
  }
}
console.log(`electronegativity: ${findings.length} finding(s), ${unjustified} unjustified`);
process.exit(unjustified > 0 ? 1 : 0);
