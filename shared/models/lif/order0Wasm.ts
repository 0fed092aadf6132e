/**
 * The LIF order-0 fast loop in WebAssembly SIMD (order0.wat): two neurons per instruction, the JS
 * loop's results bit for bit. It owns the population's v, x0, x1 and refUntil arrays (they live in
 * its memory, so the kernel uses its views as the population's state). Optional: where WebAssembly
 * or its SIMD is missing (or a page's CSP forbids compiling it), `create` returns null and the JS
 * loop runs. See docs/decisions/0022-two-neurons-per-instruction.md.
 */
import { WASM_HEX } from './order0.wasm';

interface WasmInstance {
  exports: Record<string, unknown>;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}

/** Populations smaller than this keep the JS loop (the call and copy are not worth it). */
export const WASM_MIN_SIZE = 16;

let compiled: object | null | undefined;

function wasmModule(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return compiled;
  try {
    const bytes = new Uint8Array(WASM_HEX.length / 2);
    for (let k = 0; k < bytes.length; k++)
      bytes[k] = parseInt(WASM_HEX.slice(2 * k, 2 * k + 2), 16);
    compiled = new api.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

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

export class Order0Wasm {
  readonly v: Float64Array;
  readonly x0: Float64Array;
  readonly x1: Float64Array;
  readonly refUntil: Float64Array;
  /** After `step`: element i to do on the general path, or ~i for one whose first bound failed. */
  readonly list: Int32Array;
  private readonly stepFn: (n: number, t0: number, t1: number) => number;
  private readonly coefFn: (...c: number[]) => void;
  private readonly size: number;

  /** A loop for `size` elements, or null where WebAssembly SIMD is not available. */
  static create(size: number): Order0Wasm | null {
    const module = size >= WASM_MIN_SIZE ? wasmModule() : null;
    if (!module) return null;
    try {
      return new Order0Wasm(module, size);
    } catch {
      return null;
    }
  }

  private constructor(module: object, size: number) {
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const f64Bytes = Math.ceil((8 * size) / 16) * 16;
    const total = 4 * f64Bytes + 4 * size + 16;
    const memory = new api.Memory({ initial: Math.ceil(total / 65536) });
    const instance = new api.Instance(module, { env: { memory } });
    const buffer = memory.buffer;
    this.size = size;
    this.v = new Float64Array(buffer, 0, size);
    this.x0 = new Float64Array(buffer, f64Bytes, size);
    this.x1 = new Float64Array(buffer, 2 * f64Bytes, size);
    this.refUntil = new Float64Array(buffer, 3 * f64Bytes, size);
    this.list = new Int32Array(buffer, 4 * f64Bytes, size);
    const layout = instance.exports['layout'] as (...p: number[]) => void;
    layout(0, f64Bytes, 2 * f64Bytes, 3 * f64Bytes, 4 * f64Bytes);
    this.stepFn = instance.exports['step'] as (n: number, t0: number, t1: number) => number;
    this.coefFn = instance.exports['coefficients'] as (...c: number[]) => void;
  }

  /** One step of every element over [t0, t1]; returns how many entries `list` holds. */
  step(c: Order0WasmCoefficients, t0: number, t1: number): number {
    this.coefFn(c.em, c.dd, c.q0, c.q1, c.e0, c.e1, c.ca, c.cA, c.cb, c.cB, c.thr);
    return this.stepFn(this.size, t0, t1);
  }
}
