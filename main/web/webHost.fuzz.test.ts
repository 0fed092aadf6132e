/**
 * Nothing a request can do takes the browser host down (issue 16): malformed request lines and
 * URLs, bad escapes, non-object and deeply nested messages, every bad WebSocket frame kind,
 * oversize frames, superseded startRun requests. After each the host must still serve the page
 * and answer the API; every request is answered with an error or a closed socket.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, type WebHost } from './webHost';
import { openApiSocket, startTestHost } from './testHost';

let host: WebHost;
let tried = 0;

beforeAll(async () => {
  host = await startTestHost('fuzz-token');
});
afterAll(async () => {
  console.log(`web host fuzz: ${tried} hostile requests tried, host still up`);
  await host.close();
});

/** Sends raw bytes and resolves with what came back before the socket closed (or 2 s passed). */
function raw(bytes: string | Buffer): Promise<string> {
  tried++;
  return new Promise((resolve) => {
    const socket = net.connect(host.port, '127.0.0.1');
    let reply = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

function statusOf(reply: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(reply);
  return match ? Number(match[1]) : 0;
}

const origin = (): string => `http://127.0.0.1:${host.port}`;

const open = (): Promise<WebSocket> => openApiSocket(host, 'fuzz-token');

function ask(ws: WebSocket, method: string, params?: unknown, id = 1): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (isBinary) return;
      const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (reply.id === id) {
        ws.off('message', onMessage);
        resolve(reply.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

/** The host is up: it serves the page and answers an API request on a new socket. */
async function expectAlive(): Promise<void> {
  const page = await raw(
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
  );
  expect(statusOf(page)).toBe(200);
  const ws = await open();
  const result = (await ask(ws, 'getStartupDocument', undefined, 99)) as { ok: boolean };
  expect(result.ok).toBe(true);
  ws.close();
}

const LIF_DOC = JSON.stringify({
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    { id: 'd', kind: 'input', signal: { type: 'constant', value: 1.5 } },
    { id: 'N', kind: 'neuron', model: 'lif' },
  ],
  edges: [{ id: 'e', source: 'd', target: 'N', weight: 1 }],
  probes: [{ id: 'p', target: 'N', variable: 'v' }],
});

describe('web host fuzz', () => {
  it('answers malformed request lines, URLs and escapes with an error, and stays up', async () => {
    const h = `Host: 127.0.0.1:${host.port}\r\n`;
    const cases: Array<[string, number[]]> = [
      [`GET // HTTP/1.1\r\n${h}\r\n`, [200, 400, 404]],
      [`GET http://[::1 HTTP/1.1\r\n${h}\r\n`, [400]],
      [`GET http://[::1 HTTP/1.1\r\n${h}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`, [400]],
      [`GET /%E0%A4%A HTTP/1.1\r\n${h}\r\n`, [400]],
      [`GET /%E0%A4%A?token=fuzz-token HTTP/1.1\r\n${h}\r\n`, [400]],
      [`GET /%00 HTTP/1.1\r\n${h}\r\n`, [400, 404]],
      [`GET /..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\n${h}\r\n`, [404]],
      [
        `GET /api?token=%ZZ HTTP/1.1\r\n${h}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
        [403],
      ],
      [`GARBAGE\r\n\r\n`, [400]],
      [`GET / HTTP/9.9\r\n${h}\r\n`, [400, 505, 0]],
      [`GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n`, [403]],
      [`POST / HTTP/1.1\r\n${h}Content-Length: 5\r\n\r\nhello`, [405]],
      [`GET / HTTP/1.1\r\n${h}X-Long: ${'a'.repeat(100_000)}\r\n\r\n`, [431, 400, 0]],
      [`\u0000\u0001\u0002\r\n\r\n`, [400]],
    ];
    for (const [request, allowed] of cases) {
      const status = statusOf(await raw(request));
      expect(allowed, JSON.stringify(request.slice(0, 60))).toContain(status);
    }
    await expectAlive();
  });

  it('refuses API sockets without the token, with a bad token or from another origin', async () => {
    const upgrade = (target: string, from: string): string =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${from}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    expect(statusOf(await raw(upgrade('/api', origin())))).toBe(403);
    expect(statusOf(await raw(upgrade('/api?token=nope', origin())))).toBe(403);
    expect(statusOf(await raw(upgrade('/api?token=fuzz-token', 'http://evil.example')))).toBe(403);
    expect(statusOf(await raw(upgrade('//api?token=fuzz-token', origin())))).toBe(403);
    expect(statusOf(await raw(upgrade('/api?token=fuzz-token', origin())))).toBe(101);
    await expectAlive();
  });

  it('ignores non-object messages and refuses deeply nested ones with an error', async () => {
    const ws = await open();
    for (const text of [
      'null',
      '[]',
      '1',
      '"x"',
      'true',
      '{}',
      '{"id":"x"}',
      '{"id":1}',
      '{',
      '',
    ]) {
      tried++;
      ws.send(text);
    }
    tried++;
    expect(await ask(ws, 'nope', {}, 2)).toMatchObject({ ok: false });
    tried++;
    expect(await ask(ws, '__proto__', {}, 3)).toMatchObject({ ok: false });
    tried++;
    expect(await ask(ws, 'startRun', null, 4)).toMatchObject({ ok: false });
    tried++;
    const wide = `{"id":6,"method":"startRun","params":[${'0,'.repeat(2_000_000)}0]}`;
    const wideReply = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
      ws.once('message', (data) => resolve((JSON.parse(String(data)) as { result: never }).result));
      ws.send(wide);
    });
    expect(wideReply.error).toMatch(/more than 100000 values/);
    for (const depth of [2_000, 100_000]) {
      tried++;
      const nested = '['.repeat(depth) + ']'.repeat(depth);
      const text = `{"id":5,"method":"editRun","params":{"runId":"run-1","edits":[{"elementId":"A","path":"params.bias","value":${nested}}]}}`;
      const reply = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
        ws.once('message', (data) =>
          resolve((JSON.parse(String(data)) as { result: never }).result),
        );
        ws.send(text);
      });
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatch(/nested deeper than/);
    }
    ws.close();
    await expectAlive();
  });

  it('closes the socket on every bad frame kind and stays up', async () => {
    // Frames written by hand (RFC 6455): FIN + opcode, then MASK bit + length, then the mask.
    const masked = (opcode: number, payload: Buffer): Buffer => {
      const mask = Buffer.from([1, 2, 3, 4]);
      const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
      return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, body]);
    };
    const frames: Buffer[] = [
      masked(0x1, Buffer.from([0xc3, 0x28, 0xff])), // invalid UTF-8 text
      Buffer.concat([Buffer.from([0x81, 0x02]), Buffer.from('hi')]), // unmasked from a client
      masked(0x3, Buffer.from('x')), // reserved opcode
      masked(0xb, Buffer.from('x')), // reserved control opcode
      Buffer.from([0xf1, 0x80, 1, 2, 3, 4]), // RSV bits set
      // Oversize: a 64-bit length beyond the limit (the body never comes).
      (() => {
        const header = Buffer.alloc(14);
        header[0] = 0x82;
        header[1] = 0x80 | 127;
        header.writeBigUInt64BE(BigInt(MAX_MESSAGE_BYTES + 1), 2);
        return header;
      })(),
      Buffer.from([0x89, 0x80 | 126, 0, 200, 1, 2, 3, 4]), // a ping longer than 125 bytes
    ];
    for (const frame of frames) {
      tried++;
      const ws = await open();
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.on('error', () => undefined);
      (ws as unknown as { _socket: net.Socket })._socket.write(frame);
      await closed;
    }
    await expectAlive();
  });

  it('answers every startRun, also the ones superseded before they compiled', async () => {
    const ws = await open();
    const n = 20;
    tried += n;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, k) =>
        ask(ws, 'startRun', { documentText: LIF_DOC, speed: 'max', paused: true }, 100 + k),
      ),
    );
    const ok = replies.filter((r) => (r as { ok: boolean }).ok);
    expect(replies).toHaveLength(n);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of replies.filter((r) => !(r as { ok: boolean }).ok))
      expect((r as { error: string }).error).toMatch(/another run was started/);
    ws.close();
    await expectAlive();
  });

  it('answers a huge Step in bounded frames without crashing', async () => {
    const ws = await open();
    tried++;
    const started = (await ask(
      ws,
      'startRun',
      { documentText: LIF_DOC, speed: 'max', paused: true, forever: true },
      200,
    )) as { ok: boolean; value: { runId: string } };
    expect(started.ok).toBe(true);
    const stepped = (await ask(
      ws,
      'stepRun',
      { runId: started.value.runId, seconds: 10 },
      201,
    )) as {
      ok: boolean;
    };
    expect(stepped.ok).toBe(true);
    ws.close();
    await expectAlive();
  });
});
