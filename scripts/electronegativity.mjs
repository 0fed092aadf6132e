#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the built Electron code (it predates current TypeScript,
 * so it reads the esbuild output): the main bundle, the preload and the renderer's index.html.
 * Fails on any finding not justified in electronegativity.json, and on an exception there that no
 * longer matches a finding. An exception covers one finding: same check, file, message and code at
 * the finding's location (see electronegativity-match.mjs). An unjustified finding is printed with
 * its code, ready to be justified if it is safe by design.
 * Offline it cannot fetch Electron's release list; it says so and goes on.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locationText, matchFindings, parseExceptions } from './electronegativity-match.mjs';

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
let exceptions;
try {
  exceptions = parseExceptions(
    JSON.parse(readFileSync(path.join(root, 'electronegativity.json'), 'utf8')),
  );
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const sources = new Map();
const sourceOf = (file) => {
  if (!sources.has(file)) {
    let text = '';
    try {
      text = readFileSync(path.join(scanDir, file), 'utf8');
    } catch {
      // A finding in a file we did not copy: no code to compare, so no exception can match.
    }
    sources.set(file, text);
  }
  return sources.get(file);
};
const findings = sarif.runs[0].results.map((r) => {
  const location = r.locations?.[0]?.physicalLocation;
  const file = location?.artifactLocation?.uri ?? '?';
  return {
    check: r.ruleId,
    file,
    message: r.message?.text ?? '',
    line: location?.region?.startLine ?? 0,
    code: locationText(sourceOf(file), location?.region ?? {}),
  };
});
const { justified, unjustified, unused } = matchFindings(findings, exceptions);
for (const { finding, exception } of justified) {
  console.log(
    `justified  ${finding.check} in ${finding.file}:${finding.line}: ${exception.reason}`,
  );
}
for (const f of unjustified) {
  console.log(`FINDING    ${f.check} in ${f.file}:${f.line}: ${f.message}`);
  console.log(`           code: ${JSON.stringify(f.code.replace(/\s+/g, ' ').trim())}`);
}
for (const e of unused) {
  console.log(
    `STALE      exception ${e.check} in ${e.file} (${JSON.stringify(e.code)}) matches no finding: remove it`,
  );
}
console.log(
  `electronegativity: ${findings.length} finding(s), ${unjustified.length} unjustified, ${unused.length} stale exception(s)`,
);
process.exit(unjustified.length + unused.length > 0 ? 1 : 0);
