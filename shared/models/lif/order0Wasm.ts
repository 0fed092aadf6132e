/**
 * The LIF order-0 fast loop in WebAssembly SIMD (order0.wat): two neurons per instruction, the JS
 * loop's results bit for bit. It owns the population's v, x0, x1 and refUntil arrays (they live in
 * its memory, so the kernel uses its views as the population's state). With a helper thread
 * (order0Threads.ts) the two halves of the population are stepped at once. Optional: where
 * WebAssembly, its SIMD or shared memory is missing, `create` returns null and the JS loop runs.
 * See docs/decisions/0022-two-neurons-per-instruction.md.
 */
import {
  CHUNK,
  CTL_F64,
  CTL_INTS,
  awaitChunks,
  instantiateOrder0,
  order0Module,
  publish,
  workChunks,
  type Order0Instance,
  type StepHelper,
} from './order0Threads';

interface WasmMemoryApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => {
    buffer: ArrayBufferLike;
  };
}

/** Populations smaller than this keep the JS loop (the call and copy are not worth it). */
export const WASM_MIN_SIZE = 16;

/** The coefficients `step` needs (stepOrder0Uniform's, with dd = ed d and the rounded threshold). */
export interface Order0WasmCoefficients {
  em: number;
  dd: number;
  q0: number;
  q1: number;
  e0: number;
  e1: number;
  ca: number;
  cA: number;
  cb: number;
  cB: number;
  thr: number;
}

/** A population's link to the helper: its slot, the handshake words, the chunks' list lengths. */
interface HelperShare {
  helper: StepHelper;
  started: boolean;
  slot: number;
  ctl: Int32Array;
  f64: Float64Array;
  counts: Int32Array;
}

export class Order0Wasm {
  readonly v: Float64Array;
  readonly x0: Float64Array;
  readonly x1: Float64Array;
  readonly refUntil: Float64Array;
  /**
   * After `step`: elements to do on the general path (i), or whose first bound failed (~i), in
   * element order; `list[0..step())`.
   */
  readonly list: Int32Array;
  /** Byte offset of `list` in the memory. */
  private readonly listAt: number;
  private readonly instance: Order0Instance;
  private readonly size: number;
  private readonly helper: HelperShare | null = null;
  /** The coefficients as the helper reads them (a reused array: no allocation per step). */
  private readonly coefs: number[] = new Array<number>(11).fill(0);

  /** A loop for `size` elements, or null where WebAssembly SIMD is not available. */
  static create(size: number, helper: StepHelper | null = null): Order0Wasm | null {
    if (size < WASM_MIN_SIZE || !order0Module()) return null;
    try {
      return new Order0Wasm(size, helper);
    } catch {
      return null;
    }
  }

  /** Whether a helper thread does half of each step. */
  get threads(): number {
    return this.helper ? 2 : 1;
  }

  private constructor(size: number, helper: StepHelper | null) {
    const api = (globalThis as unknown as { WebAssembly: WasmMemoryApi }).WebAssembly;
    const f64Bytes = Math.ceil((8 * size) / 16) * 16;
    const i32Bytes = Math.ceil((4 * size) / 16) * 16;
    const chunks = Math.ceil(size / (helper?.chunk ?? CHUNK));
    const pages = Math.ceil((4 * f64Bytes + i32Bytes + 4 * chunks) / 65536) || 1;
    const memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
    const buffer = memory.buffer;
    this.size = size;
    this.v = new Float64Array(buffer, 0, size);
    this.x0 = new Float64Array(buffer, f64Bytes, size);
    this.x1 = new Float64Array(buffer, 2 * f64Bytes, size);
    this.refUntil = new Float64Array(buffer, 3 * f64Bytes, size);
    this.listAt = 4 * f64Bytes;
    this.list = new Int32Array(buffer, this.listAt, size);
    const countsAt = 4 * f64Bytes + i32Bytes;
    const layout = [0, f64Bytes, 2 * f64Bytes, 3 * f64Bytes, this.listAt, countsAt];
    this.instance = instantiateOrder0(memory, layout);
    if (helper && size >= helper.minSize) {
      const slot = helper.attach(memory, layout, size);
      if (slot !== null) {
        this.helper = {
          helper,
          started: false,
          slot,
          ctl: new Int32Array(helper.control, 0, CTL_INTS),
          f64: new Float64Array(helper.control, CTL_INTS * 4, CTL_F64),
          counts: new Int32Array(buffer, countsAt, chunks),
        };
      }
    }
  }

  /** One step of every element over [t0, t1]; returns how many entries `list` holds. */
  step(c: Order0WasmCoefficients, t0: number, t1: number): number {
    const w = this.instance;
    w.coefficients(c.em, c.dd, c.q0, c.q1, c.e0, c.e1, c.ca, c.cA, c.cb, c.cB, c.thr);
    const h = this.helper;
    if (!h) return w.step(0, this.size, t0, t1, this.listAt);
    // the helper reads the coefficients from the control block
    const k = this.coefs;
    k[0] = c.em;
    k[1] = c.dd;
    k[2] = c.q0;
    k[3] = c.q1;
    k[4] = c.e0;
    k[5] = c.e1;
    k[6] = c.ca;
    k[7] = c.cA;
    k[8] = c.cb;
    k[9] = c.cB;
    k[10] = c.thr;
    if (!h.started) {
      h.started = true;
      h.helper.start();
    }
    const size = this.size;
    const chunk = h.helper.chunk;
    const gen = publish(h.ctl, h.f64, h.slot, size, chunk, t0, t1, k);
    workChunks(h.ctl, gen, w, h.counts, this.listAt, size, chunk, t0, t1);
    awaitChunks(h.ctl, size, chunk);
    // join the chunks' lists in chunk order (element order): a chunk's list starts at its first
    // element's position and is no longer than the chunk, so moving it down never overwrites one
    // not yet read
    const list = this.list;
    const counts = h.counts;
    let n = 0;
    for (let c = 0; c < counts.length; c++) {
      const from = c * chunk;
      const count = counts[c]!;
      if (n !== from) for (let j = 0; j < count; j++) list[n + j] = list[from + j]!;
      n += count;
    }
    return n;
  }
}
