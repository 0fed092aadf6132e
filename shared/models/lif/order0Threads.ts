/**
 * Two threads on one LIF population's fast loop (docs/decisions/0022-two-neurons-per-instruction.md).
 * The population's state lives in a shared WebAssembly memory (order0Wasm.ts); a helper thread
 * holds a second instance of the loop on that memory. Each step, the population is cut into chunks
 * of CHUNK elements, and both threads claim chunks from one atomic counter until none is left, so
 * a helper that the system does not schedule costs at most the chunk it holds (the caller does
 * the rest alone). Each chunk writes its list of general-path elements into its own part of the
 * list (a chunk's list is no longer than the chunk) and its length into `counts`; the caller then
 * joins the lists in chunk order, which is element order: the list of one thread, so every result
 * is the same bit for bit whatever the number of threads (main/services/stepThreads.test.ts).
 *
 * The handshake is a control block of Int32 and Float64 words in a SharedArrayBuffer (no message
 * per step): the caller writes the step's times and coefficients into the population's parameter
 * block (in the shared memory, see Order0Wasm.params), resets the counters, bumps GEN
 * and claims chunks; the helper, spinning briefly on GEN and then sleeping on it, claims chunks of
 * the same generation only (the counter carries the generation in its high bits). This file is
 * the protocol of both sides; main/services/stepThreads.ts owns the thread.
 */
import { WASM_HEX } from './order0.wasm';

/** Int32 words of the control block. */
export const CTL_GEN = 0;
/** The helper's answer to a PAUSE (the generation it paused at). */
export const CTL_DONE = 1;
export const CTL_SLOT = 2;
/** Elements of the step's population. */
export const CTL_SIZE = 4;
/** Claim counter: generation tag (12 bits) << 20 | next chunk. */
export const CTL_NEXT = 5;
export const CTL_QUIT = 6;
export const CTL_SLEEPING = 7;
export const CTL_READY = 8;
export const CTL_FAILED = 9;
/** Chunks finished in this generation (by either thread). */
export const CTL_FINISHED = 10;
/** Elements per chunk (StepHelper.chunk). */
export const CTL_CHUNK = 11;
/** Chunks the helper has stepped since it started (a diagnostic: the tests check it works). */
export const CTL_HELPER_CHUNKS = 12;
export const CTL_INTS = 16;
export const CTL_BYTES = CTL_INTS * 4;

/** Elements per chunk by default: ~5 µs of work, so a claim costs little beside it. */
export const CHUNK = 4096;
const TAG_SHIFT = 20;
const CHUNK_MASK = (1 << TAG_SHIFT) - 1;
const TAG_MASK = 0xfff;

/** Spins (Atomics.load) before a thread sleeps on the word instead. */
const SPINS = 1 << 16;
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
  /** Elements per chunk (CHUNK; tests make it small so that both threads take chunks). */
  readonly chunk: number;
  /**
   * Instantiates the loop on `memory` in the helper (layout: byte offsets of v, x0, x1, refUntil,
   * the list, the chunk counts and the parameter block; `size` elements) and returns its slot, or null if the helper cannot take it
   * (then the population runs on one thread). Called while the simulation is built.
   */
  attach(memory: object, layout: readonly number[], size: number): number | null;
  /** Called before the first step that uses the helper (a later attach pauses it first). */
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
  layout(pv: number, px0: number, px1: number, pref: number, plist: number, pparams: number): void;
  /** Elements from..to-1 over the step in the parameter block; the list at byte offset plist. */
  step(from: number, to: number, plist: number): number;
}

/**
 * An instance of the loop on `memory`, laid out as `layout` says (byte offsets of v, x0, x1,
 * refUntil, the list, the chunk counts, the parameter block).
 */
export function instantiateOrder0(memory: object, layout: readonly number[]): Order0Instance {
  const module = order0Module();
  if (!module) throw new Error('WebAssembly SIMD is not available');
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const exports = new api.Instance(module, { env: { memory } }).exports;
  const instance = exports as unknown as Order0Instance;
  instance.layout(layout[0]!, layout[1]!, layout[2]!, layout[3]!, layout[4]!, layout[6]!);
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

/**
 * Hands a step (or a PAUSE) to the helper; returns its generation. The step's times and
 * coefficients are already in the population's parameter block: the atomic store of GEN below
 * makes them visible to the helper before it reads GEN's new value.
 */
export function publish(ctl: Int32Array, slot: number, size: number, chunk: number): number {
  ctl[CTL_SLOT] = slot;
  ctl[CTL_SIZE] = size;
  ctl[CTL_CHUNK] = chunk;
  const gen = (Atomics.load(ctl, CTL_GEN) + 1) | 0;
  Atomics.store(ctl, CTL_FINISHED, 0);
  Atomics.store(ctl, CTL_NEXT, (gen & TAG_MASK) << TAG_SHIFT);
  Atomics.store(ctl, CTL_GEN, gen);
  if (Atomics.load(ctl, CTL_SLEEPING) === 1) Atomics.notify(ctl, CTL_GEN, 1);
  return gen;
}

/** The next chunk of generation `gen` for this thread, or -1 when none is left. */
function claim(ctl: Int32Array, gen: number, chunks: number): number {
  const tag = (gen & TAG_MASK) << TAG_SHIFT;
  for (;;) {
    const next = Atomics.load(ctl, CTL_NEXT);
    if ((next & ~CHUNK_MASK) !== tag) return -1;
    const chunk = next & CHUNK_MASK;
    if (chunk >= chunks) return -1;
    if (Atomics.compareExchange(ctl, CTL_NEXT, next, next + 1) === next) return chunk;
  }
}

/**
 * Steps the chunks this thread claims of generation `gen` (`size` elements): each chunk's list at
 * its own offset of the list (`listAt` + 4 x first element), its length in `counts`.
 */
export function workChunks(
  ctl: Int32Array,
  gen: number,
  instance: Order0Instance,
  counts: Int32Array,
  listAt: number,
  size: number,
  chunk: number,
): number {
  const chunks = Math.ceil(size / chunk);
  let done = 0;
  for (let c = claim(ctl, gen, chunks); c >= 0; c = claim(ctl, gen, chunks)) {
    const from = c * chunk;
    const to = from + chunk < size ? from + chunk : size;
    counts[c] = instance.step(from, to, listAt + 4 * from);
    Atomics.add(ctl, CTL_FINISHED, 1);
    // the other thread may be asleep on FINISHED (awaitChunks): no waiter costs no system call
    Atomics.notify(ctl, CTL_FINISHED, 1);
    done++;
  }
  return done;
}

/** The caller's side after its chunks: wait until every chunk of the step is finished. */
export function awaitChunks(ctl: Int32Array, size: number, chunk: number): void {
  const chunks = Math.ceil(size / chunk);
  let finished = Atomics.load(ctl, CTL_FINISHED);
  while (finished !== chunks) {
    if (!awaitChange(ctl, CTL_FINISHED, finished, HELPER_TIMEOUT_MS))
      throw new Error('the second simulation thread stopped answering');
    finished = Atomics.load(ctl, CTL_FINISHED);
  }
}

/** A PAUSE's answer: wait until the helper has left its loop at generation `gen`. */
export function awaitPause(ctl: Int32Array, gen: number): boolean {
  let done = Atomics.load(ctl, CTL_DONE);
  while (done !== gen) {
    if (!awaitChange(ctl, CTL_DONE, done, HELPER_TIMEOUT_MS)) return false;
    done = Atomics.load(ctl, CTL_DONE);
  }
  return true;
}

/** What the helper holds of one attached population. */
export interface HelperPopulation {
  instance: Order0Instance;
  counts: Int32Array;
  listAt: number;
}

/**
 * The helper's loop (runs in the helper thread): wait for a new GEN, claim and step chunks of the
 * slot's population. Returns on QUIT, and on a PAUSE (slot -1, answered in DONE) so that the thread
 * can take a new population; it is then called again.
 */
export function runHelperLoop(
  control: SharedArrayBuffer,
  populations: readonly HelperPopulation[],
): void {
  const ctl = new Int32Array(control, 0, CTL_INTS);
  // a step handed over before this loop began is still joined (its chunks are still claimable);
  // a PAUSE already answered is not answered again
  const current = Atomics.load(ctl, CTL_GEN);
  let seen = ctl[CTL_SLOT] === PAUSE ? current : (current - 1) | 0;
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
    const slot = ctl[CTL_SLOT]!;
    if (slot === PAUSE) {
      Atomics.store(ctl, CTL_DONE, gen);
      Atomics.notify(ctl, CTL_DONE, 1);
      return;
    }
    const population = populations[slot];
    if (!population) continue;
    const { instance, counts, listAt } = population;
    const done = workChunks(ctl, gen, instance, counts, listAt, ctl[CTL_SIZE]!, ctl[CTL_CHUNK]!);
    if (done > 0) Atomics.add(ctl, CTL_HELPER_CHUNKS, done);
  }
}
