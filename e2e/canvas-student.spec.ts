/**
 * Issue 15, "a canvas a student never fights": each journey here failed before its fix. Built
 * through the UI as a student would (palette, handles, inspector), checked against the document and
 * against the notes' formulas, with a screenshot per journey for a person to look at.
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
  paletteOf,
  startEmpty,
  TRIANGLE,
  wire,
  type Rect,
} from './canvasHelpers';

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
  // A two-line notice keeps its × at the top right, not wrapped onto a line of its own.
  const notice = (await canvasOf(app).getByRole('status').boundingBox())!;
  const dismiss = (await canvasOf(app)
    .getByRole('status')
    .getByRole('button', { name: 'dismiss' })
    .boundingBox())!;
  expect(notice.height).toBeGreaterThan(2 * dismiss.height);
  expect(dismiss.y - notice.y).toBeLessThan(dismiss.height);
  expect(notice.x + notice.width - (dismiss.x + dismiss.width)).toBeLessThan(16);
  expect((await documentOf(app)).edges[0]!.weight).toEqual({ init: 'identity', value: 0.05 });

  // All-to-all: every neuron gets all 100 trains; the inspector says what that means.
  const rule = inspectorOf(app).getByLabel('connection rule', { exact: true });
  await rule.selectOption('all');
  await expect(edge).toContainText('all-to-all · 100 inputs each');
  // The connect message said "one-to-one"; it goes once the rule is another (a walkthrough found
  // it staying).
  await expect(
    canvasOf(app).getByRole('status').filter({ hasText: 'Connected in1 → P1' }),
  ).toHaveCount(0);
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

function outside(canvas: Rect, boxes: Rect[]): string[] {
  return boxes
    .filter(
      (b) =>
        b.x < canvas.x - 1 ||
        b.y < canvas.y - 1 ||
        b.x + b.w > canvas.x + canvas.w + 1 ||
        b.y + b.h > canvas.y + canvas.h + 1,
    )
    .map((b) => b.id);
}

/**
 * Where the synapse lines run: each drawn path sampled on screen, checked against the cards other
 * than its own ends, the labels other than its own, and the other lines. A line may cross another;
 * it may not run along it (more than a few samples within 3 px), as the winner-take-all's curves
 * did, nor under a card or another synapse's label. The steps at a line's ends sit on its handles,
 * which other lines share, and are left out.
 */
async function lineProblems(app: Page): Promise<string[]> {
  const ends = Object.fromEntries(
    (await documentOf(app)).edges.map((e) => [e.id, { source: e.source, target: e.target }]),
  );
  return app.evaluate((nodeOf) => {
    const out: string[] = [];
    const lines = [
      ...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.synapse-path'),
    ].map((path) => {
      const id = path.closest<SVGGElement>('.react-flow__edge')!.dataset['id']!;
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const points: Array<{ x: number; y: number }> = [];
      const n = 120;
      for (let i = 6; i <= n - 6; i++) {
        const q = path.getPointAtLength((length * i) / n);
        points.push({ x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f });
      }
      return { id, points };
    });
    const inside = (p: { x: number; y: number }, r: DOMRect) =>
      p.x > r.x + 1 && p.x < r.right - 1 && p.y > r.y + 1 && p.y < r.bottom - 1;
    const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => ({
      id: el.dataset['id'] ?? '',
      r: el.getBoundingClientRect(),
    }));
    const labels = [...document.querySelectorAll<HTMLElement>('.synapse-label')].map((el) => ({
      id: el.dataset['edgeId'] ?? '',
      r: el.getBoundingClientRect(),
    }));
    for (const line of lines) {
      const ends = nodeOf[line.id];
      for (const card of cards) {
        if (card.id === ends?.source || card.id === ends?.target) continue;
        if (line.points.some((p) => inside(p, card.r)))
          out.push(`line ${line.id} under card ${card.id}`);
      }
      for (const label of labels) {
        if (label.id === line.id) continue;
        if (line.points.some((p) => inside(p, label.r)))
          out.push(`line ${line.id} under label ${label.id}`);
      }
    }
    for (let i = 0; i < lines.length; i++)
      for (let j = i + 1; j < lines.length; j++) {
        const [a, b] = [lines[i]!, lines[j]!];
        // A fan out of one handle, or into one, leaves it (or meets at it) as a bundle.
        const [ea, eb] = [nodeOf[a.id], nodeOf[b.id]];
        if (ea?.source === eb?.source || ea?.target === eb?.target) continue;
        const along = a.points.filter((p) =>
          b.points.some((q) => Math.hypot(p.x - q.x, p.y - q.y) < 3),
        ).length;
        if (along > 8) out.push(`line ${a.id} runs along ${b.id}`);
      }
    return out;
  }, ends);
}

/**
 * Waits until the canvas shows every label, with no two boxes overlapping and all in view; with
 * `lines`, also no synapse line under another's label or a card, and none running along another.
 */
async function expectReadableWiring(app: Page, what: string, lines = false): Promise<void> {
  const edges = (await documentOf(app)).edges.length;
  await expect
    .configure({ soft: true })
    .poll(
      async () => {
        const { canvas, cards, labels, wires } = await canvasBoxes(app);
        return {
          labels: labels.length,
          overlaps: overlapping([...cards, ...labels]),
          outside: outside(canvas, [...cards, ...labels, ...wires]),
          lines: lines ? await lineProblems(app) : [],
        };
      },
      { message: what, timeout: 5000 },
    )
    .toEqual({ labels: edges, overlaps: [], outside: [], lines: [] });
}

const EXAMPLES = [
  'HH neuron under increasing current',
  'LIF neuron charging',
  'Fast and slow synapses: PSC shapes',
  'A spike train through a PSC filter',
  'A and B drive C',
  'Bias: a param or a bias node',
  'A layer: weight matrix, bias, softmax and one-hot',
  'Winner-take-all',
  'Adaptation: a LIF neuron that slows down',
  'CUBA balanced E/I network',
  'Runaway feedback',
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('readable wiring: in every example and in a winner-take-all triangle no label, card or scope overlaps another, no line runs under a label or card or along another line, all in view, and the SVG export agrees', async ({
  app,
}) => {
  for (const name of EXAMPLES) {
    await openExample(app, new RegExp(`^${escapeRegExp(name)}`));
    await expect(canvasOf(app).locator('.synapse-label')).toHaveCount(
      (await documentOf(app)).edges.length,
    );
    await expectReadableWiring(app, name, true);
    await screenshot(app, `canvas-wiring-${name.replace(/[^A-Za-z]+/g, '-').toLowerCase()}`);
  }

  // Three LIF neurons inhibiting each other (six synapses), placed as a student would.
  await startEmpty(app);
  const canvas = canvasOf(app);
  for (const [x, y] of [
    [200, 80],
    [200, 300],
    [560, 190],
  ] as const) {
    await app
      .getByRole('button', { name: 'Add LIF neuron' })
      .dragTo(canvas, { targetPosition: { x, y } });
  }
  for (const [s, t] of TRIANGLE) await wire(app, `${s} output`, `${t} input`);
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(6);
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'Fit' }).click();
  await expectReadableWiring(app, 'triangle as placed', true);
  await screenshot(app, 'canvas-wiring-triangle');
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'Tidy' }).click();
  await expectReadableWiring(app, 'triangle after Tidy', true);
  await screenshot(app, 'canvas-wiring-triangle-tidy');

  // The exported SVG: its label boxes overlap no card and no other label either.
  const download = app.waitForEvent('download');
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'SVG' }).click();
  const svg = readFileSync((await (await download).path())!, 'utf8');
  const svgBoxes = await app.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return [...doc.querySelectorAll('rect.node, rect.scope, rect.synapse-label')].map((r, i) => ({
      id: `${r.getAttribute('class')} ${i}`,
      x: Number(r.getAttribute('x')),
      y: Number(r.getAttribute('y')),
      w: Number(r.getAttribute('width')),
      h: Number(r.getAttribute('height')),
    }));
  }, svg);
  expect(svgBoxes.filter((b) => b.id.startsWith('synapse-label'))).toHaveLength(6);
  expect(overlapping(svgBoxes)).toEqual([]);
});

test('recording without clutter: six recordings of an HH and a LIF neuron are chips on their nodes, no card moves or covers anything; S says when there is nothing to record', async ({
  app,
}) => {
  await startEmpty(app);
  const canvas = canvasOf(app);
  const palette = paletteOf(app);
  await palette
    .getByRole('button', { name: 'Add Steps' })
    .dragTo(canvas, { targetPosition: { x: 120, y: 200 } });
  await palette
    .getByRole('button', { name: 'Add HH neuron' })
    .dragTo(canvas, { targetPosition: { x: 440, y: 200 } });
  await palette
    .getByRole('button', { name: 'Add LIF neuron' })
    .dragTo(canvas, { targetPosition: { x: 760, y: 200 } });
  await wire(app, 'in1 output', 'A input');
  await wire(app, 'A output', 'B input');
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'Fit' }).click();
  await expectReadableWiring(app, 'before recording');
  const before = await canvasBoxes(app);

  const record = app.getByRole('group', { name: 'Record this' });
  for (const [node, variable] of [
    ['A', 'V'],
    ['A', 'm'],
    ['A', 'h'],
    ['B', 'v'],
    ['B', 's'],
    ['B', 'J'],
  ]) {
    await record.getByLabel('node to record').selectOption(node!);
    await record.getByLabel('variable to record').selectOption(variable!);
    await record.getByRole('button', { name: 'Record this' }).click();
    await expect(
      canvas.getByRole('button', {
        name: `scope ${variable}${node}: records ${variable} of ${node}`,
      }),
    ).toBeVisible();
  }
  expect((await documentOf(app)).probes).toHaveLength(6);
  // No scope cards: the cards on the canvas are the three nodes, where they were, all in view.
  await expect(canvas.locator('.react-flow__node-scope')).toHaveCount(0);
  await expectReadableWiring(app, 'after six recordings');
  const after = await canvasBoxes(app);
  expect(after.cards.map((c) => [c.id, Math.round(c.x), Math.round(c.y)])).toEqual(
    before.cards.map((c) => [c.id, Math.round(c.x), Math.round(c.y)]),
  );
  // Every recording has its chart.
  await expect(app.getByRole('figure', { name: 'A · V' })).toBeVisible();
  await screenshot(app, 'canvas-recording-chips');

  // A chip is a scope: click it to edit it in the inspector.
  await canvas.getByRole('button', { name: 'scope mA: records m of A' }).click();
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('mA');

  // Every variable of B is recorded: a Scope on B would draw a trace twice, and is not added.
  await canvas.getByRole('group', { name: /LIF neuron B$/ }).click();
  await palette.getByRole('button', { name: 'Add Scope' }).click();
  await expect(canvas.getByRole('alert')).toContainText(
    'Not added: every variable of B is recorded already',
  );
  // A scope card from the palette on A records its n (not recorded yet), clear of the cards and
  // the synapse labels.
  await canvas.getByRole('group', { name: /HH neuron A$/ }).click();
  await palette.getByRole('button', { name: 'Add Scope' }).click();
  await expect(canvas.locator('.react-flow__node-scope')).toHaveCount(1);
  await expect(canvas.getByRole('status')).toContainText(
    'records n of A (its V is recorded already)',
  );
  await expectReadableWiring(app, 'with a scope card');

  // S with nothing selected, or with every variable recorded, says so.
  await canvas.locator('.react-flow__pane').click({ position: { x: 20, y: 100 } });
  await app.keyboard.press('s');
  await expect(canvas.getByRole('alert')).toContainText('Not recorded: select a neuron');
  await canvas.getByRole('group', { name: /LIF neuron B$/ }).click();
  await app.keyboard.press('s');
  await expect(canvas.getByRole('status')).toContainText('Every variable of B is recorded already');
  expect((await documentOf(app)).probes).toHaveLength(7);
});

test('synapses multi-select by their labels (Ctrl-click, Shift-click, a box) and are edited together', async ({
  app,
}) => {
  await openExample(app, /^A and B drive C/);
  const canvas = canvasOf(app);
  const ca = canvas.getByRole('button', { name: /^synapse A to C/ });
  const cb = canvas.getByRole('button', { name: /^synapse B to C/ });
  await ca.click();
  await cb.click({ modifiers: ['Control'] });
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('2 synapses');
  await cb.click({ modifiers: ['Control'] }); // a second Ctrl-click takes it out again
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('A → C');
  await cb.click({ modifiers: ['Shift'] });
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('2 synapses');
  await typeInto(inspectorOf(app).getByLabel(/^weight/), '0.02');
  await expect
    .poll(async () => (await documentOf(app)).edges.map((e) => e.weight))
    .toEqual([0.02, 0.02]);

  // A Shift-drag box around one label (and no card) selects that synapse.
  await canvas.locator('.react-flow__pane').click({ position: { x: 20, y: 100 } });
  const box = (await cb.boundingBox())!;
  await app.keyboard.down('Shift');
  await app.mouse.move(box.x - 6, box.y - 6);
  await app.mouse.down();
  await app.mouse.move(box.x - 2, box.y - 2);
  await app.mouse.move(box.x + box.width + 6, box.y + box.height + 6, { steps: 6 });
  await app.mouse.up();
  await app.keyboard.up('Shift');
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText('B → C');
  await screenshot(app, 'canvas-multiselect');
});

test('live controls that reach: a number box, a range that grows at its end and can be typed, every live param of the selected node, and a note that follows the slider', async ({
  app,
}) => {
  await startEmpty(app);
  await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  await paletteOf(app).getByRole('button', { name: 'Add Steps' }).click();
  const live = app.getByRole('region', { name: 'live inputs' });
  const biasOf = async (): Promise<unknown> =>
    ((await documentOf(app)) as unknown as { nodes: Array<{ params?: { bias?: number } }> })
      .nodes[0]!.params?.bias;

  // Typed beside the slider: 1.8 (beyond the first range, 0 ± 1).
  await typeInto(live.getByLabel('A bias value'), '1.8');
  await expect.poll(biasOf).toBe(1.8);
  const slider = live.getByRole('slider', { name: 'A bias' });
  await expect(slider).toHaveAttribute('max', '3.6');
  // Pushed to its end and let go, the range grows; pushed again it goes past twice 1.8.
  await slider.focus();
  await app.keyboard.press('End');
  await expect.poll(biasOf).toBe(3.6);
  await app.keyboard.press('End');
  await expect.poll(biasOf).toBeGreaterThan(2 * 3.6 - 1e-9);
  // The loser of a winner-take-all needs about 28: typed, and a typed range.
  await typeInto(live.getByLabel('A bias value'), '28');
  await expect.poll(biasOf).toBe(28);
  await live.getByRole('button', { name: 'range of A bias' }).click();
  await typeInto(live.getByLabel('A bias max'), '100');
  await expect(slider).toHaveAttribute('max', '100');

  // The selected neuron: every live param gets a control (tauM in ms); steps say why not.
  await canvasOf(app)
    .getByRole('group', { name: /LIF neuron A$/ })
    .click();
  await expect(live.getByLabel('A tauM value')).toHaveValue('20');
  await expect(live.getByRole('slider', { name: /A vTh/ })).toBeVisible();
  await expect(live.getByRole('note').filter({ hasText: 'in1 steps' })).toContainText(
    'no single level to slide',
  );

  // A run with a slider moved: the keep/revert note names the value the slider holds now.
  await app.getByLabel('Speed').selectOption('0.25');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(async () =>
      Number(/t = ([\d.]+) ms/.exec(await app.getByTestId('sim-clock').innerText())?.[1] ?? 0),
    )
    .toBeGreaterThan(5);
  await typeInto(live.getByLabel('A bias value'), '30');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  await app.getByRole('button', { name: 'Stop', exact: true }).click();
  const offer = live.getByRole('group', { name: 'slider changes' });
  await expect(offer).toContainText('A bias 28 → 30');
  await typeInto(live.getByLabel('A bias value'), '31');
  await expect(offer).toContainText('A bias 28 → 31');
  await screenshot(app, 'live-controls');
});

test.describe('start screen after a reload', () => {
  test.use({ startScreen: true });

  test('offers the student’s own circuit first, and Continue (the default, Enter) opens it', async ({
    app,
  }) => {
    const welcome = app.getByRole('dialog', { name: 'Welcome to NeuroSketch' });
    await expect(welcome).toBeVisible();
    await welcome.getByRole('button', { name: 'New empty circuit' }).click();
    await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
    await app
      .getByRole('toolbar', { name: 'file' })
      .getByRole('button', { name: 'Save as…' })
      .click();
    const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
    await saveDialog.getByLabel('File name').fill('my-wta');
    await saveDialog.getByRole('button', { name: 'Save' }).click();
    await expect(app).toHaveTitle('my-wta.neuro — NeuroSketch');

    await app.reload();
    await expect(welcome).toBeVisible();
    const recent = welcome.getByRole('list', { name: 'recent circuits' });
    await expect(recent.getByRole('button').first()).toContainText('my-wta.neuro');
    const go = welcome.getByRole('button', { name: 'Continue with “my-wta.neuro”' });
    await expect(go).toBeFocused();
    await screenshot(app, 'start-screen-recent');
    await app.keyboard.press('Enter');
    await expect(welcome).toBeHidden();
    await expect(app).toHaveTitle('my-wta.neuro — NeuroSketch');
    await expect(canvasOf(app).getByRole('group', { name: /LIF neuron A$/ })).toBeVisible();
  });
});

test('messages match the state and keys do what they say: empty Run, a rate-only circuit, a large dt, N at the visible centre, S on a bias node, F2 replaces the name', async ({
  app,
}) => {
  await startEmpty(app);
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.locator('.run-message')).toContainText('Nothing to simulate');
  await expect(app.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

  // A rate unit and a constant: nothing here spikes, and the summary says so after a run too.
  await paletteOf(app).getByRole('button', { name: 'Add Rate neuron' }).click();
  await paletteOf(app).getByRole('button', { name: 'Add Constant' }).click();
  await wire(app, 'in1 output', 'A input');
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished');
  await expect(app.getByTestId('spike-summary')).toContainText(
    'No spiking element in this circuit',
  );
  // Nothing recorded in a rate circuit: one button records every unit's output (as a spiking
  // circuit shows its raster unasked), and the next run draws it.
  await app.getByRole('button', { name: 'Record the output of A' }).click();
  await expect(app.getByText('Recorded: press Run to see it.')).toBeVisible();
  expect((await documentOf(app)).probes).toEqual([{ id: 'yA', target: 'A', variable: 'y' }]);
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished');
  await expect(app.getByRole('button', { name: /^Record the output/ })).toHaveCount(0);
  await expect(app.getByText('Recorded: press Run to see it.')).toHaveCount(0);

  // dt = 50 ms against a LIF neuron's 20 ms: named.
  await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  await canvasOf(app)
    .locator('.react-flow__pane')
    .click({ position: { x: 20, y: 100 } });
  await typeInto(inspectorOf(app).getByLabel(/^dt/), '50');
  await expect(inspectorOf(app).getByRole('note').filter({ hasText: 'dt = 50 ms' })).toContainText(
    'τm of B = 20 ms',
  );

  // N with the circuit panned out of sight: the new neuron lands in the visible canvas, clear of
  // the toolbar.
  const pane = canvasOf(app).locator('.react-flow__pane');
  const paneBox = (await pane.boundingBox())!;
  await app.mouse.move(paneBox.x + paneBox.width - 40, paneBox.y + paneBox.height - 40);
  await app.mouse.down();
  await app.mouse.move(paneBox.x + paneBox.width - 42, paneBox.y + paneBox.height - 42);
  await app.mouse.move(paneBox.x + 60, paneBox.y + 120, { steps: 8 });
  await app.mouse.up();
  await app.keyboard.press('n');
  const added = canvasOf(app).getByRole('group', { name: /LIF neuron C$/ });
  await expect(added).toBeVisible();
  const card = (await added.boundingBox())!;
  const toolbar = (await app.getByRole('toolbar', { name: 'editor' }).boundingBox())!;
  expect(card.x).toBeGreaterThanOrEqual(paneBox.x);
  expect(card.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);
  expect(card.x + card.width).toBeLessThanOrEqual(paneBox.x + paneBox.width);
  expect(card.y + card.height).toBeLessThanOrEqual(paneBox.y + paneBox.height);

  // S on a bias node says why nothing is recorded.
  await app.keyboard.press('b');
  await app.keyboard.press('s');
  await expect(canvasOf(app).getByRole('alert')).toContainText('is a bias node');

  // F2 selects the old name: typing replaces it.
  await added.click();
  await app.keyboard.press('F2');
  await app.keyboard.type('weak');
  await app.keyboard.press('Enter');
  await expect(canvasOf(app).getByRole('group', { name: /LIF neuron weak/ })).toBeVisible();
  await screenshot(app, 'canvas-messages-keys');
});

/** Opens a node's "See the math" view from its context menu. */
async function openViewFor(app: Page, node: RegExp, item: string): Promise<Locator> {
  const entry = app.getByRole('menuitem', { name: `See the math: ${item}` });
  await expect(async () => {
    await app.keyboard.press('Escape');
    await canvasOf(app).getByRole('group', { name: node }).click({ button: 'right' });
    await expect(entry).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await entry.click();
  return app.getByRole('dialog', { name: 'See the math' });
}

test('Learn views start from the picked node: its bias as v_in, its real input spikes, and headers that follow the target', async ({
  app,
}) => {
  // The PSC view of P: the synapse's own τs and n, and S's real spike times, not a demo train.
  await openExample(app, /^A spike train through a PSC filter/);
  const psc = await openViewFor(app, /^LIF neuron P$/, 'PSC filters');
  await expect(psc.getByText(/Spike train \(spike train’s spike times\)/)).toBeVisible();
  await screenshot(app, 'learn-psc-real-spikes');
  await psc.getByRole('button', { name: 'Close' }).click();

  // A neuron with bias 1.8 that also receives a synapse (as in a winner-take-all).
  await openExample(app, /^A and B drive C/);
  await canvasOf(app)
    .getByRole('group', { name: /LIF neuron A$/ })
    .click();
  await typeInto(inspectorOf(app).getByLabel(/^bias/), '1.8');
  await wire(app, 'C output', 'A input');
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(3);
  const dialog = await openViewFor(app, /LIF neuron A$/, 'LIF charging and rate');
  await expect(dialog.getByText('v_in: 1.8', { exact: true })).toBeVisible();
  // G(1.8) = 1 / (2 ms + 20 ms ln(1.8 / 0.8)) = 54.89 Hz
  await expect(dialog.getByText(/G = 54\.89 Hz/)).toBeVisible();
  await expect(dialog.getByTestId('lif-own-input')).toContainText(
    'its one other input (a synapse or a varying signal) is not included',
  );
  await screenshot(app, 'learn-lif-own-input');

  // The weight view: picking another target moves the panel's header with it.
  await dialog.getByRole('button', { name: /^Weight matrix/ }).click();
  await expect(dialog.getByText('for node A')).toBeVisible();
  await dialog.getByLabel('target Y (the rows of W)').selectOption('C');
  await expect(dialog.getByText('for node C')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test("Learn views start from the picked node: a rate unit's Activations view opens at its own z = b + w u", async ({
  app,
}) => {
  // A rate unit with bias 0.7 driven by a constant 1.5: z = 0.7 + w 1.5.
  await startEmpty(app);
  await paletteOf(app).getByRole('button', { name: 'Add Rate neuron' }).click();
  await typeInto(inspectorOf(app).getByLabel(/^bias/), '0.7');
  await paletteOf(app).getByRole('button', { name: 'Add Constant' }).click();
  await typeInto(inspectorOf(app).getByLabel(/^value/), '1.5');
  await wire(app, 'in1 output', 'A input');
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(1);
  const w = (await documentOf(app)).edges[0]!.weight as number;
  expect(typeof w).toBe('number');
  const z = 0.7 + w * 1.5;

  const dialog = await openViewFor(app, /neuron A$/, 'Activation functions');
  await expect(dialog.getByText('for node A')).toBeVisible();
  // The z slider and the readouts start at the unit's own z, not the demo 0.5.
  await expect(dialog.getByRole('slider', { name: 'z' })).toHaveValue(String(z));
  await expect(dialog.getByText(`z: ${z}`, { exact: true })).toBeVisible();
  const data = (await app.evaluate(
    () => window.__neurosketchTest?.learnViews?.['activations']?.data,
  )) as { z: number; readout: Record<string, number> };
  expect(data.z).toBeCloseTo(z, 12);
  expect(data.readout['logistic']).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
  expect(data.readout['relu']).toBeCloseTo(Math.max(0, z), 12);
  await screenshot(app, 'learn-activations-own-z');

  // The list says which views are this unit's: HH gating is not, and opens with example values
  // rather than as "for node A" (a walkthrough found HH views listed for a rate unit).
  const nav = dialog.getByRole('navigation', { name: 'math views' });
  await expect(nav.getByRole('heading', { name: 'For A' })).toBeVisible();
  const others = nav.locator('div').filter({
    has: app.getByRole('heading', { name: 'Other views (example values)' }),
  });
  await expect(others.getByRole('button', { name: /^HH gating/ })).toBeVisible();
  await expect(others.getByRole('button', { name: /^Activation functions/ })).toHaveCount(0);
  await others.getByRole('button', { name: /^HH gating/ }).click();
  await expect(dialog.getByText('for node A')).toBeHidden();
});

test('f-I of HH: the rate is measured after the onset transient, J = 6 shows as onset spikes only, and repetitive firing starts where the HH current view says', async ({
  app,
}) => {
  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const dialog = app.getByRole('dialog', { name: 'See the math' });
  await dialog.getByRole('button', { name: /^f-I curve/ }).click();
  await dialog
    .getByRole('combobox', { name: 'neuron' })
    .selectOption({ label: 'standard HH neuron (default parameters)' });
  await dialog.getByRole('button', { name: 'Run sweep' }).click();
  await expect(dialog.getByTestId('sweep-status')).toContainText('done', { timeout: 120_000 });
  const data = (await app.evaluate(() => window.__neurosketchTest?.learnViews?.['fi']?.data)) as {
    points: Array<{ current: number; rate: number; spikes: number; onsetSpikes?: number }>;
  };
  const at = (j: number) => data.points.find((p) => p.current === j)!;
  // J = 6: spikes at the onset (the CLI shows 2.6 and 23.0 ms), then none: not 49 Hz.
  expect(at(6).spikes).toBeGreaterThan(0);
  expect(at(6).rate).toBe(0);
  expect(at(6).onsetSpikes).toBe(at(6).spikes);
  expect(at(6.5).rate).toBeGreaterThan(30);
  await expect(dialog.getByTestId('fi-onset')).toContainText('Repetitive firing from J = 6.5');
  await expect(dialog.getByTestId('fi-onset')).toContainText('onset spikes only');
  await screenshot(app, 'learn-fi-hh-onset');
  // The HH current view puts the start of repetitive spiking at the same place.
  await dialog.getByRole('button', { name: /^HH under input current/ }).click();
  await expect(dialog.getByText(/6\.5 µA\/cm² repetitive spiking/)).toBeVisible();
});
