/**
 * The second student walkthrough of issue 15 (messages and small items); each journey here failed
 * before its fix. Screenshots go to e2e/screenshots/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openExample, screenshot, test } from './fixtures';
import {
  canvasOf,
  documentOf,
  inspectorOf,
  openFromWorkspace,
  paletteOf,
  runToEnd,
  startEmpty,
} from './canvasHelpers';

/** 40 ReLU units, biases spread from -1 to 1: about half are silent (y = 0), half active. */
const reluPopulation = {
  format: 'neurosketch-network',
  version: 1,
  name: 'ReLU population',
  simulation: { dt: 0.001, duration: 0.2, seed: 5 },
  nodes: [
    {
      id: 'R',
      kind: 'population',
      size: 40,
      model: 'rate',
      activation: 'relu',
      label: 'R',
      params: { bias: { init: 'uniform', low: -1, high: 1 } },
    },
  ],
  edges: [],
  probes: [{ id: 'yR', target: 'R', variable: 'y' }],
  layout: { R: { x: 0, y: 0 } },
};

test('the winner-take-all: its no-delay cycle said in plain words, a restart question names the synapse C → B', async ({
  app,
}) => {
  await openExample(app, /Winner-take-all/);
  await runToEnd(app);
  await expect(app.getByTestId('cycles-summary')).toHaveText(
    'A, B and C act on each other with no delay: in each step their spikes are solved together, ' +
      'each acting at its exact instant (solved exactly)',
  );

  // Export CSV: the time column says its unit (the CLI keeps the contract's `t`).
  const download = app.waitForEvent('download');
  await app
    .getByRole('region', { name: 'charts' })
    .getByRole('button', { name: 'Export CSV' })
    .click();
  const csv = readFileSync(await (await download).path(), 'utf8').split('\n');
  expect(csv[0]).toBe('kind,id,variable,index,t_s,value');
  expect(csv.some((l) => l.startsWith('trace,vA,v,0,0.0001,'))).toBe(true);

  // A structural change while the run is active: the dialog names the synapse as drawn.
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('paused');
  await canvasOf(app).locator('[data-edge-id="wBC"]').click();
  await app.keyboard.press('Delete');
  const dialog = app.getByRole('dialog', { name: /Restart the run/ });
  await expect(dialog).toContainText('synapse C → B removed');
  await expect(dialog).not.toContainText('wBC');
  await screenshot(app, 'walkthrough-2-restart-names');
  await dialog.getByRole('button', { name: 'Keep running' }).click();
});

test('a ReLU population: its mean ± SD band never dips below 0; its heat map has one colour bar', async ({
  app,
  appHost,
}) => {
  await openFromWorkspace(app, appHost.folders.workspaceDir, 'relu-pop', reluPopulation);
  await runToEnd(app);
  const chart = app.getByRole('figure', { name: 'R · y' });
  await expect(chart).toContainText('band: mean ± 1 SD');
  const band = await app.evaluate(() => {
    const data = window.__neurosketchTest!.charts['yR']!.data.datasets;
    const ys = (label: string) =>
      (data.find((d) => d.label === label)!.data as Array<{ y: number }>).map((p) => p.y);
    return { lower: ys('R mean − 1 SD'), mean: ys('R mean of 40') };
  });
  expect(band.lower.length).toBeGreaterThan(100);
  // Half the units are silent, so the SD exceeds the mean: unclamped, the band went below 0.
  expect(Math.min(...band.lower)).toBe(0);
  expect(Math.max(...band.mean)).toBeGreaterThan(0.1);
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: 'e2e/screenshots/walkthrough-2-relu-band.png' });

  // The heat map: the colour bar is drawn once (inside the plot, so the PNG has it); the head
  // names the colours and their range in words.
  await chart
    .getByRole('group', { name: 'R · y: view' })
    .getByRole('button', { name: 'heat map' })
    .click();
  await expect(chart.getByRole('img', { name: 'R · y heat map' })).toBeVisible();
  const legend = chart.getByTestId('heat-legend');
  await expect(legend).toContainText('colour: y (activity)');
  await expect(legend).toContainText(/0\s*to\s*\d/);
  await expect(chart.getByRole('img', { name: /colour scale/ })).toHaveCount(0);
  await chart.screenshot({ path: 'e2e/screenshots/walkthrough-2-heatmap-one-bar.png' });
});

test('keep or revert after a run with a restart: every node changed, its value before the run and now', async ({
  app,
}) => {
  await openExample(app, /Winner-take-all/);
  // One rule for every slider's range: a bias (which may be negative) as far below 0 as above.
  const aBias = app.getByRole('slider', { name: 'A bias' });
  await expect(aBias).toHaveAttribute('min', '-2.4');
  await expect(aBias).toHaveAttribute('max', '2.4');
  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  const setValue = async (label: string, value: string): Promise<void> => {
    const box = app.getByLabel(label, { exact: true });
    await box.fill(value);
    await box.press('Enter');
  };
  await expect(app.getByTestId('sim-clock')).toContainText('running');
  await setValue('B bias value', '1.4');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  // A change that needs a restart, restarted: the run goes on with B's change.
  await canvasOf(app).locator('[data-edge-id="wBC"]').click();
  await app.keyboard.press('Delete');
  await app
    .getByRole('dialog', { name: /Restart the run/ })
    .getByRole('button', { name: 'Restart' })
    .click();
  await expect(app.getByTestId('sim-clock')).toContainText('running');
  await setValue('C bias value', '1.5');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  await app.getByRole('button', { name: 'Stop', exact: true }).click();
  const offer = app.getByRole('group', { name: 'slider changes' });
  await expect(offer).toContainText('B bias 1.199 → 1.4, C bias 1.198 → 1.5');
  await screenshot(app, 'walkthrough-2-keep-revert');
  // B moved back to its value from before the run: no change left to keep or revert for B.
  await setValue('B bias value', '1.199');
  await expect(offer).toContainText('Sliders moved during the run: C bias 1.198 → 1.5.');
  await offer.getByRole('button', { name: 'Revert' }).click();
  await expect(app.getByLabel('C bias value', { exact: true })).toHaveValue('1.198');
});

test('a selected rate unit: Learn opens the activations at its own z; softmax explained on a drag too', async ({
  app,
}) => {
  await startEmpty(app);
  const palette = paletteOf(app);
  await palette.getByLabel('rate activation').selectOption('relu');
  await palette.getByRole('button', { name: 'Add Rate neuron' }).click();
  const bias = inspectorOf(app).getByLabel(/^bias/);
  await bias.fill('1.5');
  await bias.press('Enter');
  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  const view = dialog.getByRole('region', { name: 'Activation functions view' });
  await expect(view).toBeVisible();
  await expect(view.getByRole('slider', { name: 'z' })).toHaveValue('1.5');
  await expect(view.getByRole('table', { name: 'activations at z' })).toContainText(
    'relu(1.5) = 1.5',
  );
  const labels = await app.evaluate(() =>
    Object.values(window.__neurosketchTest!.charts).flatMap((c) =>
      c.data.datasets.map((d) => d.label ?? ''),
    ),
  );
  expect(labels).toContain('relu (this node)');
  await screenshot(app, 'walkthrough-2-learn-rate-unit');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Softmax chosen, a single Rate neuron dragged in: the same notice as a click gives.
  await palette.getByLabel('rate activation').selectOption('softmax');
  await palette
    .getByRole('button', { name: 'Add Rate neuron' })
    .dragTo(canvasOf(app), { targetPosition: { x: 500, y: 300 } });
  await expect(app.getByRole('status').filter({ hasText: 'as logistic' })).toContainText(
    'softmax compares the units of a layer, so it needs a Rate population',
  );
  const doc = await documentOf(app);
  expect(doc.nodes).toHaveLength(2);
});

test('Save As names a circuit that had no name of its own after its file; a name of its own stays', async ({
  app,
  appHost,
}) => {
  await startEmpty(app);
  await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  const header = app.getByRole('banner').getByRole('heading', { level: 1 });
  await expect(header).toContainText('Untitled circuit');
  const saveAs = async (name: string): Promise<void> => {
    await app
      .getByRole('toolbar', { name: 'file' })
      .getByRole('button', { name: 'Save as…' })
      .click();
    const dialog = app.getByRole('dialog', { name: 'Save the circuit as' });
    await dialog.getByLabel('File name').fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(app).toHaveTitle(`${name}.neuro — NeuroSketch`);
  };
  await saveAs('my-wta');
  await expect(header).toContainText('my-wta');
  await expect(header).not.toContainText('Untitled circuit');
  const saved = JSON.parse(
    readFileSync(path.join(appHost.folders.workspaceDir, 'my-wta.neuro'), 'utf8'),
  ) as { name?: string };
  expect(saved.name).toBe('my-wta');
  await expect(app.getByTestId('unsaved-marker')).toHaveCount(0);
  await screenshot(app, 'walkthrough-2-save-as-name');
  // Saved again under another file name: the circuit keeps the name it now has.
  await saveAs('copy-of-wta');
  await expect(header).toContainText('my-wta');
});

test('the run summary says when the circuit changed after the run, and follows the next run', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await runToEnd(app);
  const summary = app.getByTestId('spike-summary');
  const first = await summary.innerText();
  const stale = app.getByTestId('stale-summary');
  await expect(stale).toHaveCount(0);
  // A changed after the run: the counts are the last run's, and the panel says so.
  await canvasOf(app)
    .getByRole('group', { name: /LIF neuron A$/ })
    .click();
  const bias = inspectorOf(app).getByLabel(/^bias/);
  await bias.fill('3');
  await bias.press('Enter');
  await expect(stale).toContainText('These results are from the last run: the circuit has changed');
  await screenshot(app, 'walkthrough-2-stale-summary');
  // The next run: the summary is of it, and the note is gone.
  await runToEnd(app);
  await expect(stale).toHaveCount(0);
  await expect(summary).not.toHaveText(first);
  // The summary counts this run's spikes (read together: the last frames may still arrive).
  await expect
    .poll(async () => {
      const total = await app.evaluate(
        () => window.__neurosketchTest!.session!.spikes.get('A')!.total,
      );
      return (await summary.innerText()).includes(`A: ${total} spikes`);
    })
    .toBe(true);
});

test('the f-I curve of an HH neuron: no LIF formula, measured by simulation, the line broken at the onset jump', async ({
  app,
}) => {
  test.setTimeout(120_000);
  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  await dialog
    .getByRole('navigation', { name: 'math views' })
    .getByRole('button', { name: /^f-I curve/ })
    .click();
  await dialog
    .getByRole('combobox', { name: 'neuron' })
    .selectOption({ label: 'standard HH neuron (default parameters)' });
  const view = dialog.getByRole('region', { name: 'f-I curve view' });
  await expect(view).toContainText(
    'HH has no formula for its rate: this curve is measured by simulation',
  );
  await expect(view).not.toContainText('For LIF the blue curve is the formula');
  await expect(view.locator('annotation')).not.toContainText('ln');
  await dialog.getByRole('spinbutton', { name: 'sweep points' }).fill('11');
  await dialog.getByRole('spinbutton', { name: 'seconds per point' }).fill('0.3');
  await dialog.getByRole('button', { name: 'Run sweep' }).click();
  await expect(dialog.getByTestId('sweep-status')).toContainText('done: 11 points', {
    timeout: 100_000,
  });
  const line = await app.evaluate(() => {
    const chart = window.__neurosketchTest!.charts['learn-fi']!;
    const rate = chart.data.datasets.find((d) => d.label === 'rate (engine)')!;
    return rate.data as Array<{ x: number; y: number | null }>;
  });
  // Silent at 0 and 2, firing from some input on: a gap between the last 0 and the first rate.
  const first = line.findIndex((p) => p.y !== null && p.y > 0);
  expect(first).toBeGreaterThan(1);
  expect(line[first - 1]!.y).toBeNull();
  expect(line[first - 2]!.y).toBe(0);
  expect(line.filter((p) => p.y === null)).toHaveLength(1);
  await screenshot(app, 'walkthrough-2-fi-hh');
});

test('with the charts panel at its tallest, every palette item is in reach without scrolling at 1440x900', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1440, height: 900 });
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  const splitter = app.getByRole('separator', { name: 'Resize the charts panel' });
  await splitter.focus();
  await splitter.press('End');
  const palette = paletteOf(app);
  const items = palette.getByRole('button', { name: /^Add / });
  expect(await items.count()).toBeGreaterThan(15);
  const { scrolls, outside } = await palette.evaluate((nav) => {
    const box = nav.getBoundingClientRect();
    const out = [...nav.querySelectorAll('button[aria-label^="Add "]')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.top < box.top || r.bottom > box.bottom + 0.5;
      })
      .map((b) => b.getAttribute('aria-label'));
    return { scrolls: nav.scrollHeight > nav.clientHeight + 1, outside: out };
  });
  expect(outside).toEqual([]);
  expect(scrolls).toBe(false);
  // The last item answers a click where it is drawn.
  await palette.getByRole('button', { name: 'Add Scope' }).click();
  await screenshot(app, 'walkthrough-2-palette-charts-tall');
});
