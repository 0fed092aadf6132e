/**
 * Issue 15, "readable wiring everywhere" and "recording without clutter", as the student's
 * walkthrough met them at 1440x900: a winner-take-all triangle built from an empty canvas (three LIF
 * neurons added by clicking the palette, each wired to the other two handle to handle, weights
 * -0.05). After Fit, after Tidy, after adding a Scope and after reopening a collapsed panel no
 * card, label or line covers another, everything stays inside the canvas and the labels stay
 * readable. A screenshot per step for a person to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { canvasOf, documentOf, inspectorOf, paletteOf, wire } from './canvasHelpers';

const editorBar = (app: Page): Locator => app.getByRole('toolbar', { name: 'editor' });

interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * What is wrong on screen: cards and labels overlapping, any card, label or line outside the
 * canvas, a line running through a card other than its ends or under another synapse's label, and
 * labels whose text is drawn smaller than `minFontPx`.
 */
async function problems(app: Page, minFontPx: number): Promise<string[]> {
  const ends = Object.fromEntries(
    (await documentOf(app)).edges.map((e) => [e.id, { source: e.source, target: e.target }]),
  );
  return app.evaluate(
    ({ nodeOf, minFont }) => {
      const out: string[] = [];
      const rect = (el: Element, id: string): Rect => {
        const r = el.getBoundingClientRect();
        return { id, x: r.x, y: r.y, w: r.width, h: r.height };
      };
      const canvas = rect(document.querySelector('.circuit-canvas .react-flow')!, 'canvas');
      const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) =>
        rect(el, el.dataset['id'] ?? ''),
      );
      const labels = [...document.querySelectorAll<HTMLElement>('.synapse-label')].map((el) =>
        rect(el, `label ${el.dataset['edgeId']}`),
      );
      const boxes = [...cards, ...labels];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (w > 1 && h > 1) out.push(`${a.id} overlaps ${b.id}`);
        }
      const outside = (p: { x: number; y: number }): boolean =>
        p.x < canvas.x - 1 ||
        p.y < canvas.y - 1 ||
        p.x > canvas.x + canvas.w + 1 ||
        p.y > canvas.y + canvas.h + 1;
      for (const b of boxes)
        if (outside({ x: b.x, y: b.y }) || outside({ x: b.x + b.w, y: b.y + b.h }))
          out.push(`${b.id} outside the canvas`);
      const inside = (p: { x: number; y: number }, r: Rect): boolean =>
        p.x > r.x + 1 && p.x < r.x + r.w - 1 && p.y > r.y + 1 && p.y < r.y + r.h - 1;
      const paths = [
        ...document.querySelectorAll<SVGPathElement>(
          '.react-flow__edge path.synapse-path, .react-flow__edge.edge--probe path.react-flow__edge-path',
        ),
      ];
      for (const path of paths) {
        const g = path.closest<SVGGElement>('.react-flow__edge')!;
        const id = g.dataset['id']!;
        const probe = g.classList.contains('edge--probe');
        const m = path.getScreenCTM()!;
        const length = path.getTotalLength();
        const n = 120;
        const points: Array<{ x: number; y: number }> = [];
        for (let i = 6; i <= n - 6; i++) {
          const q = path.getPointAtLength((length * i) / n);
          points.push({ x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f });
        }
        if (points.some(outside)) out.push(`line ${id} outside the canvas`);
        const own = nodeOf[id];
        for (const card of cards) {
          if (own && (card.id === own.source || card.id === own.target)) continue;
          if (probe) continue; // a scope's dotted wire runs from its target to it
          if (points.some((p) => inside(p, card))) out.push(`line ${id} behind card ${card.id}`);
        }
        for (const label of labels) {
          if (label.id === `label ${id}`) continue;
          if (points.some((p) => inside(p, label))) out.push(`line ${id} under ${label.id}`);
        }
      }
      for (const el of document.querySelectorAll<HTMLElement>('.synapse-label')) {
        const size = parseFloat(getComputedStyle(el).fontSize);
        const scale = el.getBoundingClientRect().height / el.offsetHeight;
        if (size * scale < minFont)
          out.push(`label ${el.dataset['edgeId']} drawn at ${(size * scale).toFixed(1)} px`);
      }
      return out;
    },
    { nodeOf: ends, minFont: minFontPx },
  );
}

/** Waits for a readable canvas; on failure saves what it showed (e2e/screenshots/failed-*.png). */
async function expectReadable(app: Page, what: string): Promise<void> {
  try {
    await expect.poll(() => problems(app, 9), { message: what, timeout: 6000 }).toEqual([]);
  } catch (error) {
    await screenshot(app, `failed-triangle-${what.replace(/[^A-Za-z]+/g, '-')}`);
    throw error;
  }
}

test.describe('at 1440x900', () => {
  test('a winner-take-all triangle built by clicks and drags stays readable: after Fit, after Tidy, with a new Scope and after reopening a panel', async ({
    app,
  }) => {
    await app.setViewportSize({ width: 1440, height: 900 });
    await expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
    await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'New' }).click();
    await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');

    // Three neurons by clicking the palette: they land in reading order, in view, none covered.
    for (let i = 0; i < 3; i++)
      await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
    await expect.poll(async () => (await documentOf(app)).nodes.length).toBe(3);
    const placed = (await documentOf(app)).layout!;
    expect(placed['B']!.x, 'B right of A').toBeGreaterThan(placed['A']!.x);
    expect(placed['C']!.y >= placed['B']!.y || placed['C']!.x > placed['B']!.x).toBe(true);
    await expectReadable(app, 'three neurons added');

    for (const [s, t] of ['AB', 'BA', 'AC', 'CA', 'BC', 'CB'] as const)
      await wire(app, `${s} output`, `${t} input`, { refusalEnds: false });
    await expect.poll(async () => (await documentOf(app)).edges.length).toBe(6);
    await expectReadable(app, 'six synapses as drawn');
    // Weights -0.05 on all six at once: Ctrl-click each label, then the inspector.
    const labels = canvasOf(app).locator('.synapse-label');
    await labels.first().click();
    for (let i = 1; i < 6; i++) await labels.nth(i).click({ modifiers: ['Control'] });
    const weight = inspectorOf(app)
      .getByLabel(/^weight/)
      .first();
    await weight.fill('-0.05');
    await weight.press('Enter');
    await expect
      .poll(async () => (await documentOf(app)).edges.map((e) => e.weight))
      .toEqual(Array(6).fill(-0.05));
    await expect(labels.first()).toContainText('w -0.05');
    await expectReadable(app, 'six synapses as wired');
    await screenshot(app, 'triangle-1440-wired');

    // Identical labels: the label names its pair.
    await expect(canvasOf(app).getByRole('button', { name: /^synapse A to C/ })).toHaveAttribute(
      'title',
      /A → C/,
    );

    // Hovering a label brings its line forward and fades the five others (once they are no
    // longer selected: a selected synapse never fades, walkthrough 4).
    await canvasOf(app)
      .locator('.react-flow__pane')
      .click({ position: { x: 20, y: 100 } });
    await expect(inspectorOf(app).getByRole('heading', { level: 2 })).not.toContainText('synapses');
    const ac = canvasOf(app).getByRole('button', { name: /^synapse A to C/ });
    const acId = await ac.getAttribute('data-edge-id');
    await ac.hover();
    await expect
      .poll(() =>
        app.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.synapse-label')]
            .filter((el) => getComputedStyle(el).opacity === '1')
            .map((el) => el.dataset['edgeId']),
        ),
      )
      .toEqual([acId]);
    await screenshot(app, 'triangle-1440-hover-label');
    await app.mouse.move(5, 5);

    await editorBar(app).getByRole('button', { name: 'Fit' }).click();
    await expectReadable(app, 'after Fit');
    await screenshot(app, 'triangle-1440-fit');

    await editorBar(app).getByRole('button', { name: 'Tidy' }).click();
    await editorBar(app).getByRole('button', { name: 'Fit' }).click();
    const tidy = (await documentOf(app)).layout!;
    expect(tidy['A']!.x, 'A above B').toBe(tidy['B']!.x);
    expect(tidy['C']!.x, 'C right of them').toBeGreaterThan(tidy['A']!.x);
    await expectReadable(app, 'after Tidy');
    await screenshot(app, 'triangle-1440-tidy');

    // A Scope by a palette click: on no card, label or line, all still in view.
    await canvasOf(app)
      .getByRole('group', { name: /LIF neuron C$/ })
      .click();
    await paletteOf(app).getByRole('button', { name: 'Add Scope' }).click();
    await expect.poll(async () => (await documentOf(app)).probes?.length ?? 0).toBe(1);
    await expect(canvasOf(app).locator('.react-flow__node-scope')).toHaveCount(1);
    await expectReadable(app, 'after adding a Scope');
    // Its notice sits in the canvas's top-right corner, over no card and no label.
    const notice = (await canvasOf(app).getByRole('status').boundingBox())!;
    const covered = await app.evaluate((n) => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(
        '.react-flow__node, .synapse-label',
      )) {
        const r = el.getBoundingClientRect();
        const w = Math.min(r.right, n.x + n.width) - Math.max(r.x, n.x);
        const h = Math.min(r.bottom, n.y + n.height) - Math.max(r.y, n.y);
        if (w > 0 && h > 0) out.push(el.dataset['id'] ?? el.dataset['edgeId'] ?? '?');
      }
      return out;
    }, notice);
    expect(covered, 'the notice covers nothing').toEqual([]);
    await screenshot(app, 'triangle-1440-scope');

    // Collapse the palette, then reopen it: the circuit stays in view and clicks still land.
    await app.getByRole('button', { name: 'Hide palette' }).click();
    await expectReadable(app, 'palette collapsed');
    await app.getByRole('button', { name: 'Show palette' }).click();
    await expectReadable(app, 'palette reopened');
    await canvasOf(app)
      .getByRole('group', { name: /LIF neuron A$/ })
      .click();
    await expect(inspectorOf(app).getByLabel(/^id/)).toHaveValue('A');
    await screenshot(app, 'triangle-1440-reopened');
  });
});
