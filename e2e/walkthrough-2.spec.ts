/**
 * The second student walkthrough of issue 15 (messages and small items); each journey here failed
 * before its fix. Screenshots go to e2e/screenshots/ for a person to look at.
 */
import type { Page } from '@playwright/test';
import { expect, openExample, screenshot, test } from './fixtures';
import { canvasOf } from './canvasHelpers';

async function runToEnd(app: Page): Promise<void> {
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 60_000 });
}

test('the winner-take-all: its no-delay cycle said in plain words, a restart question names the synapse C → B', async ({
  app,
}) => {
  await openExample(app, /Winner-take-all/);
  await runToEnd(app);
  await expect(app.getByTestId('cycles-summary')).toHaveText(
    'A, B and C act on each other with no delay: in each step their spikes are solved together, ' +
      'each acting at its exact instant (solved exactly)',
  );

  // A structural change while the run is active: the dialog names the synapse as drawn.
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('paused');
  await canvasOf(app).locator('[data-edge-id="wBC"]').click();
  await app.keyboard.press('Delete');
  const dialog = app.getByRole('dialog', { name: /Restart the run/ });
  await expect(dialog).toContainText('synapse C → B removed');
  await expect(dialog).not.toContainText('wBC');
  await screenshot(app, 'walkthrough-2-restart-names');
  await dialog.getByRole('button', { name: 'Keep running' }).click();
});
