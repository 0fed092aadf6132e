/**
 * The browser the e2e suite drives, found by `npm test` itself (a fresh clone needs nothing else):
 *   1. a system Chromium (or Chrome) at a usual path, or $NEUROSKETCH_CHROMIUM;
 *   2. else Playwright's own Chromium, when it has been downloaded;
 *   3. else, on Debian as root, Debian's `chromium` installed with apt-get (saying so in one line);
 *   4. else one sentence naming the command to run.
 * `findBrowser(env)` takes every effect as a parameter so each branch is unit-tested
 * (scripts/findBrowser.test.ts); `systemEnv()` is the real machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Where a system Chromium or Chrome usually lives (Debian first). */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const APT_COMMAND = 'apt-get update && apt-get install -y chromium';

/**
 * @typedef {object} BrowserEnv
 * @property {(file: string) => boolean} exists
 * @property {string | undefined} override  $NEUROSKETCH_CHROMIUM
 * @property {() => string | null} playwrightPath  Playwright's own Chromium (may not exist)
 * @property {string} platform  process.platform
 * @property {boolean} isRoot
 * @property {boolean} isDebian  /etc/debian_version exists
 * @property {boolean} hasApt  apt-get is on the PATH
 * @property {() => boolean} aptInstall  runs APT_COMMAND; true when it succeeded
 * @property {(line: string) => void} say  one line on the console
 *
 * @typedef {{ ok: true, path: string, how: 'system' | 'playwright' | 'apt' } | { ok: false, message: string }} BrowserFound
 */

/** @param {BrowserEnv} env @returns {BrowserFound} */
export function findBrowser(env) {
  if (env.override) {
    if (env.exists(env.override)) return { ok: true, path: env.override, how: 'system' };
    return {
      ok: false,
      message: `NEUROSKETCH_CHROMIUM is ${env.override}, which does not exist: point it at a Chromium or Chrome binary, or unset it.`,
    };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((p) => env.exists(p));
  if (system) return { ok: true, path: system, how: 'system' };
  const own = env.playwrightPath();
  if (own && env.exists(own)) return { ok: true, path: own, how: 'playwright' };
  if (env.platform === 'linux' && env.isDebian && env.isRoot && env.hasApt) {
    env.say(
      `npm test: no Chromium found for the e2e tests; installing Debian's with: ${APT_COMMAND}`,
    );
    if (env.aptInstall() && env.exists('/usr/bin/chromium'))
      return { ok: true, path: '/usr/bin/chromium', how: 'apt' };
    return {
      ok: false,
      message: `npm test: installing Chromium with apt-get failed; run \`${APT_COMMAND}\` yourself (it needs the internet), then npm test again.`,
    };
  }
  const command =
    env.platform === 'linux' && env.isDebian
      ? 'sudo apt-get install -y chromium'
      : 'npx playwright install chromium';
  return {
    ok: false,
    message: `npm test: the e2e tests need Chromium and none was found; install it with \`${command}\` (or set NEUROSKETCH_CHROMIUM to a Chromium or Chrome binary), then run npm test again.`,
  };
}

/** The real machine. @returns {BrowserEnv} */
export function systemEnv() {
  const require = createRequire(import.meta.url);
  return {
    exists: (file) => existsSync(file),
    override: process.env.NEUROSKETCH_CHROMIUM || undefined,
    playwrightPath: () => {
      try {
        return require('playwright-core').chromium.executablePath();
      } catch {
        return null;
      }
    },
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    isDebian: existsSync('/etc/debian_version'),
    hasApt: spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0,
    aptInstall: () =>
      spawnSync('sh', ['-c', `${APT_COMMAND} >/dev/null`], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0,
    say: (line) => console.log(line),
  };
}
