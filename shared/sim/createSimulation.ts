/**
 * The simulator's entry point: validated document -> compile (plan) -> engine (step kernels).
 *
 * compileNetwork (compile/compileNetwork.ts) turns a ValidatedDocument (from loadDocument or
 * validateDocument; any other document is validated first) into a CompiledPlan or returns every
 * problem as an Issue; Engine (engine/engine.ts) steps the plan in its documented phase order and
 * returns frames. See docs/simulator.md.
 */
import type { StepHelper } from '../models/lif/order0Threads';
import type { NetworkDocument } from '../document/model';
import type { ValidatedDocument } from '../document/validated';
import { compileNetwork } from './compile/compileNetwork';
import { Engine } from './engine/engine';
import type { CycleRule } from './engine/exactCycles';
import type { RunState } from './engine/runState';
import type { CompiledPlan } from './plan';
import type { Issue, LiveEdit, Simulation } from './types';

export interface SimulationOptions {
  /** Override simulation.dt (s). */
  dt?: number;
  /** Override simulation.duration (s); Infinity runs until stopped. */
  duration?: number;
  /** Override simulation.seed. */
  seed?: number;
  /** Refuse networks estimated above this many bytes (default 2 GB). */
  maxBytes?: number;
  /**
   * Use the LIF kernel's order-0 fast path where it applies (default true). Only tests turn it
   * off, to check the fast path against the general segment-by-segment integrator.
   */
  lifFastPath?: boolean;
  /**
   * Run the LIF fast loop in WebAssembly SIMD where it is available (default true); the results
   * are the same bit for bit (order0Wasm.test.ts). The bench turns it off to compare the two.
   */
  simd?: boolean;
  /**
   * A second thread for the LIF fast loop of large populations (the host creates it: main/services/
   * stepThreads.ts); results are the same bit for bit with or without it.
   */
  stepHelper?: StepHelper | null;
  /**
   * How zero-delay cycles of spiking edges are integrated (engine/exactCycles.ts): by their size
   * (default 'auto'), or all exactly / all with the end-of-step rule (tests and benches compare).
   */
  cycleRule?: CycleRule;
}

export type CreateSimulationResult =
  | {
      ok: true;
      simulation: Simulation & {
        applyEdit(edit: LiveEdit): Issue | null;
        /** The compiled plan: constants and initial values, never written by the run. */
        readonly plan: CompiledPlan;
        /** The run's own state (engine/runState.ts): what the steps and live edits change. */
        readonly state: RunState;
        readonly engine: Engine;
      };
    }
  | { ok: false; issues: Issue[] };

/**
 * Compile `doc` and return a ready-to-step simulation, or the issues that prevent it. Hosts pass
 * the ValidatedDocument their loadDocument returned; a document built in memory is validated first.
 */
export function createSimulation(
  doc: ValidatedDocument | NetworkDocument,
  options: SimulationOptions = {},
): CreateSimulationResult {
  const compiled = compileNetwork(doc, options);
  if (!compiled.ok) return compiled;
  const plan = compiled.plan;
  let engine: Engine;
  try {
    engine = new Engine(plan, {
      lifFastPath: options.lifFastPath ?? true,
      simd: options.simd ?? true,
      stepHelper: options.stepHelper ?? null,
      cycleRule: options.cycleRule ?? 'auto',
    });
  } catch (e) {
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          path: '',
          message: `cannot start the simulation: ${(e as Error)?.message ?? String(e)}`,
        },
      ],
    };
  }
  const simulation = {
    get dt() {
      return engine.dt;
    },
    get totalSteps() {
      return engine.totalSteps;
    },
    get stepsDone() {
      return engine.stepsDone;
    },
    cycles: engine.cycles,
    advance: (maxSteps: number) => engine.advance(maxSteps),
    applyEdit: (edit: LiveEdit) => engine.applyEdit(edit),
    plan,
    state: engine.state,
    engine,
  };
  return { ok: true, simulation };
}
