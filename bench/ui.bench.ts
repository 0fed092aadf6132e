/**
 * Renderer benchmarks (issue 6), in headless Debian Chromium against the browser host
 * (`out/main/web.js`: the same renderer, main-process services and worker as the desktop app):
 *
 * - fps_ceiling: requestAnimationFrame rate of an empty page in the same browser and viewport
 *   (software rendering caps it; the streaming figures are read against it);
 * - ui-traces-16: 16 LIF voltage traces streaming at real time (bench/fixtures/traces-16.neuro);
 * - ui-raster-4000: the 4,000-neuron CUBA E/I network (bench/fixtures/cuba.neuro) with its raster
 *   and rate charts, run as fast as possible: fps while drawing and the real-time factor reached;
 * - ui-cuba-live: the same network with the raster and 16 voltage traces of E
 *   (bench/fixtures/cuba-traces.neuro) at real-time speed, as a student watches it: fps, latency
 *   and whether it keeps up (realtime_factor: at x1 the session paces itself to the wall clock, so
 *   this reads 1.00 less the part of a frame still in flight when the window closes); then the
 *   same view as fast as possible (`max_*`), whose realtime_factor is the headroom above x1.
 *
 * latency_ms is sample-to-pixel: from the worker producing a frame to the animation frame that drew
 * it (median). Figures are printed as JSON lines, never asserted. Needs `npm run build` first.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, spawnWebHost } from '../e2e/webHostProcess';
import { median, report } from './benchOutput';

const root = process.cwd();
const fixtures = path.join(root, 'bench', 'fixtures');
const MEASURE_MS = 5000;

interface Sample {
  fps: number;
  latencies: number[];
  simulatedSeconds: number;
  wallSeconds: number;
}

/** Counts animation frames for `ms` and samples the session's latency and simulated time. */
async function measure(page: Page, ms: number): Promise<Sample> {
  return page.evaluate(
    (duration) =>
      new Promise<Sample>((resolve) => {
        const session = (
          window as unknown as {
            __neurosketchTest?: {
              session?: { stepsReceived: number; dt: number; lastLatencyMs: number };
            };
          }
        ).__neurosketchTest?.session;
        const simAt = (): number => (session ? session.stepsReceived * session.dt : 0);
        const sim0 = simAt();
        const t0 = performance.now();
        const latencies: number[] = [];
        let frames = 0;
        let lastLatency = -1;
        const tick = (): void => {
          frames++;
          const latency = session?.lastLatencyMs ?? 0;
          if (latency > 0 && latency !== lastLatency) latencies.push(latency);
          lastLatency = latency;
          const elapsed = performance.now() - t0;
          if (elapsed < duration) requestAnimationFrame(tick);
          else
            resolve({
              fps: (frames * 1000) / elapsed,
              latencies,
              simulatedSeconds: simAt() - sim0,
              wallSeconds: elapsed / 1000,
            });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

async function ceiling(page: Page): Promise<number> {
  // Leave the app first: setContent keeps the page's URL, and going back to the same URL (with
  // its #token) would then be a same-document jump that never loads the app again.
  await page.goto('about:blank');
  await page.setContent('<!doctype html><html><body></body></html>');
  return (await measure(page, 3000)).fps;
}

async function openFixture(page: Page, url: string, fileName: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: /^Open/ }).first().click();
  await page.getByRole('button', { name: new RegExp(fileName.replace('.', '\\.')) }).click();
  await page.getByRole('toolbar', { name: 'simulation controls' }).waitFor();
  await page.getByText(fileName).first().waitFor();
}

async function stream(
  page: Page,
  speed: string,
): Promise<{ sample: Sample; realtimeFactor: number }> {
  await page.getByLabel('Speed').selectOption(speed);
  await page.getByLabel('Run forever').check();
  await page.getByRole('button', { name: /Run$/ }).click();
  await page.waitForTimeout(1500); // warm-up: compile, first frames, JIT
  const sample = await measure(page, MEASURE_MS);
  await page.getByRole('button', { name: 'Stop' }).click();
  return { sample, realtimeFactor: sample.simulatedSeconds / sample.wallSeconds };
}

async function main(): Promise<void> {
  const web = path.join(root, 'out', 'main', 'web.js');
  if (!existsSync(web)) throw new Error('out/main/web.js is missing: run `npm run build` first');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'neurosketch-bench-'));
  // No start screen over the canvas (as e2e/fixtures.ts does).
  writeFileSync(path.join(dataDir, 'preferences.json'), '{"showStartScreen": false}\n');
  const { url, process: host } = await spawnWebHost(root, {
    workspaceDir: fixtures,
    dataDir,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

    const ceilingTraces = await ceiling(page);
    await openFixture(page, url, 'traces-16.neuro');
    const traces = await stream(page, '1');
    report('ui-traces-16', 'fps', traces.sample.fps, 'frames/s');
    report('ui-traces-16', 'fps_ceiling', ceilingTraces, 'frames/s');
    report('ui-traces-16', 'fps_fraction', traces.sample.fps / ceilingTraces, '1');
    report('ui-traces-16', 'latency_ms', median(traces.sample.latencies), 'ms');

    const ceilingRaster = await ceiling(page);
    await openFixture(page, url, 'cuba.neuro');
    const raster = await stream(page, 'max');
    report('ui-raster-4000', 'fps', raster.sample.fps, 'frames/s');
    report('ui-raster-4000', 'fps_ceiling', ceilingRaster, 'frames/s');
    report('ui-raster-4000', 'fps_fraction', raster.sample.fps / ceilingRaster, '1');
    report('ui-raster-4000', 'latency_ms', median(raster.sample.latencies), 'ms');
    report('ui-raster-4000', 'realtime_factor', raster.realtimeFactor, 'sim s/wall s');

    const ceilingLive = await ceiling(page);
    await openFixture(page, url, 'cuba-traces.neuro');
    const live = await stream(page, '1');
    report('ui-cuba-live', 'fps', live.sample.fps, 'frames/s');
    report('ui-cuba-live', 'fps_fraction', live.sample.fps / ceilingLive, '1');
    report('ui-cuba-live', 'latency_ms', median(live.sample.latencies), 'ms');
    report('ui-cuba-live', 'realtime_factor', live.realtimeFactor, 'sim s/wall s');
    // The same page, raster and 16 traces, unpaced: how far above real time it could go.
    const unpaced = await stream(page, 'max');
    report('ui-cuba-live', 'max_fps', unpaced.sample.fps, 'frames/s');
    report('ui-cuba-live', 'max_fps_fraction', unpaced.sample.fps / ceilingLive, '1');
    report('ui-cuba-live', 'max_realtime_factor', unpaced.realtimeFactor, 'sim s/wall s');
  } finally {
    await browser.close();
    host.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
