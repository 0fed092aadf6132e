/**
 * The browser host serves the public app bundle on 127.0.0.1 only, and its API only to our own
 * origin with the token; the token never travels in a cookie (cookies ignore ports).
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from './webHost';

let host: WebHost;

beforeAll(async () => {
  host = await startWebHost({
    rendererDir: path.resolve('out/renderer'),
    workerUrl: pathToFileURL(path.resolve('out/main/simWorker.js')),
    token: 'test-token-123',
  });
});
afterAll(async () => host.close());

function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
  });
}

function connect(origin: string, token = host.token) {
  return new Promise<WebSocket | number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, {
      headers: { origin },
    });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('web host', () => {
  it('listens on loopback and prints a URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=test-token-123`);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get('/', { host: `127.0.0.1:${host.port + 1}` })).status).toBe(403);
  });

  it('serves the page with a strict CSP and never sets a cookie (it would reach other ports)', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['set-cookie']).toBeUndefined();
    const asset = await get('/index.html?token=test-token-123');
    expect(asset.status).toBe(200);
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('does not take the token from a cookie', async () => {
    const ws = await new Promise<WebSocket | number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api`, {
        headers: { origin: `http://127.0.0.1:${host.port}`, cookie: 'ns_token=test-token-123' },
      });
      socket.on('open', () => resolve(socket));
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
    expect(ws).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('refuses API sockets from other origins and answers our own', async () => {
    expect(await connect('http://evil.example')).toBe(403);
    expect(await connect(`http://127.0.0.1:${host.port}`, 'wrong')).toBe(403);
    const ws = await connect(`http://127.0.0.1:${host.port}`);
    expect(ws).toBeInstanceOf(WebSocket);
    const socket = ws as WebSocket;
    const reply = await new Promise<{ id: number; result: { ok: boolean } }>((resolve) => {
      socket.on('message', (data) => resolve(JSON.parse(String(data))));
      socket.send(JSON.stringify({ id: 7, method: 'getStartupDocument' }));
    });
    expect(reply.id).toBe(7);
    expect(reply.result.ok).toBe(true);
    socket.close();
  });
});
