/**
 * `out/main/cli.js`: starts the CLI (cli.ts, bundled as cli-core.cjs beside this file) with V8's
 * code cache, so a run does not parse and compile a megabyte of JavaScript again each time: on
 * this project's 2-core machine a `run` of cuba.neuro started about 15 ms sooner (decision 0022).
 * The cache (cli-core.cjs.cache) is made by the build's warm-up run and rewritten at exit whenever
 * V8 rejects it (another Node, another build); where the folder is read-only it is simply not kept.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { optimiseWasmAtOnce } from '../services/v8Flags';

// Before compiling: V8 keys its code cache to its flags.
optimiseWasmAtOnce();

const file = fileURLToPath(new URL('./cli-core.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
  filename: file,
  cachedData,
});
if (cachedData === undefined || script.cachedDataRejected === true) {
  // After the run, so the cache also holds the functions the run compiled.
  process.once('exit', () => {
    try {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // a read-only install: run without a cache
    }
  });
}
const module = { exports: {} };
const wrapper = script.runInThisContext() as (
  exports: unknown,
  require: NodeRequire,
  module: unknown,
  filename: string,
  dirname: string,
) => void;
wrapper(module.exports, createRequire(file), module, file, path.dirname(file));
