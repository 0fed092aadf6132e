/** The web host's binary frame encoding: a frame comes back as it went, live state included. */
import { describe, expect, it } from 'vitest';
import type { HostFrame } from './contract';
import { decodeFrame, encodeFrame, frameBuffers } from './frameCodec';

function sampleFrame(): HostFrame {
  return {
    runId: 'run-3',
    seq: 7,
    producedAtMs: 1234.5,
    frame: {
      stepFrom: 10,
      stepTo: 13,
      dt: 1e-4,
      traces: [
        {
          probeId: 'vC',
          target: 'C',
          variable: 'v',
          indices: Int32Array.of(0, 2),
          steps: Float64Array.of(11, 12, 13),
          values: Float64Array.of(0.1, 0.2, 0.3, -1, -2, -3),
        },
      ],
      spikes: [{ nodeId: 'A', index: Int32Array.of(0, 0), time: Float64Array.of(0.0011, 0.00125) }],
    },
    live: [
      { nodeId: 'A', variable: 'v', mean: 0.25, level: 0.25, cells: Float64Array.of(0.25) },
      {
        nodeId: 'P',
        variable: 'y',
        mean: NaN,
        level: 0.5,
        cells: Float64Array.of(0, 0.5, 1),
      },
    ],
  };
}

describe('frame codec', () => {
  it('round-trips traces, spikes and per-node live state (NaN kept)', () => {
    const decoded = decodeFrame(encodeFrame(sampleFrame()));
    expect(decoded).toEqual(sampleFrame());
    expect(decoded.live![1]!.cells).toBeInstanceOf(Float64Array);
    expect(decoded.live![1]!.mean).toBeNaN();
  });

  it('a frame without live state decodes without it', () => {
    const { live: _live, ...plain } = sampleFrame();
    const decoded = decodeFrame(encodeFrame(plain));
    expect(decoded).toEqual(plain);
    expect('live' in decoded).toBe(false);
  });

  it('lists the live cells among the buffers to transfer', () => {
    const frame = sampleFrame();
    const buffers = frameBuffers(frame);
    for (const l of frame.live!) expect(buffers).toContain(l.cells.buffer);
    expect(buffers).toHaveLength(5 + 2);
  });
});
