/**
 * The start screen (issue 4): at startup it greets the user over the default circuit (loaded
 * behind it) with the examples gallery, names and descriptions in the course notes' order, plus New
 * and Open; picking an example loads it; "Show at startup" is remembered; File > Examples… opens
 * the same panel again. The three examples added with it open from there and run.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

// This spec is about the start screen: keep it (the fixture hides it for every other spec).
test.use({ startScreen: true });

/** The gallery in the notes' order (main/services/examples.ts GALLERY_ORDER). */
const GALLERY = [
  'hh-current-steps.neuro',
  'lif-charging.neuro',
  'adaptation.neuro',
  'psc-shapes.neuro',
  'spike-train-psc.neuro',
  'two-drive-one.neuro',
  'bias-param-vs-node.neuro',
  'layer-softmax.neuro',
  'winner-take-all.neuro',
  'cuba.neuro',
  'runaway-feedback.neuro',
];

interface ExampleJson {
  name: string;
  description: string;
  probes: Array<{ id: string }>;
}

function example(file: string): ExampleJson {
  return JSON.parse(
    readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8'),
  ) as ExampleJson;
}

const welcome = (app: Page) => app.getByRole('dialog', { name: 'Welcome to NeuroSketch' });
const gallery = (app: Page) => app.getByRole('dialog', { name: 'Examples' });
const fileToolbar = (app: Page) => app.getByRole('toolbar', { name: 'file' });

function openDocument(app: Page): Promise<unknown> {
  return app.evaluate(() => window.__neurosketchTest!.document!());
}

async function defaultCircuitBehind(app: Page): Promise<void> {
  await expect(app).toHaveTitle('lif-charging.neuro — NeuroSketch');
  await expect(app.getByLabel('circuit canvas')).toContainText('LIF');
}

test('the start screen greets over the default circuit and opens an example', async ({ app }) => {
  const start = welcome(app);
  await expect(start).toBeVisible();
  await defaultCircuitBehind(app);
  await expect
    .poll(() => openDocument(app))
    .toEqual(
      JSON.parse(readFileSync(new URL('../examples/lif-charging.neuro', import.meta.url), 'utf8')),
    );

  await expect(start.getByRole('button', { name: /New empty circuit/ })).toBeVisible();
  await expect(start.getByRole('button', { name: /Open file…/ })).toBeVisible();
  const items = start.getByRole('list', { name: 'examples' }).getByRole('button');
  await expect(items).toHaveCount(GALLERY.length);
  for (const [i, file] of GALLERY.entries()) {
    const { name, description } = example(file);
    await expect(items.nth(i)).toContainText(name);
    await expect(items.nth(i)).toContainText(description.split('\n')[0]!);
  }
  // Enter keeps the circuit that is open: the focus starts on "Continue with …".
  await expect(
    start.getByRole('button', { name: 'Continue with “LIF neuron charging”' }),
  ).toBeFocused();
  await screenshot(app, 'start-screen');

  await items.filter({ hasText: 'A spike train through a PSC filter' }).click();
  await expect(start).toBeHidden();
  await expect(app).toHaveTitle('spike-train-psc.neuro — NeuroSketch');
  await expect
    .poll(() => openDocument(app))
    .toEqual(
      JSON.parse(
        readFileSync(new URL('../examples/spike-train-psc.neuro', import.meta.url), 'utf8'),
      ),
    );
  await expect(app.getByLabel('circuit canvas')).toContainText('spike train');
});

test('New, Open, Escape, and "Show at startup" remembered across starts', async ({ app }) => {
  const start = welcome(app);
  await expect(start).toBeVisible();
  await defaultCircuitBehind(app);
  // Escape leaves the default circuit as it is.
  await app.keyboard.press('Escape');
  await expect(start).toBeHidden();
  await defaultCircuitBehind(app);

  // Reopened from the toolbar (File > Examples… runs the same command): the same panel.
  await fileToolbar(app).getByRole('button', { name: 'Examples…' }).click();
  const panel = gallery(app);
  await expect(panel.getByRole('list', { name: 'examples' }).getByRole('button')).toHaveCount(
    GALLERY.length,
  );
  await panel.getByRole('checkbox', { name: 'Show at startup' }).uncheck();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toBeHidden();

  await app.reload();
  await defaultCircuitBehind(app);
  // The start screen would open right after the default circuit; give it time to (not) appear.
  await app.waitForTimeout(1500);
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await fileToolbar(app).getByRole('button', { name: 'Preferences' }).click();
  const prefs = app.getByRole('dialog', { name: 'Preferences' });
  const prefsCheck = prefs.getByRole('checkbox', { name: /Show the start screen/ });
  await expect(prefsCheck).not.toBeChecked();
  await prefsCheck.check();
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();

  await app.reload();
  await expect(start).toBeVisible();
  await expect(start.getByRole('checkbox', { name: 'Show at startup' })).toBeChecked();
  await start.getByRole('button', { name: /Open file…/ }).click();
  await expect(start).toBeHidden();
  const picker = app.getByRole('dialog', { name: 'Open a circuit' });
  await expect(picker).toBeVisible();
  await picker.getByRole('button', { name: 'Cancel' }).click();

  await fileToolbar(app).getByRole('button', { name: 'Examples…' }).click();
  await gallery(app)
    .getByRole('button', { name: /New empty circuit/ })
    .click();
  await expect(app).toHaveTitle('untitled.neuro — NeuroSketch');
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchFilesTest!.state()))
    .toEqual({
      fileName: 'untitled.neuro',
      dirty: false,
      hasHandle: false,
      documentName: 'Untitled circuit',
    });
});

test('the PSC shapes, spike train and bias examples open from the gallery and run', async ({
  app,
}) => {
  await expect(welcome(app)).toBeVisible();
  await app.keyboard.press('Escape');
  for (const [file, shot] of [
    ['psc-shapes.neuro', 'example-psc-shapes'],
    ['spike-train-psc.neuro', 'example-spike-train-psc'],
    ['bias-param-vs-node.neuro', 'example-bias-param-vs-node'],
  ] as const) {
    const { name, probes } = example(file);
    await fileToolbar(app).getByRole('button', { name: 'Examples…' }).click();
    await gallery(app).getByRole('button', { name }).click();
    await expect(app).toHaveTitle(`${file} — NeuroSketch`);
    await expect
      .poll(() =>
        app.evaluate(() => (window.__neurosketchTest!.document!() as { name: string }).name),
      )
      .toBe(name);
    await app.getByLabel('Speed').selectOption('max');
    await app.getByRole('button', { name: /Run/ }).first().click();
    await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
    // every probe of the example has its trace, sampled to the end of the run
    const counts = await app.evaluate(
      (ids) => ids.map((id) => window.__neurosketchTest!.session!.traces.get(id)?.count ?? 0),
      probes.map((p) => p.id),
    );
    for (const count of counts) expect(count).toBeGreaterThan(1000);
    await screenshot(app, shot);
  }
});
