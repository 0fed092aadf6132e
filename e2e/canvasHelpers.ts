/**
 * What the journeys share (canvas-student, canvas-triangle, the walkthrough specs): the panels, the
 * document as the editor holds it, an empty canvas, a handle-to-handle drag that survives a loaded
 * machine, opening a file from the workspace, a run to its end and the datasets a chart draws.
 */
import type { Locator, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openExample } from './fixtures';

export const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');
export const inspectorOf = (app: Page): Locator =>
  app.getByRole('complementary', { name: 'inspector' });
export const paletteOf = (app: Page): Locator => app.getByRole('navigation', { name: 'palette' });

/** The parts of the document the journeys read. */
export interface Doc {
  nodes: Array<{ id: string; size?: number }>;
  edges: Array<{ id: string; source: string; target: string; weight: unknown }>;
  probes?: Array<{ id: string; target: string; variable?: string }>;
  layout?: Record<string, { x: number; y: number }>;
}

export async function documentOf(app: Page): Promise<Doc> {
  return (await app.evaluate(() => window.__neurosketchTest!.editor!.document())) as Doc;
}

export async function startEmpty(app: Page): Promise<void> {
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'New' }).click();
  await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');
}

/**
 * Waits until the view stops moving (after a new synapse the canvas may pan its label into view),
 * so a drag starts from where the handles are.
 */
export async function viewSettled(app: Page): Promise<void> {
  const viewport = app.locator('.react-flow__viewport');
  let last = await viewport.getAttribute('style');
  for (let i = 0; i < 20; i++) {
    await app.waitForTimeout(100);
    const now = await viewport.getAttribute('style');
    if (now === last) return;
    last = now;
  }
}

/**
 * Drags from one handle to another (React Flow ignores the first move of a drag). On a loaded
 * machine a drag can be lost between frames: the drag is repeated, at most three times, until the
 * document has one more edge or, with `refusalEnds` (the default), the editor shows a notice (it says
 * why it refused the connection). Journeys whose notices stay on screen between drags pass false.
 */
export async function wire(
  app: Page,
  from: string,
  to: string,
  { refusalEnds = true }: { refusalEnds?: boolean } = {},
): Promise<void> {
  const before = (await documentOf(app)).edges.length;
  for (let attempt = 0; attempt < 3; attempt++) {
    await viewSettled(app);
    const a = await app.getByLabel(from, { exact: true }).boundingBox();
    const b = await app.getByLabel(to, { exact: true }).boundingBox();
    if (!a || !b) throw new Error(`handle ${a ? to : from} not found`);
    await app.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await app.mouse.down();
    await app.mouse.move(a.x + a.width / 2 + 2, a.y + a.height / 2 + 2);
    await app.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await app.mouse.up();
    const settled = await expect
      .poll(async () => (await documentOf(app)).edges.length, { timeout: 2000 })
      .toBeGreaterThan(before)
      .then(() => true)
      .catch(() => false);
    if (settled) return;
    if (refusalEnds && (await canvasOf(app).getByRole('status').count()) > 0) return;
  }
}

/** The six synapses of three neurons inhibiting each other (a winner-take-all triangle). */
export const TRIANGLE = [
  ['A', 'B'],
  ['B', 'A'],
  ['A', 'C'],
  ['C', 'A'],
  ['B', 'C'],
  ['C', 'B'],
] as const;

export interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Screen boxes of the canvas, its node and scope cards and its synapse labels. */
export async function canvasBoxes(
  app: Page,
): Promise<{ canvas: Rect; cards: Rect[]; labels: Rect[]; wires: Rect[] }> {
  return app.evaluate(() => {
    const rect = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    return {
      canvas: rect(document.querySelector('.circuit-canvas .react-flow')!, 'canvas'),
      cards: [...document.querySelectorAll('.react-flow__node')].map((el) =>
        rect(el, `card ${el.getAttribute('data-id')}`),
      ),
      labels: [...document.querySelectorAll<HTMLElement>('.synapse-label')].map((el) =>
        rect(el, `label ${el.dataset['edgeId']}`),
      ),
      wires: [...document.querySelectorAll('.react-flow__edge')].map((el) =>
        rect(el.querySelector('path')!, `wire ${el.getAttribute('data-id')}`),
      ),
    };
  });
}

/** Every pair of boxes that overlap by more than a pixel each way. */
export function overlapping(boxes: Rect[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 1 && h > 1) out.push(`${a.id} × ${b.id}`);
    }
  }
  return out;
}

/** Writes `doc` as `<name>.neuro` into the workspace folder `dir` and opens it with Open…. */
export async function openFromWorkspace(
  app: Page,
  dir: string,
  name: string,
  doc: unknown,
): Promise<void> {
  writeFileSync(path.join(dir, `${name}.neuro`), JSON.stringify(doc, null, 2));
  await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'Open…' }).click();
  await app
    .getByRole('dialog', { name: 'Open a circuit' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  await expect(app).toHaveTitle(`${name}.neuro — NeuroSketch`);
}

/** Runs the open circuit at full speed until it has finished. */
export async function runToEnd(app: Page): Promise<void> {
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 60_000 });
}

/** Labels of the datasets the chart with test id `id` draws (the charts' test hook). */
export async function datasetLabels(app: Page, id: string): Promise<string[]> {
  return app.evaluate(
    (id) => window.__neurosketchTest!.charts[id]!.data.datasets.map((d) => d.label ?? ''),
    id,
  );
}

/** An empty canvas with `count` LIF neurons (A, B, …) and the synapses `pairs` ("AB": A → B). */
export async function lifCircuit(app: Page, count: number, pairs: string[] = []): Promise<void> {
  await startEmpty(app);
  for (let i = 0; i < count; i++)
    await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  await expect.poll(async () => (await documentOf(app)).nodes.length).toBe(count);
  for (const [s, t] of pairs) await wire(app, `${s} output`, `${t} input`);
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(pairs.length);
}

/** Opens the example whose card matches `example` and runs it forever at 1x. */
export async function runExampleForever(app: Page, example: RegExp): Promise<void> {
  await openExample(app, example);
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('running');
}

/** Opens the "See the math" panel on the view whose button matches `title`; returns the dialog. */
export async function openMathView(app: Page, title: RegExp): Promise<Locator> {
  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  await expect(dialog).toBeVisible();
  await dialog
    .getByRole('navigation', { name: 'math views' })
    .getByRole('button', { name: title })
    .click();
  return dialog;
}
