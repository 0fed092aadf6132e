/**
 * Issue 2's slice, through the real path: the app opens on the default circuit (one LIF neuron fed
 * by v_in = 1.5), Run streams frames from the main-process worker, and the chart shows the notes'
 * charging curve v_in(1 - e^{-t/tau}), resets at the threshold 1, at the rate G(1.5).
 */
import { expect, screenshot, test } from './fixtures';

const V_IN = 1.5;
const TAU_M = 0.02;
const TAU_REF = 0.002;
const G = 1 / (TAU_REF + TAU_M * Math.log(V_IN / (V_IN - 1)));

test('Run draws the LIF charging curve, threshold resets and the rate G(1.5)', async ({ app }) => {
  await expect(app.getByRole('img', { name: /LIF · v chart/ })).toBeVisible();
  await expect(app.getByLabel('circuit canvas')).toContainText('LIF');
  await app.getByRole('button', { name: /Run/ }).click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });

  const points = await app.evaluate(() => {
    const chart = window.__neurosketchTest!.charts['vN']!;
    return (chart.data.datasets[0]!.data as Array<{ x: number; y: number }>).map((p) => [p.x, p.y]);
  });
  expect(points.length).toBeGreaterThan(100);
  // Before the first spike (t* = tau ln 3 = 21.97 ms) v follows v_in(1 - e^{-t/tau}).
  const tStar = TAU_M * Math.log(V_IN / (V_IN - 1));
  const rising = points.filter(([xMs]) => xMs! / 1000 < tStar - 1e-4);
  expect(rising.length).toBeGreaterThan(10);
  for (const [xMs, v] of rising) {
    const t = xMs! / 1000;
    expect(Math.abs(v! - V_IN * (1 - Math.exp(-t / TAU_M)))).toBeLessThan(1e-3);
  }
  // It never exceeds the threshold and it resets to 0.
  expect(Math.max(...points.map(([, v]) => v!))).toBeLessThanOrEqual(1 + 1e-9);
  const resets = points.filter(([xMs, v]) => xMs! > tStar * 1000 && v === 0);
  expect(resets.length).toBeGreaterThan(30);

  // About G(1.5) = 41.7 spikes per second, as the summary reports it: the interval rate
  // (n - 1)/(t_n - t_1) to 0.1 Hz on the line, to 0.01 Hz in its tooltip, which also gives the
  // spikes per second over the whole run (41 in 1 s).
  const summary = await app.getByTestId('spike-summary').textContent();
  const match = /LIF: (\d+) spikes · interval rate ([\d.]+) Hz/.exec(summary ?? '');
  expect(match, `summary was: ${summary}`).not.toBeNull();
  expect(Number(match![1])).toBe(41);
  expect(Math.abs(Number(match![2]) - G)).toBeLessThanOrEqual(0.05);
  const tooltip = await app
    .getByTestId('spike-summary')
    .getByText(/^LIF: /)
    .getAttribute('title');
  const precise = /interval rate \(n − 1\)\/\(t_n − t_1\) = ([\d.]+) Hz/.exec(tooltip ?? '');
  expect(precise, `tooltip was: ${tooltip}`).not.toBeNull();
  expect(Math.abs(Number(precise![1]) - G)).toBeLessThan(0.01);
  expect(tooltip).toContain('over the run (1000 ms): 41.0 spikes/s');
  await screenshot(app, 'slice-lif-charging');
});
