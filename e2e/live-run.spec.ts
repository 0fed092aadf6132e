/**
 * Issue 6, run it live, through the real path (worker in the main process, frames to the charts):
 * the A, B -> C example streams into C's voltage chart and the raster with the CLI's spike counts
 * and exports exactly the CLI's result; moving A's slider while running changes C's firing; Pause
 * freezes the clock and Step advances it exactly; Reset clears the charts; a run that goes
 * non-finite names the node and time and leaves the document unchanged.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, screenshot, test, openExample } from './fixtures';

function cliRun(file: string): {
  spikes: Record<string, number[][]>;
  traces: Record<string, unknown>;
} {
  const run = spawnSync(process.execPath, ['out/main/cli.js', 'run', file], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ReturnType<typeof cliRun>;
}

async function clockMs(app: Page): Promise<number> {
  const text = (await app.getByTestId('sim-clock').textContent()) ?? '';
  const match = /t = ([\d.]+) (ms|s)/.exec(text);
  if (!match) return NaN;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** Spikes of a node in [fromS, toS) as the session holds them. */
async function spikesBetween(app: Page, node: string, fromS: number, toS: number) {
  return app.evaluate(
    ({ node, fromS, toS }) => {
      const store = window.__neurosketchTest!.session!.spikes.get(node);
      if (!store) return 0;
      let n = 0;
      for (let k = store.start; k < store.end; k++) {
        const t = store.times[k]!;
        if (t >= fromS && t < toS) n++;
      }
      return n;
    },
    { node, fromS, toS },
  );
}

/** The bias param of a node in the document (undefined: the default). */
async function biasOf(app: Page, node: string): Promise<unknown> {
  return app.evaluate((id) => {
    const doc = window.__neurosketchTest!.document!() as {
      nodes: Array<{ id: string; params?: { bias?: number } }>;
    };
    return doc.nodes.find((n) => n.id === id)?.params?.bias;
  }, node);
}

async function simulatedSeconds(app: Page): Promise<number> {
  return app.evaluate(() => {
    const s = window.__neurosketchTest!.session!;
    return s.stepsReceived * s.dt;
  });
}

test('the winner-take-all says its zero-delay cycle ran exactly; A wins, as in the CLI', async ({
  app,
}) => {
  await openExample(app, /Winner-take-all/);
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  await expect(app.getByTestId('cycles-summary')).toHaveText(
    'A, B and C act on each other with no delay: in each step their spikes are solved together, each acting at its exact instant (solved exactly)',
  );
  const cli = cliRun('examples/winner-take-all.neuro');
  const summary = (await app.getByTestId('spike-summary').textContent()) ?? '';
  expect(summary).toMatch(new RegExp(`\\bA: ${cli.spikes['A']![0]!.length} spikes`));
  expect(cli.spikes['B']![0]).toEqual([]);
  await screenshot(app, 'live-winner-take-all');
});

test('A, B -> C streams into the charts with the CLI spike counts, and exports its result', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });

  const drawn = await app.evaluate(() => {
    const hooks = window.__neurosketchTest!;
    return {
      vC: hooks.charts['vC']!.data.datasets[0]!.data.length,
      raster: hooks.raster?.drawn ?? 0,
    };
  });
  expect(drawn.vC).toBeGreaterThan(100);
  expect(drawn.raster).toBeGreaterThan(0);

  const cli = cliRun('examples/two-drive-one.neuro');
  const summary = (await app.getByTestId('spike-summary').textContent()) ?? '';
  for (const node of ['A', 'B', 'C']) {
    const match = new RegExp(`\\b${node}: (\\d+) spikes`).exec(summary);
    expect(match, `summary: ${summary}`).not.toBeNull();
    expect(Number(match![1])).toBe(cli.spikes[node]![0]!.length);
  }
  await screenshot(app, 'live-two-drive-one');

  // The export is the CLI's result: same spikes and traces, to the last bit.
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export JSON' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof cliRun> & {
    editedLive?: boolean;
  };
  expect(exported.spikes).toEqual(cli.spikes);
  expect(exported.traces).toEqual(cli.traces);
  expect(exported.editedLive).toBeUndefined();
});

test("moving A's slider while running changes C's firing, and the run is marked edited", async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect.poll(() => simulatedSeconds(app), { timeout: 20_000 }).toBeGreaterThan(0.6);
  const editAt = await simulatedSeconds(app);
  const before = await spikesBetween(app, 'C', editAt - 0.5, editAt);

  await app.getByRole('slider', { name: 'A bias' }).fill('3');
  // Needs the engine's Simulation.applyEdit; without it the app offers a restart instead.
  await expect(app.getByRole('dialog', { name: /Restart the run/ })).toHaveCount(0);
  await expect(app.getByTestId('sim-clock'), 'the engine took the edit live').toContainText(
    'edited live',
  );
  await expect.poll(() => simulatedSeconds(app), { timeout: 20_000 }).toBeGreaterThan(editAt + 0.6);
  const after = await spikesBetween(app, 'C', editAt + 0.1, editAt + 0.6);
  // A fires at G(3) = 99 Hz instead of G(1.5) = 42 Hz: C, excited by A, fires clearly more.
  expect(after).toBeGreaterThan(before * 1.5);
  const log = await app.evaluate(() => window.__neurosketchTest!.session!.editLog);
  expect(log.at(-1)).toMatchObject({ field: 'A.params.bias', newValue: 3 });
  await screenshot(app, 'live-slider-edit');
  await app.getByRole('button', { name: 'Stop' }).click();
  // Stopped: the slider change is offered to keep or revert; Keep leaves it in the circuit.
  const offer = app.getByRole('group', { name: 'slider changes' });
  await expect(offer).toContainText('A bias 1.5 → 3');
  await offer.getByRole('button', { name: 'Keep the slider changes' }).click();
  await expect(offer).toBeHidden();
  expect(await biasOf(app, 'A')).toBe(3);
});

test('Reset after moving a slider offers Revert: the pre-run value back, as one undo step', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect.poll(() => clockMs(app)).toBeGreaterThan(5);
  const offer = app.getByRole('group', { name: 'slider changes' });
  await app.getByRole('slider', { name: 'B bias' }).fill('3');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  await expect(offer).toHaveCount(0);
  await app.getByRole('button', { name: 'Reset' }).click();
  await expect(offer).toContainText('B bias 2 → 3');
  await screenshot(app, 'live-slider-offer');
  await offer.getByRole('button', { name: 'Revert' }).click();
  await expect(offer).toBeHidden();
  expect(await biasOf(app, 'B')).toBe(2);
  await expect(app.getByRole('slider', { name: 'B bias' })).toHaveValue('2');
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: /Undo/ }).click();
  expect(await biasOf(app, 'B')).toBe(3);
});

test('the run status never moves the controls around it, and shows its whole text on hover', async ({
  app,
}) => {
  await app.setViewportSize({ width: 1280, height: 800 });
  await openExample(app, /A and B drive C/);
  const boxes = async () => {
    const of = async (name: string, locator: ReturnType<Page['getByRole']>) => {
      const box = (await locator.boundingBox())!;
      return `${name} ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}x${Math.round(box.height)}`;
    };
    return [
      await of('header', app.getByRole('banner')),
      await of('speed', app.getByLabel('Speed')),
      await of('forever', app.getByLabel('Run forever')),
      await of('clock', app.getByTestId('sim-clock') as ReturnType<Page['getByRole']>),
      await of('learn', app.getByRole('button', { name: 'Learn: see the math' })),
      await of('canvas', app.getByLabel('circuit canvas')),
    ];
  };
  const idle = await boxes();
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('real time');
  await expect.poll(() => clockMs(app), { timeout: 20_000 }).toBeGreaterThan(1000);
  expect(await boxes()).toEqual(idle);
  await screenshot(app, 'live-status-1280');
  const title = await app.getByTestId('sim-clock').getAttribute('title');
  expect(title).toMatch(/^t = [\d.]+ m?s \(forever\) · running · ×[\d.]+ real time$/);
  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('paused');
  expect(await boxes()).toEqual(idle);
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('stopped');
  expect(await boxes()).toEqual(idle);
});

test('Pause freezes the clock, Step advances it exactly, Resume goes on', async ({ app }) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect.poll(() => clockMs(app)).toBeGreaterThan(20);
  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('paused');
  const paused = await clockMs(app);
  await app.waitForTimeout(600);
  expect(await clockMs(app)).toBe(paused);

  await app.getByRole('button', { name: 'Step 1 ms' }).click();
  await expect.poll(() => clockMs(app)).toBeCloseTo(paused + 1, 6);
  await app.getByRole('button', { name: /Step dt/ }).click();
  await expect.poll(() => clockMs(app)).toBeCloseTo(paused + 1.1, 6);

  await app.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => clockMs(app)).toBeGreaterThan(paused + 5);
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('stopped');
});

test('Reset clears the charts and the clock', async ({ app }) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  await app.getByRole('button', { name: 'Reset' }).click();
  await expect(app.getByTestId('spike-summary')).toHaveText('No spikes yet: press Run.');
  await expect(app.getByTestId('sim-clock')).toHaveText(/^t = 0\.0 ms$/);
  await expect
    .poll(() =>
      app.evaluate(() => ({
        vC: window.__neurosketchTest!.charts['vC']!.data.datasets[0]!.data.length,
        raster: window.__neurosketchTest!.raster?.drawn ?? -1,
      })),
    )
    .toEqual({ vC: 0, raster: 0 });
});

test('a run that goes non-finite stops with the node and time, and the document is untouched', async ({
  app,
}) => {
  await openExample(app, /Runaway feedback/);
  // The example is loaded once the store holds it (opening is asynchronous).
  await expect
    .poll(() =>
      app.evaluate(() => (window.__neurosketchTest!.document!() as { name?: string } | null)?.name),
    )
    .toBe('Runaway feedback');
  const before = await app.evaluate(() => JSON.stringify(window.__neurosketchTest!.document!()));
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  const cli = spawnSync(
    process.execPath,
    ['out/main/cli.js', 'run', 'examples/runaway-feedback.neuro'],
    {
      encoding: 'utf8',
    },
  );
  const seconds = /node R at t=([\d.]+) s/.exec(cli.stderr)?.[1];
  expect(seconds, cli.stderr).toBeTruthy();
  // The same node and time as the CLI's, in the ms the app shows times in: the step (dt 1 ms)
  // that ended at that time.
  const ms = Number((Number(seconds) * 1000).toPrecision(6));
  await expect(app.getByRole('alert').filter({ hasText: 'The run stopped' })).toContainText(
    `node R in the step from t = ${ms - 1} to ${ms} ms`,
    { timeout: 30_000 },
  );
  await expect(app.getByTestId('sim-clock')).toContainText('error');
  const after = await app.evaluate(() => JSON.stringify(window.__neurosketchTest!.document!()));
  expect(after).toBe(before);
  await screenshot(app, 'live-non-finite');
});
