/**
 * File > Export > "Brian2 script…" / "PyNN script…" (issue 13) through the browser host: the dialog
 * lists what maps before writing, the folder appears in the workspace, and its script is the
 * CLI's `export` of the same file byte for byte. A circuit PyNN cannot express is listed element
 * by element, and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';

const fileToolbar = (app: Page) => app.getByRole('toolbar', { name: 'file' });

function cliExport(to: string): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ns-e2e-export-'));
  const r = spawnSync(
    process.execPath,
    ['out/main/cli.js', 'export', 'examples/lif-charging.neuro', '--to', to, '--out', out],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(path.join(out, 'circuit.py'), 'utf8');
}

test('Export writes a Brian2 and a PyNN folder into the workspace, scripts equal to the CLI', async ({
  app,
  appHost,
}) => {
  await expect(app).toHaveTitle('lif-charging.neuro — NeuroSketch');
  for (const [to, label, title] of [
    ['brian2', 'Brian2 script…', 'Export a Brian2 script'],
    ['pynn', 'PyNN script…', 'Export a PyNN script'],
  ] as const) {
    await fileToolbar(app).getByRole('button', { name: 'Export' }).click();
    await app.getByRole('menuitem', { name: label }).click();
    const dialog = app.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    const lines = dialog.getByRole('list', { name: 'what maps' });
    await expect(lines).toContainText('node N');
    await expect(lines).toContainText('edge in');
    if (to === 'brian2') await screenshot(app, 'export-brian2-dialog');
    await dialog.getByRole('button', { name: 'Write folder' }).click();
    await expect(dialog).toBeHidden();
    const folder = `lif-charging-${to}`;
    await expect(app.getByRole('status')).toContainText(`to ${folder}`);
    const dir = path.join(appHost.folders.workspaceDir, folder);
    expect(existsSync(path.join(dir, 'README.md'))).toBe(true);
    expect(readFileSync(path.join(dir, 'circuit.py'), 'utf8')).toBe(cliExport(to));
  }
});

test('a circuit PyNN cannot express is listed element by element, and nothing is written', async ({
  app,
  appHost,
}) => {
  await openExample(app, /A layer: weight matrix/);
  await fileToolbar(app).getByRole('button', { name: 'Export' }).click();
  await app.getByRole('menuitem', { name: 'PyNN script…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Export a PyNN script' });
  const lines = dialog.getByRole('list', { name: 'what maps' });
  await expect(lines).toContainText('node Y: rate units have no PyNN standard model');
  await expect(lines).toContainText('edge W: its target Y is not exported');
  await expect(dialog.getByRole('button', { name: 'Write folder' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(existsSync(path.join(appHost.folders.workspaceDir, 'layer-softmax-pynn'))).toBe(false);
});
