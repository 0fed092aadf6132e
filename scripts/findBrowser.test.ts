/**
 * `npm test` finds a browser by itself (issue 16, item 13): each branch of the search, with the
 * machine faked (no browser is installed or launched here).
 */
import { describe, expect, it } from 'vitest';
import { APT_COMMAND, findBrowser, type BrowserEnv } from './findBrowser.mjs';

const OWN = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

function machine(files: string[], over: Partial<BrowserEnv> = {}) {
  const present = new Set(files);
  const said: string[] = [];
  let installs = 0;
  const env: BrowserEnv = {
    exists: (f) => present.has(f),
    override: undefined,
    playwrightPath: () => OWN,
    platform: 'linux',
    isRoot: false,
    isDebian: true,
    hasApt: true,
    aptInstall: () => {
      installs++;
      present.add('/usr/bin/chromium');
      return true;
    },
    say: (line) => said.push(line),
    ...over,
  };
  return { env, said, installs: () => installs };
}

describe('findBrowser', () => {
  it('1. a system Chromium first', () => {
    const m = machine(['/usr/bin/chromium', OWN]);
    expect(findBrowser(m.env)).toEqual({ ok: true, path: '/usr/bin/chromium', how: 'system' });
    expect(m.said).toEqual([]);
    expect(findBrowser(machine(['/usr/bin/google-chrome']).env)).toMatchObject({
      path: '/usr/bin/google-chrome',
    });
  });

  it('NEUROSKETCH_CHROMIUM wins, and a wrong one is named', () => {
    const m = machine(['/opt/c/chrome', '/usr/bin/chromium'], { override: '/opt/c/chrome' });
    expect(findBrowser(m.env)).toEqual({ ok: true, path: '/opt/c/chrome', how: 'system' });
    const bad = findBrowser(machine([], { override: '/nope' }).env);
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringMatching(/\/nope.*does not exist/),
    });
  });

  it("2. else Playwright's own Chromium when it was downloaded", () => {
    const m = machine([OWN], { isRoot: true });
    expect(findBrowser(m.env)).toEqual({ ok: true, path: OWN, how: 'playwright' });
    expect(m.installs()).toBe(0);
  });

  it('3. else on Debian as root: apt-get installs Chromium, saying so in one line', () => {
    const m = machine([], { isRoot: true });
    expect(findBrowser(m.env)).toEqual({ ok: true, path: '/usr/bin/chromium', how: 'apt' });
    expect(m.installs()).toBe(1);
    expect(m.said).toEqual([
      `npm test: no Chromium found for the e2e tests; installing Debian's with: ${APT_COMMAND}`,
    ]);
  });

  it('3b. a failed apt-get install ends in one sentence naming the command', () => {
    const m = machine([], { isRoot: true, aptInstall: () => false, playwrightPath: () => null });
    const r = findBrowser(m.env);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toContain(APT_COMMAND);
  });

  it('4. else one sentence naming the command: apt on Debian without root, Playwright elsewhere', () => {
    const debian = findBrowser(machine([]).env);
    expect(debian).toEqual({
      ok: false,
      message: expect.stringMatching(/^npm test: .*`sudo apt-get install -y chromium`.*\.$/),
    });
    const mac = findBrowser(machine([], { platform: 'darwin', isDebian: false }).env);
    expect(mac).toMatchObject({
      ok: false,
      message: expect.stringContaining('`npx playwright install chromium`'),
    });
    for (const r of [debian, mac]) if (!r.ok) expect(r.message.split('\n')).toHaveLength(1);
  });
});
