/**
 * The one fixture every spec uses: `page` is the NeuroSketch window. When the Electron runtime is
 * installed it is the real app (Playwright's Electron launcher); otherwise it is the browser host
 * (`out/main/web.js`, the same renderer and main-process services) in Debian's Chromium. Specs do
 * not know which.
 */
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, spawnWebHost, type WebHostProcess } from './webHostProcess';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary(): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * A throwaway workspace (the picker's folder) and app data folder per worker, so tests never touch
 * the real home folder; emptied before each test (fresh recent list, preferences, autosave).
 */
export interface TestFolders {
  workspaceDir: string;
  dataDir: string;
}

function makeTestFolders(): TestFolders {
  const base = mkdtempSync(path.join(os.tmpdir(), 'neurosketch-e2e-'));
  const folders = { workspaceDir: path.join(base, 'workspace'), dataDir: path.join(base, 'data') };
  resetTestFolders(folders);
  return folders;
}

function resetTestFolders(folders: TestFolders): void {
  for (const dir of [folders.workspaceDir, folders.dataDir]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
}

function startWebHost(folders: TestFolders): Promise<WebHostProcess> {
  return spawnWebHost(root, folders, { CI: '1' });
}

export interface AppHost {
  kind: 'electron' | 'web';
  /** The browser host's workspace and data folders (fresh for each test). */
  folders: TestFolders;
  /** Opens a fresh NeuroSketch window. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

async function launchHost(): Promise<AppHost> {
  const binary = electronBinary();
  const folders = makeTestFolders();
  if (binary) {
    return {
      kind: 'electron',
      folders,
      async open() {
        const app = await _electron.launch({ executablePath: binary, args: [root], cwd: root });
        const page = await app.firstWindow();
        page.on('close', () => void app.close());
        return page;
      },
      async close() {},
    };
  }
  const web = await startWebHost(folders);
  const executablePath = existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return {
    kind: 'web',
    folders,
    async open() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      await page.goto(web.url);
      return page;
    },
    async close() {
      await browser.close();
      web.process.kill('SIGTERM');
      rmSync(path.dirname(folders.workspaceDir), { recursive: true, force: true });
    },
  };
}

/**
 * The start screen greets every fresh start (a preference, on by default). Specs expect the
 * default circuit ready to edit, so the fixture turns it off in the fresh data folder; a spec about
 * the start screen itself asks for it with `test.use({ startScreen: true })`. (With the Electron
 * runtime the app keeps its own data folder, which this cannot reach.)
 */
function hideStartScreen(folders: TestFolders): void {
  writeFileSync(
    path.join(folders.dataDir, 'preferences.json'),
    `${JSON.stringify({ showStartScreen: false })}\n`,
  );
}

export const test = base.extend<{ app: Page; startScreen: boolean }, { appHost: AppHost }>({
  startScreen: [false, { option: true }],
  appHost: [
    async ({}, use) => {
      const host = await launchHost();
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ appHost, startScreen }, use) => {
    resetTestFolders(appHost.folders);
    if (!startScreen) hideStartScreen(appHost.folders);
    const page = await appHost.open();
    await use(page);
    await page.close();
  },
});

export const expect = test.expect;

/** Saves a screenshot under e2e/screenshots/ (kept out of git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(root, 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Open a gallery example by its name (File > Examples, or the toolbar's Examples…) and wait until
 * the document store holds it: opening is asynchronous.
 */
export async function openExample(app: Page, name: RegExp): Promise<void> {
  await app.getByRole('button', { name: /Examples/ }).click();
  await app.getByRole('button', { name }).click();
  await test.expect(app.getByRole('toolbar', { name: 'simulation controls' })).toBeVisible();
  await test.expect
    .poll(() =>
      app.evaluate(() => (window.__neurosketchTest!.document!() as { name?: string } | null)?.name),
    )
    .toMatch(name);
}
