import { defineConfig } from '@playwright/test';

/**
 * e2e specs run against a page given by the fixture in e2e/fixtures.ts: the Electron app when its
 * runtime exists, otherwise the browser host (`npm run web`) in Debian's Chromium.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1400, height: 860 },
    trace: 'off',
  },
});
