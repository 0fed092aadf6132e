/**
 * What the fifth student walkthrough of issue 15 found in the run status, the run messages and the
 * charts panel head, each journey failing before its fix: the zero-delay cycle note of the
 * winner-take-all ("A, B and C act on each other with no delay…") stayed over a new circuit, an
 * empty canvas and another example until the next run, and after the cycle's node was deleted.
 */
import { expect, openExample, screenshot, test } from './fixtures';
import { canvasOf, runToEnd, startEmpty } from './canvasHelpers';

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
