import { defineConfig } from 'vitest/config';

/**
 * The cross-check suite: exported circuits run in the real peers (Brian2, PyNN on NEURON).
 * `npm test` runs it when they are installed (scripts/install-peers.sh) and says it skipped it
 * otherwise. Files run one at a time: each spawns Python processes of its own.
 */
export default defineConfig({
  test: {
    include: ['main/cli/peers/**/*.peers.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
