#!/usr/bin/env node
/**
 * Builds everything the app runs from, into out/:
 *   out/main/{index.js, preload.cjs, simWorker.js, stepThreadWorker.js, web.js, cli.js,
 *             cli-core.cjs (+ its V8 code cache)}  (esbuild, Node bundles)
 *   out/renderer/                                                   (Vite)
 * `--node-only` skips the renderer (the CLI needs only out/main/cli.js).
 * Runs as the install's `prepare` step, so `npm run cli` works right after `npm ci`.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node-only');
const started = performance.now();

const requireShim =
  "import { createRequire as __nsCreateRequire } from 'node:module'; const require = __nsCreateRequire(import.meta.url);";

/**
 * zod's `locales` namespace pulls every translation of its error messages (some 400 kB) into a
 * bundle that only ever uses the English one (zod configures `en` itself); parsing them cost the
 * CLI about 4 ms a start. The namespace resolves to English alone here.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: 'zod-locales', namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // ws' optional native speed-ups are not needed.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
  plugins: [zodEnglishOnly],
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      index: 'main/electron/main.ts',
      simWorker: 'main/services/simWorker.ts',
      sweepWorker: 'main/services/sweepWorker.ts',
      stepThreadWorker: 'main/services/stepThreadWorker.ts',
      web: 'main/web/server.ts',
      cli: 'main/cli/launcher.ts',
    },
    outdir: 'out/main',
    format: 'esm',
    banner: { js: requireShim },
  }),
  // The CLI's code, CommonJS so that its launcher can compile it through node:vm with V8's code
  // cache (an ES module cannot be given one on Node 20): main/cli/launcher.ts.
  build({
    ...common,
    entryPoints: { 'cli-core': 'main/cli/cli.ts' },
    outdir: 'out/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__nsImportMetaUrl' },
    banner: { js: "const __nsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // A sandboxed preload must be CommonJS.
  build({
    ...common,
    entryPoints: { preload: 'main/electron/preload.ts' },
    outdir: 'out/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
  }),
]);

// The launcher compiles cli-core.cjs through node:vm, which has no loader for a dynamic import():
// one left in the CLI's code would fail only when that path runs (an export did). Refuse it here.
const cliCore = readFileSync(path.join(root, 'out/main/cli-core.cjs'), 'utf8');
const dynamicImport = cliCore.match(/(?:await|[=(,;])\s*import\(/);
if (dynamicImport) {
  console.error(
    `build: out/main/cli-core.cjs contains a dynamic import() ("${dynamicImport[0]}"): the CLI ` +
      'launcher (main/cli/launcher.ts) cannot load it; use a static import.',
  );
  process.exit(1);
}

// Warm the CLI's code cache (out/main/cli-core.cjs.cache) with a short run of an example.
const warmOut = path.join(tmpdir(), `neurosketch-warm-${process.pid}.json`);
spawnSync(
  process.execPath,
  ['out/main/cli.js', 'run', 'examples/cuba.neuro', '--duration', '0.02', '--out', warmOut],
  { cwd: root, stdio: 'ignore' },
);
rmSync(warmOut, { force: true });

if (!nodeOnly) {
  const vite = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
console.log(`built out/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
