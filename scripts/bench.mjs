#!/usr/bin/env node
/**
 * `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs each in its own Node
 * process. Each prints JSON lines {"bench", "metric", "value", "unit"}; figures are printed, never
 * asserted. `npm run bench -- NAME` runs only the files whose name contains NAME.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no bench/*.bench.ts matches "${filter}"`);
  process.exit(2);
}
await build({
  absWorkingDir: root,
  entryPoints: files.map((f) => path.join('bench', f)),
  outdir: 'out/bench',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['playwright-core', '@playwright/test', 'electron', 'esbuild', 'vite'],
  banner: {
    js: "import { createRequire as __nsCreateRequire } from 'node:module'; const require = __nsCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
let failed = 0;
for (const f of files) {
  const out = path.join(root, 'out/bench', f.replace(/\.ts$/, '.mjs'));
  const result = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${f} exited with ${result.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
