/**
 * The editor's view and hand-in exports (issue 5): nodes added by palette clicks or keys land side
 * by side instead of on top of each other; an opened example is fitted to the visible canvas (its
 * scopes not hidden under the inspector) while an edit leaves the view alone; the diagram exports
 * as a valid PNG and a valid SVG naming every node, with the canvas' edge labels (weight and tau_s)
 * and ends (one 16 px marker per edge, each at its own point), named like every export.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test, openExample } from './fixtures';

const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');
const editorToolbar = (app: Page): Locator => app.getByRole('toolbar', { name: 'editor' });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxesOf(nodes: Locator): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const node of await nodes.all()) {
    const box = await node.boundingBox();
    if (!box) throw new Error('a node has no box');
    boxes.push(box);
  }
  return boxes;
}

const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

test('nodes added by palette clicks and keys never cover one another', async ({ app }) => {
  await expect(canvasOf(app)).toContainText('LIF');
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'New' }).click();
  await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');
  const palette = app.getByRole('navigation', { name: 'palette' });
  for (const kind of ['LIF neuron', 'LIF neuron', 'HH neuron', 'LIF population', 'Constant'])
    await palette.getByRole('button', { name: `Add ${kind}` }).click();
  // Keys: N adds a LIF neuron, B a bias node (with the focus on the canvas).
  await canvasOf(app).click({ position: { x: 20, y: 70 } });
  await app.keyboard.press('n');
  await app.keyboard.press('b');
  const nodes = canvasOf(app).getByRole('group', { name: /^(LIF|HH|INPUT|BIAS) / });
  await expect(nodes).toHaveCount(7);
  const boxes = await boxesOf(nodes);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      expect(overlap(boxes[i]!, boxes[j]!), `node ${i} and node ${j} overlap`).toBe(false);
  // Reading order in the visible canvas (issue 15): the first one at the top left, clear of the
  // toolbar, the next one right of it on the same row; all of them inside the canvas.
  const canvas = (await canvasOf(app).boundingBox())!;
  const toolbar = (await app.getByRole('toolbar', { name: 'editor' }).boundingBox())!;
  const [first, second] = [boxes[0]!, boxes[1]!];
  expect(first.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);
  expect(first.x).toBeLessThan(canvas.x + canvas.width / 3);
  expect(second.x).toBeGreaterThan(first.x + first.width);
  expect(Math.abs(second.y - first.y)).toBeLessThan(2);
  for (const b of boxes) expect(inside(b, canvas), JSON.stringify(b)).toBe(true);
  await screenshot(app, 'editor-click-to-add');
});

test('an opened example is fitted to the canvas; an edit does not move the view', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  const canvas = (await canvasOf(app).boundingBox())!;
  const elements = canvasOf(app).getByRole('group', { name: /^(LIF neuron|scope) / });
  await expect(elements).toHaveCount(5); // A, B, C and the scopes vC, sC
  await expect
    .poll(async () => (await boxesOf(elements)).every((b) => inside(b, canvas)), {
      message: 'every node and scope inside the visible canvas',
    })
    .toBe(true);
  await screenshot(app, 'editor-example-fitted');

  // Zoom in, then edit: the view stays where the student put it.
  await app.getByRole('button', { name: /zoom in/i }).click();
  const viewport = app.locator('.react-flow__viewport');
  await expect.poll(() => viewport.getAttribute('style')).not.toBe(null);
  const before = await viewport.getAttribute('style');
  await app
    .getByRole('navigation', { name: 'palette' })
    .getByRole('button', { name: 'Add LIF neuron' })
    .click();
  await expect(canvasOf(app).getByRole('group', { name: /^LIF neuron / })).toHaveCount(4);
  await app.waitForTimeout(300); // a fit would animate in this time
  expect(await viewport.getAttribute('style')).toBe(before);
});

test('the diagram exports as a PNG and an SVG', async ({ app, appHost }) => {
  await openExample(app, /A and B drive C/);

  const svgDownload = app.waitForEvent('download');
  await editorToolbar(app).getByRole('button', { name: 'SVG' }).click();
  const svgFile = await svgDownload;
  // Never saved: named after the circuit, as every export is (the file's name once saved).
  expect(svgFile.suggestedFilename()).toBe('a-and-b-drive-c-diagram.svg');
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  // Well-formed XML with the drawing's size, and every node, scope and weight named in it.
  const parsed = await app.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const markers = new Map(
      [...doc.querySelectorAll('marker')].map((m) => [
        m.id,
        {
          units: m.getAttribute('markerUnits'),
          width: Number(m.getAttribute('markerWidth')),
          height: Number(m.getAttribute('markerHeight')),
          shape: m.firstElementChild?.nodeName ?? '',
          fill: m.firstElementChild?.getAttribute('fill') ?? '',
        },
      ]),
    );
    // Every synapse: its marker, its colour and where it ends (the last point of its path).
    const synapses = [...doc.querySelectorAll('path[marker-end]')].map((p) => {
      const id = /url\(#(.+)\)/.exec(p.getAttribute('marker-end') ?? '')?.[1] ?? '';
      const numbers = (p.getAttribute('d') ?? '').match(/-?[\d.]+/g)!.map(Number);
      return {
        marker: id,
        stroke: p.getAttribute('stroke'),
        end: numbers.slice(-2),
        ...markers.get(id)!,
      };
    });
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.nodeName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      markerCount: markers.size,
      synapses,
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.width).toBeGreaterThan(300);
  expect(parsed.height).toBeGreaterThan(150);
  // The edge labels as on the canvas: the weight and the synapse's tau_s.
  for (const label of ['A and B drive C', 'A', 'B', 'C', 'vC', 'sC', 'w 0.05', 'w -0.02'])
    expect(parsed.texts, `the SVG names ${label}`).toContain(label);
  expect(parsed.texts.filter((t) => t === 'τs 5 ms')).toHaveLength(2);
  // Ends: an arrow for A -> C (excitatory), a bar for B -> C (inhibitory), each edge its own
  // marker in its own colour, 16 px as on the canvas (not scaled by the line's width), ending at
  // its own point on C's side, at least a marker apart.
  expect(parsed.markerCount).toBe(2);
  expect(parsed.synapses).toHaveLength(2);
  const [ac, bc] = parsed.synapses;
  expect(ac!.marker).not.toBe(bc!.marker);
  expect([ac!.shape, bc!.shape]).toEqual(['path', 'rect']);
  for (const s of parsed.synapses) {
    expect(s.units).toBe('userSpaceOnUse');
    expect(s.width).toBe(16);
    expect(s.height).toBe(16);
    expect(s.fill).toBe(s.stroke);
  }
  expect(ac!.end[0]).toBeCloseTo(bc!.end[0]!, 6); // both on C's input side
  expect(Math.abs(ac!.end[1]! - bc!.end[1]!)).toBeGreaterThanOrEqual(16);

  const pngDownload = app.waitForEvent('download');
  await editorToolbar(app).getByRole('button', { name: 'PNG' }).click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('a-and-b-drive-c-diagram.png');
  const png = readFileSync((await pngFile.path())!);
  // Kept for a person to look at.
  writeFileSync(new URL('./screenshots/editor-diagram-export.png', import.meta.url), png);
  // The PNG signature, then the IHDR chunk: width and height, drawn at twice the SVG's size.
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(png.readUInt32BE(16)).toBe(Math.ceil(parsed.width * 2));
  expect(png.readUInt32BE(20)).toBe(Math.ceil(parsed.height * 2));
  expect(png.length).toBeGreaterThan(10_000); // a drawing, not an empty canvas
  // It decodes, and is not one flat colour.
  const pixels = await app.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set<number>();
    for (let k = 0; k < data.length; k += 4 * 97)
      colours.add((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
    return { width: image.width, colours: colours.size };
  }, png.toString('base64'));
  expect(pixels.width).toBe(Math.ceil(parsed.width * 2));
  expect(pixels.colours).toBeGreaterThan(10);

  // Saved as a file, the diagram and the run's results are both named after the file.
  if (appHost.kind !== 'web') return; // Electron's native save dialog cannot be driven here
  await app
    .getByRole('toolbar', { name: 'file' })
    .getByRole('button', { name: 'Save as…' })
    .click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await saveDialog.getByLabel('File name').fill('a-b-drive-c');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(app).toHaveTitle(/a-b-drive-c\.neuro/);
  for (const [button, name] of [
    ['PNG', 'a-b-drive-c-diagram.png'],
    ['SVG', 'a-b-drive-c-diagram.svg'],
  ] as const) {
    const download = app.waitForEvent('download');
    await editorToolbar(app).getByRole('button', { name: button }).click();
    expect((await download).suggestedFilename()).toBe(name);
  }
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  const csv = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export CSV' }).click();
  expect((await csv).suggestedFilename()).toBe('a-b-drive-c-run.csv');
});
