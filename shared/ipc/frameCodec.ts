/**
 * Binary encoding of a HostFrame for transports that carry bytes (the web host's WebSocket).
 * Layout: u32 header length, UTF-8 JSON header, padding to 8 bytes, then the typed arrays in header
 * order, each 8-byte aligned so they can be viewed without copying.
 */
import type { HostFrame } from './contract';
import type { NodeLiveState } from '../sim/liveState';
import type { SpikeChunk, TraceChunk } from '../sim/types';

interface FrameHeader {
  runId: string;
  seq: number;
  producedAtMs?: number;
  stepFrom: number;
  stepTo: number;
  dt: number;
  traces: Array<{
    probeId: string;
    target: string;
    variable: string;
    elements: number;
    samples: number;
  }>;
  spikes: Array<{ nodeId: string; count: number }>;
  /** Per-node live state: the numbers in the header, the cells as a Float64Array each. */
  live?: Array<{
    nodeId: string;
    variable: NodeLiveState['variable'];
    mean: number | null;
    level: number | null;
    cells: number;
  }>;
}

const align8 = (n: number): number => (n + 7) & ~7;

export function encodeFrame(hostFrame: HostFrame): ArrayBuffer {
  const { frame } = hostFrame;
  const header: FrameHeader = {
    runId: hostFrame.runId,
    seq: hostFrame.seq,
    producedAtMs: hostFrame.producedAtMs,
    stepFrom: frame.stepFrom,
    stepTo: frame.stepTo,
    dt: frame.dt,
    traces: frame.traces.map((t) => ({
      probeId: t.probeId,
      target: t.target,
      variable: t.variable,
      elements: t.indices.length,
      samples: t.steps.length,
    })),
    spikes: frame.spikes.map((s) => ({ nodeId: s.nodeId, count: s.index.length })),
    ...(hostFrame.live
      ? {
          live: hostFrame.live.map((l) => ({
            nodeId: l.nodeId,
            variable: l.variable,
            // JSON has no NaN or Infinity: they travel as null.
            mean: Number.isFinite(l.mean) ? l.mean : null,
            level: Number.isFinite(l.level) ? l.level : null,
            cells: l.cells.length,
          })),
        }
      : {}),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const arrays: ArrayBufferView[] = [];
  for (const t of frame.traces) arrays.push(t.indices, t.steps, t.values);
  for (const s of frame.spikes) arrays.push(s.index, s.time);
  for (const l of hostFrame.live ?? []) arrays.push(l.cells);
  let size = align8(4 + headerBytes.length);
  for (const a of arrays) size += align8(a.byteLength);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  new DataView(buffer).setUint32(0, headerBytes.length, true);
  bytes.set(headerBytes, 4);
  let offset = align8(4 + headerBytes.length);
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += align8(a.byteLength);
  }
  return buffer;
}

export function decodeFrame(buffer: ArrayBuffer): HostFrame {
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(
    new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)),
  ) as FrameHeader;
  let offset = align8(4 + headerLength);
  const take = <T extends Int32Array | Float64Array>(
    Ctor: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number },
    length: number,
  ): T => {
    const view = new Ctor(buffer, offset, length);
    offset += align8(length * Ctor.BYTES_PER_ELEMENT);
    return view;
  };
  const traces: TraceChunk[] = header.traces.map((t) => ({
    probeId: t.probeId,
    target: t.target,
    variable: t.variable,
    indices: take(Int32Array, t.elements),
    steps: take(Float64Array, t.samples),
    values: take(Float64Array, t.elements * t.samples),
  }));
  const spikes: SpikeChunk[] = header.spikes.map((s) => ({
    nodeId: s.nodeId,
    index: take(Int32Array, s.count),
    time: take(Float64Array, s.count),
  }));
  const live: NodeLiveState[] | undefined = header.live?.map((l) => ({
    nodeId: l.nodeId,
    variable: l.variable,
    mean: l.mean ?? NaN,
    level: l.level ?? NaN,
    cells: take(Float64Array, l.cells),
  }));
  return {
    runId: header.runId,
    seq: header.seq,
    ...(header.producedAtMs !== undefined ? { producedAtMs: header.producedAtMs } : {}),
    frame: { stepFrom: header.stepFrom, stepTo: header.stepTo, dt: header.dt, traces, spikes },
    ...(live ? { live } : {}),
  };
}

/** The buffers of a frame, for postMessage transfer lists. */
export function frameBuffers(hostFrame: HostFrame): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const t of hostFrame.frame.traces) {
    out.add(t.indices.buffer as ArrayBuffer);
    out.add(t.steps.buffer as ArrayBuffer);
    out.add(t.values.buffer as ArrayBuffer);
  }
  for (const s of hostFrame.frame.spikes) {
    out.add(s.index.buffer as ArrayBuffer);
    out.add(s.time.buffer as ArrayBuffer);
  }
  for (const l of hostFrame.live ?? []) out.add(l.cells.buffer as ArrayBuffer);
  return [...out];
}
