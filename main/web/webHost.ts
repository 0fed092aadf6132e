/**
 * The browser host (`npm run web`): serves the built renderer and the host API on 127.0.0.1 only.
 *
 * - Bound to the loopback interface; a random port unless one is given.
 * - The Host header must be our loopback address on our port (defeats DNS rebinding).
 * - The page and its assets are the public app bundle: served to any request with a good Host.
 * - The API (one WebSocket at `/api`) needs the access token and our own Origin. The token is
 *   never a cookie: cookies ignore ports, so any other server on 127.0.0.1 would receive it. The
 *   printed address carries it in the fragment (`#token=`, never sent to a server); the page keeps
 *   it in sessionStorage (scoped to this origin, port included) and removes it from the address
 *   bar (docs/decisions/0020-web-host-hardening.md).
 * - Nothing a client sends can take the host down: malformed request lines, URLs and escapes get
 *   400, bad frames close that socket, every message is answered or ignored, never thrown on.
 * - A run's frames go only to the socket that started it; a socket that stops reading gets no
 *   more frames once `FRAME_BACKLOG_BYTES` are queued (it is told how many it missed) and is
 *   closed past `CLOSE_BACKLOG_BYTES`, so memory stays bounded whatever a tab does.
 * - The same HostService as Electron's IPC answers the requests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  HOST_EVENT_CHANNELS,
  MAX_FRAMES_IN_FLIGHT,
  type HostEvents,
} from '../../shared/ipc/contract';
import { encodeFrame } from '../../shared/ipc/frameCodec';
import { createWebFileService } from '../services/files/hostFiles';
import { HostService } from '../services/hostService';
import { MAX_FRAME_BYTES } from '../services/runLoop';
import { SimulationHost, type HostEventSink } from '../services/simulationHost';
import { SweepService } from '../services/sweepService';
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

/** What the host holds for its sockets now (tests and the slow-reader check read it). */
export interface WebHostStats {
  sockets: number;
  /** Bytes queued for sending, per socket, and the largest. */
  maxBufferedBytes: number;
  framesDropped: number;
  socketsClosedForBacklog: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  stats(): WebHostStats;
  close(): Promise<void>;
}

/**
 * Past this backlog a socket gets no more frames until it drains (it is told what it missed). The
 * worker never has more than MAX_FRAMES_IN_FLIGHT unacknowledged frames of MAX_FRAME_BYTES, so a
 * tab that reads and acknowledges never reaches it; only one that acknowledges without reading.
 */
export const FRAME_BACKLOG_BYTES = (MAX_FRAMES_IN_FLIGHT + 2) * MAX_FRAME_BYTES;
/** Past this backlog a socket has stopped reading altogether: it is closed. */
export const CLOSE_BACKLOG_BYTES = 4 * FRAME_BACKLOG_BYTES;
/** Requests of one tab in flight at once; more are answered with an error at once. */
export const MAX_PENDING_REQUESTS = 64;
/** The largest message a client may send (a startRun carries a whole document). */
export const MAX_MESSAGE_BYTES = 80 * 1024 * 1024;

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

/** The request's URL, or null when it is not one (a bad request line must not throw). */
function parseRequestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text + '\n');
}

function refuseUpgrade(socket: Duplex, status: string): void {
  try {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } catch {
    // The socket is already gone.
  }
  socket.destroy();
}

/** What a Connection needs of its WebSocket (a fake one in tests). */
export type ConnectionSocket = Pick<
  WebSocket,
  'readyState' | 'OPEN' | 'bufferedAmount' | 'send' | 'terminate'
>;

/** One browser tab's socket: its runs report here, with a bounded send queue. */
export class Connection implements HostEventSink {
  private dropped = 0;
  private droppedRunId: string | null = null;

  constructor(
    readonly ws: ConnectionSocket,
    private readonly counters: { framesDropped: number; socketsClosedForBacklog: number },
  ) {}

  emit<E extends keyof HostEvents>(event: E, payload: HostEvents[E]): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > CLOSE_BACKLOG_BYTES) {
      this.counters.socketsClosedForBacklog++;
      this.ws.terminate();
      return;
    }
    if (event === 'frame') {
      const frame = payload as HostEvents['frame'];
      if (this.ws.bufferedAmount > FRAME_BACKLOG_BYTES) {
        this.dropped++;
        this.droppedRunId = frame.runId;
        this.counters.framesDropped++;
        return;
      }
      this.reportDropped();
      let bytes: ArrayBuffer;
      try {
        bytes = encodeFrame(frame);
      } catch (e) {
        this.sendJson(HOST_EVENT_CHANNELS.framesDropped, {
          runId: frame.runId,
          count: 1,
          reason: `a frame could not be encoded: ${(e as Error).message}`,
        });
        return;
      }
      this.ws.send(bytes);
      return;
    }
    this.sendJson(HOST_EVENT_CHANNELS[event], payload);
  }

  /** Requests of this tab not answered yet (a tab that floods the host is refused past a cap). */
  pending = 0;

  answer(id: number, result: unknown): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > CLOSE_BACKLOG_BYTES) {
      // It stopped reading its answers: close it rather than queue without bound.
      this.counters.socketsClosedForBacklog++;
      this.ws.terminate();
      return;
    }
    this.ws.send(JSON.stringify({ id, result }));
  }

  /** After a backlog drains: tell the tab how many frames it missed (it shows it fell behind). */
  private reportDropped(): void {
    if (this.dropped === 0 || this.droppedRunId === null) return;
    this.sendJson(HOST_EVENT_CHANNELS.framesDropped, {
      runId: this.droppedRunId,
      count: this.dropped,
      reason: 'this tab fell behind',
    });
    this.dropped = 0;
  }

  private sendJson(channel: string, payload: unknown): void {
    this.ws.send(JSON.stringify({ event: channel, payload }));
  }
}

/** A message from the page: `{ id, method, params }`, or null when it is anything else. */
function parseMessage(text: string): { id: number; method: string; params: unknown } | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { id, method, params } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof method !== 'string')
    return null;
  return { id, method, params };
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererRoot = path.resolve(options.rendererDir);
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const hostOk = (req: http.IncomingMessage): boolean =>
    allowedHosts().includes(req.headers.host ?? '');

  const serveFile = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> => {
    const decoded = url.pathname === '/' ? '/index.html' : decodePath(url.pathname);
    if (decoded === null || decoded.includes('\0')) {
      plain(res, 400, 'Bad request: the path is not a valid address.');
      return;
    }
    const file = path.resolve(rendererRoot, '.' + decoded);
    let real: string;
    try {
      real = await fs.realpath(file);
      if (!real.startsWith(rendererRoot + path.sep) || !(await fs.stat(real)).isFile())
        throw new Error('outside');
    } catch {
      plain(res, 404, 'Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(real)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(real);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const server = http.createServer((req, res) => {
    const url = parseRequestUrl(req.url);
    if (!url) {
      plain(res, 400, 'Bad request: the address is not a valid URL.');
      return;
    }
    if (!hostOk(req)) {
      plain(res, 403, 'Forbidden: open the address printed by `npm run web`.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveFile(req, res, url).catch(() => plain(res, 500, 'Internal error'));
  });
  // A request line Node cannot parse: answer 400 and close, never throw.
  server.on('clientError', (_err, socket) => refuseUpgrade(socket, '400 Bad Request'));

  const counters = { framesDropped: 0, socketsClosedForBacklog: 0 };
  const connections = new Set<Connection>();
  /** Events not tied to a run or sweep (a file opened from the OS): every tab hears them. */
  const broadcast: HostEventSink = {
    emit(event, payload) {
      for (const connection of connections) connection.emit(event, payload);
    },
  };
  const simulationHost = new SimulationHost({ workerUrl: options.workerUrl }, broadcast);
  const files = createWebFileService({
    workspaceDir: options.workspaceDir,
    dataDir: options.dataDir,
  });
  // The sweep worker is bundled beside the run's.
  const sweeps = new SweepService(new URL('sweepWorker.js', options.workerUrl), broadcast);
  const service = new HostService({ simulation: simulationHost, sweeps, files });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', () => undefined);
  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    if (!url) {
      refuseUpgrade(socket, '400 Bad Request');
      return;
    }
    const origin = req.headers.origin ?? '';
    const originOk = allowedHosts().some((h) => origin === `http://${h}`);
    const given = url.searchParams.get('token');
    if (
      url.pathname !== '/api' ||
      !hostOk(req) ||
      !originOk ||
      given === null ||
      !sameSecret(given, token)
    ) {
      refuseUpgrade(socket, '403 Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, counters);
      connections.add(connection);
      // A bad frame (invalid UTF-8, unmasked, bad opcode, oversize) closes this socket only.
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        connections.delete(connection);
        simulationHost.stopRunOf(connection);
        sweeps.cancelAllOf(connection);
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const message = parseMessage(data.toString());
        if (!message) return;
        if (connection.pending >= MAX_PENDING_REQUESTS) {
          connection.answer(message.id, {
            ok: false,
            error: `more than ${MAX_PENDING_REQUESTS} requests at once: wait for the answers`,
          });
          return;
        }
        connection.pending++;
        void service.handle(message.method, message.params, { sink: connection }).then((result) => {
          connection.pending--;
          connection.answer(message.id, result);
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    stats() {
      let maxBufferedBytes = 0;
      for (const c of connections)
        maxBufferedBytes = Math.max(maxBufferedBytes, c.ws.bufferedAmount);
      return { sockets: connections.size, maxBufferedBytes, ...counters };
    },
    async close() {
      await sweeps.dispose();
      await simulationHost.dispose();
      for (const c of connections) c.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
