/**
 * Issue 15, items 11 and spike-train analysis: a 100-neuron population's v chart shows the mean
 * with a ±1 SD band (not 16 overlaid lines), switches to a neuron-by-time heat map and to one
 * neuron alone; the spike-train analysis of the CUBA example shows an ISI histogram, the CV of the
 * ISIs and a PSTH, equal to the same measures computed here from the CLI's spikes, and exports
 * them as CSV. Screenshots go to e2e/screenshots/ for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';
import { datasetLabels, runToEnd } from './canvasHelpers';

/** 100 LIF neurons, each driven by its own Poisson train (one-to-one) near threshold. */
const population = {
  format: 'neurosketch-network',
  version: 1,
  name: 'Population of 100',
  simulation: { dt: 0.0001, duration: 1, seed: 7 },
  nodes: [
    {
      id: 'in',
      kind: 'input',
      size: 100,
      label: 'Poisson',
      signal: { type: 'poisson', rate: 1000 },
    },
    {
      id: 'P',
      kind: 'population',
      size: 100,
      model: 'lif',
      label: 'P',
      params: {
        tauM: 0.02,
        tauRef: 0.002,
        vTh: 1,
        vReset: 0,
        bias: 0.7,
        v0: { init: 'uniform', low: 0, high: 1 },
      },
    },
  ],
  edges: [
    {
      id: 'inP',
      source: 'in',
      target: 'P',
      weight: { init: 'identity', value: 0.0003 },
      synapse: { tauS: 0.005, n: 0 },
    },
  ],
  probes: [{ id: 'vP', target: 'P', variable: 'v' }],
  layout: { in: { x: 0, y: 0 }, P: { x: 300, y: 0 } },
};

/**
 * Points of dataset `index` of chart `id` checked against the recorded samples: for each point,
 * `reduce` of the 100 neurons' values at that sample. Returns the largest difference.
 */
async function worstDifference(
  app: Page,
  id: string,
  index: number,
  reduce: 'mean' | 'mean-sd' | 'mean+sd' | number,
): Promise<{ points: number; worst: number }> {
  return app.evaluate(
    ({ id, index, reduce }) => {
      const hooks = window.__neurosketchTest!;
      const session = hooks.session!;
      const buffer = session.traces.get('vP')!;
      const data = hooks.charts[id]!.data.datasets[index]!.data as Array<{ x: number; y: number }>;
      let worst = 0;
      for (const point of data) {
        const step = Math.round(point.x / (session.dt * 1000));
        // The run fits in the ring: sample k sits in slot k.
        const k = buffer.steps.indexOf(step);
        const values = buffer.values.map((v) => v[k]!);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
        const expected =
          typeof reduce === 'number'
            ? values[reduce]!
            : reduce === 'mean'
              ? mean
              : reduce === 'mean-sd'
                ? mean - sd
                : mean + sd;
        worst = Math.max(worst, Math.abs(point.y - expected));
      }
      return { points: data.length, worst };
    },
    { id, index, reduce },
  );
}

test('a 100-neuron population: mean ± 1 SD by default, a heat map on switch, one neuron alone', async ({
  app,
  appHost,
}) => {
  writeFileSync(
    path.join(appHost.folders.workspaceDir, 'population.neuro'),
    JSON.stringify(population, null, 2),
  );
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'Open…' }).click();
  await app
    .getByRole('dialog', { name: 'Open a circuit' })
    .getByRole('button', { name: /population/ })
    .click();
  await expect(app).toHaveTitle('population.neuro — NeuroSketch');
  await runToEnd(app);

  // Mean and band, not 16 lines: three datasets and the threshold, each point the real statistic.
  const chart = app.getByRole('figure', { name: 'P · v' });
  await expect(chart).toContainText('band: mean ± 1 SD');
  await expect(chart.getByTestId('chart-key')).toHaveText(/P mean of 100\s*± 1 SD/);
  expect(await datasetLabels(app, 'vP')).toEqual([
    'P mean of 100',
    'P mean − 1 SD',
    'P mean + 1 SD',
    'threshold',
  ]);
  for (const [index, reduce] of [
    [0, 'mean'],
    [1, 'mean-sd'],
    [2, 'mean+sd'],
  ] as const) {
    const { points, worst } = await worstDifference(app, 'vP', index, reduce);
    expect(points).toBeGreaterThan(100);
    expect(worst).toBeLessThan(1e-12);
  }
  const views = chart.getByRole('group', { name: 'P · v: view' });
  await expect(views.getByRole('button', { name: 'mean ± SD' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await chart.scrollIntoViewIfNeeded();
  await screenshot(app, 'charts-population-mean-band');
  await chart.screenshot({ path: 'e2e/screenshots/charts-population-mean-band-chart.png' });

  // The heat map: one row per neuron, painted across the run, with its colour scale.
  await views.getByRole('button', { name: 'heat map' }).click();
  await expect(chart.getByRole('img', { name: 'P · v heat map' })).toBeVisible();
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchTest!.heatMaps?.['vP']?.columns ?? 0))
    .toBeGreaterThan(200);
  const heat = await app.evaluate(() => window.__neurosketchTest!.heatMaps!['vP']!);
  expect(heat.rows).toBe(100);
  expect(heat.lo).toBeGreaterThanOrEqual(0);
  expect(heat.hi).toBeLessThanOrEqual(1);
  expect(heat.hi - heat.lo).toBeGreaterThan(0.5);
  await expect(chart.getByTestId('heat-legend')).toContainText('v (dimensionless)');
  await chart.screenshot({ path: 'e2e/screenshots/charts-population-heatmap-chart.png' });
  const png = app.waitForEvent('download');
  await chart.getByRole('button', { name: 'Save P · v heat map as PNG' }).click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toMatch(/-vP-heatmap\.png$/);
  const pngBytes = readFileSync(await pngFile.path());
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  writeFileSync('e2e/screenshots/charts-population-heatmap-export.png', pngBytes);

  // One neuron alone, by its index: its own samples.
  await views.getByRole('spinbutton').fill('42');
  await expect(views.getByRole('button', { name: 'neuron #' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => datasetLabels(app, 'vP')).toEqual(['P[42]', 'threshold']);
  const alone = await worstDifference(app, 'vP', 0, 42);
  expect(alone.points).toBeGreaterThan(100);
  expect(alone.worst).toBe(0);
  await expect(chart).toContainText('Neuron 42 alone (of 100)');
  await chart.screenshot({ path: 'e2e/screenshots/charts-population-neuron-chart.png' });

  // Typed digit by digit from another view: the view switches at the first digit, the second
  // still lands in the box.
  await views.getByRole('button', { name: 'heat map' }).click();
  await views.getByRole('spinbutton').fill('');
  await views.getByRole('spinbutton').pressSequentially('17');
  await expect.poll(() => datasetLabels(app, 'vP')).toEqual(['P[17]', 'threshold']);

  // And back to the mean.
  await views.getByRole('button', { name: 'mean ± SD' }).click();
  await expect.poll(() => datasetLabels(app, 'vP')).toContain('P mean of 100');
});

/** The CLI's spikes of a node, and their ISI measures computed here independently. */
function cliMeasures(file: string, node: string) {
  const run = spawnSync(process.execPath, ['out/main/cli.js', 'run', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  expect(run.status, run.stderr).toBe(0);
  const trains = (JSON.parse(run.stdout) as { spikes: Record<string, number[][]> }).spikes[node]!;
  const cvs: number[] = [];
  let spikes = 0;
  let intervals = 0;
  for (const train of trains) {
    spikes += train.length;
    const isis = train.slice(1).map((t, k) => t - train[k]!);
    intervals += isis.length;
    if (train.length < 3) continue;
    const mean = isis.reduce((s, v) => s + v, 0) / isis.length;
    const sd = Math.sqrt(isis.reduce((s, v) => s + (v - mean) ** 2, 0) / isis.length);
    cvs.push(sd / mean);
  }
  return {
    size: trains.length,
    spikes,
    intervals,
    cvMean: cvs.reduce((s, v) => s + v, 0) / cvs.length,
    cvNeurons: cvs.length,
  };
}

test('spike-train analysis of CUBA: ISI histogram, CV and PSTH as computed from the CLI’s spikes, exported as CSV', async ({
  app,
}) => {
  await openExample(app, /CUBA/);
  await runToEnd(app);
  const panel = app.getByRole('figure', { name: 'Spike-train analysis' });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('node to analyse')).toHaveValue('E');

  const cli = cliMeasures('examples/cuba.neuro', 'E');
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchTest!.spikeAnalysis?.spikes ?? 0))
    .toBe(cli.spikes);
  const shown = await app.evaluate(() => window.__neurosketchTest!.spikeAnalysis!);
  expect(shown.size).toBe(3200);
  expect(shown.isiCount).toBe(cli.intervals);
  expect(shown.cvNeurons).toBe(cli.cvNeurons);
  expect(shown.cvMean).toBeCloseTo(cli.cvMean, 9);
  // Irregular, asynchronous firing: a CV well above a regular train's 0, below a burst's.
  expect(shown.cvMean).toBeGreaterThan(0.2);
  expect(shown.cvMean).toBeLessThan(1.5);
  expect(shown.cvPooled).toBeGreaterThan(0.2);
  expect(shown.cvPooled).toBeLessThan(2);
  // The histogram shows the ISIs up to their 99th percentile and counts the rest.
  expect(shown.isiCounts.reduce((s, c) => s + c, 0) + shown.isiOverflow).toBe(cli.intervals);
  expect(shown.isiOverflow).toBeGreaterThan(0);
  expect(shown.isiOverflow).toBeLessThanOrEqual(Math.ceil(cli.intervals * 0.01));
  // PSTH in Hz per neuron, 10 ms bins: its mean is spikes / (neurons x 1 s).
  expect(shown.psthBinMs).toBeCloseTo(10, 9);
  expect(shown.psthRates).toHaveLength(100);
  const meanRate = shown.psthRates.reduce((s, r) => s + r, 0) / shown.psthRates.length;
  expect(meanRate).toBeCloseTo(cli.spikes / 3200, 9);
  await expect(panel.getByTestId('spike-analysis-cv')).toContainText(
    `CV of ISI ${cli.cvMean.toFixed(2)} (mean over ${cli.cvNeurons} of 3200 neurons with ≥ 3 spikes`,
  );
  const drawn = await app.evaluate(() => ({
    isi: window.__neurosketchTest!.charts['isi']!.data.datasets[0]!.data.length,
    psth: window.__neurosketchTest!.charts['psth']!.data.datasets[0]!.data.length,
  }));
  expect(drawn.isi).toBeGreaterThan(10);
  expect(drawn.psth).toBe(102);

  // A wider bin: fewer bins, the same mean rate.
  await panel.getByLabel('PSTH bin width').selectOption({ label: '50 ms' });
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchTest!.spikeAnalysis?.psthRates.length))
    .toBe(20);
  // A taller window, so the whole panel shows below the charts' sticky bar.
  await app.setViewportSize({ width: 1400, height: 1300 });
  await panel.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(app, 'charts-spike-analysis');
  await panel.screenshot({ path: 'e2e/screenshots/charts-spike-analysis-panel.png' });

  // Each chart as PNG.
  for (const [button, name, kind] of [
    ['Save the ISI histogram as PNG', /-isi-E\.png$/, 'isi'],
    ['Save the PSTH as PNG', /-psth-E\.png$/, 'psth'],
  ] as const) {
    const png = app.waitForEvent('download');
    await panel.getByRole('button', { name: button }).click();
    const pngFile = await png;
    expect(pngFile.suggestedFilename()).toMatch(name);
    const bytes = readFileSync(await pngFile.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(`e2e/screenshots/charts-spike-analysis-export-${kind}.png`, bytes);
  }

  // CSV: the histogram, the PSTH, every neuron's CV and the two summaries.
  const download = app.waitForEvent('download');
  await panel.getByRole('button', { name: 'Save the spike-train analysis as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-spike-analysis-E\.csv$/);
  const lines = readFileSync(await file.path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('measure,node,index,from_ms,to_ms,value,unit');
  const rows = lines.slice(1).map((l) => l.split(','));
  const of = (measure: string) => rows.filter((r) => r[0] === measure);
  expect(of('isi_count').reduce((s, r) => s + Number(r[5]), 0)).toBe(cli.intervals);
  expect(of('psth_rate')).toHaveLength(20);
  // The first 50 ms bin: the mean of the first five 10 ms bins.
  const first = of('psth_rate')[0]!;
  expect([first[3], first[4], first[6]]).toEqual(['0', '50', 'Hz per neuron']);
  const firstFive = shown.psthRates.slice(0, 5).reduce((s, r) => s + r, 0) / 5;
  expect(Number(first[5])).toBeCloseTo(firstFive, 3);
  expect(of('cv')).toHaveLength(cli.cvNeurons);
  expect(Number(of('cv_mean')[0]![5])).toBeCloseTo(cli.cvMean, 5);
  expect(Number(of('cv_pooled')[0]![5])).toBeCloseTo(shown.cvPooled, 5);
});
