/**
 * A student walkthrough of issue 15's work found six problems; each journey here failed before its
 * fix: Export CSV of a 100 -> 100 population run (silent, a stack overflow) and an export failure
 * said in the charts bar; a population chart that says which neurons it records and never shows an
 * empty chart for one it does not; the top bar's Learn button opening the selected element's view;
 * the start screen's footer in view at 1440x900 and 1280x720 with the student's file behind it; the
 * inspector's population rows without overlaps; the palette's softmax choice explained, and
 * recordings counted in words. Screenshots go to e2e/screenshots/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';
import { datasetLabels, openFromWorkspace, runToEnd } from './canvasHelpers';

const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');
const inspectorOf = (app: Page): Locator => app.getByRole('complementary', { name: 'inspector' });
const paletteOf = (app: Page): Locator => app.getByRole('navigation', { name: 'palette' });
const fileToolbar = (app: Page): Locator => app.getByRole('toolbar', { name: 'file' });

/** The walkthrough's circuit: Poisson (100) -> LIF population (100), all-to-all, v of 16 recorded. */
const poissonToPopulation = {
  format: 'neurosketch-network',
  version: 1,
  name: 'Poisson into a population',
  simulation: { dt: 0.0001, duration: 1, seed: 3 },
  nodes: [
    { id: 'in', kind: 'input', size: 100, label: 'in', signal: { type: 'poisson', rate: 20 } },
    { id: 'P1', kind: 'population', size: 100, model: 'lif', label: 'P1' },
  ],
  edges: [{ id: 'inP1', source: 'in', target: 'P1', weight: 0.05, synapse: { tauS: 0.005, n: 0 } }],
  probes: [
    { id: 'vP1', target: 'P1', variable: 'v', indices: Array.from({ length: 16 }, (_, k) => k) },
  ],
  layout: { in: { x: 0, y: 0 }, P1: { x: 320, y: 0 } },
};

test('a 100 -> 100 population run: Export CSV writes it, a failed export says so, the chart names its 16 recorded neurons', async ({
  app,
  appHost,
}) => {
  test.setTimeout(120_000);
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'poisson-pop', poissonToPopulation);
  await runToEnd(app);
  const charts = app.getByRole('region', { name: 'charts' });

  // Export CSV: a file, with every spike and the 16 traces of 10,001 samples.
  const download = app.waitForEvent('download');
  await charts.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('poisson-pop-run.csv');
  const lines = readFileSync(await file.path(), 'utf8').split('\n');
  expect(lines[0]).toBe('kind,id,variable,index,t_s,value');
  const spikes = await app.evaluate(() =>
    [...window.__neurosketchTest!.session!.spikes.values()].reduce((s, x) => s + x.total, 0),
  );
  expect(spikes).toBeGreaterThan(10_000);
  expect(lines.filter((l) => l.startsWith('trace,vP1,v,')).length).toBe(16 * 10_001);
  expect(lines.filter((l) => l.startsWith('spike,')).length).toBe(spikes);

  // A failed export is never silent: the bar says what failed.
  await app.evaluate(() => {
    URL.createObjectURL = () => {
      throw new Error('no room for the file');
    };
  });
  await charts.getByRole('button', { name: 'Export CSV' }).click();
  const alert = charts.getByRole('alert');
  await expect(alert).toContainText('Export CSV failed (no room for the file)');
  await screenshot(app, 'walkthrough-export-failed');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
  // So is a chart's PNG.
  await app.getByRole('button', { name: 'Save P1 · v chart as PNG' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Export failed' })).toContainText(
    'poisson-pop-run-vP1.png was not saved (no room for the file)',
  );

  // The chart says which neurons its mean is of.
  const chart = app.getByRole('figure', { name: 'P1 · v' });
  await expect(chart.getByTestId('chart-key')).toContainText(
    'P1 mean of 16 recorded (neurons 0–15 of 100)',
  );
  await expect(chart).toContainText('(neurons 0–15 of 100); band');
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: 'e2e/screenshots/walkthrough-population-mean.png' });

  // Neuron 50 is not recorded: no empty chart, the mean stays, and the note says how to record it.
  const views = chart.getByRole('group', { name: 'P1 · v: view' });
  const box = views.getByRole('spinbutton');
  await expect(box).toHaveAttribute('max', '15');
  await box.fill('50');
  await expect(chart.getByRole('status')).toContainText(
    'Neuron 50 is not recorded by this scope: it records neurons 0–15 of 100.',
  );
  await expect(chart.getByRole('status')).toContainText('add 50 to its indices');
  await expect
    .poll(() => datasetLabels(app, 'vP1'))
    .toContain('P1 mean of 16 recorded (neurons 0–15 of 100)');
  await chart.screenshot({ path: 'e2e/screenshots/walkthrough-population-neuron50.png' });

  // A recorded neuron alone; the arrows step through recorded neurons only.
  await box.fill('15');
  await expect.poll(() => datasetLabels(app, 'vP1')).toEqual(['P1[15]', 'threshold']);
  await expect(chart).toContainText('Neuron 15 alone (of 100). Recorded: neurons 0–15 of 100.');
  await box.press('ArrowUp');
  await expect(box).toHaveValue('15');
  await box.press('ArrowDown');
  await expect.poll(() => datasetLabels(app, 'vP1')).toEqual(['P1[14]', 'threshold']);

  // The circuit summary counts a chip as a recording, not as a scope.
  await app.keyboard.press('Escape');
  await canvasOf(app)
    .locator('.react-flow__pane')
    .click({ position: { x: 20, y: 100 } });
  await expect(inspectorOf(app)).toContainText('1 recording: 1 chip on a node');
});

test('Learn: see the math opens the selected node’s or synapse’s view, the last view with nothing selected', async ({
  app,
}) => {
  const learn = app.getByRole('button', { name: 'Learn: see the math' });
  const dialog = app.getByRole('dialog', { name: 'See the math' });

  // An HH neuron: HH gating.
  await openExample(app, /^HH neuron under increasing current/);
  await canvasOf(app)
    .getByRole('group', { name: /^HH neuron/ })
    .first()
    .click();
  await learn.click();
  await expect(dialog.getByRole('region', { name: 'HH gating view' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openExample(app, /^A and B drive C/);

  // LIF node A with bias 1.8: LIF charging and rate, at its own v_in.
  await canvasOf(app)
    .getByRole('group', { name: /LIF neuron A$/ })
    .click();
  const bias = inspectorOf(app).getByLabel(/^bias/);
  await bias.fill('1.8');
  await bias.press('Enter');
  await learn.click();
  await expect(dialog.getByRole('region', { name: 'LIF charging and rate view' })).toBeVisible();
  await expect(dialog.getByText('for node A')).toBeVisible();
  await expect(dialog.getByText('v_in: 1.8', { exact: true })).toBeVisible();
  await screenshot(app, 'walkthrough-learn-selected-lif');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A synapse: the PSC view of that synapse.
  await canvasOf(app)
    .getByRole('button', { name: /^synapse B to C,/ })
    .click();
  await learn.click();
  await expect(dialog.getByRole('region', { name: 'PSC filters view' })).toBeVisible();
  await expect(dialog.getByText('for synapse B → C')).toBeVisible();
  await screenshot(app, 'walkthrough-learn-selected-synapse');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Nothing selected: the last view again.
  await canvasOf(app)
    .locator('.react-flow__pane')
    .click({ position: { x: 20, y: 100 } });
  await expect(inspectorOf(app)).toContainText('Select an element to edit it.');
  await learn.click();
  await expect(dialog.getByRole('region', { name: 'PSC filters view' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('the inspector’s population parameter rows: the “same for all” choice covers neither value nor hint', async ({
  app,
}) => {
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  await paletteOf(app).getByRole('button', { name: 'Add LIF population' }).click();
  await canvasOf(app)
    .getByRole('group', { name: /LIF population/ })
    .first()
    .click();
  const inspector = inspectorOf(app);
  await expect(inspector.getByLabel('tauM mode')).toBeVisible();
  const overlaps = await inspector.evaluate((root) => {
    const found: string[] = [];
    const hit = (a: DOMRect, b: DOMRect): boolean =>
      a.left < b.right - 0.5 &&
      b.left < a.right - 0.5 &&
      a.top < b.bottom - 0.5 &&
      b.top < a.bottom - 0.5;
    for (const param of root.querySelectorAll<HTMLElement>('.param')) {
      const select = param.querySelector('select.field__mode');
      if (!select) continue;
      const box = select.getBoundingClientRect();
      for (const other of param.querySelectorAll(
        '.field__input, .field__range, .field__label, .field__meaning',
      )) {
        const r = other.getBoundingClientRect();
        if (r.width > 0 && hit(box, r))
          found.push(`${param.dataset['param']}: mode select over ${other.className}`);
      }
      const rect = root.getBoundingClientRect();
      if (box.right > rect.right + 0.5) found.push(`${param.dataset['param']}: cut at the right`);
    }
    return found;
  });
  await inspector.screenshot({ path: 'e2e/screenshots/walkthrough-inspector-params.png' });
  expect(overlaps).toEqual([]);
});

test('the palette says why a single rate neuron is not softmax', async ({ app }) => {
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  const palette = paletteOf(app);
  await palette.getByLabel('rate activation').selectOption('softmax');
  await expect(palette.getByRole('note')).toHaveText(
    'softmax needs a population: a single Rate neuron is added as logistic.',
  );
  await palette.getByRole('button', { name: 'Add Rate neuron' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'as logistic' })).toContainText(
    'softmax compares the units of a layer, so it needs a Rate population',
  );
  await screenshot(app, 'walkthrough-palette-softmax');
});

test.describe('start screen after a reload', () => {
  test.use({ startScreen: true });

  test('its footer stays in view at 1440x900 and 1280x720, with the student’s file behind it', async ({
    app,
  }) => {
    const welcome = app.getByRole('dialog', { name: 'Welcome to NeuroSketch' });
    await expect(welcome).toBeVisible();
    await welcome.getByRole('button', { name: 'New empty circuit' }).click();
    await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
    await fileToolbar(app).getByRole('button', { name: 'Save as…' }).click();
    const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
    await saveDialog.getByLabel('File name').fill('my-circuit');
    await saveDialog.getByRole('button', { name: 'Save' }).click();
    await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');

    for (const [width, height] of [
      [1440, 900],
      [1280, 720],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.reload();
      await expect(welcome).toBeVisible();
      // Behind it: the file its default button continues, not an example.
      await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');
      await expect(canvasOf(app).getByRole('group', { name: /LIF neuron A$/ })).toBeAttached();
      const go = welcome.getByRole('button', { name: 'Continue with “my-circuit.neuro”' });
      await expect(go).toBeFocused();
      const dialogBox = (await welcome.boundingBox())!;
      for (const control of [go, welcome.getByRole('checkbox', { name: 'Show at startup' })]) {
        const box = (await control.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(dialogBox.y);
        expect(box.y + box.height).toBeLessThanOrEqual(dialogBox.y + dialogBox.height - 4);
        expect(box.y + box.height).toBeLessThanOrEqual(height);
      }
      // The examples scroll inside their list.
      const list = welcome.getByRole('list', { name: 'examples' });
      const scrolls = await list.evaluate((el) => el.scrollHeight > el.clientHeight);
      expect(scrolls).toBe(true);
      await screenshot(app, `walkthrough-start-screen-${width}x${height}`);
    }
    await app.keyboard.press('Enter');
    await expect(welcome).toBeHidden();
    await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');
  });
});
