/**
 * Desktop qualities through the browser host (issue 8): nothing is fetched from outside this
 * computer, preferences persist, the About box shows versions, and an axe accessibility check of
 * the main screen and its dialogs finds no serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

const require = createRequire(import.meta.url);

async function ready(app: Page): Promise<void> {
  await expect(app.getByLabel('circuit canvas')).toContainText('LIF');
}

const fileToolbar = (app: Page) => app.getByRole('toolbar', { name: 'file' });

test('offline: the page requests nothing that is not on this computer', async ({ app }) => {
  const foreign: string[] = [];
  // And everything it requests is there: no 404 (a missing favicon was one), no failed load.
  const failed: string[] = [];
  app.context().on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  app.on('console', (message) => {
    if (message.type() === 'error' && /Failed to load resource/.test(message.text()))
      failed.push(`${message.text()} ${message.location().url}`);
  });
  const check = (url: string): void => {
    const { protocol, hostname } = new URL(url);
    const local =
      ['data:', 'blob:', 'about:'].includes(protocol) ||
      (['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && hostname === '127.0.0.1');
    if (!local) foreign.push(url);
  };
  app.context().on('request', (request) => check(request.url()));
  app.on('websocket', (socket) => check(socket.url()));
  await app.reload();
  await ready(app);
  // Visit what loads lazily: dialogs, the gallery, a run.
  await fileToolbar(app).getByRole('button', { name: 'Examples…' }).click();
  await app
    .getByRole('dialog', { name: 'Examples' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await fileToolbar(app).getByRole('button', { name: 'About NeuroSketch' }).click();
  await app
    .getByRole('dialog', { name: 'About NeuroSketch' })
    .getByRole('button', { name: 'Close' })
    .click();
  await app.getByRole('button', { name: /Run/ }).first().click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  expect(foreign).toEqual([]);
  expect(failed).toEqual([]);
  // The icon the page names is served (browsers fetch it outside the page's own requests).
  const icon = await app.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) return null;
    const response = await fetch(link.href);
    return { status: response.status, type: response.headers.get('content-type') };
  });
  expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
});

test('preferences persist: the dark theme survives a reload', async ({ app }) => {
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'Preferences' }).click();
  const prefs = app.getByRole('dialog', { name: 'Preferences' });
  await prefs.getByRole('radio', { name: 'Dark' }).check();
  await prefs.getByLabel('Default time step of new circuits (ms)').fill('0.05');
  await prefs.getByRole('radio', { name: 'seconds (s)' }).check();
  await screenshot(app, 'desktop-preferences');
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.reload();
  await ready(app);
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(app, 'desktop-dark-theme');
  await fileToolbar(app).getByRole('button', { name: 'Preferences' }).click();
  await expect(prefs.getByLabel('Default time step of new circuits (ms)')).toHaveValue('0.05');
  await expect(prefs.getByRole('radio', { name: 'seconds (s)' })).toBeChecked();
  // A bad value is refused with a message, and nothing is saved.
  await prefs.getByLabel('Default time step of new circuits (ms)').fill('500');
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs.getByRole('alert')).toContainText('between');
  await prefs.getByRole('button', { name: 'Cancel' }).click();
  // New circuits use the default time step.
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  await expect(app).toHaveTitle('untitled.neuro — NeuroSketch');
});

test('the access token leaves the address bar and a reload still reaches the host', async ({
  app,
}) => {
  await ready(app);
  // (Electron's window has no token: it loads app://, with nothing to hide.)
  expect(app.url()).not.toContain('token');
  expect(await app.evaluate(() => document.cookie)).toBe('');
  await app.reload();
  await ready(app);
  expect(app.url()).not.toContain('token');
  // The host answers after the reload: the examples list comes from it.
  await fileToolbar(app).getByRole('button', { name: 'Preferences' }).click();
  await expect(app.getByRole('dialog', { name: 'Preferences' })).toBeVisible();
});

test('the About box shows the versions', async ({ app }) => {
  await ready(app);
  await fileToolbar(app).getByRole('button', { name: 'About NeuroSketch' }).click();
  const about = app.getByRole('dialog', { name: 'About NeuroSketch' });
  const versions = about.getByRole('definition');
  await expect(about).toContainText('NeuroSketch');
  await expect(about).toContainText(/Node\s*\d+\.\d+/);
  expect(await versions.count()).toBeGreaterThanOrEqual(3);
  await screenshot(app, 'desktop-about');
  await app.keyboard.press('Escape');
  await expect(about).toBeHidden();
});

function axePath(): string {
  try {
    return require.resolve('axe-core/axe.min.js');
  } catch {
    throw new Error(
      'axe-core is not installed: add it as a devDependency (npm install --save-dev axe-core) to run the accessibility check',
    );
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function seriousViolations(app: Page, screen: string): Promise<string[]> {
  const present = await app.evaluate(() => 'axe' in window);
  // The page's CSP (script-src 'self') refuses an injected <script> (page.addScriptTag), so the
  // script is evaluated through the DevTools protocol instead, which the CSP does not govern.
  if (!present) await app.evaluate(readFileSync(axePath(), 'utf8'));
  expect(await app.evaluate(() => 'axe' in window), 'axe-core did not load').toBe(true);
  const violations = await app.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    );
}

/** Switches the theme through Preferences (as a person would) and waits for it to apply. */
async function chooseTheme(app: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await fileToolbar(app).getByRole('button', { name: 'Preferences' }).click();
  const prefs = app.getByRole('dialog', { name: 'Preferences' });
  await prefs.getByRole('radio', { name: theme }).check();
  await prefs.getByRole('button', { name: 'Save' }).click();
  await expect(prefs).toBeHidden();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

/**
 * The screens a person looks at to judge a theme, each saved as `theme-<theme>-<screen>.png` and
 * checked with axe (contrast included): the main screen after a run (charts drawn), the inspector
 * with a node selected, the Learn panel, the examples gallery, the Open dialog and Preferences.
 */
async function themeTour(app: Page, theme: 'light' | 'dark'): Promise<string[]> {
  const found: string[] = [];
  const look = async (screen: string): Promise<void> => {
    await screenshot(app, `theme-${theme}-${screen}`);
    found.push(...(await seriousViolations(app, `${theme} ${screen}`)));
  };
  await app.getByRole('button', { name: /Run/ }).first().click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  await look('main');

  await app
    .getByLabel('circuit canvas')
    .getByRole('group', { name: /^LIF neuron LIF$/ })
    .click();
  const inspector = app.getByRole('complementary', { name: 'inspector' });
  await expect(inspector.getByRole('heading', { level: 2 })).toContainText('LIF');
  await look('inspector');

  await app.getByRole('button', { name: 'Learn: see the math' }).click();
  const learn = app.getByRole('dialog', { name: 'See the math' });
  await expect(learn.locator('canvas').first()).toBeVisible();
  await look('learn');
  await learn
    .getByRole('navigation', { name: 'math views' })
    .getByRole('button', { name: /^Activation functions/ })
    .click();
  await expect(learn.locator('canvas').first()).toBeVisible();
  await look('learn-activations');
  await learn.getByRole('button', { name: 'Close' }).click();
  await expect(learn).toBeHidden();

  for (const [button, title, screen] of [
    ['Examples…', 'Examples', 'examples'],
    ['Open…', 'Open a circuit', 'open'],
    ['Preferences', 'Preferences', 'preferences'],
  ] as const) {
    await fileToolbar(app).getByRole('button', { name: button, exact: true }).click();
    const dialog = app.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await look(screen);
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  return found;
}

test('light theme: the main screens, for comparison with the dark one', async ({ app }) => {
  await ready(app);
  await chooseTheme(app, 'Light');
  expect(await themeTour(app, 'light')).toEqual([]);
});

test('dark theme: every screen is readable (axe finds no serious violation)', async ({ app }) => {
  await ready(app);
  await chooseTheme(app, 'Dark');
  // Form controls, scrollbars and the canvas charts follow the theme.
  expect(await app.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
    'dark',
  );
  expect(await themeTour(app, 'dark')).toEqual([]);
});

test('accessibility: no serious or critical axe violations on the main screens', async ({
  app,
}) => {
  const found: string[] = [];
  await ready(app);
  found.push(...(await seriousViolations(app, 'main screen')));

  const dialogs: Array<[string, string, string]> = [
    ['Open…', 'Open a circuit', 'open picker'],
    ['Save as…', 'Save the circuit as', 'save picker'],
    ['Examples…', 'Examples', 'examples'],
    ['Recent…', 'Open recent', 'recent'],
    ['Preferences', 'Preferences', 'preferences'],
    ['About NeuroSketch', 'About NeuroSketch', 'about'],
  ];
  for (const [button, title, screen] of dialogs) {
    await fileToolbar(app).getByRole('button', { name: button, exact: true }).click();
    const dialog = app.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    found.push(...(await seriousViolations(app, screen)));
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  // The unsaved-changes question and the problem list.
  await app.evaluate(() => window.__neurosketchFilesTest!.renameCircuit('Edited'));
  await fileToolbar(app).getByRole('button', { name: 'New' }).click();
  await expect(app.getByRole('alertdialog')).toBeVisible();
  found.push(...(await seriousViolations(app, 'unsaved changes')));
  await app.keyboard.press('Escape');

  await app.getByRole('button', { name: /Run/ }).first().click();
  await expect(app.getByTestId('sim-clock')).toContainText('finished', { timeout: 30_000 });
  found.push(...(await seriousViolations(app, 'after a run')));
  expect(found).toEqual([]);
});
