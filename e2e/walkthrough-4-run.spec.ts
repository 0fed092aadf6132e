/**
 * What the fourth student walkthrough of issue 15 found in the run status, the live-edit log and
 * the charts, each journey failing before its fix: the "edited live (N)" list named an edited
 * synapse by its id ("wCA weight") where the inspector says "A → C"; the spike summary kept a
 * neuron's rate over the whole run after a live edit silenced it ("interval rate 41.7 Hz" while it
 * no longer fired); a run that failed at the fastest speed lost the chunk in which it failed, so
 * the runaway example's trace stopped near 1e240 instead of reaching the values just before the
 * failure (about 1e307).
 */
import { expect, openExample, screenshot, test } from './fixtures';
import { canvasOf, runExampleForever } from './canvasHelpers';

test('the live-edit log names an edited synapse by its ends, as the inspector does', async ({
  app,
}) => {
  await runExampleForever(app, /A and B drive C/);
  await canvasOf(app)
    .getByRole('button', { name: /^synapse A to C/ })
    .click();
  const live = app.getByRole('region', { name: 'live inputs' });
  const box = live.getByLabel('A → C weight value');
  await box.fill('0.08');
  await box.press('Enter');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  const chip = app.getByText('edited live (1)');
  await expect(chip).toHaveAttribute('title', /^t = [\d.]+ ms: A → C weight 0\.05 → 0\.08$/);
  await screenshot(app, 'walkthrough-4-run-edit-log');
  await app.getByRole('button', { name: 'Stop' }).click();
  await expect(live.getByRole('group', { name: 'slider changes' })).toContainText(
    'A → C weight 0.05 → 0.08',
  );
  await expect(chip).not.toHaveAttribute('title', /wCA/);
});

test('after a live edit silences a neuron, the spike summary says it is silent since the edit', async ({
  app,
}) => {
  await openExample(app, /A and B drive C/);
  await app.getByLabel('Run forever').check();
  await app.getByRole('button', { name: /Run$/ }).click();
  const summary = app.getByTestId('spike-summary');
  // A fires at G(1.5) = 41.7 Hz until its bias goes to 0, then never again.
  await expect(summary).toContainText(/A: \d+ spikes · interval rate 41\.7 Hz/);
  const bias = app.getByRole('region', { name: 'live inputs' }).getByLabel('A bias value');
  await bias.fill('0');
  await bias.press('Enter');
  await expect(app.getByTestId('sim-clock')).toContainText('edited live');
  const entry = summary.locator('.run-panel__spike-entry').filter({ hasText: /^A:/ });
  await expect(entry).toHaveText(
    /^A: \d+ spikes in the run · silent since the edit at [\d.]+ m?s$/,
  );
  // B was not edited, and the circuit around it was: its rate is also the one since the edit.
  await expect(summary).toContainText(
    /B: \d+ spikes in the run · since the edit at [\d.]+ m?s: interval rate 63\.0 Hz/,
  );
  await expect(entry).toHaveAttribute('title', /over the whole run: interval rate/);
  await screenshot(app, 'walkthrough-4-run-silenced');
  await app.getByRole('button', { name: 'Stop' }).click();
});

test('a run that fails at the fastest speed charts its values up to the failure', async ({
  app,
}) => {
  await openExample(app, /Runaway feedback/);
  await app.getByLabel('Speed').selectOption('max');
  await app.getByRole('button', { name: /Run$/ }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'The run stopped' })).toHaveText(
    'The run stopped: node R in the step from t = 307 to 308 ms: a value is not finite',
  );
  // y = 10 y + 1 each ms: the values before the failure at 308 ms reach 1.1e307.
  const reached = () =>
    app.evaluate(() => {
      const session = window.__neurosketchTest!.session!;
      const trace = session.traces.get('yR')!;
      return {
        steps: session.stepsReceived,
        last: trace.steps[trace.count - 1],
        max: Math.max(...trace.values[0]!.subarray(0, trace.count)),
      };
    });
  await expect.poll(async () => (await reached()).steps).toBe(307);
  const { last, max } = await reached();
  expect(last).toBe(307);
  expect(max).toBeGreaterThan(1e306);
  expect(Number.isFinite(max)).toBe(true);
  await expect
    .poll(() => app.evaluate(() => window.__neurosketchTest!.charts['yR']!.scales['y']!.max))
    .toBeGreaterThan(1e306);
  await screenshot(app, 'walkthrough-4-run-runaway');
});
