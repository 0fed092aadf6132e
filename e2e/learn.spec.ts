/**
 * Issue 7, "See the math": each view opens from the Learn panel and shows the notes' values, read
 * from the data its charts draw (the read-only test hook `learnViews`). A screenshot of each view
 * is saved for a person to look at.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, openExample, screenshot, test } from './fixtures';
import { openMathView } from './canvasHelpers';

function viewData<T>(app: Page, viewId: string): Promise<T | undefined> {
  return app.evaluate(
    (id) => window.__neurosketchTest?.learnViews?.[id]?.data as T | undefined,
    viewId,
  );
}

test('HH gating: m_inf(-40 mV) is 0.50 at the dragged marker', async ({ app }) => {
  const dialog = await openMathView(app, /^HH gating/);
  await expect(dialog.getByRole('region', { name: 'HH gating view' })).toBeVisible();
  await dialog.getByRole('slider', { name: 'V marker (mV)' }).fill('-40');
  await expect(dialog.getByText('V marker: -40 mV')).toBeVisible();
  const data = await viewData<{
    marker: { v: number; mInf: number; hInf: number; naOpen: number };
  }>(app, 'hhGating');
  expect(data?.marker.v).toBe(-40);
  expect(Math.abs(data!.marker.mInf - 0.5)).toBeLessThan(0.01);
  expect(data!.marker.hInf).toBeLessThan(0.1);
  expect(data!.marker.naOpen).toBeCloseTo(data!.marker.mInf ** 3 * data!.marker.hInf, 12);
  await expect(dialog.getByRole('img', { name: /Steady states/ })).toBeVisible();
  await screenshot(app, 'learn-hh-gating');
});

test('HH under input current: rest, one spike, spiking, faster, block', async ({ app }) => {
  const dialog = await openMathView(app, /^HH under input current/);
  await expect(dialog.getByText(/about 2\.5 µA\/cm² gives a single onset spike/)).toBeVisible();
  const data = await viewData<{ regimes: Array<{ current: number; spikes: number[] }> }>(
    app,
    'hhCurrent',
  );
  const counts = data!.regimes.map((r) => r.spikes.length);
  expect(counts[0]).toBe(0);
  expect(counts[1]).toBe(1);
  expect(counts[2]).toBeGreaterThan(3);
  expect(counts[3]).toBeGreaterThan(counts[2]!);
  expect(counts[4]).toBe(1);
  await screenshot(app, 'learn-hh-current');
});

test('LIF: G(2) is the formula and the engine points sit on it', async ({ app }) => {
  const dialog = await openMathView(app, /^LIF charging and rate/);
  await expect(dialog.getByRole('img', { name: /Firing rate G/ })).toBeVisible();
  type LifData = {
    params: { tauM: number; tauRef: number; vTh: number; vReset: number };
    curve: { vIn: number[]; rate: number[] };
    simulated: Array<{ current: number; rate: number }>;
    simulatedState: string;
  };
  await expect
    .poll(async () => (await viewData<LifData>(app, 'lif'))?.simulatedState, { timeout: 30_000 })
    .toBe('done');
  const data = (await viewData<LifData>(app, 'lif'))!;
  // The opening circuit's neuron N: tauM 20 ms, tauRef 2 ms, vTh 1, vReset 0.
  expect(data.params).toEqual({ tauM: 0.02, tauRef: 0.002, vTh: 1, vReset: 0 });
  const G = (v: number) =>
    v > data.params.vTh
      ? 1 /
        (data.params.tauRef +
          data.params.tauM * Math.log((v - data.params.vReset) / (v - data.params.vTh)))
      : 0;
  const i = data.curve.vIn.indexOf(2);
  expect(i).toBeGreaterThan(0);
  expect(Math.abs(data.curve.rate[i]! - G(2))).toBeLessThan(1e-6);
  expect(data.simulated.length).toBeGreaterThanOrEqual(8);
  for (const p of data.simulated) expect(Math.abs(p.rate - G(p.current))).toBeLessThan(1e-4);
  expect(data.simulated.some((p) => p.current === 2)).toBe(true);
  await screenshot(app, 'learn-lif');
});

test('LIF: picking a neuron shows it at its own constant drive', async ({ app }) => {
  await openExample(app, /A and B drive C/);
  const dialog = await openMathView(app, /^LIF charging and rate/);
  const picker = dialog.getByLabel('LIF neuron');
  await picker.selectOption('B');
  await expect(dialog.getByText('v_in: 2', { exact: true })).toBeVisible();
  await picker.selectOption('A');
  await expect(dialog.getByText('v_in: 1.5', { exact: true })).toBeVisible();
});

test('Learn: the first pick of the standard neuron takes, the header follows every pick, and v_in can be typed beyond the slider', async ({
  app,
}) => {
  // The fourth walkthrough: with C picked, "standard LIF neuron" snapped back to C on the first
  // pick (the view reopened with '' read as "no choice": the first neuron), while the panel
  // already said it was untied; the f-I and HH gating views never moved the header at all.
  await openExample(app, /A and B drive C/);
  await app.getByRole('group', { name: /LIF neuron C$/ }).click({ button: 'right' });
  await app.getByRole('menuitem', { name: 'See the math: LIF charging and rate' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  await expect(dialog.getByText('for node C')).toBeVisible();
  // C has no bias and two synapses: v_in 0, and the note says why nothing fires.
  await expect(dialog.getByTestId('lif-own-input')).toContainText(
    'its 2 other inputs (synapses, varying signals) are not included',
  );
  await expect(dialog.getByTestId('lif-own-input')).toContainText('drag v_in above 1');
  const picker = dialog.getByLabel('LIF neuron');
  await picker.selectOption('');
  await expect(picker).toHaveValue('');
  await expect(dialog.getByText('for node C')).toHaveCount(0);
  await expect(dialog.getByTestId('lif-own-input')).toHaveCount(0);
  await expect(dialog.getByText('v_in: 2', { exact: true })).toBeVisible();
  await picker.selectOption('B');
  await expect(dialog.getByText('for node B')).toBeVisible();
  await expect(dialog.getByText('v_in: 2', { exact: true })).toBeVisible();
  // A number box beside the slider; a typed 12 widens the slider to reach it.
  await dialog.getByRole('spinbutton', { name: 'v_in value' }).fill('12');
  await expect(dialog.getByText('v_in: 12', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('slider', { name: 'v_in' })).toHaveAttribute('max', '12');
  expect((await viewData<{ vIn: number }>(app, 'lif'))?.vIn).toBe(12);

  // The f-I view: its header follows its own picker too.
  await dialog
    .getByRole('navigation', { name: 'math views' })
    .getByRole('button', { name: /^f-I curve/ })
    .click();
  await expect(dialog.getByText('for node B')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'neuron' }).selectOption('A');
  await expect(dialog.getByText('for node A')).toBeVisible();
  await screenshot(app, 'learn-picker-follows');
});

test('Activations: the five curves, softmax sums to 1, one-hot picks the max', async ({ app }) => {
  const dialog = await openMathView(app, /^Activation functions/);
  await dialog.getByRole('slider', { name: 'z' }).fill('0');
  await dialog.getByRole('textbox', { name: 'vector z' }).fill('1, 3, 0.5, -1');
  type ActData = {
    z: number;
    readout: Record<string, number>;
    softmax: number[];
    onehot: number[];
  };
  await expect
    .poll(async () => (await viewData<ActData>(app, 'activations'))?.onehot)
    .toEqual([0, 1, 0, 0]);
  const data = (await viewData<ActData>(app, 'activations'))!;
  expect(data.readout['logistic']).toBe(0.5);
  expect(data.readout['threshold']).toBe(1);
  expect(data.softmax.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  expect(data.softmax[1]).toBeCloseTo(
    Math.exp(3) / [1, 3, 0.5, -1].reduce((a, z) => a + Math.exp(z), 0),
    12,
  );
  await screenshot(app, 'learn-activations');
});

test('PSC filters: the area of h is 1 for any tau_s and n', async ({ app }) => {
  const dialog = await openMathView(app, /^PSC filters/);
  const area = async () => (await viewData<{ area: number; n: number }>(app, 'psc'))!;
  expect(Math.abs((await area()).area - 1)).toBeLessThan(1e-3);
  await dialog.getByRole('spinbutton', { name: 'n' }).fill('3');
  await expect.poll(async () => (await area()).n).toBe(3);
  expect(Math.abs((await area()).area - 1)).toBeLessThan(1e-3);
  await expect(dialog.getByTestId('psc-area')).toContainText('1.000000');
  await screenshot(app, 'learn-psc');
  // Export: the data as CSV and a chart as PNG, through ordinary downloads.
  const [csv] = await Promise.all([
    app.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save data as CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('psc.csv');
  const csvText = readFileSync((await csv.path())!, 'utf8');
  expect(csvText.split('\n')[0]).toBe('t_s,s_per_s');
  expect(csvText.split('\n').length).toBeGreaterThan(1000);
  const [png] = await Promise.all([
    app.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save h(t), area shaded as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('learn-psc-kernel.png');
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
});

test('f-I curve: the HH neuron is silent below threshold and fires above it', async ({ app }) => {
  const dialog = await openMathView(app, /^f-I curve/);
  // The spec's HH example neuron (hh-current-steps.neuro's H) has the spec defaults.
  await dialog
    .getByRole('combobox', { name: 'neuron' })
    .selectOption({ label: 'standard HH neuron (default parameters)' });
  await dialog.getByRole('button', { name: 'Run sweep' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'sweep progress' })).toBeVisible();
  type FiData = {
    model: string;
    state: string;
    points: Array<{ current: number; rate: number }>;
    error: string | null;
  };
  await expect
    .poll(
      async () => {
        const d = await viewData<FiData>(app, 'fi');
        return d?.state === 'error' ? `error: ${d.error}` : d?.state;
      },
      { timeout: 120_000 },
    )
    .toBe('done');
  const data = (await viewData<FiData>(app, 'fi'))!;
  expect(data.model).toBe('hh');
  const rateAt = (j: number) => data.points.find((p) => p.current === j)!.rate;
  for (const p of data.points) {
    if (p.current <= 2) expect(p.rate).toBe(0);
    if (p.current >= 8) expect(p.rate).toBeGreaterThan(30);
  }
  expect(rateAt(20)).toBeGreaterThan(rateAt(10));
  await screenshot(app, 'learn-fi-hh');
});

test('f-I curve: a LIF sweep shows progress, can be cancelled, and matches G', async ({ app }) => {
  const dialog = await openMathView(app, /^f-I curve/);
  await dialog.getByRole('spinbutton', { name: 'sweep points' }).fill('400');
  await dialog.getByRole('spinbutton', { name: 'seconds per point' }).fill('20');
  await dialog.getByRole('button', { name: 'Run sweep' }).click();
  await dialog.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(dialog.getByTestId('sweep-status')).toContainText('cancelled');
  await dialog.getByRole('spinbutton', { name: 'sweep points' }).fill('26');
  await dialog.getByRole('spinbutton', { name: 'seconds per point' }).fill('1');
  await dialog.getByRole('button', { name: 'Run sweep' }).click();
  await expect(dialog.getByTestId('sweep-status')).toContainText('done: 26 points', {
    timeout: 30_000,
  });
  const data = (await viewData<{ points: Array<{ current: number; rate: number }> }>(app, 'fi'))!;
  const G = (v: number) => (v > 1 ? 1 / (0.002 + 0.02 * Math.log(v / (v - 1))) : 0);
  for (const p of data.points) expect(Math.abs(p.rate - G(p.current))).toBeLessThan(1e-4);
  await screenshot(app, 'learn-fi-lif');
});

test('Weight matrix: z = Wx + b of the opening circuit', async ({ app }) => {
  const dialog = await openMathView(app, /^Weight matrix/);
  await expect(dialog.getByRole('region', { name: 'Weight matrix view' })).toBeVisible();
  const data = (await viewData<{ W: number[][]; x: number[]; b: number[]; z: number[] }>(
    app,
    'weights',
  ))!;
  // drive (constant 1.5) -> N with weight 1, no bias.
  expect(data.W).toEqual([[1]]);
  expect(data.x).toEqual([1.5]);
  expect(data.b).toEqual([0]);
  expect(data.z).toEqual([1.5]);
  await screenshot(app, 'learn-weights');
});

test("Weight matrix: A and B drive C, all of C's inputs, x the measured rates", async ({ app }) => {
  await app.getByRole('button', { name: /Examples/ }).click();
  await app.getByRole('button', { name: /A and B drive C/ }).click();
  await expect(app).toHaveTitle(/two-drive-one\.neuro/);
  type WeightsData = {
    targetId: string;
    W: number[][];
    x: number[];
    b: number[];
    z: number[];
    hasBias: boolean;
    blocks: Array<{ sourceId: string; activity: { kind: string } }>;
    measured: { probeId: string; variable: string; how: string; values: number[] } | null;
  };
  // Before a run a spiking neuron's rate is unknown: x = 0, and the view says so.
  let dialog = await openMathView(app, /^Weight matrix/);
  let data = (await viewData<WeightsData>(app, 'weights'))!;
  expect(data.targetId).toBe('C');
  expect(data.x).toEqual([0, 0]);
  await expect(dialog.getByRole('table', { name: 'inputs of C' })).toContainText(
    'until the circuit runs',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  dialog = await openMathView(app, /^Weight matrix/);
  await dialog.getByRole('combobox', { name: 'target Y (the rows of W)' }).selectOption('C');
  await dialog.getByRole('button', { name: 'Read x again' }).click();
  data = (await viewData<WeightsData>(app, 'weights'))!;
  // The example's weights: w_CA = 0.05 (wCA), w_CB = -0.02 (wCB); C has no bias.
  expect(data.blocks.map((b) => b.sourceId)).toEqual(['A', 'B']);
  expect(data.W).toEqual([[0.05, -0.02]]);
  expect(data.hasBias).toBe(false);
  expect(data.b).toEqual([0]);
  // x: the firing rates of A and B over the run, G(1.5) = 41.71 Hz and G(2) = 63.04 Hz.
  const G = (j: number) => 1 / (0.002 + 0.02 * Math.log(j / (j - 1)));
  expect(data.blocks.map((b) => b.activity.kind)).toEqual(['rate', 'rate']);
  expect(Math.abs(data.x[0]! - G(1.5))).toBeLessThan(1e-3);
  expect(Math.abs(data.x[1]! - G(2))).toBeLessThan(1e-3);
  expect(data.x[0]).toBeCloseTo(41.71, 2);
  expect(data.x[1]).toBeCloseTo(63.04, 2);
  // The same rates the spike summary reports (to its rounding).
  const summary = (await app.getByTestId('spike-summary').textContent()) ?? '';
  for (const [name, x] of [
    ['A', data.x[0]!],
    ['B', data.x[1]!],
  ] as const) {
    const reported = new RegExp(`${name}: \\d+ spikes\\D*?([\\d.]+) Hz`).exec(summary);
    expect(reported, `the summary gives ${name}'s rate: ${summary}`).not.toBeNull();
    expect(Math.abs(Number(reported![1]) - x)).toBeLessThan(0.1);
  }
  expect(data.z[0]).toBeCloseTo(0.05 * data.x[0]! - 0.02 * data.x[1]!, 12);
  // C's s probe (J = s, no bias param) is compared: its mean is about z.
  expect(data.measured).toMatchObject({ probeId: 'sC', variable: 's', how: 'mean' });
  expect(Math.abs(data.measured!.values[0]! - data.z[0]!) / data.z[0]!).toBeLessThan(0.05);
  await expect(dialog.getByTestId('weights-measured')).toContainText('Measured: the mean of J');
  await expect(dialog.getByText(/For a spiking source, x is its firing rate/)).toBeVisible();
  await screenshot(app, 'learn-weights-two-drive-one');
});

test("A node's context menu opens its views, tied to that node", async ({ app }) => {
  const item = app.getByRole('menuitem', { name: 'See the math: LIF charging and rate' });
  // The canvas may still be fitting its view when it first shows: right-click until the node's
  // menu (not the canvas') is open.
  await expect(async () => {
    await app.keyboard.press('Escape');
    await app.getByRole('group', { name: /neuron LIF$/ }).click({ button: 'right' });
    await expect(item).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await item.click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  await expect(dialog.getByRole('region', { name: 'LIF charging and rate view' })).toBeVisible();
  await expect(dialog.getByText('for node LIF')).toBeVisible();
  const data = await viewData<{ nodeId: string | null; vIn: number }>(app, 'lif');
  expect(data?.nodeId).toBe('N');
  // The node's own drive: the constant input 1.5 through weight 1.
  expect(data?.vIn).toBe(1.5);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('every formula fits its box at 1280x800 and 1024x700, without a scrollbar', async ({
  app,
}) => {
  const overflowing: string[] = [];
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1024, height: 700 },
  ]) {
    await app.setViewportSize(size);
    await app.getByRole('button', { name: 'Learn: see the math' }).click();
    const dialog = app.getByRole('dialog', { name: 'See the math' });
    const items = dialog.getByRole('navigation', { name: 'math views' }).getByRole('button');
    // allTextContents does not wait: read the list once the panel shows it.
    await expect(items.locator('.learn-panel__item-title').first()).toBeVisible();
    const titles = await items.locator('.learn-panel__item-title').allTextContents();
    expect(titles.length).toBeGreaterThanOrEqual(7);
    for (const [i, title] of titles.entries()) {
      await items.nth(i).click();
      const view = dialog.getByRole('region', { name: `${title} view` });
      await expect(view.locator('.learn-formula').first()).toBeVisible();
      // How far each formula reaches past its own box (a scrollbar) and past the view (the whole
      // panel scrolls sideways), in pixels.
      const widths = await view.evaluate((el) => {
        const right = el.getBoundingClientRect().right;
        return [...el.querySelectorAll<HTMLElement>('.learn-formula')].map((f) =>
          Math.max(
            f.scrollWidth - f.clientWidth,
            Math.round(f.getBoundingClientRect().right - right),
          ),
        );
      });
      widths.forEach((px, k) => {
        if (px > 0)
          overflowing.push(`${title} #${k + 1} at ${size.width}x${size.height}: ${px} px`);
      });
      const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await screenshot(app, `learn-fit-${size.width}x${size.height}-${slug}`);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  expect(overflowing).toEqual([]);
});
