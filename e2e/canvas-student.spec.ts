/**
 * Issue 15, "a canvas a student never fights": each journey here failed before its fix. Built
 * through the UI as a student would (palette, handles, inspector), checked against the document and
 * against the notes' formulas, with a screenshot per journey for a person to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');
const inspectorOf = (app: Page): Locator => app.getByRole('complementary', { name: 'inspector' });
const paletteOf = (app: Page): Locator => app.getByRole('navigation', { name: 'palette' });

interface Doc {
  nodes: Array<{ id: string; size?: number }>;
  edges: Array<{ id: string; source: string; target: string; weight: unknown }>;
  probes?: Array<{ id: string; target: string; variable: string }>;
}

async function documentOf(app: Page): Promise<Doc> {
  return (await app.evaluate(() => window.__neurosketchTest!.editor!.document())) as Doc;
}

async function startEmpty(app: Page): Promise<void> {
  await expect(canvasOf(app)).toContainText('LIF');
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'New' }).click();
  await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');
}

/** Drags from one handle to another (React Flow ignores the first move of a drag). */
async function wire(app: Page, from: string, to: string): Promise<void> {
  const a = await app.getByLabel(from, { exact: true }).boundingBox();
  const b = await app.getByLabel(to, { exact: true }).boundingBox();
  if (!a || !b) throw new Error(`handle ${a ? to : from} not found`);
  await app.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await app.mouse.down();
  await app.mouse.move(a.x + a.width / 2 + 2, a.y + a.height / 2 + 2);
  await app.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await app.mouse.up();
}

async function typeInto(field: Locator, text: string): Promise<void> {
  await field.fill(text);
  await field.press('Enter');
}

test('connection rules: one-to-one between equal sizes, all-to-all with its drive warning, p as inputs each, an oversize connection refused when made', async ({
  app,
}) => {
  await startEmpty(app);
  await paletteOf(app).getByRole('button', { name: 'Add Poisson' }).click();
  await typeInto(inspectorOf(app).getByLabel(/^size/), '100');
  await paletteOf(app).getByRole('button', { name: 'Add LIF population' }).click();
  await typeInto(inspectorOf(app).getByLabel(/^size/), '100');
  await paletteOf(app).getByRole('button', { name: 'Add LIF population' }).click();
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'Tidy' }).click();
  await expect
    .poll(async () => (await documentOf(app)).nodes.map((n) => n.size))
    .toEqual([100, 100, 10]);

  // 100 trains onto 100 neurons: each neuron its own train, and the edge says so.
  await wire(app, 'in1 output', 'P1 input');
  const edge = canvasOf(app).getByRole('button', { name: /^synapse in1 to P1/ });
  await expect(edge).toContainText('one-to-one · 1 input each');
  await expect(canvasOf(app).getByRole('status')).toContainText('Choose another connection rule');
  expect((await documentOf(app)).edges[0]!.weight).toEqual({ init: 'identity', value: 0.05 });

  // All-to-all: every neuron gets all 100 trains; the inspector says what that means.
  const rule = inspectorOf(app).getByLabel('connection rule', { exact: true });
  await rule.selectOption('all');
  await expect(edge).toContainText('all-to-all · 100 inputs each');
  await expect(edge).toContainText('w 0.05');
  await expect(
    inspectorOf(app).getByRole('note').filter({ hasText: 'Strong drive' }),
  ).toContainText(
    // J = 100 x 20 Hz x 0.05 = 100; G(100) = 1 / (2 ms + 20 ms ln(100/99)) = 454 Hz
    'G(100) ≈ 454 Hz',
  );
  await screenshot(app, 'canvas-rule-all-to-all');

  // Fixed probability, typed as inputs each: p = 10 / 100.
  await rule.selectOption('probability');
  await typeInto(inspectorOf(app).getByLabel(/^inputs each/), '10');
  await expect(edge).toContainText('p 0.1 · ~10 inputs each');
  expect((await documentOf(app)).edges[0]!.weight).toEqual({ init: 'sparse', p: 0.1, value: 0.05 });
  // Still 10 x 20 Hz x 0.05 = 10 on average: ten times threshold, G(10) = 243 Hz.
  await expect(
    inspectorOf(app).getByRole('note').filter({ hasText: 'Strong drive' }),
  ).toContainText('J ≈ 10 × 20 × 0.05 = 10, 10× its threshold 1. G(10) ≈ 243 Hz');

  // 100,000 trains onto 60,000 neurons all-to-all: refused when drawn, with the estimate.
  await canvasOf(app).getByRole('group', { name: / in1$/ }).click();
  await typeInto(inspectorOf(app).getByLabel(/^size/), '100000');
  await canvasOf(app)
    .getByRole('group', { name: /^LIF population P2$/ })
    .click();
  await typeInto(inspectorOf(app).getByLabel(/^size/), '60000');
  await wire(app, 'in1 output', 'P2 input');
  const alert = canvasOf(app).getByRole('alert');
  await expect(alert).toContainText('6 × 10^9 connections');
  await expect(alert).toContainText('GB');
  expect((await documentOf(app)).edges.map((e) => e.target)).toEqual(['P1']);
  await screenshot(app, 'canvas-rule-oversize');
});
