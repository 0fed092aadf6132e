/**
 * The Electron window's defences that need no Electron to test (decision 0021): the `app://`
 * scheme serving only the renderer bundle, the check that an IPC sender shows our own page, and
 * main.ts wires them into Electron; this file imports only types. (The window's web preferences
 * stay a literal in main.ts, where electronegativity can read them.)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'neurosketch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads; the only page whose frame may call the host. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the page a real origin (so `'self'` in the CSP means app://neurosketch and
 * relative URLs resolve), `secure` makes it a secure context like https, `supportFetchAPI` lets the
 * page fetch its own bundle. `corsEnabled` stays off: no other origin can read these files, and
 * `bypassCSP` stays off: the CSP applies to everything the page loads.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Headers of every file the scheme serves (the CSP also arrives by onHeadersReceived). */
export function bundleHeaders(file: string): Record<string, string> {
  return {
    'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/**
 * The file of the renderer bundle a request URL names, or null. `bundleRoot` must already be a
 * real path (no links). The request's path is decoded, resolved under the root, and its real path
 * (every link followed) must still lie inside the root and be a regular file: `..`, encoded
 * separators, links pointing out, other hosts, NUL bytes and bad escapes all give null.
 */
export async function resolveBundleFile(
  bundleRoot: string,
  requestUrl: string,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = path.resolve(bundleRoot, '.' + decoded);
  try {
    const real = await fs.realpath(candidate);
    if (!real.startsWith(bundleRoot + path.sep)) return null;
    if (!(await fs.stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/**
 * The `protocol.handle` handler of the app scheme: the renderer bundle's files, read-only;
 * 404 for anything else, 405 for a method other than GET or HEAD.
 */
export function createAppProtocolHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  // The root's own real path, resolved once (the bundle may sit inside an asar or a linked dir).
  let root: Promise<string> | null = null;
  const bundleRoot = (): Promise<string> => (root ??= fs.realpath(path.resolve(rendererDir)));
  const notFound = (): Response =>
    new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    let file: string | null;
    try {
      file = await resolveBundleFile(await bundleRoot(), request.url);
    } catch {
      root = null; // the bundle folder is missing: try again next time
      file = null;
    }
    if (!file) return notFound();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await fs.readFile(file));
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: bundleHeaders(file),
    });
  };
}

/** Whether a frame's URL is our own page (query and fragment ignored). */
export function isAppPage(frameUrl: string): boolean {
  return frameUrl.split('#')[0]!.split('?')[0] === APP_INDEX_URL;
}
