/**
 * The WebAssembly the simulator carries is its source: every shared/**\/*.wat assembles (wabt, from
 * npm) to exactly the bytes committed in its NAME.wasm.ts. Edit the .wat, run `npm run -s wasm`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleWat, wasmModuleSource } from './build-wasm.mjs';

const SOURCES = ['shared/models/lif/order0.wat'];

describe('committed WebAssembly', () => {
  for (const wat of SOURCES) {
    it(`${wat} matches its generated module`, async () => {
      const bytes = await assembleWat(wat);
      const committed = readFileSync(wat.replace(/\.wat$/, '.wasm.ts'), 'utf8');
      expect(committed).toBe(wasmModuleSource(wat.split('/').pop()!, bytes));
    });
  }
});
