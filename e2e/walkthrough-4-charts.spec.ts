/**
 * What the fourth student walkthrough of issue 15 found in the charts and the live controls, each
 * journey failing before its fix: the ISI histogram and the PSTH drew every bar one bin too early
 * (a neuron firing every 23.97 ms showed its 40 intervals over 22-24 ms, not 23-24 ms); the
 * runaway example's error said its time in s where the app says ms, and its chart's y axis read
 * "1E302" twice; an exported chart PNG did not say what it showed (now a title band on top); a
 * selected synapse had no live control although its weight is taken live; a population chart's
 * head wrapped its key into three cramped lines at 1440 x 900.
 */
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, openExample, screenshot, test } from './fixtures';
import { canvasOf, openFromWorkspace, runExampleForever, runToEnd } from './canvasHelpers';

/** One LIF neuron under a constant bias of 1.5: it fires every 2 + 20 ln 3 = 23.97 ms. */
const regular = {
  format: 'neurosketch-network',
  version: 1,
  name: 'Regular neuron',
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    {
      id: 'P1',
      kind: 'neuron',
      model: 'lif',
      label: 'P1',
      params: { tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0, bias: 1.5 },
    },
  ],
  edges: [],
  probes: [{ id: 'vP1', target: 'P1', variable: 'v' }],
  layout: { P1: { x: 0, y: 0 } },
};

/**
 * Whether the histogram chart `id` (test hook), drawn on the canvas labelled `canvasLabel`, is
 * filled at (`x`, `y`) in axis units: the pixel there differs from the pixel at (`emptyX`, `y`),
 * over a bin with no count (between grid lines, so neither lies on one).
 */
async function filledAt(
  app: Page,
  id: string,
  canvasLabel: string,
  point: { x: number; y: number; emptyX: number },
): Promise<boolean> {
  return app.evaluate(
    ({ id, canvasLabel, point }) => {
      const chart = window.__neurosketchTest!.charts[id]!;
      const canvas = document.querySelector<HTMLCanvasElement>(
        `canvas[aria-label="${canvasLabel}"]`,
      )!;
      const ratio = canvas.width / canvas.clientWidth;
      const ctx = canvas.getContext('2d')!;
      const y = chart.scales['y']!.getPixelForValue(point.y);
      const at = (value: number): string => {
        const x = chart.scales['x']!.getPixelForValue(value);
        return Array.from(
          ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data,
        ).join();
      };
      return at(point.x) !== at(point.emptyX);
    },
    { id, canvasLabel, point },
  );
}

/**
 * The PNG a chart's button saves: its size, against the canvas `canvasLabel`, and how many of its
 * top band's pixels are not the band's background (the title's ink).
 */
async function savedPng(
  app: Page,
  button: ReturnType<Page['getByRole']>,
  canvasLabel: string,
  name: string,
): Promise<{ file: string; extraRows: number; canvasWidth: number; width: number; ink: number }> {
  const download = app.waitForEvent('download');
  await button.click();
  const file = await download;
  const bytes = readFileSync(await file.path());
  writeFileSync(`e2e/screenshots/${name}.png`, bytes);
  const measured = await app.evaluate(
    async ({ base64, canvasLabel }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const chart = document.querySelector<HTMLCanvasElement>(
        `canvas[aria-label="${canvasLabel}"]`,
      )!;
      const extraRows = image.height - chart.height;
      const band = document.createElement('canvas');
      band.width = image.width;
      band.height = Math.max(1, extraRows);
      const ctx = band.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, band.width, band.height).data;
      let ink = 0;
      for (let k = 0; k < data.length; k += 4)
        if (data[k] !== data[0] || data[k + 1] !== data[1] || data[k + 2] !== data[2]) ink++;
      return { extraRows, canvasWidth: chart.width, width: image.width, ink };
    },
    { base64: bytes.toString('base64'), canvasLabel },
  );
  return { file: file.suggestedFilename(), ...measured };
}

test('the ISI histogram and the PSTH draw each bin over its own interval, and an exported chart says what it shows', async ({
  app,
  appHost,
}) => {
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'regular', regular);
  await runToEnd(app);
  const panel = app.getByRole('figure', { name: 'Spike-train analysis' });
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchTest!.spikeAnalysis?.spikes ?? 0))
    .toBe(41);
  const shown = await app.evaluate(() => window.__neurosketchTest!.spikeAnalysis!);
  // All 40 intervals are 23.97 ms: bin 23-24 ms of the 1 ms bins, none in 22-23 ms.
  expect(shown.isiBinMs).toBe(1);
  expect(shown.isiCounts[23]).toBe(40);
  expect(shown.isiCounts[22]).toBe(0);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(app, 'walkthrough-4-isi-regular');
  const isi = (x: number) => filledAt(app, 'isi', 'ISI histogram chart', { x, y: 17, emptyX: 0.5 });
  expect(await isi(23.5)).toBe(true);
  expect(await isi(22.5)).toBe(false);
  // PSTH in 10 ms bins: the first spike (23.97 ms) falls in 20-30 ms, none in 10-20 ms.
  expect(shown.psthBinMs).toBeCloseTo(10, 9);
  expect(shown.psthRates[1]).toBe(0);
  expect(shown.psthRates[2]).toBeCloseTo(100, 9);
  const psth = (x: number) => filledAt(app, 'psth', 'PSTH chart', { x, y: 45, emptyX: 5 });
  expect(await psth(25)).toBe(true);
  expect(await psth(15)).toBe(false);

  // Each exported PNG carries its title in a band above the chart (28 CSS px).
  const ratio = await app.evaluate(() => window.devicePixelRatio);
  for (const [button, canvas, name] of [
    [
      panel.getByRole('button', { name: 'Save the ISI histogram as PNG' }),
      'ISI histogram chart',
      'isi',
    ],
    [app.getByRole('button', { name: 'Save P1 · v chart as PNG' }), 'P1 · v chart', 'trace'],
  ] as const) {
    const png = await savedPng(app, button, canvas, `walkthrough-4-png-${name}`);
    expect(png.width).toBe(png.canvasWidth);
    expect(png.extraRows).toBe(Math.round(28 * ratio));
    expect(png.ink).toBeGreaterThan(100);
  }
});

test('a run that blows up says the time in ms, and its chart’s huge y ticks are told apart', async ({
  app,
}) => {
  await openExample(app, /Runaway feedback/);
  await app.getByRole('button', { name: /Run$/ }).click();
  const alert = app.getByRole('alert').filter({ hasText: 'The run stopped' });
  await expect(alert).toHaveText(
    'The run stopped: node R in the step from t = 307 to 308 ms: a value is not finite',
  );
  // y grows tenfold per step (y = 10 y + 1): its last drawn value is 1.11e(N), so the axis's
  // ticks go 0, 2e(N-1), ... 1.0e(N), 1.2e(N), two of them with mantissas that round to 1.
  const yTicks = () =>
    app.evaluate(() =>
      window.__neurosketchTest!.charts['yR']!.scales['y']!.ticks.map((t) => String(t.label)),
    );
  await expect.poll(async () => (await yTicks()).at(-1)).toMatch(/E\d{2,}$/);
  await screenshot(app, 'walkthrough-4-runaway');
  const labels = await yTicks();
  expect(labels.length).toBeGreaterThan(2);
  expect(new Set(labels).size).toBe(labels.length);
});

test('a selected synapse offers its weight as a live control, taken by the run without a restart', async ({
  app,
}) => {
  await runExampleForever(app, /A and B drive C/);
  await canvasOf(app)
    .getByRole('button', { name: /^synapse A to C/ })
    .click();
  const live = app.getByRole('region', { name: 'live inputs' });
  const weight = live.getByRole('slider', { name: 'A → C weight' });
  await expect(weight).toBeVisible();
  await expect(live.getByText('A → C weight (s)')).toBeVisible();
  await expect(live).toContainText("each spike adds w/τs to C's input J");
  // B → C shares C's filter (tauS 5 ms, n 0): its tauS is no live control, and a note says why.
  await expect(live.getByRole('note').filter({ hasText: 'A → C tauS' })).toContainText(
    'needs a restart',
  );
  const box = live.getByLabel('A → C weight value');
  await box.fill('0.08');
  await box.press('Enter');
  await expect(app.getByRole('dialog', { name: /Restart the run/ })).toHaveCount(0);
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  const log = await app.evaluate(() => window.__neurosketchTest!.session!.editLog);
  expect(log.at(-1)).toMatchObject({ field: 'wCA.weight', newValue: 0.08 });
  await screenshot(app, 'walkthrough-4-synapse-live');
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(live.getByRole('group', { name: 'slider changes' })).toContainText(
    'A → C weight 0.05 → 0.08',
  );
});

test('a population chart’s head fits at 1440 x 900: title and views on one line, the key whole on the next', async ({
  app,
  appHost,
}) => {
  await app.setViewportSize({ width: 1440, height: 900 });
  const population = {
    ...regular,
    name: 'Population',
    nodes: [
      {
        id: 'P1',
        kind: 'population',
        size: 100,
        model: 'lif',
        label: 'P1',
        params: { bias: 1.5, v0: { init: 'uniform', low: 0, high: 1 } },
      },
    ],
    probes: [{ id: 'vP1', target: 'P1', variable: 'v', indices: [...Array(16).keys()] }],
  };
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'population', population);
  await runToEnd(app);
  const chart = app.getByRole('figure', { name: 'P1 · v' });
  const key = chart.getByTestId('chart-key');
  await expect(key).toHaveText(/P1 mean of 16 recorded \(neurons 0–15 of 100\)\s*± 1 SD/);
  // The charts panel scrolled to its top, where the head shows below the panel's sticky bar.
  await chart.evaluate((el) => {
    let scroller = el.parentElement;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight)
      scroller = scroller.parentElement;
    scroller?.scrollTo(0, 0);
  });
  await screenshot(app, 'walkthrough-4-population-head');
  const box = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!;
  const title = await box(chart.locator('.live-chart__title'));
  const png = await box(chart.getByRole('button', { name: /as PNG/ }));
  const views = await box(chart.getByRole('group', { name: 'P1 · v: view' }));
  // The title, the view buttons and PNG share the first line.
  for (const b of [png, views])
    expect(Math.abs(b.y + b.height / 2 - (title.y + title.height / 2))).toBeLessThan(6);
  // Each key entry on one line (a line of 12 px text is about 15 px high).
  for (const entry of await key.locator('.live-chart__key').all())
    expect((await box(entry)).height).toBeLessThan(22);
});
