/**
 * The visual editor (issue 5), through the UI only: the notes' A, B -> C circuit built on an empty
 * canvas (palette drags, handle-to-handle connections, weights typed in the inspector, a bias
 * node), undone back to the empty canvas and redone to the end, saved, reopened, and run by the
 * CLI next to the hand-written file of the same circuit. Plus every node kind on one canvas,
 * refusals with a reason, and the weight-matrix editor.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { wire } from './canvasHelpers';
import { expect, screenshot, test } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));

const canvasOf = (app: Page): Locator => app.getByLabel('circuit canvas');
const inspectorOf = (app: Page): Locator => app.getByRole('complementary', { name: 'inspector' });
const editorToolbar = (app: Page): Locator => app.getByRole('toolbar', { name: 'editor' });

async function documentOf(app: Page): Promise<unknown> {
  return app.evaluate(() => window.__neurosketchTest!.editor!.document());
}

async function startEmpty(app: Page): Promise<void> {
  await expect(canvasOf(app)).toContainText('LIF');
  await app.getByRole('toolbar', { name: 'file' }).getByRole('button', { name: 'New' }).click();
  await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');
}

/** Drags a palette tile onto the canvas at (x, y) from the canvas's top-left corner. */
async function dropFromPalette(app: Page, label: string, x: number, y: number): Promise<void> {
  await app
    .getByRole('button', { name: `Add ${label}` })
    .dragTo(canvasOf(app), { targetPosition: { x, y } });
}

async function typeWeight(app: Page, synapse: RegExp, weight: string): Promise<void> {
  await canvasOf(app).getByRole('button', { name: synapse }).click();
  const field = inspectorOf(app).getByLabel(/^weight/);
  await field.fill(weight);
  await field.press('Enter');
}

interface CliResult {
  spikes: Record<string, number[][]>;
}

function runCli(file: string): CliResult {
  const out = spawnSync(process.execPath, [path.join(root, 'out/main/cli.js'), 'run', file], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as CliResult;
}

test('A, B -> C with a bias node, built by hand: undo to empty, redo, save, reopen, same spikes as the hand-written file', async ({
  app,
  appHost,
}) => {
  await startEmpty(app);
  const empty = await documentOf(app);

  await dropFromPalette(app, 'Bias node', 90, 200);
  await dropFromPalette(app, 'LIF neuron', 330, 90);
  await dropFromPalette(app, 'LIF neuron', 330, 310);
  await dropFromPalette(app, 'LIF neuron', 620, 200);
  await expect(canvasOf(app).getByRole('group', { name: /^LIF neuron [ABC]$/ })).toHaveCount(3);

  await wire(app, 'one output', 'A input');
  await wire(app, 'one output', 'B input');
  await wire(app, 'A output', 'C input');
  await wire(app, 'B output', 'C input');
  await expect(canvasOf(app).getByRole('button', { name: /^synapse / })).toHaveCount(4);

  await typeWeight(app, /^synapse one to A,/, '1.5');
  await typeWeight(app, /^synapse one to B,/, '2');
  await typeWeight(app, /^synapse A to C,/, '0.05');
  await typeWeight(app, /^synapse B to C,/, '-0.02');
  await expect(
    canvasOf(app).getByRole('button', { name: /^synapse B to C, inhibitory/ }),
  ).toBeVisible();
  // A spiking source got the default synapse; the bias node passes its value unfiltered.
  await expect(inspectorOf(app).getByLabel(/^tauS/)).toHaveValue('5');

  // A scope on C: select C, click the palette's scope (added at the centre of the view).
  await canvasOf(app).getByRole('group', { name: 'LIF neuron C' }).click();
  await app.getByRole('button', { name: 'Add Scope' }).click();
  await expect(canvasOf(app).getByRole('group', { name: 'scope scope1' })).toContainText(
    'records v of C',
  );
  await canvasOf(app).click({ position: { x: 20, y: 70 } });
  await screenshot(app, 'editor-abc-built');

  const built = (await documentOf(app)) as {
    nodes: Array<{ id: string; kind: string; model?: string }>;
    edges: Array<{ source: string; target: string; weight: number; synapse?: unknown }>;
  };
  expect(built.nodes.map((n) => [n.id, n.kind, n.model])).toEqual([
    ['one', 'bias', undefined],
    ['A', 'neuron', 'lif'],
    ['B', 'neuron', 'lif'],
    ['C', 'neuron', 'lif'],
  ]);
  expect(built.edges.map((e) => [e.source, e.target, e.weight, e.synapse ?? null])).toEqual([
    ['one', 'A', 1.5, null],
    ['one', 'B', 2, null],
    ['A', 'C', 0.05, { tauS: 0.005, n: 0 }],
    ['B', 'C', -0.02, { tauS: 0.005, n: 0 }],
  ]);

  // Undo back to the empty canvas, redo to the end: the same documents.
  const undo = editorToolbar(app).getByRole('button', { name: 'Undo' });
  const redo = editorToolbar(app).getByRole('button', { name: 'Redo' });
  const steps = (await app.evaluate(() => window.__neurosketchTest!.editor!.history())).past;
  // 4 nodes, 4 connections, 3 weights changed (A -> C kept its default 0.05), 1 scope.
  expect(steps).toBe(12);
  for (let i = 0; i < steps; i++) await undo.click();
  await expect(undo).toBeDisabled();
  expect(await documentOf(app)).toEqual(empty);
  for (let i = 0; i < steps; i++) await redo.click();
  await expect(redo).toBeDisabled();
  expect(await documentOf(app)).toEqual(built);

  // Save, start anew, reopen: the same circuit.
  const fileToolbar = app.getByRole('toolbar', { name: 'file' });
  await fileToolbar.getByRole('button', { name: 'Save as…' }).click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await saveDialog.getByLabel('File name').fill('two-drive-one-by-hand');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(saveDialog).toBeHidden();
  await expect(app).toHaveTitle('two-drive-one-by-hand.neuro — NeuroSketch');
  const savedPath = path.join(appHost.folders.workspaceDir, 'two-drive-one-by-hand.neuro');
  // Save As names an untitled circuit after its file (issue 15); everything else is as built
  const saved = { ...built, name: 'two-drive-one-by-hand' };
  expect(JSON.parse(readFileSync(savedPath, 'utf8'))).toEqual(saved);

  await fileToolbar.getByRole('button', { name: 'New' }).click();
  await expect(canvasOf(app)).toContainText('Drag a neuron from the palette');
  await fileToolbar.getByRole('button', { name: 'Open…' }).click();
  const openDialog = app.getByRole('dialog', { name: 'Open a circuit' });
  await openDialog.getByRole('button', { name: /two-drive-one-by-hand\.neuro/ }).click();
  await expect(canvasOf(app).getByRole('group', { name: /^LIF neuron [ABC]$/ })).toHaveCount(3);
  expect(await documentOf(app)).toEqual(saved);

  // The CLI run of the saved file gives the spikes of the hand-written file (bias params there,
  // a bias node here: docs/format.md#nodes says they are the same input).
  const byHand = runCli(savedPath);
  const reference = runCli(path.join(root, 'examples/two-drive-one.neuro'));
  for (const id of ['A', 'B', 'C']) {
    const got = byHand.spikes[id]![0]!;
    const want = reference.spikes[id]![0]!;
    expect(got.length, `spikes of ${id}`).toBe(want.length);
    expect(want.length).toBeGreaterThan(0);
    got.forEach((t, k) => expect(Math.abs(t - want[k]!)).toBeLessThan(1e-12));
  }
});

test('every node kind on one canvas, a refused connection with its reason, the weight-matrix editor', async ({
  app,
}) => {
  await startEmpty(app);
  const palette = app.getByRole('navigation', { name: 'palette' });
  const kinds = [
    'LIF neuron',
    'HH neuron',
    'Rate neuron',
    'LIF population',
    'HH population',
    'Rate population',
    'Constant',
    'Steps',
    'Pulse',
    'Sine',
    'Noise',
    'Spike times',
    'Poisson',
    'Bias node',
  ];
  for (const kind of kinds) await palette.getByRole('button', { name: `Add ${kind}` }).click();
  await palette.getByRole('button', { name: 'Add Scope' }).click();
  const added = (await documentOf(app)) as { nodes: unknown[]; probes: unknown[] };
  expect([added.nodes.length, added.probes.length]).toEqual([kinds.length, 1]);
  await editorToolbar(app).getByRole('button', { name: 'Tidy' }).click();
  await expect(
    canvasOf(app).getByRole('group', { name: /^(LIF|HH|RATE|INPUT|SPIKES|BIAS|scope) / }),
  ).toHaveCount(kinds.length + 1);
  await canvasOf(app).click({ position: { x: 20, y: 70 } });
  await screenshot(app, 'editor-every-kind');

  // An edge into an input is refused, and the canvas says why.
  await wire(app, 'A output', 'B input');
  await expect(canvasOf(app).getByRole('button', { name: /^synapse A to B/ })).toBeVisible();
  const inputNode = canvasOf(app).getByRole('group', { name: /^INPUT input in1$/ });
  const a = (await app.getByLabel('C output', { exact: true }).boundingBox())!;
  const target = (await inputNode.boundingBox())!;
  await app.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await app.mouse.down();
  await app.mouse.move(a.x + 8, a.y + 8);
  await app.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await app.mouse.up();
  await expect(canvasOf(app).getByRole('alert')).toContainText('is an input: it only sends');

  // Each kind in the inspector.
  await canvasOf(app).getByRole('button', { name: 'dismiss' }).click();
  for (const [name, id, shot] of [
    [/^RATE neuron C$/, 'C', 'rate'],
    [/^HH population P2$/, 'P2', 'hh-population'],
    [/^INPUT input in3$/, 'in3', 'pulse'],
  ] as const) {
    await canvasOf(app).getByRole('group', { name }).click();
    await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toContainText(id);
    await screenshot(app, `editor-inspector-${shot}`);
  }

  // Population -> population: the matrix editor with a generator, a cell edit and a paste.
  await wire(app, 'P1 output', 'P3 input');
  await editorToolbar(app).getByRole('button', { name: 'Tidy' }).click();
  await canvasOf(app)
    .getByRole('button', { name: /^synapse P1 to P3/ })
    .click();
  await inspectorOf(app).getByRole('button', { name: 'Edit weight matrix…' }).click();
  const dialog = app.getByRole('dialog', { name: /weight matrix/ });
  await dialog.getByLabel('generator').selectOption('normal');
  await dialog.getByLabel('mean').fill('0');
  await dialog.getByLabel('std').fill('0.5');
  await dialog.getByLabel('seed').fill('3');
  await dialog.getByRole('button', { name: 'Fill cells' }).click();
  await dialog.getByLabel('W[0][0]').fill('-1');
  await dialog.getByLabel('W[0][0]').press('Enter');
  await screenshot(app, 'editor-matrix');
  const weight = async (): Promise<unknown> =>
    ((await documentOf(app)) as { edges: Array<{ source: string; weight: unknown }> }).edges.find(
      (e) => e.source === 'P1',
    )!.weight;
  const w = (await weight()) as number[][];
  expect(w).toHaveLength(10);
  expect(w[0]![0]).toBe(-1);
  await dialog.getByLabel(/Paste from a spreadsheet/).fill('1\t2\n3\t4');
  await dialog.getByRole('button', { name: 'Use pasted matrix' }).click();
  await expect(dialog.getByRole('alert')).toContainText('has 2 rows but P3 has 10 elements');
  await dialog.getByLabel('close').click();
  await expect(dialog).toBeHidden();
});

test('tauM = -5 stays in the inspector with its field named, and Run refuses until it is fixed', async ({
  app,
}) => {
  await startEmpty(app);
  await dropFromPalette(app, 'LIF neuron', 300, 160);
  const node = canvasOf(app).getByRole('group', { name: 'LIF neuron A' });
  await node.click();
  const tauM = inspectorOf(app).getByLabel(/^tauM/);
  await tauM.fill('-5');
  await tauM.press('Enter');
  await expect(inspectorOf(app).getByRole('alert')).toHaveText('tauM must be > 0 ms');
  await expect(tauM).toHaveValue('-5');
  const storedTauM = async (): Promise<unknown> =>
    ((await documentOf(app)) as { nodes: Array<{ params?: { tauM?: number } }> }).nodes[0]!.params
      ?.tauM;
  expect(await storedTauM()).toBeUndefined();

  // Elsewhere and back: the typed text and its message are still there.
  await canvasOf(app).click({ position: { x: 20, y: 70 } });
  await expect(inspectorOf(app).getByRole('heading', { level: 2 })).toHaveText('Circuit');
  await node.click();
  await expect(tauM).toHaveValue('-5');
  await expect(inspectorOf(app).getByRole('alert')).toHaveText('tauM must be > 0 ms');

  // Run refuses, naming the node and the field; "Show" brings the field back, focused.
  await canvasOf(app).click({ position: { x: 20, y: 70 } });
  const controls = app.getByRole('toolbar', { name: 'simulation controls' });
  await controls.getByRole('button', { name: /Run$/ }).click();
  const refusal = app.getByRole('alert').filter({ hasText: "Can't run" });
  await expect(refusal).toHaveText(
    /^Can't run: node A, tauM must be > 0 ms — fix it in the inspector/,
  );
  await expect(app.getByTestId('sim-clock')).toHaveText(/^t = 0\.0 ms$/);
  // It sits above the inspector and covers nothing: not the canvas toolbar, not the field.
  const box = (await refusal.boundingBox())!;
  const overlaps = async (other: Locator): Promise<boolean> => {
    const b = (await other.boundingBox())!;
    return (
      box.x < b.x + b.width &&
      b.x < box.x + box.width &&
      box.y < b.y + b.height &&
      b.y < box.y + box.height
    );
  };
  expect(await overlaps(editorToolbar(app))).toBe(false);
  expect(await overlaps(canvasOf(app))).toBe(false);
  await screenshot(app, 'editor-run-refused');
  await refusal.getByRole('button', { name: 'Show' }).click();
  await expect(tauM).toBeFocused();
  await expect(tauM).toHaveValue('-5');
  expect(await overlaps(tauM)).toBe(false);
  expect(await overlaps(inspectorOf(app).getByRole('heading', { level: 2 }))).toBe(false);

  // Fixed: stored, the refusal goes by itself, and the run goes.
  await tauM.fill('10');
  await tauM.press('Enter');
  await expect(inspectorOf(app).getByRole('alert')).toHaveCount(0);
  await expect(refusal).toHaveCount(0);
  expect(await storedTauM()).toBe(0.01);
  await controls.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText(/running|finished/);
});
