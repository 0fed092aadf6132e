/**
 * Files through the browser host's picker, for real (issue 4): Save As into the workspace, reopen
 * gives the same document, Open Recent, the unsaved marker in the title, asking before losing
 * work, a broken file's problem list (the current work stays), a newer version refused and left
 * untouched, autosave offered back after the page is killed, and a picker that cannot leave the
 * workspace. The workspace and data folders are throwaway (e2e/fixtures.ts).
 */
import { readFileSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

const example = readFileSync(new URL('../examples/lif-charging.neuro', import.meta.url), 'utf8');

async function ready(app: Page): Promise<void> {
  await expect(app).toHaveTitle('lif-charging.neuro — NeuroSketch');
  await expect(app.getByLabel('circuit canvas')).toContainText('LIF');
}

async function rename(app: Page, name: string): Promise<void> {
  await app.evaluate((n) => window.__neurosketchFilesTest!.renameCircuit(n), name);
}

const fileToolbar = (app: Page) => app.getByRole('toolbar', { name: 'file' });

test('Save As into the workspace, reopen and Open Recent give the same document', async ({
  app,
  appHost,
}) => {
  await ready(app);
  await expect(app.getByTestId('unsaved-marker')).toHaveCount(0);
  await rename(app, 'My charging neuron');
  await expect(app).toHaveTitle('● lif-charging.neuro — NeuroSketch');
  await expect(app.getByTestId('unsaved-marker')).toBeVisible();

  await fileToolbar(app).getByRole('button', { name: 'Save as…' }).click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await expect(saveDialog).toBeVisible();
  await saveDialog.getByLabel('File name').fill('my-circuit');
  await screenshot(app, 'files-save-as-picker');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(saveDialog).toBeHidden();
  await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');
  await expect(app.getByRole('status')).toContainText('Saved my-circuit.neuro');

  const saved = readFileSync(path.join(appHost.folders.workspaceDir, 'my-circuit.neuro'), 'utf8');
  expect(JSON.parse(saved)).toEqual({ ...JSON.parse(example), name: 'My charging neuron' });
  expect(saved.endsWith('}\n')).toBe(true);

  // Saving again without changes writes the same bytes (canonical form).
  await fileToolbar(app).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByRole('status')).toContainText('Saved my-circuit.neuro');
  expect(readFileSync(path.join(appHost.folders.workspaceDir, 'my-circuit.neuro'), 'utf8')).toBe(
    saved,
  );

  // New, then Open through the picker.
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  await expect(app).toHaveTitle('untitled.neuro — NeuroSketch');
  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  const openDialog = app.getByRole('dialog', { name: 'Open a circuit' });
  await expect(openDialog.getByRole('list', { name: 'files' })).toContainText('my-circuit.neuro');
  await screenshot(app, 'files-open-picker');
  await openDialog.getByRole('button', { name: /my-circuit\.neuro/ }).click();
  await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');
  expect(await app.evaluate(() => window.__neurosketchFilesTest!.state())).toEqual({
    fileName: 'my-circuit.neuro',
    dirty: false,
    hasHandle: true,
    documentName: 'My charging neuron',
  });

  // Open Recent survives a reload (it is kept in the data folder).
  await app.reload();
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'Recent…' }).click();
  const recent = app.getByRole('dialog', { name: 'Open recent' });
  await expect(recent.getByRole('list', { name: 'recent files' })).toContainText(
    'my-circuit.neuro',
  );
  await screenshot(app, 'files-recent');
  await recent.getByRole('button', { name: /my-circuit\.neuro/ }).click();
  await expect(app).toHaveTitle('my-circuit.neuro — NeuroSketch');
  await expect(app.locator('.app__file')).toHaveText('My charging neuron');
});

test('Save of a never-saved circuit proposes its name as the file name; a saved one its file', async ({
  app,
  appHost,
}) => {
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  await expect(app).toHaveTitle('untitled.neuro — NeuroSketch');
  await rename(app, 'A and B drive C');
  await fileToolbar(app).getByRole('button', { name: 'Save', exact: true }).click();
  const saveDialog = app.getByRole('dialog', { name: 'Save the circuit as' });
  await expect(saveDialog.getByLabel('File name')).toHaveValue('a-and-b-drive-c.neuro');
  await screenshot(app, 'files-save-proposes-circuit-name');
  await saveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(app).toHaveTitle('a-and-b-drive-c.neuro — NeuroSketch');
  const saved = readFileSync(
    path.join(appHost.folders.workspaceDir, 'a-and-b-drive-c.neuro'),
    'utf8',
  );
  expect(JSON.parse(saved).name).toBe('A and B drive C');

  // Once saved, Save As proposes the file's own name, whatever the circuit is called now.
  await rename(app, 'Renamed');
  await fileToolbar(app).getByRole('button', { name: 'Save as…' }).click();
  await expect(saveDialog.getByLabel('File name')).toHaveValue('a-and-b-drive-c.neuro');
  await saveDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(saveDialog).toBeHidden();

  // An example is not saved until Save As: its copy is proposed under the circuit's name.
  await app.getByRole('button', { name: /Examples/ }).click();
  await app.getByRole('button', { name: /A and B drive C/ }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Don’t save' }).click();
  await expect(app).toHaveTitle('two-drive-one.neuro — NeuroSketch');
  await fileToolbar(app).getByRole('button', { name: 'Save as…' }).click();
  await expect(saveDialog.getByLabel('File name')).toHaveValue('a-and-b-drive-c.neuro');
  await saveDialog.getByRole('button', { name: 'Cancel' }).click();
});

test('Open asks before losing unsaved work; Cancel keeps it, Don’t save drops it', async ({
  app,
  appHost,
}) => {
  writeFileSync(path.join(appHost.folders.workspaceDir, 'other.neuro'), example);
  await ready(app);
  await rename(app, 'Edited');
  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  const ask = app.getByRole('alertdialog', { name: 'Save changes to lif-charging.neuro?' });
  await expect(ask).toBeVisible();
  await screenshot(app, 'files-unsaved-confirm');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(app).toHaveTitle('● lif-charging.neuro — NeuroSketch');

  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  await ask.getByRole('button', { name: 'Don’t save' }).click();
  const openDialog = app.getByRole('dialog', { name: 'Open a circuit' });
  await openDialog.getByRole('button', { name: /other\.neuro/ }).click();
  await expect(app).toHaveTitle('other.neuro — NeuroSketch');
});

test('a broken file lists its problems with field paths; the current work stays', async ({
  app,
  appHost,
}) => {
  const broken = JSON.parse(example);
  broken.nodes[1].params.tauM = -0.02;
  broken.edges.push({ id: 'e2', source: 'ghost', target: 'N', weight: 1 });
  const file = path.join(appHost.folders.workspaceDir, 'broken.neuro');
  writeFileSync(file, JSON.stringify(broken, null, 2));
  await ready(app);
  await rename(app, 'Work in progress');

  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Don’t save' }).click();
  await app
    .getByRole('dialog', { name: 'Open a circuit' })
    .getByRole('button', { name: /broken/ })
    .click();

  const problems = app.getByRole('region', { name: 'problems' });
  await expect(problems).toContainText('broken.neuro was not opened');
  await expect(problems).toContainText('nodes[1].params.tauM');
  await expect(problems).toContainText('edges[1].source');
  await expect(problems).toContainText('Your current circuit was not changed');
  // The current circuit is still there, as it was.
  await expect(app.locator('.app__file')).toHaveText('Work in progress');
  // An entry shows the element of the file it is about.
  await problems.getByRole('button', { name: /nodes\[1\]\.params\.tauM/ }).click();
  await expect(problems.getByLabel('N in the file')).toContainText('"tauM": -0.02');
  await screenshot(app, 'files-problems');
  await problems.getByRole('button', { name: 'Close the problem list' }).click();
  await expect(problems).toBeHidden();
});

test('a file from a newer version is refused with a clear message and left untouched', async ({
  app,
  appHost,
}) => {
  const text = example.replace('"version": 1', '"version": 99');
  const file = path.join(appHost.folders.workspaceDir, 'future.neuro');
  writeFileSync(file, text);
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  await app
    .getByRole('dialog', { name: 'Open a circuit' })
    .getByRole('button', { name: /future/ })
    .click();
  const problems = app.getByRole('region', { name: 'problems' });
  await expect(problems).toContainText('version');
  await expect(problems).toContainText(/newer NeuroSketch/);
  await expect(app).toHaveTitle('lif-charging.neuro — NeuroSketch');
  expect(readFileSync(file, 'utf8')).toBe(text);
});

test('unsaved work is autosaved and offered back after the page is killed', async ({ app }) => {
  await ready(app);
  await rename(app, 'Not lost');
  // Short on the header ("Autosaved 14:05"), the whole sentence in its tooltip.
  const autosave = app.getByTestId('autosave-status');
  await expect(autosave).toHaveText(/^Autosaved \d{1,2}:\d{2}/, { timeout: 20_000 });
  await expect(autosave).toHaveAttribute(
    'title',
    /^Unsaved changes autosaved at .+ before you save$/,
  );
  // Leave without saving (the browser's own "leave site?" prompt is accepted).
  app.on('dialog', (dialog) => void dialog.accept());
  await app.reload();
  const offer = app.getByRole('alertdialog', { name: 'Restore unsaved work?' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('lif-charging.neuro');
  await screenshot(app, 'files-restore-offer');
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(app.locator('.app__file')).toHaveText('Not lost');
  await expect(app).toHaveTitle('● lif-charging.neuro — NeuroSketch');

  // Discarding the offer removes it for good.
  await app.reload();
  await app
    .getByRole('alertdialog', { name: 'Restore unsaved work?' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await app.reload();
  await ready(app);
  await expect(app.getByRole('alertdialog')).toHaveCount(0);
});

test('the picker lists only the workspace: subfolders yes, links out no', async ({
  app,
  appHost,
}) => {
  const ws = appHost.folders.workspaceDir;
  const outside = mkdtempSync(path.join(os.tmpdir(), 'neurosketch-outside-'));
  writeFileSync(path.join(outside, 'secret.neuro'), example);
  symlinkSync(path.join(outside, 'secret.neuro'), path.join(ws, 'secret-link.neuro'));
  symlinkSync(outside, path.join(ws, 'outside-folder'));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.join(ws, 'week1'));
  writeFileSync(path.join(ws, 'week1', 'inner.neuro'), example);
  writeFileSync(path.join(ws, 'notes.txt'), 'not a circuit');
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'Open…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Open a circuit' });
  const list = dialog.getByRole('list', { name: 'files' });
  await expect(list.getByRole('button', { name: 'folder week1' })).toBeVisible();
  await expect(list).not.toContainText('secret');
  await expect(list).not.toContainText('outside-folder');
  await expect(list).not.toContainText('notes.txt');
  await list.getByRole('button', { name: 'folder week1' }).click();
  await list.getByRole('button', { name: /inner\.neuro/ }).click();
  await expect(app).toHaveTitle('inner.neuro — NeuroSketch');
});
