/**
 * What the third student walkthrough of issue 15 tripped over, each journey failing before its fix:
 * a mutual inhibition of w = -0.5 (a single spike 16 thresholds deep) that nothing warned about.
 * The others of that walkthrough are asserted where their feature is tested: the connect notice
 * that outlived its rule and a notice's × (canvas-student, connection rules), the Learn list for a
 * rate unit and "record the output" of a rate circuit (canvas-student), a time-constant slider
 * reaching 0 and a population recorded twice (unit tests).
 */
import { expect, screenshot, test } from './fixtures';
import { documentOf, inspectorOf, paletteOf, startEmpty, wire } from './canvasHelpers';

test('a synapse whose one spike moves its LIF target many thresholds says so, with the weight of one threshold', async ({
  app,
}) => {
  await startEmpty(app);
  await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  await paletteOf(app).getByRole('button', { name: 'Add LIF neuron' }).click();
  await app.getByRole('toolbar', { name: 'editor' }).getByRole('button', { name: 'Tidy' }).click();
  await wire(app, 'A output', 'B input');
  await expect.poll(async () => (await documentOf(app)).edges.length).toBe(1);
  const warning = inspectorOf(app).getByRole('note').filter({ hasText: 'Strong synapse' });
  // The default w 0.05: one spike peaks at 1.57 thresholds (tauS 5 ms, tauM 20 ms): no warning.
  await expect(inspectorOf(app).getByLabel(/^weight/)).toBeVisible();
  await expect(warning).toHaveCount(0);

  const weight = inspectorOf(app).getByLabel(/^weight/);
  await weight.fill('-0.5');
  await weight.press('Enter');
  // Peak PSP = w (e^{-t/tauM} - e^{-t/tauS}) / (tauM - tauS) at t = ln 4 * 20/3 ms: -15.7.
  await expect(warning).toContainText("one spike of A moves B's v by up to −15.7");
  await expect(warning).toContainText('16× its threshold 1');
  await expect(warning).toContainText('holds B silent');
  await expect(warning).toContainText('A weight of about -0.032 moves v by one threshold');
  await screenshot(app, 'walkthrough-3-strong-synapse');

  await weight.fill('-0.03');
  await weight.press('Enter');
  await expect(warning).toHaveCount(0);
});
