/**
 * The browser host (`npm run web`): serves the built renderer and the host API on 127.0.0.1 only.
 *
 * - Bound to the loopback interface; a random port unless one is given.
 * - A random token: the first page load must carry `?token=...`; it is then kept in an HttpOnly,
 *   SameSite=Strict cookie. Every request without it is refused (403).
 * - The Host header must be our loopback address (defeats DNS rebinding); the WebSocket's Origin
 *   must be our own origin; every other origin is refused.
 * - The same HostService as Electron's IPC answers the requests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_EVENT_CHANNELS, type HostEvents } from '../../shared/ipc/contract';
import { encodeFrame } from '../../shared/ipc/frameCodec';
import { createWebFileService } from '../services/files/hostFiles';
import { HostService } from '../services/hostService';
import { SimulationHost } from '../services/simulationHost';
import { CONTENT_SECURITY_POLICY } from '../services/security';

export interface WebHostOptions {
  port?: number;
  rendererDir: string;
  workerUrl: URL;
  token?: string;
  /** The picker's folder (default ~/Documents/NeuroSketch) and the app data folder. */
  workspaceDir?: string;
  dataDir?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.neuro': 'application/json',
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'ns_token') return rest.join('=');
  }
  return null;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const isAuthorised = (req: http.IncomingMessage, url: URL): boolean => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return false;
    const fromQuery = url.searchParams.get('token');
    const fromCookie = cookieToken(req.headers.cookie);
    return (
      (fromQuery !== null && sameSecret(fromQuery, token)) ||
      (fromCookie !== null && sameSecret(fromCookie, token))
    );
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isAuthorised(req, url)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'Forbidden: open the address printed by `npm run web` (it carries the access token).\n',
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const relative =
      url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(options.rendererDir, relative);
    if (
      !file.startsWith(path.resolve(options.rendererDir) + path.sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'set-cookie': `ns_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const sockets = new Set<WebSocket>();
  const sink = {
    emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
      for (const socket of sockets) {
        if (event === 'frame') socket.send(encodeFrame(payload as HostEvents['frame']));
        else socket.send(JSON.stringify({ event: HOST_EVENT_CHANNELS[event], payload }));
      }
    },
  };
  const simulationHost = new SimulationHost({ workerUrl: options.workerUrl }, sink);
  const files = createWebFileService({
    workspaceDir: options.workspaceDir,
    dataDir: options.dataDir,
  });
  const service = new HostService(simulationHost, files);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 80 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    const originOk = allowedHosts().some((h) => origin === `http://${h}`);
    if (url.pathname !== '/api' || !originOk || !isAuthorised(req, url)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        let message: { id?: unknown; method?: unknown; params?: unknown };
        try {
          message = JSON.parse(data.toString()) as typeof message;
        } catch {
          return;
        }
        if (typeof message.id !== 'number' || typeof message.method !== 'string') return;
        const id = message.id;
        void service.handle(message.method, message.params).then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      await simulationHost.dispose();
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
