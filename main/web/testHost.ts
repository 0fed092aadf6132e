/** Test support for the web host's suites: a host on the built renderer and worker, and a socket. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { decodeFrame } from '../../shared/ipc/frameCodec';
import { startWebHost, type WebHost } from './webHost';

/** A web host on `out/` (built by `npm test` before the unit suite) with a fixed token. */
export function startTestHost(token: string): Promise<WebHost> {
  return startWebHost({
    rendererDir: path.resolve('out/renderer'),
    workerUrl: pathToFileURL(path.resolve('out/main/simWorker.js')),
    token,
  });
}

/** An API socket from our own origin with the token. */
export function openApiSocket(host: WebHost, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, {
      headers: { origin: `http://127.0.0.1:${host.port}` },
    });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

/** Acknowledges every frame as a tab does; `onFrame` sees each frame's seq. */
export function ackEveryFrame(ws: WebSocket, onFrame: (seq: number) => void): void {
  let id = 1_000_000;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const buffer = data as Buffer;
    const bytes = new ArrayBuffer(buffer.byteLength);
    new Uint8Array(bytes).set(buffer);
    const frame = decodeFrame(bytes);
    onFrame(frame.seq);
    const params = { runId: frame.runId, seq: frame.seq };
    ws.send(JSON.stringify({ id: id++, method: 'ackFrame', params }));
  });
}
