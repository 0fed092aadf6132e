/**
 * A slow tab cannot make the host's memory grow (issue 16): a run's frames go only to the tab
 * that started it; a tab that stops reading stops acknowledging, so the worker waits with at most
 * MAX_FRAMES_IN_FLIGHT frames queued; and a socket that acknowledges without reading gets no more
 * than FRAME_BACKLOG_BYTES queued, is told what it missed, and is closed past CLOSE_BACKLOG_BYTES.
 * Durations here are only how long each scenario runs; nothing asserts on time.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../services/runLoop';
import { MAX_FRAMES_IN_FLIGHT } from '../../shared/ipc/contract';
import { CLOSE_BACKLOG_BYTES, Connection, FRAME_BACKLOG_BYTES, type WebHost } from './webHost';
import { ackEveryFrame, openApiSocket, startTestHost } from './testHost';

let host: WebHost;
let peakRss = 0;
const rssAtStart = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

beforeAll(async () => {
  host = await startTestHost('slow-token');
});
afterAll(async () => {
  clearInterval(sampler);
  const mb = (b: number): string => (b / 1024 / 1024).toFixed(0);
  console.log(
    `slow reader: peak rss ${mb(peakRss)} MB (start ${mb(rssAtStart)} MB), ` +
      `frames dropped ${host.stats().framesDropped}`,
  );
  await host.close();
});

/** 2000 LIF neurons, every one probed: about 16 kB of samples per step. */
const BIG_DOC = JSON.stringify({
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 0.0001, duration: 1, seed: 1 },
  nodes: [
    { id: 'd', kind: 'input', signal: { type: 'constant', value: 1.5 } },
    { id: 'P', kind: 'population', model: 'lif', size: 2000 },
  ],
  edges: [{ id: 'e', source: 'd', target: 'P', weight: 1 }],
  probes: [{ id: 'p', target: 'P', variable: 'v' }],
});

const open = (): Promise<WebSocket> => openApiSocket(host, 'slow-token');

async function startForever(ws: WebSocket, id: number): Promise<string> {
  const reply = await new Promise<{ ok: boolean; value: { runId: string }; error?: string }>(
    (resolve) => {
      const onMessage = (data: Buffer, isBinary: boolean): void => {
        if (isBinary) return;
        const message = JSON.parse(String(data)) as { id?: number; result?: never };
        if (message.id === id) {
          ws.off('message', onMessage);
          resolve(message.result!);
        }
      };
      ws.on('message', onMessage);
      ws.send(
        JSON.stringify({
          id,
          method: 'startRun',
          params: { documentText: BIG_DOC, speed: 'max', forever: true },
        }),
      );
    },
  );
  expect(reply.error).toBeUndefined();
  return reply.value.runId;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const pauseReading = (ws: WebSocket): net.Socket => {
  const socket = (ws as unknown as { _socket: net.Socket })._socket;
  socket.pause();
  return socket;
};

describe('web host under a slow reader', () => {
  it('sends a run only to the tab that started it; that tab keeps every frame', async () => {
    const fast = await open();
    const idle = await open();
    let idleFrames = 0;
    idle.on('message', (_d, isBinary) => isBinary && idleFrames++);
    const idleSocket = pauseReading(idle);
    const seqs: number[] = [];
    ackEveryFrame(fast, (seq) => seqs.push(seq));
    await startForever(fast, 1);
    await sleep(3000);
    expect(host.stats().maxBufferedBytes).toBeLessThan(FRAME_BACKLOG_BYTES);
    fast.close();
    idleSocket.resume();
    await sleep(200);
    expect(seqs.length).toBeGreaterThan(10);
    seqs.forEach((s, i) => expect(s).toBe(i)); // no frame of the fast tab was skipped
    expect(idleFrames).toBe(0);
    idle.close();
  });

  it('holds at most the frames in flight for a tab that stops reading, then goes on', async () => {
    const slow = await open();
    let frames = 0;
    ackEveryFrame(slow, () => frames++);
    await startForever(slow, 1);
    const socket = pauseReading(slow);
    let maxBuffered = 0;
    const sampling = setInterval(
      () => (maxBuffered = Math.max(maxBuffered, host.stats().maxBufferedBytes)),
      10,
    );
    await sleep(3000);
    clearInterval(sampling);
    // Unread and unacknowledged: the worker waits; the host holds no more than the frames in flight.
    expect(maxBuffered).toBeLessThanOrEqual(MAX_FRAMES_IN_FLIGHT * MAX_FRAME_BYTES + 1024 * 1024);
    const before = frames;
    socket.resume();
    for (let i = 0; i < 50 && frames < before + 10; i++) await sleep(100);
    expect(frames).toBeGreaterThanOrEqual(before + 10); // reading again, the run goes on
    slow.close();
  });
});

/** A socket whose send queue the test sets by hand. */
function fakeSocket() {
  const sent: Array<string | ArrayBuffer> = [];
  const socket = {
    readyState: 1,
    OPEN: 1 as const,
    bufferedAmount: 0,
    terminated: false,
    send: (data: string | ArrayBuffer) => void sent.push(data),
    terminate: () => void (socket.terminated = true),
  };
  return { socket, sent };
}

const FRAME = {
  runId: 'run-1',
  seq: 0,
  producedAtMs: 0,
  frame: { stepFrom: 0, stepTo: 1, dt: 1e-4, traces: [], spikes: [] },
};

describe('Connection, the bounded send queue of one tab', () => {
  it('skips frames past the backlog, reports how many when it drains, closes a dead socket', () => {
    const { socket, sent } = fakeSocket();
    const counters = { framesDropped: 0, socketsClosedForBacklog: 0 };
    const connection = new Connection(socket as never, counters);
    connection.emit('frame', FRAME);
    expect(sent.length).toBe(1);
    socket.bufferedAmount = FRAME_BACKLOG_BYTES + 1;
    for (let k = 0; k < 5; k++) connection.emit('frame', { ...FRAME, seq: 1 + k });
    expect(sent.length).toBe(1);
    expect(counters.framesDropped).toBe(5);
    socket.bufferedAmount = 0;
    connection.emit('frame', { ...FRAME, seq: 6 });
    expect(sent.length).toBe(3);
    expect(JSON.parse(sent[1] as string)).toEqual({
      event: 'run:frames-dropped',
      payload: { runId: 'run-1', count: 5, reason: 'this tab fell behind' },
    });
    expect(sent[2]).toBeInstanceOf(ArrayBuffer);
    socket.bufferedAmount = CLOSE_BACKLOG_BYTES + 1;
    connection.emit('status', {
      runId: 'run-1',
      state: 'running',
      stepsDone: 1,
      totalSteps: 10,
      dt: 1e-4,
      realtimeFactor: 1,
    });
    expect(socket.terminated).toBe(true);
    expect(counters.socketsClosedForBacklog).toBe(1);
  });
});
