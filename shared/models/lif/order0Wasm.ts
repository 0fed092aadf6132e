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

/**
 * The parameter block (`Order0Wasm.params`): the step's times and the coefficients `step` needs
 * (stepOrder0Uniform's, with dd = ed d and the rounded threshold). The caller writes it before each
 * step; the loop (and the helper thread's instance, on the same memory) reads it.
 */
export const P_T0 = 0;
export const P_T1 = 1;
export const P_EM = 2;
export const P_DD = 3;
export const P_Q0 = 4;
export const P_Q1 = 5;
export const P_E0 = 6;
export const P_E1 = 7;
export const P_CA = 8;
export const P_CAA = 9;
export const P_CB = 10;
export const P_CBB = 11;
export const P_THR = 12;
const PARAMS = 13;

/** A population's link to the helper: its slot, the handshake words, the chunks' list lengths. */
interface HelperShare {
  helper: StepHelper;
  started: boolean;
  slot: number;
  ctl: Int32Array;
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
  /** The step's times and coefficients (P_T0...P_THR), written before each `step`. */
  readonly params: Float64Array;
  /** Byte offset of `list` in the memory. */
  private readonly listAt: number;
  private readonly instance: Order0Instance;
  private readonly size: number;
  private readonly helper: HelperShare | null = null;

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
    const countsBytes = Math.ceil((4 * chunks) / 16) * 16;
    const pages = Math.ceil((4 * f64Bytes + i32Bytes + countsBytes + 8 * PARAMS) / 65536) || 1;
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
    const paramsAt = countsAt + countsBytes;
    this.params = new Float64Array(buffer, paramsAt, PARAMS);
    const layout = [0, f64Bytes, 2 * f64Bytes, 3 * f64Bytes, this.listAt, countsAt, paramsAt];
    this.instance = instantiateOrder0(memory, layout);
    if (helper && size >= helper.minSize) {
      const slot = helper.attach(memory, layout, size);
      if (slot !== null) {
        this.helper = {
          helper,
          started: false,
          slot,
          ctl: new Int32Array(helper.control, 0, CTL_INTS),
          counts: new Int32Array(buffer, countsAt, chunks),
        };
      }
    }
  }

  /** One step of every element over the step in `params`; returns how many entries `list` holds. */
  step(): number {
    const w = this.instance;
    const h = this.helper;
    if (!h) return w.step(0, this.size, this.listAt);
    if (!h.started) {
      h.started = true;
      h.helper.start();
    }
    const size = this.size;
    const chunk = h.helper.chunk;
    const gen = publish(h.ctl, h.slot, size, chunk);
    workChunks(h.ctl, gen, w, h.counts, this.listAt, size, chunk);
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
