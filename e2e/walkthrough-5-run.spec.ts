/**
 * What the fifth student walkthrough of issue 15 found in the run status, the run messages and the
 * charts panel head, each journey failing before its fix: the zero-delay cycle note of the
 * winner-take-all ("A, B and C act on each other with no delay…") stayed over a new circuit, an
 * empty canvas and another example until the next run, and after the cycle's node was deleted; the
 * "edited live (4)" badge did nothing when clicked (the log was a hover title only); the spike
 * summary put the run's count and the rate since the edit in one phrase; charts scrolled through a
 * strip above the sticky summary bar; the runaway example's clock said 307.0 ms and its red banner
 * 308 ms, and the banner had no × and stayed after R was deleted; the restart question kept
 * offering "Keep running" after the run had finished. (Its refused-field names, "weight.p" where
 * the inspector says "p", are unit-tested: run/RunController.test.ts, run/liveEdits.test.ts.)
 */
import { expect, openExample, screenshot, test } from './fixtures';
import { canvasOf, runExampleForever, runToEnd, startEmpty } from './canvasHelpers';

test('the no-delay cycle note describes the circuit on screen: gone on New, another example, or a deleted node', async ({
  app,
}) => {
  const note = app.getByTestId('cycles-summary');
  await openExample(app, /Winner-take-all/);
  await runToEnd(app);
  await expect(note).toContainText('A, B and C act on each other with no delay');
  await startEmpty(app);
  await expect(note).toHaveCount(0);

  await openExample(app, /Winner-take-all/);
  await runToEnd(app);
  await expect(note).toContainText('A, B and C act on each other with no delay');
  await openExample(app, /Runaway feedback/);
  await expect(note).toHaveCount(0);

  await openExample(app, /Winner-take-all/);
  await runToEnd(app);
  await expect(note).toContainText('A, B and C act on each other with no delay');
  await canvasOf(app)
    .getByRole('group', { name: /LIF neuron C$/ })
    .click();
  await app.keyboard.press('Delete');
  await expect(canvasOf(app).getByRole('group', { name: /LIF neuron C$/ })).toHaveCount(0);
  await expect(note).toHaveCount(0);
  await screenshot(app, 'walkthrough-5-cycle-note-gone');
});

test('the "edited live" badge opens the edit log; the spike summary says what each number covers; the sticky bar hides the charts scrolled under it', async ({
  app,
}) => {
  await runExampleForever(app, /A and B drive C/);
  const bias = app.getByRole('region', { name: 'live inputs' }).getByLabel('A bias value');
  await bias.fill('0');
  await bias.press('Enter');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  // Let B fire a few times after the edit (an interval rate needs two spikes), even on a loaded
  // machine: 300 ms of simulated time past the clock at the edit.
  const clockMs = async (): Promise<number> =>
    Number(/t = ([\d.]+) ms/.exec((await app.getByTestId('sim-clock').textContent()) ?? '')?.[1]);
  const editedAt = await clockMs();
  await expect.poll(clockMs, { timeout: 30_000 }).toBeGreaterThan(editedAt + 300);
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('stopped');

  // The count is the run's, the rate the one since the edit: each says so.
  await expect(app.getByTestId('spike-summary')).toContainText(
    /B: \d+ spikes in the run · since the edit at [\d.]+ m?s: interval rate [\d.]+ Hz/,
  );

  // A button, reached and opened from the keyboard; Escape closes it and gives focus back.
  const badge = app.getByRole('button', { name: 'edited live (1)' });
  await badge.focus();
  await app.keyboard.press('Enter');
  const log = app.getByRole('dialog', { name: 'live edits of this run' });
  await expect(log).toContainText(/t = [\d.]+ ms: A bias 1\.5 → 0/);
  await screenshot(app, 'walkthrough-5-edit-log');
  await app.keyboard.press('Escape');
  await expect(log).toHaveCount(0);
  await expect(badge).toBeFocused();
  await badge.click();
  await expect(log).toBeVisible();
  await log.getByRole('button', { name: 'Close' }).click();
  await expect(log).toHaveCount(0);

  // Scrolled, nothing of the charts shows above the sticky bar: the panel's top strip is the bar.
  const panel = app.locator('#charts-panel');
  await panel.evaluate((el) => (el.scrollTop = 200));
  await expect.poll(() => panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  const onTop = await panel.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 3);
    return hit?.closest('.run-panel__bar') !== null;
  });
  expect(onTop).toBe(true);
  await screenshot(app, 'walkthrough-5-sticky-bar');
});

test('a run that fails: the clock and the red banner say the same instant; the banner has a × and goes with its node', async ({
  app,
}) => {
  await openExample(app, /Runaway feedback/);
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  const banner = app.getByRole('alert').filter({ hasText: 'The run stopped' });
  // y = 10 y + 1 each ms: the step from 307 to 308 ms fails, the clock stops at 307 ms.
  await expect(banner).toHaveText(
    'The run stopped: node R in the step from t = 307 to 308 ms: a value is not finite',
  );
  await expect(app.getByTestId('sim-clock')).toContainText('t = 307.0 ms');
  await screenshot(app, 'walkthrough-5-run-error');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);

  // The next run fails again and says so again; deleting R takes the message down.
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(banner).toHaveCount(1);
  await canvasOf(app).getByRole('group', { name: 'RATE neuron R' }).click();
  await app.keyboard.press('Delete');
  await expect(banner).toHaveCount(0);
});

test('the restart question of a run that finishes while it is open says so, and offers no "Keep running"', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  // a 1 s run at real time: long enough to ask, short enough to finish while the dialog is open
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('running');
  await canvasOf(app)
    .getByRole('button', { name: /^synapse A to C/ })
    .click();
  await app.keyboard.press('Delete');
  const question = app.getByRole('dialog', { name: /Restart the run/ });
  await expect(question).toContainText('synapse A → C removed');
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  const ended = app.getByRole('dialog', {
    name: 'The run has finished: this change applies to the next run',
  });
  await expect(ended).toContainText('synapse A → C removed');
  await expect(ended.getByRole('button', { name: 'Keep running' })).toHaveCount(0);
  await screenshot(app, 'walkthrough-5-restart-ended');
  await ended.getByRole('button', { name: 'Run with the change' }).click();
  await expect(ended).toHaveCount(0);
  await expect(app.getByTestId('sim-clock')).toContainText(/running|finished/);
});

test('after "Keep running" the clock says the run still simulates the circuit from before the change, until a restart', async ({
  app,
}) => {
  // Walkthrough 6: a synapse deleted, "Keep running": the line left the canvas while its target
  // kept firing at its source's rate, and nothing on the page said why.
  await runExampleForever(app, /A and B drive C/);
  await canvasOf(app).locator('[data-edge-id="wCA"]').click();
  await app.keyboard.press('Delete');
  await app
    .getByRole('dialog', { name: /Restart the run/ })
    .getByRole('button', { name: 'Keep running' })
    .click();
  const clock = app.getByTestId('sim-clock');
  await expect(clock).toContainText('runs the old circuit: restart to apply');
  await expect(clock).toHaveAttribute('title', /simulates the circuit from before: .*A → C/);
  await screenshot(app, 'walkthrough-6-pending-restart');
  await app.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(clock).toContainText('stopped');
  await expect(clock).not.toContainText('old circuit');
});
