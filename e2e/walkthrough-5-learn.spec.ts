/**
 * What the fifth student walkthrough found in the "See the math" views, the chart PNGs and the
 * drive hints, each journey failing before its fix: in the f-I view, "seconds per point" 0 showed
 * "failed: malformed startSweep request at durationSeconds …" and wiped the curve, and "-1" typed
 * in a box became "01"; the LIF view said "v_in = 0 … never fires" above G = 41.71 Hz at v_in
 * 1.5, and its G(v_in) chart stopped at 5 with v_in at 7; a Steps input of 1.5 into an HH
 * neuron made no spike and nothing said why (a LIF driven too hard gets a "Strong drive" note);
 * the formulas sat in tiny vertical scroll boxes at 1440x900; the weight-matrix editor's b column
 * read 0 beside a bias node feeding P1 with weight 1; the exported mean ± SD, heat-map and raster
 * PNGs said "P1 · v" and "Spike raster" only (which neurons? which colour is which node?).
 */
import type { Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { canvasOf, inspectorOf, openFromWorkspace, openMathView, runToEnd } from './canvasHelpers';

/** The walkthrough's circuit: a Steps input (0, 1.5, 0 at 0, 200, 500 ms) into an HH neuron A. */
const stepsIntoHh = {
  format: 'neurosketch-network',
  version: 1,
  name: 'Steps into HH',
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    {
      id: 'in1',
      kind: 'input',
      signal: { type: 'step', times: [0, 0.2, 0.5], values: [0, 1.5, 0] },
    },
    { id: 'A', kind: 'neuron', model: 'hh' },
  ],
  edges: [{ id: 'e1', source: 'in1', target: 'A', weight: 1 }],
  layout: { in1: { x: 0, y: 0 }, A: { x: 300, y: 0 } },
};

function sweepPoints(app: Page): Promise<number | undefined> {
  return app.evaluate(
    () =>
      (window.__neurosketchTest?.learnViews?.['fi']?.data as { points: unknown[] } | undefined)
        ?.points.length,
  );
}

test('f-I view: an invalid sweep field is marked and named, Run sweep waits, the curve stays, and "-1" stays "-1"', async ({
  app,
}) => {
  const dialog = await openMathView(app, /^f-I curve/);
  await dialog
    .getByLabel('neuron')
    .selectOption({ label: 'standard LIF neuron (default parameters)' });
  const seconds = dialog.getByRole('spinbutton', { name: 'seconds per point' });
  await dialog.getByRole('spinbutton', { name: 'sweep points' }).fill('6');
  await seconds.fill('0.2');
  const run = dialog.getByRole('button', { name: 'Run sweep' });
  await run.click();
  await expect(dialog.getByTestId('sweep-status')).toHaveText('done: 6 points');

  // Seconds per point 0: the field says what to do, Run sweep waits, the curve stays.
  await seconds.fill('0');
  await expect(seconds).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveText(
    'seconds per point: type a time above 0 and at most 20 s (0.5 is a good start).',
  );
  await expect(run).toBeDisabled();
  await expect(dialog.getByTestId('sweep-status')).not.toContainText('malformed');
  expect(await sweepPoints(app)).toBe(6);
  await screenshot(app, 'walk5-fi-zero-seconds');

  // "-1" typed key by key stays "-1" (it became "01": "-" read as 0).
  const from = dialog.getByRole('spinbutton', { name: 'sweep from' });
  await from.click();
  await from.press('ControlOrMeta+a');
  await from.pressSequentially('-1');
  await expect(from).toHaveValue('-1');

  // from above to: the "to" box is marked.
  await seconds.fill('0.2');
  await from.fill('6');
  const to = dialog.getByRole('spinbutton', { name: 'sweep to' });
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveText(
    'to: must be larger than from (6); type a larger value.',
  );
  await expect(run).toBeDisabled();
  await from.fill('0');
  await expect(to).not.toHaveAttribute('aria-invalid', 'true');
  await expect(run).toBeEnabled();
  expect(await sweepPoints(app)).toBe(6);
});

test('LIF view: the "never fires" sentence speaks of the v_in shown, and G(v_in) reaches a large v_in', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await app.getByRole('group', { name: /LIF neuron C$/ }).click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'See the math: LIF charging and rate' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  const note = dialog.getByTestId('lif-own-input');
  await expect(note).toContainText('Starts at C’s own constant input: v_in = 0');
  await expect(note).toContainText('At v_in = 0, not above vTh = 1');
  const box = dialog.getByRole('spinbutton', { name: 'v_in value' });
  await box.fill('1.5');
  await expect(dialog.getByText(/G = 41\.71 Hz/)).toBeVisible();
  await expect(note).toContainText('Starts at C’s own constant input: v_in = 0');
  await expect(note).not.toContainText('never fires');
  await box.fill('0.5');
  await expect(note).toContainText(
    'At v_in = 0.5, not above vTh = 1, v settles below it and never fires: drag v_in above 1 to see spikes.',
  );
  await box.fill('7');
  await box.blur();
  const x = await app.evaluate(() => {
    const s = window.__neurosketchTest?.charts['learn-lif-rate']?.scales['x'];
    return s ? { min: s.min, max: s.max } : null;
  });
  expect(x!.max).toBeGreaterThanOrEqual(7);
  const curveEnd = await app.evaluate(() => {
    const d = window.__neurosketchTest?.charts['learn-lif-rate']?.data.datasets[0]?.data as
      Array<{ x: number }> | undefined;
    return d?.[d.length - 1]?.x;
  });
  expect(curveEnd).toBeGreaterThanOrEqual(7);
  await screenshot(app, 'walk5-lif-view-7');
});

test('a Steps input too weak for an HH neuron says so in the synapse and the input inspector, with the value that makes it fire', async ({
  app,
  appHost,
}) => {
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'steps-hh', stepsIntoHh);
  await canvasOf(app)
    .getByRole('button', { name: /^synapse in1 to A/ })
    .click();
  const note = inspectorOf(app).getByRole('note').filter({ hasText: 'Weak drive' });
  await expect(note).toHaveText(
    'Weak drive: A receives at most J = 1.5 uA/cm^2 from its constant inputs, below the ~2.24 uA/cm^2 at which an HH neuron with default params fires even one spike: it stays at rest. Raising in1’s largest value to 6.2 or more (J ≥ 6.2) makes it fire repetitively.',
  );
  await screenshot(app, 'walk5-weak-drive');
  // The student had the Steps input selected (step-35): its panel says it too.
  await canvasOf(app).getByRole('group', { name: /in1$/ }).click();
  await expect(
    inspectorOf(app).getByRole('note').filter({ hasText: 'Weak drive: A receives at most' }),
  ).toBeVisible();
});

test('every formula of the Learn views fits its box at 1440x900: no scrollbar either way', async ({
  app,
}) => {
  // The student saw small scroll boxes with arrow buttons beside the f-I and LIF formulas at
  // 1440x900; the older check measured widths only, and the arrows were a vertical scrollbar.
  await app.setViewportSize({ width: 1440, height: 900 });
  await openExample(app, /A and B drive C/);
  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  const items = dialog.getByRole('navigation', { name: 'math views' }).getByRole('button');
  await expect(items.locator('.learn-panel__item-title').first()).toBeVisible();
  const titles = await items.locator('.learn-panel__item-title').allTextContents();
  const overflowing: string[] = [];
  for (const [i, title] of titles.entries()) {
    await items.nth(i).click();
    const view = dialog.getByRole('region', { name: `${title} view` });
    await expect(view.locator('.learn-formula').first()).toBeVisible();
    await app.evaluate(() => document.fonts.ready);
    const boxes = await view.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.learn-formula')].map((f) => ({
        x: f.scrollWidth - f.clientWidth,
        y: f.scrollHeight - f.clientHeight,
      })),
    );
    boxes.forEach(({ x, y }, k) => {
      if (x > 0 || y > 0) overflowing.push(`${title} #${k + 1}: ${x} px wide, ${y} px high`);
    });
  }
  await dialog.getByRole('button', { name: /^f-I curve/ }).click();
  await screenshot(app, 'walk5-fi-formula');
  expect(overflowing).toEqual([]);
});

test('the weight-matrix editor says b is the target’s own bias param and where a bias node’s input goes', async ({
  app,
  appHost,
}) => {
  const layer = {
    format: 'neurosketch-network',
    version: 1,
    name: 'Layer',
    simulation: { dt: 0.0001, duration: 0.1, seed: 1 },
    nodes: [
      { id: 'in1', kind: 'input', size: 2, signal: { type: 'constant', value: [1, -0.5] } },
      { id: 'P1', kind: 'population', size: 3, model: 'rate', activation: 'tanh' },
      { id: 'b1', kind: 'bias', label: 'bias1' },
    ],
    edges: [
      { id: 'w1', source: 'in1', target: 'P1', weight: 1 },
      { id: 'w2', source: 'b1', target: 'P1', weight: 1 },
    ],
    layout: { in1: { x: 0, y: 0 }, P1: { x: 300, y: 0 }, b1: { x: 0, y: 200 } },
  };
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'layer', layer);
  await canvasOf(app)
    .getByRole('button', { name: /^synapse in1 to P1/ })
    .click();
  await inspectorOf(app).getByRole('button', { name: 'Edit weight matrix…' }).click();
  const dialog = app.getByRole('dialog', { name: /weight matrix/ });
  await expect(dialog).toContainText('b is P1’s own bias param.');
  await expect(dialog).toContainText(
    'The bias node bias1 (w 1) also feeds P1: not in b, but a column of W with x = 1',
  );
  await screenshot(app, 'walk5-matrix-bias');
});

/**
 * The ink of a saved PNG's title band right of `fromCssX` (CSS px): pixels that are not the
 * band's background. The title (and a key) are the only things drawn in the band.
 */
async function bandInkRightOf(
  app: Page,
  button: ReturnType<Page['getByRole']>,
  name: string,
  fromCssX: number,
): Promise<number> {
  const download = app.waitForEvent('download');
  await button.click();
  const bytes = readFileSync(await (await download).path());
  writeFileSync(`e2e/screenshots/${name}.png`, bytes);
  return app.evaluate(
    async ({ base64, fromCssX }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const ratio = window.devicePixelRatio;
      const band = document.createElement('canvas');
      band.width = image.width;
      band.height = Math.round(28 * ratio);
      const ctx = band.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const data = ctx.getImageData(0, 0, band.width, band.height).data;
      let ink = 0;
      for (let y = 0; y < band.height; y++)
        for (let x = Math.round(fromCssX * ratio); x < band.width; x++) {
          const k = (y * band.width + x) * 4;
          if (data[k] !== data[0] || data[k + 1] !== data[1] || data[k + 2] !== data[2]) ink++;
        }
      return ink;
    },
    { base64: bytes.toString('base64'), fromCssX },
  );
}

test('exported chart PNGs say which neurons they show, and the raster’s carries the colour key', async ({
  app,
  appHost,
}) => {
  const populations = {
    format: 'neurosketch-network',
    version: 1,
    name: 'Populations',
    simulation: { dt: 0.0001, duration: 0.2, seed: 1 },
    nodes: [
      { id: 'in1', kind: 'input', size: 100, signal: { type: 'poisson', rate: 20 } },
      { id: 'P1', kind: 'population', size: 100, model: 'lif', params: { bias: 0.9 } },
    ],
    edges: [
      {
        id: 'e1',
        source: 'in1',
        target: 'P1',
        weight: { init: 'identity', value: 0.05 },
        synapse: { tauS: 0.005 },
      },
    ],
    probes: [
      { id: 'vP1', target: 'P1', variable: 'v', indices: Array.from({ length: 16 }, (_, k) => k) },
    ],
    layout: { in1: { x: 0, y: 0 }, P1: { x: 300, y: 0 } },
  };
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'walk5-pop', populations);
  await runToEnd(app);
  // "P1 · v" alone ends before 80 px; the full title reaches far past it.
  const meanInk = await bandInkRightOf(
    app,
    app.getByRole('button', { name: 'Save P1 · v chart as PNG' }),
    'walk5-png-meansd',
    120,
  );
  expect(meanInk).toBeGreaterThan(100);
  // The raster's key sits at the band's right end, where the title "Spike raster" never reaches.
  const rasterInk = await bandInkRightOf(
    app,
    app.getByRole('button', { name: /Save (the )?spike raster( chart)? as PNG/i }),
    'walk5-png-raster',
    400,
  );
  expect(rasterInk).toBeGreaterThan(100);
});
