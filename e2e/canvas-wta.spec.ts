/**
 * Issue 15, "readable wiring": a student's three-neuron winner-take-all (A, B, C, six inhibitory
 * synapses "w -0.05 τs 5 ms"). Each test failed before its fix: a reciprocal pair's labels read the
 * same, synapse ends were 12 px, a bias line moved the node's handles, and dragging a card's body
 * (to wire) moved it without a word.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';
import {
  canvasBoxes,
  canvasOf,
  documentOf,
  inspectorOf,
  overlapping,
  startEmpty,
  TRIANGLE,
  wire,
} from './canvasHelpers';

async function typeInto(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

const editorToolbar = (app: Page): Locator => app.getByRole('toolbar', { name: 'editor' });

/** Adds LIF neurons from the palette at these canvas points (named A, B, C… in order). */
async function addNeurons(app: Page, points: ReadonlyArray<readonly [number, number]>) {
  for (const [x, y] of points)
    await app
      .getByRole('button', { name: 'Add LIF neuron' })
      .dragTo(canvasOf(app), { targetPosition: { x, y } });
  await expect.poll(async () => (await documentOf(app)).nodes.length).toBe(points.length);
}

const synapse = (app: Page, s: string, t: string): Locator =>
  canvasOf(app).getByRole('button', { name: new RegExp(`^synapse ${s} to ${t},`) });

/** Node cards and synapse labels on screen, and every pair of them overlapping by over 1 px. */
async function overlaps(app: Page): Promise<string[]> {
  const { cards, labels } = await canvasBoxes(app);
  return overlapping([...cards, ...labels]);
}

/** The winner-take-all as the student built it: three neurons, six synapses, all w -0.05. */
async function buildTriangle(app: Page): Promise<void> {
  await startEmpty(app);
  await addNeurons(app, [
    [200, 80],
    [200, 300],
    [560, 190],
  ]);
  // One synapse of a pair alone names no direction: its label reads as before.
  await wire(app, 'A output', 'B input');
  await expect(synapse(app, 'A', 'B')).toContainText('w 0.05');
  await expect(synapse(app, 'A', 'B')).not.toContainText('→');
  for (const [s, t] of TRIANGLE.slice(1)) await wire(app, `${s} output`, `${t} input`);
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(6);
  await editorToolbar(app).getByRole('button', { name: 'Fit' }).click();
  // All six made inhibitory at once, as the student did (Ctrl-click each label).
  await synapse(app, 'A', 'B').click();
  for (const [s, t] of TRIANGLE.slice(1))
    await synapse(app, s, t).click({ modifiers: ['Control'] });
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('6 synapses');
  await typeInto(inspectorOf(app).getByLabel(/^weight/), '-0.05');
  await expect
    .poll(async () => (await documentOf(app)).edges.map((e) => e.weight))
    .toEqual([-0.05, -0.05, -0.05, -0.05, -0.05, -0.05]);
}

test('a reciprocal pair’s labels name their direction (A → B, B → A), on the canvas and in the SVG, and no label overlaps another or a card, as placed and after Tidy', async ({
  app,
}) => {
  await buildTriangle(app);
  for (const [s, t] of TRIANGLE) {
    await expect(synapse(app, s, t)).toContainText(`${s} → ${t}`);
    await expect(synapse(app, s, t)).toContainText('w -0.05');
  }
  await expect.poll(() => overlaps(app), { message: 'triangle as placed' }).toEqual([]);
  await screenshot(app, 'canvas-wta-triangle');
  await editorToolbar(app).getByRole('button', { name: 'Tidy' }).click();
  await expect.poll(() => overlaps(app), { message: 'triangle after Tidy' }).toEqual([]);
  await screenshot(app, 'canvas-wta-triangle-tidy');

  // The exported diagram names the directions too.
  const download = app.waitForEvent('download');
  await editorToolbar(app).getByRole('button', { name: 'SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  const texts = await app.evaluate(
    (text) =>
      [...new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('text')].map(
        (t) => t.textContent ?? '',
      ),
    svg,
  );
  for (const [s, t] of TRIANGLE)
    expect(texts, `the SVG names ${s} → ${t}`).toContain(`${s} → ${t}`);
});

/**
 * Every synapse end drawn on the canvas: its marker's shape measured (getBBox, in the marker's
 * view box) and scaled to flow px, and whether it is filled in its line's colour.
 */
async function canvasMarkers(app: Page) {
  return app.evaluate(() =>
    [...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.synapse-path')].map(
      (path) => {
        const id = /url\(["']?#([^"')]+)/.exec(path.getAttribute('marker-end') ?? '')?.[1] ?? '';
        const marker = document.getElementById(id) as unknown as SVGMarkerElement;
        const shape = marker.firstElementChild as SVGGraphicsElement;
        const box = shape.getBBox();
        const view = marker.viewBox.baseVal;
        const sx = marker.markerWidth.baseVal.value / view.width;
        const sy = marker.markerHeight.baseVal.value / view.height;
        return {
          shape: shape.nodeName,
          w: box.width * sx,
          h: box.height * sy,
          fill: getComputedStyle(shape).fill,
          stroke: getComputedStyle(path).stroke,
        };
      },
    ),
  );
}

test('synapse ends are clearly visible: arrows and bars at least 15 px long, the bar 6 px thick, in the line’s colour, on the canvas and in the SVG', async ({
  app,
}) => {
  await openExample(app, /^A and B drive C/);
  await expect(canvasOf(app).locator('.synapse-label')).toHaveCount(2);
  const ends = await canvasMarkers(app);
  expect(ends.map((e) => e.shape).sort()).toEqual(['path', 'rect']);
  for (const end of ends) {
    expect(end.h, `${end.shape} end`).toBeGreaterThanOrEqual(15);
    expect(end.w, `${end.shape} end`).toBeGreaterThanOrEqual(end.shape === 'rect' ? 6 : 15);
    expect(end.fill).toBe(end.stroke);
  }

  const download = app.waitForEvent('download');
  await editorToolbar(app).getByRole('button', { name: 'SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  const exported = await app.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return [...doc.querySelectorAll('marker')].map((m) => {
      const shape = m.firstElementChild!;
      const size = Number(m.getAttribute('markerWidth')) / 10; // view box 0 0 10 10
      return {
        shape: shape.nodeName,
        h: size * Number(shape.getAttribute('height') ?? 10),
        w: size * Number(shape.getAttribute('width') ?? 10),
      };
    });
  }, svg);
  expect(exported).toHaveLength(2);
  for (const end of exported) {
    expect(end.h, `exported ${end.shape} end`).toBeGreaterThanOrEqual(15);
    expect(end.w, `exported ${end.shape} end`).toBeGreaterThanOrEqual(
      end.shape === 'rect' ? 6 : 15,
    );
  }
});

test('adding a bias grows the card but leaves its handles where they were', async ({ app }) => {
  await startEmpty(app);
  await addNeurons(app, [[300, 200]]);
  const card = canvasOf(app).getByRole('group', { name: /^LIF neuron A$/ });
  const where = async () => {
    const c = (await card.boundingBox())!;
    const out = (await app.getByLabel('A output', { exact: true }).boundingBox())!;
    const into = (await app.getByLabel('A input', { exact: true }).boundingBox())!;
    return {
      height: c.height,
      out: out.y + out.height / 2 - c.y,
      in: into.y + into.height / 2 - c.y,
    };
  };
  await card.click();
  const before = await where();
  await typeInto(inspectorOf(app).getByLabel(/^bias/), '0.5');
  await expect(card).toContainText('bias 0.5');
  const after = await where();
  expect(after.height).toBeGreaterThan(before.height + 5);
  expect(Math.abs(after.out - before.out)).toBeLessThan(0.5);
  expect(Math.abs(after.in - before.in)).toBeLessThan(0.5);
});

test('dragging a card’s body moves it and, the first time, says to wire from the output dot; the handles say so on hover', async ({
  app,
}) => {
  await startEmpty(app);
  await addNeurons(app, [
    [200, 120],
    [560, 120],
  ]);
  await expect(app.getByLabel('A output', { exact: true })).toHaveAttribute(
    'title',
    /drag from here to another node to connect/,
  );
  // Dismiss the "Added" notice so the one the drag brings is the one read.
  const notices = canvasOf(app).getByRole('status');
  if ((await notices.count()) > 0) await notices.getByRole('button', { name: 'dismiss' }).click();

  const dragBody = async (name: RegExp, dx: number) => {
    const title = canvasOf(app).getByRole('group', { name }).locator('.circuit-node__title');
    const box = (await title.boundingBox())!;
    await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.mouse.down();
    await app.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2 + 4);
    await app.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2 + 40, { steps: 8 });
    await app.mouse.up();
  };
  const before = (await documentOf(app)).layout!['A']!;
  await dragBody(/^LIF neuron A$/, 60);
  await expect.poll(async () => (await documentOf(app)).layout!['A']!.y).not.toBe(before.y);
  expect((await documentOf(app)).edges).toHaveLength(0);
  await expect(notices).toContainText(
    'Moved A. To connect it, drag from the dot on its right edge (its output)',
  );
  await screenshot(app, 'canvas-wta-connect-hint');

  // Once: a second body drag moves B and says nothing more.
  await notices.getByRole('button', { name: 'dismiss' }).click();
  const b = (await documentOf(app)).layout!['B']!;
  await dragBody(/^LIF neuron B$/, -60);
  await expect.poll(async () => (await documentOf(app)).layout!['B']!.x).not.toBe(b.x);
  await expect(notices).toHaveCount(0);
});
