/**
 * Opens the app in the default browser where there is one; silently does nothing otherwise.
 *
 * The address carries the access token, and a command line is readable by every local user
 * (`/proc/<pid>/cmdline`), so the browser is handed a file instead: a redirect page in a folder
 * only this user can read (0700/0600), removed a minute later. Jupyter opens its server the same way.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes the redirect page for `url` and returns its path (and a way to remove it). */
export function writeRedirectPage(
  url: string,
  tmpDir = os.tmpdir(),
): { file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpDir, 'neurosketch-'));
  const file = path.join(dir, 'open.html');
  const target = JSON.stringify(url).replace(/</g, '\\u003c');
  const attribute = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0;url=${attribute}">` +
      `<title>NeuroSketch</title><script>location.replace(${target})</script>` +
      `<p>Opening NeuroSketch…</p>\n`,
    { mode: 0o600 },
  );
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'])
    return;
  let page: { file: string; remove(): void } | null = null;
  try {
    page = writeRedirectPage(url);
    const child = spawn(command, [page.file], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    const cleanup = setTimeout(() => page?.remove(), 60_000);
    cleanup.unref();
    process.once('exit', () => page?.remove());
  } catch {
    page?.remove();
    // No browser launcher: the printed URL is enough.
  }
}
