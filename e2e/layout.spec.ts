/**
 * The layout at a student's 1400 x 900: a splitter gives the charts panel room (drag or keys,
 * remembered) and the panel scrolls; a plain wheel over a chart scrolls the panel while Ctrl+wheel
 * zooms the time axis, inside the run only; the minimap covers no node after a fit; the file
 * status is short and readable on the first header row; icons are SVG, not emoji.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test, openExample } from './fixtures';

/** At the walkthrough's window size, opens an example and waits until the store holds it. */
async function openExampleAt1400(app: Page, name: RegExp): Promise<void> {
  await app.setViewportSize({ width: 1400, height: 900 });
  await openExample(app, name);
}

async function runToTheEnd(app: Page): Promise<void> {
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
}

const splitterOf = (app: Page): Locator =>
  app.getByRole('separator', { name: 'Resize the charts panel' });
const chartsOf = (app: Page): Locator => app.getByRole('region', { name: 'charts' });

async function heightOf(locator: Locator): Promise<number> {
  return Math.round((await locator.boundingBox())!.height);
}

async function valueOf(splitter: Locator): Promise<number> {
  return Number(await splitter.getAttribute('aria-valuenow'));
}

/** The x range C's voltage chart shows, in ms. */
async function xRange(app: Page): Promise<[number, number]> {
  return app.evaluate(() => {
    const x = window.__neurosketchTest!.charts['vC']!.scales['x']!;
    return [x.min, x.max] as [number, number];
  });
}

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('a splitter gives the charts room (keys, drag, remembered), and the panel scrolls to the last raster row', async ({
  app,
}) => {
  await openExampleAt1400(app, /A and B drive C/);
  await runToTheEnd(app);
  const splitter = splitterOf(app);
  const charts = chartsOf(app);
  const canvas = app.getByLabel('circuit canvas');

  const start = await valueOf(splitter);
  const [min, max] = [
    Number(await splitter.getAttribute('aria-valuemin')),
    Number(await splitter.getAttribute('aria-valuemax')),
  ];
  expect(min).toBeLessThan(start);
  expect(start).toBeLessThan(max);
  expect(await heightOf(charts)).toBe(start);
  await expect(splitter).toHaveAttribute('aria-controls', 'charts-panel');
  await expect(charts).toHaveAttribute('id', 'charts-panel');

  // More than fits: the panel scrolls (its scrollbar is styled, so it is drawn, not overlaid).
  const scroll = () =>
    charts.evaluate((el) => ({
      overflowY: getComputedStyle(el).overflowY,
      more: el.scrollHeight - el.clientHeight,
    }));
  expect(await scroll()).toMatchObject({ overflowY: 'auto' });
  expect((await scroll()).more).toBeGreaterThan(0);

  // Keys: up gives the charts room, taken from the canvas; End and Home go to the limits.
  const canvasBefore = await heightOf(canvas);
  await splitter.focus();
  await splitter.press('ArrowUp');
  await splitter.press('ArrowUp');
  await expect.poll(() => valueOf(splitter)).toBe(start + 48);
  expect(await heightOf(charts)).toBe(start + 48);
  expect(await heightOf(canvas)).toBe(canvasBefore - 48);
  await splitter.press('End');
  await expect.poll(() => valueOf(splitter)).toBe(max);
  await splitter.press('ArrowUp');
  expect(await valueOf(splitter)).toBe(max);
  expect(await heightOf(canvas)).toBeGreaterThanOrEqual(200);

  // Scrolled to the end, the raster's last row (C) is inside the panel, not cut off.
  await charts.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const panelBox = (await charts.boundingBox())!;
  const raster = (await app.getByRole('figure', { name: 'Spike raster' }).boundingBox())!;
  expect(raster.y + raster.height).toBeLessThanOrEqual(panelBox.y + panelBox.height + 1);
  await screenshot(app, 'layout-charts-tall');

  // Home, then a drag 120 px up.
  await splitter.press('Home');
  await expect.poll(() => valueOf(splitter)).toBe(min);
  const box = (await splitter.boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.mouse.down();
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60, { steps: 4 });
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 120, { steps: 4 });
  await app.mouse.up();
  await expect.poll(() => valueOf(splitter)).toBe(min + 120);
  expect(await heightOf(charts)).toBe(min + 120);

  // Remembered: the same height after a reload.
  await app.reload();
  await expect(splitterOf(app)).toHaveAttribute('aria-valuenow', String(min + 120));
  await expect.poll(() => heightOf(chartsOf(app))).toBe(min + 120);
});

test('a plain wheel over a chart scrolls the panel; Ctrl+wheel zooms inside the run; double-click resets', async ({
  app,
}) => {
  await openExampleAt1400(app, /A and B drive C/);
  await runToTheEnd(app);
  const charts = chartsOf(app);
  const follow = charts.getByRole('button', { name: 'Follow' });
  await expect(charts).toContainText('Ctrl+wheel zooms · double-click resets');
  await expect(charts.getByText('C · v', { exact: true })).toHaveAttribute(
    'title',
    /Ctrl\+wheel zooms time, drag pans, double-click resets/,
  );
  expect(await xRange(app)).toEqual([0, 1000]);

  // A plain wheel scrolls the panel: no zoom, Follow stays on.
  const chart = app.getByRole('img', { name: 'C · v chart' });
  await chart.hover();
  expect(await charts.evaluate((el) => el.scrollTop)).toBe(0);
  await app.mouse.wheel(0, 200);
  await expect.poll(() => charts.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await xRange(app)).toEqual([0, 1000]);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  // Ctrl+wheel zooms in (all charts share the time axis) and turns Follow off.
  await charts.evaluate((el) => el.scrollTo(0, 0));
  await chart.hover();
  await app.keyboard.down('Control');
  for (let i = 0; i < 3; i++) await app.mouse.wheel(0, -100);
  await app.keyboard.up('Control');
  await expect.poll(async () => (await xRange(app))[1] - (await xRange(app))[0]).toBeLessThan(900);
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  expect(await charts.evaluate((el) => el.scrollTop)).toBe(0);

  // A drag to the left pans later in time, and stops at the end of the run.
  const zoomed = await xRange(app);
  const box = (await chart.boundingBox())!;
  const y = box.y + box.height / 2;
  for (let i = 0; i < 3; i++) {
    await app.mouse.move(box.x + box.width * 0.8, y);
    await app.mouse.down();
    await app.mouse.move(box.x + box.width * 0.2, y, { steps: 10 });
    await app.mouse.up();
  }
  await expect.poll(async () => (await xRange(app))[1]).toBe(1000);
  const panned = await xRange(app);
  expect(panned[1] - panned[0]).toBeCloseTo(zoomed[1] - zoomed[0], 6);

  // Zooming out stops at the run: never before 0 nor after 1000 ms; all the way out is the
  // default view again, following.
  await app.keyboard.down('Control');
  for (let i = 0; i < 12; i++) await app.mouse.wheel(0, 100);
  await app.keyboard.up('Control');
  await expect.poll(() => xRange(app)).toEqual([0, 1000]);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  // Nor do the keys go beyond it.
  await app.getByLabel(/^C · v: arrow keys pan/).focus();
  await app.keyboard.press('-');
  await app.keyboard.press('ArrowRight');
  expect(await xRange(app)).toEqual([0, 1000]);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');

  // Zoomed in again, a double-click goes back to the whole run, following.
  await chart.hover();
  await app.keyboard.down('Control');
  await app.mouse.wheel(0, -100);
  await app.keyboard.up('Control');
  await expect.poll(async () => (await xRange(app))[1] - (await xRange(app))[0]).toBeLessThan(1000);
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await chart.dblclick();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => xRange(app)).toEqual([0, 1000]);
});

test('the minimap covers no node after a fit: it shows only while part of the circuit is off-screen, or when turned on', async ({
  app,
}) => {
  await openExampleAt1400(app, /A and B drive C/);
  const canvas = app.getByLabel('circuit canvas');
  const toolbar = app.getByRole('toolbar', { name: 'editor' });
  const map = canvas.getByRole('button', { name: 'Minimap' });
  const minimap = canvas.getByTestId('rf__minimap');
  const nodes = canvas.locator('.react-flow__node');
  await expect(nodes).toHaveCount(5);

  // Fitted on open: everything in view, no map.
  await expect(minimap).toHaveCount(0);
  await expect(map).toHaveAttribute('aria-pressed', 'false');

  // Zoomed in, part of the circuit is off-screen: the map shows where.
  for (let i = 0; i < 3; i++) await canvas.getByRole('button', { name: /zoom in/i }).click();
  await expect(minimap).toBeVisible();
  await expect(map).toHaveAttribute('aria-pressed', 'true');
  await toolbar.getByRole('button', { name: 'Fit' }).click();
  await expect(minimap).toHaveCount(0);

  // Turned on, it stays, and a fit leaves its corner free.
  await map.click();
  await expect(map).toHaveAttribute('aria-pressed', 'true');
  await expect(minimap).toBeVisible();
  await toolbar.getByRole('button', { name: 'Fit' }).click();
  await app.waitForTimeout(300);
  const mapBox = (await minimap.boundingBox())!;
  const canvasBox = (await canvas.boundingBox())!;
  for (const node of await nodes.all()) {
    const box = (await node.boundingBox())!;
    expect(overlap(box, mapBox), `${await node.getAttribute('data-id')} under the minimap`).toBe(
      false,
    );
    expect(box.x + box.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
  }
  await screenshot(app, 'layout-minimap-on');

  // Turned off, it stays off even with the circuit off-screen.
  await map.click();
  await expect(map).toHaveAttribute('aria-pressed', 'false');
  await canvas.getByRole('button', { name: /zoom in/i }).click();
  await canvas.getByRole('button', { name: /zoom in/i }).click();
  await expect(minimap).toHaveCount(0);
});

test('the file status is short, whole and on the first header row; Learn stays beside the run controls', async ({
  app,
}) => {
  await openExampleAt1400(app, /A and B drive C/);
  const status = app.getByRole('status');
  const sameRow = async (a: Locator, b: Locator): Promise<boolean> => {
    const [boxA, boxB] = [(await a.boundingBox())!, (await b.boundingBox())!];
    return Math.abs(boxA.y + boxA.height / 2 - (boxB.y + boxB.height / 2)) < 4;
  };
  const run = app.getByRole('button', { name: /Run$/ });
  const learn = app.getByRole('button', { name: 'Learn: see the math' });
  const fileToolbar = app.getByRole('toolbar', { name: 'file' });

  await fileToolbar.getByRole('button', { name: 'Save as…' }).click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await saveDialog.getByLabel('File name').fill('a-b-drive-c');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(status).toContainText('Saved a-b-drive-c.neuro');

  const cut = () =>
    status.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.file-status__item > span')]
        .filter((s) => s.scrollWidth > s.clientWidth + 1)
        .map((s) => s.textContent),
    );
  for (const width of [1400, 1280]) {
    await app.setViewportSize({ width, height: 900 });
    expect(await cut(), `cut at ${width}`).toEqual([]);
    expect(await sameRow(status, fileToolbar), `status on the file row at ${width}`).toBe(true);
    expect(await sameRow(learn, run), `Learn beside Run at ${width}`).toBe(true);
    await screenshot(app, `layout-header-${width}`);
  }
});

test('icons are inline SVG (no emoji that a computer without an emoji font shows as a box), and icon buttons have names', async ({
  app,
}) => {
  await openExampleAt1400(app, /A and B drive C/);
  const pictographs = () =>
    app.evaluate(() => document.body.innerText.match(/\p{Extended_Pictographic}/gu) ?? []);
  expect(await pictographs()).toEqual([]);
  const toolbar = app.getByRole('toolbar', { name: 'editor' });
  await expect(toolbar.getByRole('button', { name: 'Keyboard shortcuts and help' })).toHaveText(
    '?',
  );
  await expect(app.getByRole('button', { name: 'Preferences' }).locator('svg')).toHaveCount(1);
  await expect(app.getByRole('button', { name: /Run$/ }).locator('svg')).toHaveCount(1);

  // The picker's files and folders.
  const fileToolbar = app.getByRole('toolbar', { name: 'file' });
  await fileToolbar.getByRole('button', { name: 'Save as…' }).click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await saveDialog.getByLabel('File name').fill('icons');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await fileToolbar.getByRole('button', { name: 'Open…' }).click();
  const open = app.getByRole('dialog', { name: 'Open a circuit' });
  const entry = open.getByRole('button', { name: /icons\.neuro/ });
  await expect(entry.locator('svg')).toHaveCount(1);
  await expect(entry).toHaveText(/^\s*icons\.neuro$/);
  expect(await pictographs()).toEqual([]);
  await screenshot(app, 'layout-open-dialog');

  // Every button has a name (text, aria-label or title).
  const unnamed = await app.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter(
        (b) =>
          !(b.getAttribute('aria-label') ?? '').trim() &&
          !(b.textContent ?? '').trim() &&
          !(b.getAttribute('title') ?? '').trim() &&
          !b.getAttribute('aria-labelledby'),
      )
      .map((b) => b.outerHTML.slice(0, 120)),
  );
  expect(unnamed).toEqual([]);
});
