/**
 * V8 settings of the processes that simulate (the CLI and the simulation worker). V8 first compiles
 * WebAssembly with its baseline compiler (Liftoff) and optimises hot functions later; a run's
 * fast loop (shared/models/lif/order0.wat) is hot from its first step, and one-shot CLI runs end
 * before the tier-up, so they would run the slow code: measured on cuba.neuro, the first run took
 * 0.24 s with Liftoff and 0.13 s without (docs/decisions/0022-two-neurons-per-instruction.md).
 * The module is a few hundred bytes, so compiling it optimised at once costs nothing noticeable.
 */
import v8 from 'node:v8';

export function optimiseWasmAtOnce(): void {
  v8.setFlagsFromString('--no-liftoff');
}
