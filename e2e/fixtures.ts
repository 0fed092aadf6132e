/**
 * The one fixture every spec uses: `page` is the NeuroSketch window. When the Electron runtime is
 * installed it is the real app (Playwright's Electron launcher); otherwise it is the browser host
 * (`out/main/web.js`, the same renderer and main-process services) in Debian's Chromium. Specs do
 * not know which.
 */
import { test as base, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary(): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface WebHostProcess {
  url: string;
  process: ChildProcess;
}

async function startWebHost(): Promise<WebHostProcess> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/web.js'), '--no-open'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CI: '1' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
  return { url, process: child };
}

export interface AppHost {
  kind: 'electron' | 'web';
  /** Opens a fresh NeuroSketch window. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

async function launchHost(): Promise<AppHost> {
  const binary = electronBinary();
  if (binary) {
    return {
      kind: 'electron',
      async open() {
        const app = await _electron.launch({ executablePath: binary, args: [root], cwd: root });
        const page = await app.firstWindow();
        page.on('close', () => void app.close());
        return page;
      },
      async close() {},
    };
  }
  const web = await startWebHost();
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return {
    kind: 'web',
    async open() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      await page.goto(web.url);
      return page;
    },
    async close() {
      await browser.close();
      web.process.kill('SIGTERM');
    },
  };
}

export const test = base.extend<{ app: Page }, { appHost: AppHost }>({
  appHost: [
    async ({}, use) => {
      const host = await launchHost();
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ appHost }, use) => {
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
