/**
 * The app:// scheme serves the renderer bundle and nothing else: traversal, encoded separators,
 * links pointing out of the bundle, other hosts, directories, NUL bytes and bad escapes are 404;
 * every file carries the CSP. Only our own page counts as a trusted sender.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../services/security';
import { APP_INDEX_URL, createAppProtocolHandler, isAppPage, resolveBundleFile } from './hardening';

const base = mkdtempSync(path.join(tmpdir(), 'neurosketch-app-scheme-'));
const bundle = path.join(base, 'renderer');
mkdirSync(path.join(bundle, 'assets'), { recursive: true });
writeFileSync(path.join(bundle, 'index.html'), '<!doctype html><title>ok</title>');
writeFileSync(path.join(bundle, 'assets', 'index-abc.js'), 'console.log(1);');
writeFileSync(path.join(bundle, 'assets', 'font.woff2'), 'w');
writeFileSync(path.join(bundle, 'assets', 'a b.css'), 'body{}');
writeFileSync(path.join(base, 'secret.js'), 'stolen();');
writeFileSync(path.join(base, 'renderer-evil.js'), 'stolen();');
symlinkSync(path.join(base, 'secret.js'), path.join(bundle, 'assets', 'link-out.js'));
symlinkSync(base, path.join(bundle, 'assets', 'dir-out'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppProtocolHandler(bundle);
const get = (url: string, method = 'GET'): Promise<Response> =>
  handler(new Request(url, { method }));

describe('app:// scheme', () => {
  it('serves the page and its assets, with the CSP and the right types', async () => {
    for (const url of ['app://neurosketch/', APP_INDEX_URL, `${APP_INDEX_URL}?x=1#y`]) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>ok</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const js = await get('app://neurosketch/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1);');
    expect((await get('app://neurosketch/assets/font.woff2')).headers.get('content-type')).toBe(
      'font/woff2',
    );
    expect((await get('app://neurosketch/assets/a%20b.css')).status).toBe(200);
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for anything outside the bundle, and never reads it', async () => {
    const refused = [
      'app://neurosketch/../secret.js',
      'app://neurosketch/%2e%2e/secret.js',
      'app://neurosketch/assets/%2E%2E%2F%2E%2E%2Fsecret.js',
      'app://neurosketch/..%2fsecret.js',
      'app://neurosketch/..%5csecret.js',
      'app://neurosketch/%2Fetc%2Fpasswd',
      `app://neurosketch/${encodeURIComponent(path.join(base, 'secret.js'))}`,
      'app://neurosketch/..%2frenderer-evil.js',
      'app://neurosketch/assets/link-out.js',
      'app://neurosketch/assets/dir-out/secret.js',
      'app://neurosketch/assets',
      'app://neurosketch/assets/',
      'app://neurosketch/missing.js',
      'app://neurosketch/index.html%00.js',
      'app://neurosketch/%E0%A4%A',
      'app://other/index.html',
      'app://neurosketch.evil/index.html',
    ];
    for (const url of refused) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('stolen');
    }
  });

  it('resolves only real files inside the bundle', async () => {
    expect(await resolveBundleFile(bundle, 'app://neurosketch/assets/index-abc.js')).toBe(
      path.join(bundle, 'assets', 'index-abc.js'),
    );
    expect(await resolveBundleFile(bundle, 'not a url')).toBeNull();
    expect(await resolveBundleFile(bundle, 'file:///etc/passwd')).toBeNull();
    expect(await resolveBundleFile(bundle, 'https://neurosketch/index.html')).toBeNull();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
    expect((await get(APP_INDEX_URL, 'PUT')).status).toBe(405);
  });

  it('answers 404 while the bundle folder is missing', async () => {
    const missing = createAppProtocolHandler(path.join(base, 'no-such-dir'));
    expect((await missing(new Request(APP_INDEX_URL))).status).toBe(404);
  });
});

describe('trusted page', () => {
  it('is app://neurosketch/index.html and nothing else', () => {
    expect(isAppPage(APP_INDEX_URL)).toBe(true);
    expect(isAppPage(`${APP_INDEX_URL}#/x`)).toBe(true);
    expect(isAppPage(`${APP_INDEX_URL}?a=b`)).toBe(true);
    for (const url of [
      'file:///opt/NeuroSketch/resources/app.asar/out/renderer/index.html',
      'app://neurosketch/assets/index.html',
      'app://evil/index.html',
      'http://127.0.0.1:5173/index.html',
      'about:blank',
      '',
    ]) {
      expect(isAppPage(url), url).toBe(false);
    }
  });
});
