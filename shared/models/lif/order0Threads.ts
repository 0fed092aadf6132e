/**
 * Two threads on one LIF population's fast loop (docs/decisions/0022-two-neurons-per-instruction.md).
 * The population's state lives in a shared WebAssembly memory (order0Wasm.ts); a helper thread
 * holds a second instance of the loop on that memory and, each step, does the upper half of the
 * elements while the calling thread does the lower half. Each instance lists its elements for the
 * general path in its own list; the caller reads the lower list, then the upper one, so the list
 * is the one-thread list, in element order, and every result is the same bit for bit whatever the
 * number of threads (order0Threads.test.ts in main/services runs the examples both ways).
 *
 * The handshake is a control block of Int32 and Float64 words in a SharedArrayBuffer (no message
 * per step): the caller writes the step's times and coefficients, bumps GEN and works; the helper,
 * spinning briefly on GEN and then sleeping on it, runs its half and stores GEN into DONE.
 * This file is the protocol of both sides; main/services/stepThreads.ts owns the thread.
 */
import { WASM_HEX } from './order0.wasm';

/** Int32 words of the control block. */
export const CTL_GEN = 0;
export const CTL_DONE = 1;
export const CTL_SLOT = 2;
export const CTL_FROM = 3;
export const CTL_TO = 4;
export const CTL_COUNT = 5;
export const CTL_QUIT = 6;
export const CTL_SLEEPING = 7;
export const CTL_READY = 8;
export const CTL_FAILED = 9;
export const CTL_INTS = 16;
/** Float64 words after the Int32 ones: t0, t1, then the 11 coefficients of Order0Wasm.step. */
export const CTL_F64 = 16;
export const CTL_BYTES = CTL_INTS * 4 + CTL_F64 * 8;

/** Spins (Atomics.load of GEN or DONE) before a thread sleeps on the word instead. */
const SPINS = 1 << 15;
/** A helper that has not answered in this long has failed: the run stops with an error. */
const HELPER_TIMEOUT_MS = 10_000;

/**
 * The helper thread as the simulator sees it (main/ creates it; shared/ has no threads of its own).
 */
export interface StepHelper {
  /** The control block (CTL_BYTES bytes of a SharedArrayBuffer). */
  readonly control: SharedArrayBuffer;
  /** Populations with fewer elements stay on one thread (the handshake would cost more). */
  readonly minSize: number;
  /**
   * Instantiates the loop on `memory` in the helper (layout: byte offsets of v, x0, x1, refUntil
   * and the helper's list) and returns its slot, or null if the helper cannot take it (then the
   * population runs on one thread). Called while the simulation is built, before any step.
   */
  attach(memory: object, layout: readonly number[]): number | null;
  /** Called before the first step that uses the helper: from then on no population attaches. */
  start(): void;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

let compiled: object | null | undefined;

/** The compiled loop, or null where WebAssembly (with SIMD and shared memory) is unavailable. */
export function order0Module(): object | null {
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

/** The exports of one instance of the loop. */
export interface Order0Instance {
  coefficients(...c: number[]): void;
  layout(pv: number, px0: number, px1: number, pref: number, plist: number): void;
  step(from: number, to: number, t0: number, t1: number): number;
}

/** An instance of the loop on `memory`, laid out as `layout` says. */
export function instantiateOrder0(memory: object, layout: readonly number[]): Order0Instance {
  const module = order0Module();
  if (!module) throw new Error('WebAssembly SIMD is not available');
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const exports = new api.Instance(module, { env: { memory } }).exports;
  const instance = exports as unknown as Order0Instance;
  instance.layout(layout[0]!, layout[1]!, layout[2]!, layout[3]!, layout[4]!);
  return instance;
}

/**
 * Wait until `ctl[index]` differs from `old` (spinning first, then sleeping on it); false if it
 * did not change within `timeoutMs`.
 */
export function awaitChange(
  ctl: Int32Array,
  index: number,
  old: number,
  timeoutMs: number,
): boolean {
  for (let s = 0; s < SPINS; s++) if (Atomics.load(ctl, index) !== old) return true;
  return (
    Atomics.wait(ctl, index, old, timeoutMs) !== 'timed-out' || Atomics.load(ctl, index) !== old
  );
}

/** The slot value that sends the helper back to its messages (see runHelperLoop). */
export const PAUSE = -1;

/** The caller's side of one step: hand the upper half to the helper. */
export function dispatch(
  ctl: Int32Array,
  f64: Float64Array,
  slot: number,
  from: number,
  to: number,
  t0: number,
  t1: number,
  coefficients: readonly number[],
): number {
  f64[0] = t0;
  f64[1] = t1;
  for (let k = 0; k < 11; k++) f64[2 + k] = coefficients[k]!;
  ctl[CTL_SLOT] = slot;
  ctl[CTL_FROM] = from;
  ctl[CTL_TO] = to;
  const gen = Atomics.add(ctl, CTL_GEN, 1) + 1;
  if (Atomics.load(ctl, CTL_SLEEPING) === 1) Atomics.notify(ctl, CTL_GEN, 1);
  return gen;
}

/** The caller's side after its own half: wait for the helper's; returns its list length. */
export function collect(ctl: Int32Array, gen: number): number {
  let done = Atomics.load(ctl, CTL_DONE);
  while (done !== gen) {
    if (!awaitChange(ctl, CTL_DONE, done, HELPER_TIMEOUT_MS))
      throw new Error('the second simulation thread stopped answering');
    done = Atomics.load(ctl, CTL_DONE);
  }
  return ctl[CTL_COUNT]!;
}

/**
 * The helper's loop (runs in the helper thread until CTL_QUIT): wait for a new GEN, step the
 * slot's instance over [from, to), publish the list length and DONE = GEN. Returns on QUIT, and on
 * a PAUSE (slot -1), so that the thread can take a new population; it is then called again.
 */
export function runHelperLoop(
  control: SharedArrayBuffer,
  instances: readonly Order0Instance[],
): void {
  const ctl = new Int32Array(control, 0, CTL_INTS);
  const f64 = new Float64Array(control, CTL_INTS * 4, CTL_F64);
  // a step handed over before this loop began (GEN past DONE) is still done
  let seen = Atomics.load(ctl, CTL_DONE);
  for (;;) {
    let gen = Atomics.load(ctl, CTL_GEN);
    for (let s = 0; gen === seen && s < SPINS; s++) gen = Atomics.load(ctl, CTL_GEN);
    while (gen === seen) {
      Atomics.store(ctl, CTL_SLEEPING, 1);
      Atomics.wait(ctl, CTL_GEN, seen);
      Atomics.store(ctl, CTL_SLEEPING, 0);
      gen = Atomics.load(ctl, CTL_GEN);
    }
    seen = gen;
    if (Atomics.load(ctl, CTL_QUIT) === 1) return;
    if (ctl[CTL_SLOT] === PAUSE) {
      // back to the thread's messages (a population to attach); GEN goes on from here
      Atomics.store(ctl, CTL_DONE, gen);
      Atomics.notify(ctl, CTL_DONE, 1);
      return;
    }
    const instance = instances[ctl[CTL_SLOT]!]!;
    instance.coefficients(
      f64[2]!,
      f64[3]!,
      f64[4]!,
      f64[5]!,
      f64[6]!,
      f64[7]!,
      f64[8]!,
      f64[9]!,
      f64[10]!,
      f64[11]!,
      f64[12]!,
    );
    ctl[CTL_COUNT] = instance.step(ctl[CTL_FROM]!, ctl[CTL_TO]!, f64[0]!, f64[1]!);
    Atomics.store(ctl, CTL_DONE, gen);
    Atomics.notify(ctl, CTL_DONE, 1);
  }
}
