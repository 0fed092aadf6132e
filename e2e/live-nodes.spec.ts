/**
 * Issue 5, live state on the canvas's nodes: during a run each neuron node is tinted by its
 * membrane level and flashes when it spikes; a legend says what the colours mean; Reset and a new
 * circuit clear it. Asserted through the data-* attributes the painter writes
 * (renderer/src/run/liveNodes.ts), recorded by a MutationObserver, never by timing.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test, openExample } from './fixtures';

const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');

interface Seen {
  /** Every data-live-v the node showed. */
  v: string[];
  /** Every data-live-spikes (spikes seen so far) the node showed. */
  spikes: string[];
  /** How many times the spike count went up with the flash restarted at full strength. */
  flashes: number;
}

/**
 * Records every value the node's live attributes take, from now on (in the page). The painter
 * writes a frame's attributes and styles together, so when the spike count changes the flash it
 * started is there to read.
 */
async function recordLive(node: Locator): Promise<void> {
  await node.evaluate((el) => {
    const seen: Seen = { v: [], spikes: [], flashes: 0 };
    (window as unknown as { __liveSeen: Seen }).__liveSeen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        const value = el.getAttribute(r.attributeName!);
        if (value === null) continue;
        if (r.attributeName === 'data-live-v') seen.v.push(value);
        if (r.attributeName === 'data-live-spikes') {
          seen.spikes.push(value);
          const flash = (el as HTMLElement).style.getPropertyValue('--live-flash');
          if (el.getAttribute('data-live-flash') === 'on' && flash === '1') seen.flashes++;
        }
      }
    }).observe(el, { attributes: true, attributeFilter: ['data-live-v', 'data-live-spikes'] });
  });
}

async function seen(app: Page): Promise<Seen> {
  return app.evaluate(() => (window as unknown as { __liveSeen: Seen }).__liveSeen);
}

test('a running neuron shows its voltage as colour and flashes on each spike; Reset clears it', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  const c = canvasOf(app).getByRole('group', { name: 'LIF neuron C' });
  const legend = canvasOf(app).getByRole('note', { name: 'live colours legend' });
  await expect(c).not.toHaveAttribute('data-live-v');
  await expect(legend).toHaveCount(0);
  await recordLive(c);

  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: /Run$/ }).click();

  // The live value changes from frame to frame, and C's spikes each start a flash.
  await expect
    .poll(async () => new Set((await seen(app)).v).size, { timeout: 20_000 })
    .toBeGreaterThan(5);
  await expect.poll(async () => (await seen(app)).flashes, { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(c).toHaveAttribute('data-live', 'state');
  await expect(c).toHaveAttribute('data-live-level', /^-?\d+\.\d\d$/);
  await expect(c).toHaveAttribute('title', /^v = -?[\d.e-]+\ncolour: v \(LIF\): 0 at reset/);
  // The value shown is C's v: within the LIF's range (inhibition can push it below reset).
  const v = Number(await c.getAttribute('data-live-v'));
  expect(v).toBeGreaterThan(-3);
  expect(v).toBeLessThanOrEqual(1);
  // The spike counter follows the session's spikes of C.
  const spikes = Number((await seen(app)).spikes.at(-1));
  const sessionSpikes = await app.evaluate(
    () => window.__neurosketchTest!.session!.spikes.get('C')!.total,
  );
  expect(spikes).toBeGreaterThan(0);
  expect(spikes).toBeLessThanOrEqual(sessionSpikes);
  // A and B (driven by their bias) and the legend.
  for (const name of ['LIF neuron A', 'LIF neuron B'])
    await expect(canvasOf(app).getByRole('group', { name })).toHaveAttribute('data-live-v', /\d/);
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('threshold');
  await expect(legend).toHaveAttribute('title', /LIF: v from vReset/);
  await screenshot(app, 'live-nodes-running');

  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('paused');
  await app.getByRole('button', { name: 'Reset' }).click();
  for (const attribute of [
    'data-live',
    'data-live-v',
    'data-live-spikes',
    'data-live-flash',
    'title',
  ])
    await expect(c).not.toHaveAttribute(attribute);
  await expect(c).not.toHaveAttribute('style', /--live/);
  await expect(legend).toHaveCount(0);
});

test('populations show a strip of cells, HH nodes their V; a new circuit clears the old run', async ({
  app,
}) => {
  await openExample(app, /CUBA/i);
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: /Run$/ }).click();
  const populations = canvasOf(app).getByRole('group', { name: /^LIF population / });
  await expect(populations.first()).toHaveAttribute('data-live-spikes', /^[1-9]/, {
    timeout: 20_000,
  });
  await expect(populations.first()).toHaveAttribute('style', /--live-cells: linear-gradient/);
  await expect(populations.first()).toHaveAttribute('title', /^mean v of \d+ = /);
  await screenshot(app, 'live-nodes-cuba');

  // Opening another circuit while the run goes stops that run and clears what the nodes showed;
  // the load is not an edit of the running circuit, so nobody asks to restart anything.
  await expect(populations.first()).toHaveAttribute('data-live', 'state');
  await openExample(app, /HH neuron under/);
  await expect(app.getByTestId('sim-clock')).toContainText('t = 0.0 ms');
  await expect(app.getByText('Restart the run to apply this change?')).toHaveCount(0);
  const hh = canvasOf(app)
    .getByRole('group', { name: /^HH neuron / })
    .first();
  await expect(hh).not.toHaveAttribute('data-live-v');
  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(hh).toHaveAttribute('title', /^V = -?[\d.]+ mV/, { timeout: 20_000 });
  await expect(hh).toHaveAttribute('data-live-spikes', /^[1-9]/, { timeout: 20_000 });
  await screenshot(app, 'live-nodes-hh');
  await app.getByRole('button', { name: 'Stop' }).click();
});
