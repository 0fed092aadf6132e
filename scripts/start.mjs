#!/usr/bin/env node
/**
 * `npm start`: builds if needed, then opens the desktop app. Where the Electron runtime cannot be
 * obtained (it is downloaded on first use, which fails offline), it says so in one sentence and
 * starts the same app through the browser host instead, so the main job always runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  stdio: 'inherit',
  cwd: root,
});
if (built.status !== 0) process.exit(built.status ?? 1);

let binary = electronBinary();
if (!binary && existsSync(path.join(electronDir, 'install.js'))) {
  // Electron fetches its runtime lazily; try once, quietly, with a time limit.
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
    cwd: electronDir,
  });
  binary = electronBinary();
}

if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'The Electron runtime could not be downloaded (this computer seems to be offline), so NeuroSketch opens in your browser instead.',
  );
  const child = spawn(
    process.execPath,
    [path.join(root, 'out', 'main', 'web.js'), ...process.argv.slice(2)],
    { stdio: 'inherit', cwd: root },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
