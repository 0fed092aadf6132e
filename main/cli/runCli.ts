/**
 * CLI logic as a function of (argv, io) so tests call it in-process; cli.ts is the thin entry.
 *
 *   run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]... [--threads 1|2]
 *   validate FILE
 *
 * Exit codes: 0 ok, 1 runtime failure (a non-finite state), 2 invalid input (usage, unreadable or
 * invalid file, a bad --set, a network too large). One line per problem on stderr,
 * `error: FILE: PATH: message`; warnings `warning: FILE: PATH: message`. Never a stack trace for a
 * user's mistake (docs/format.md#results).
 */
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  loadDocument,
  validateDocument,
  type ValidatedDocument,
  type ValidateOptions,
} from '../../shared/document/loadDocument';
import {
  MAX_RUN_BYTES,
  admitRun,
  type Admission,
  formatBytes,
  formatSeconds,
  spikeBudget,
} from '../../shared/sim/admission';
import { createSimulation } from '../../shared/sim/createSimulation';
import { toCsv } from '../../shared/sim/resultCsv';
import { batchText, resultCsvPieces, resultJsonText } from '../../shared/sim/resultStream';
import { ResultCollector } from '../../shared/sim/runResult';
import { SimulationError, type Issue } from '../../shared/sim/types';
import { stepThreadsFor, type StepThreads } from '../services/stepThreads';
import { EXTRA_COMMANDS, EXTRA_USAGE } from './extraCommands';

export interface CliIo {
  /** May return a promise that settles when the text is written (rejects on a write error). */
  stdout(text: string): unknown;
  stderr(text: string): void;
  /** Milliseconds, for the progress line (default performance.now). */
  now?(): number;
}

/** Writing the result failed (a full disk, a closed device): one line, exit 1. */
class OutputError extends Error {
  constructor(
    readonly target: string,
    error: unknown,
  ) {
    super(describeWriteError(error));
  }
}

function describeWriteError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    ENOENT: 'no such folder',
    EISDIR: 'is a folder',
    EROFS: 'read-only file system',
    EIO: 'input/output error',
    EFBIG: 'file too large',
  };
  const text = (err?.code && why[err.code]) ?? err?.message ?? String(e);
  return err?.code ? `${text} (${err.code})` : text;
}

async function writeStdout(io: CliIo, text: string): Promise<void> {
  try {
    await io.stdout(text);
  } catch (e) {
    throw new OutputError('stdout', e);
  }
}

const USAGE = `usage:
  npm run -s cli -- run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]... [--threads 1|2]
  npm run -s cli -- validate FILE
${EXTRA_USAGE}`;

interface RunArgs {
  file: string;
  out?: string;
  duration?: number;
  dt?: number;
  seed?: number;
  sets: string[];
  /** 1 or 2; default: 2 on a machine with two cores for a large enough network. */
  threads?: number;
}

class UsageError extends Error {}

/** Steps per advance() call at most: bounds the memory of one frame, not the result. */
const CHUNK_STEPS = 100_000;
/** Element-steps per advance() call at most, so a big network reports progress often enough. */
const CHUNK_WORK = 2e6;
/** Spikes per advance() call, about (the chunk adapts to the firing). */
const CHUNK_SPIKES = 1e6;
/** Progress on stderr once a run has taken this long (ms), then at this interval. */
const PROGRESS_AFTER_MS = 3000;
const PROGRESS_EVERY_MS = 5000;

/**
 * Memory the CLI lets a run take: the admission limit, or less when this process's heap is smaller
 * (the result arrays live on the JS heap; a run must never reach V8's out-of-memory abort).
 */
function cliMaxBytes(): number {
  return Math.min(MAX_RUN_BYTES, 0.45 * getHeapStatistics().heap_size_limit);
}

function parseNumberFlag(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(
      `${flag} needs a number (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`,
    );
  }
  return n;
}

function parseRunArgs(argv: string[]): RunArgs {
  const args: RunArgs = { file: '', sets: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const take = (): string | undefined => argv[++i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => (inline !== undefined ? inline : take());
    switch (flag) {
      case '--out': {
        const out = value();
        if (!out) throw new UsageError('--out needs a path ending in .json or .csv');
        if (!/\.(json|csv)$/i.test(out))
          throw new UsageError(`--out ${out}: the path must end in .json or .csv`);
        args.out = out;
        break;
      }
      case '--duration':
        args.duration = parseNumberFlag('--duration', value());
        break;
      case '--dt':
        args.dt = parseNumberFlag('--dt', value());
        break;
      case '--seed':
        args.seed = parseNumberFlag('--seed', value());
        if (!Number.isInteger(args.seed) || args.seed < 0)
          throw new UsageError('--seed needs a whole number >= 0');
        break;
      case '--threads':
        args.threads = parseNumberFlag('--threads', value());
        if (args.threads !== 1 && args.threads !== 2)
          throw new UsageError(
            '--threads needs 1 or 2 (the results are the same; 2 is faster for large networks)',
          );
        break;
      case '--set': {
        const v = value();
        if (!v) throw new UsageError('--set needs ID.PATH=VALUE, e.g. --set A.bias=1.5');
        args.sets.push(v);
        break;
      }
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        if (args.file) throw new UsageError(`one FILE only (got ${args.file} and ${arg})`);
        args.file = arg;
    }
  }
  if (!args.file) throw new UsageError('run needs a FILE');
  return args;
}

function printIssues(io: CliIo, file: string, issues: readonly Issue[]): void {
  for (const issue of issues) {
    const where = issue.path ? `${issue.path}: ` : '';
    io.stderr(`${issue.severity}: ${file}: ${where}${issue.message}\n`);
  }
}

async function readText(io: CliIo, file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    io.stderr(`error: ${file}: cannot read: ${why}\n`);
    return null;
  }
}

/** Own fields of a node or edge (a bare --set name outside these is a param). */
const NODE_FIELDS = ['id', 'kind', 'label', 'model', 'size', 'activation', 'params', 'signal'];
const EDGE_FIELDS = ['id', 'source', 'target', 'weight', 'synapse', 'delay', 'label'];

/**
 * Apply one `--set ID.PATH=VALUE` to the raw document object. Returns an error message or null.
 * PATH is dotted; a single name that is not one of the object's own fields means `params.NAME`.
 */
export function applySet(raw: Record<string, unknown>, spec: string): string | null {
  const eq = spec.indexOf('=');
  if (eq < 0) return 'expected ID.PATH=VALUE';
  const target = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1);
  const dot = target.indexOf('.');
  if (dot <= 0 || dot === target.length - 1)
    return `"${target}" is not ID.PATH (for example A.bias or e1.synapse.tauS)`;
  const id = target.slice(0, dot);
  let path = target.slice(dot + 1).split('.');
  if (path.some((p) => p === '')) return `"${target}": empty name in the path`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `VALUE must be JSON (a number, [1,2], "text" with quotes); got ${text}`;
  }
  const nodes = Array.isArray(raw['nodes']) ? (raw['nodes'] as unknown[]) : [];
  const edges = Array.isArray(raw['edges']) ? (raw['edges'] as unknown[]) : [];
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const node = nodes.find((n) => isObj(n) && n['id'] === id) as Record<string, unknown> | undefined;
  const edge = edges.find((e) => isObj(e) && e['id'] === id) as Record<string, unknown> | undefined;
  const obj = node ?? edge;
  if (!obj) return `no node or edge with id "${id}"`;
  if (path.length === 1) {
    const own = node ? NODE_FIELDS : EDGE_FIELDS;
    if (!own.includes(path[0]!) && !Object.prototype.hasOwnProperty.call(obj, path[0]!)) {
      if (!node)
        return `edge "${id}" has no field "${path[0]}" (fields: ${EDGE_FIELDS.slice(3).join(', ')})`;
      path = ['params', path[0]!];
    }
  }
  let cursor: Record<string, unknown> | unknown[] = obj;
  for (let k = 0; k < path.length; k++) {
    const key = path[k]!;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype')
      return `"${key}" is not a field`;
    const last = k === path.length - 1;
    if (Array.isArray(cursor)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= cursor.length) {
        return `${path.slice(0, k).join('.')} has no element ${key}`;
      }
      if (last) cursor[index] = value;
      else {
        const next: unknown = cursor[index];
        if (typeof next !== 'object' || next === null)
          return `${path.slice(0, k + 1).join('.')} is not an object`;
        cursor = next as Record<string, unknown>;
      }
      continue;
    }
    if (last) {
      cursor[key] = value;
    } else {
      let next = cursor[key];
      if (next === undefined || next === null) {
        next = {};
        cursor[key] = next;
      }
      if (typeof next !== 'object')
        return `${path.slice(0, k + 1).join('.')} is ${JSON.stringify(next)}, not an object`;
      cursor = next as Record<string, unknown>;
    }
  }
  return null;
}

/** Read, parse and validate FILE, applying --set overrides (validated again afterwards). */
async function readDocument(
  io: CliIo,
  file: string,
  sets: readonly string[],
  run?: ValidateOptions['run'],
): Promise<ValidatedDocument | null> {
  const text = await readText(io, file);
  if (text === null) return null;
  const loaded = loadDocument(text, { run });
  if (!loaded.ok) {
    printIssues(io, file, loaded.issues);
    return null;
  }
  if (sets.length === 0) {
    printIssues(io, file, loaded.warnings);
    return loaded.document;
  }
  const raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<
    string,
    unknown
  >;
  let bad = false;
  for (const spec of sets) {
    const problem = applySet(raw, spec);
    if (problem) {
      io.stderr(`error: ${file}: --set ${spec}: ${problem}\n`);
      bad = true;
    }
  }
  if (bad) return null;
  const again = validateDocument(raw, { run });
  if (!again.ok) {
    printIssues(io, file, again.issues);
    return null;
  }
  printIssues(io, file, again.warnings);
  return again.document;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'validate') {
      if (rest.length !== 1) throw new UsageError('validate needs exactly one FILE');
      const file = rest[0]!;
      const doc = await readDocument(io, file, []);
      if (!doc) return 2;
      const created = createSimulation(doc, {});
      if (!created.ok) {
        printIssues(io, file, created.issues);
        return 2;
      }
      await writeStdout(io, `ok: ${file}\n`);
      return 0;
    }
    if (command === 'run') return await runCommand(parseRunArgs(rest), io);
    if (command !== undefined && Object.hasOwn(EXTRA_COMMANDS, command))
      return await EXTRA_COMMANDS[command]!(rest, io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof OutputError) {
      io.stderr(`error: ${e.target}: cannot write: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  const names = { dt: '--dt', duration: '--duration' };
  const overrides = { dt: args.dt, duration: args.duration };
  const doc = await readDocument(io, args.file, args.sets, { overrides, names });
  if (!doc) return 2;
  const seed = args.seed ?? doc.simulation.seed;
  const duration = args.duration ?? doc.simulation.duration;
  const now = io.now ?? (() => performance.now());
  // The admission rule with this run's flags: refusals name the flag or field to change.
  const maxBytes = cliMaxBytes();
  const admission = admitRun(doc, overrides, { maxBytes, names });
  if (!admission.ok) {
    printIssues(io, args.file, admission.issues);
    return 2;
  }
  printIssues(io, args.file, admission.warnings);
  const threads = stepThreadsFor(doc, args.threads);
  try {
    return await runWith(args, io, { doc, admission, seed, duration, maxBytes, now }, threads);
  } finally {
    await threads?.close();
  }
}

/** What runCommand settled before the run: the document, the admission, the run's settings. */
interface RunSetup {
  doc: ValidatedDocument;
  admission: Admission;
  seed: number;
  duration: number;
  maxBytes: number;
  now: () => number;
}

async function runWith(
  args: RunArgs,
  io: CliIo,
  { doc, admission, seed, duration, maxBytes, now }: RunSetup,
  stepHelper: StepThreads | null,
): Promise<number> {
  const compileStart = now();
  const created = createSimulation(doc, { dt: args.dt, duration, seed, maxBytes, stepHelper });
  const compileSeconds = (now() - compileStart) / 1000;
  if (!created.ok) {
    printIssues(io, args.file, created.issues);
    return 2;
  }
  const sim = created.simulation;
  const collector = new ResultCollector(
    sim.plan.spiking.map((n) => ({ id: n.id, size: n.size })),
    sim.dt,
    spikeBudget(admission.estimate),
  );
  const perStep = Math.max(1, admission.estimate.elements + admission.estimate.nodes);
  const maxChunk = Math.max(1, Math.min(CHUNK_STEPS, Math.floor(CHUNK_WORK / perStep)));
  // Chunks grow from small and shrink when steps are spike-heavy, so one frame holds about
  // CHUNK_SPIKES spikes at most and the spike budget is checked before it is far overshot.
  let chunk = Math.min(maxChunk, 64);
  const runStart = now();
  let nextProgress = runStart + PROGRESS_AFTER_MS;
  let runSeconds = 0;
  try {
    while (sim.stepsDone < sim.totalSteps) {
      const started = now();
      const frame = sim.advance(chunk);
      const ended = now();
      runSeconds += (ended - started) / 1000;
      collector.add(frame);
      let spikes = 0;
      for (const c of frame.spikes) spikes += c.index.length;
      const perSpike = Math.max(1, Math.floor((CHUNK_SPIKES * chunk) / Math.max(1, spikes)));
      chunk = Math.max(1, Math.min(maxChunk, 2 * chunk, perSpike));
      if (ended >= nextProgress && sim.stepsDone < sim.totalSteps) {
        nextProgress = ended + PROGRESS_EVERY_MS;
        const done = sim.stepsDone / sim.totalSteps;
        const left = ((ended - runStart) / 1000) * (1 / done - 1);
        io.stderr(
          `progress: ${args.file}: ${(done * 100).toFixed(0)}% (t = ${Number((sim.stepsDone * sim.dt).toPrecision(4))} of ${duration} s), about ${formatSeconds(left)} left\n`,
        );
      }
    }
  } catch (e) {
    if (e instanceof SimulationError) {
      io.stderr(`error: ${args.file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const result = collector.finish({ duration, seed }, sim, { compileSeconds, runSeconds });
  // Written as a stream of ~1 MB chunks: the whole text is never held in memory.
  const csv = args.out !== undefined && args.out.toLowerCase().endsWith('.csv');
  const target = args.out ?? 'stdout';
  let written = 0;
  const chunks = withProgress(
    batchText(csv ? resultCsvPieces(result) : resultJsonText(result)),
    (text) => {
      written += text.length;
      const t = now();
      if (t >= nextProgress) {
        nextProgress = t + PROGRESS_EVERY_MS;
        io.stderr(
          `progress: ${args.file}: writing the result to ${target}, ${formatBytes(written)} so far\n`,
        );
      }
    },
  );
  if (!args.out) {
    for (const text of chunks) await writeStdout(io, text);
    return 0;
  }
  // A result replaces the file only once it is whole: written beside it, then renamed over it, so
  // a full disk or a kill keeps the old file. A device or pipe (`--out /dev/stdout`) is written
  // in place.
  const existing = await stat(args.out).catch(() => null);
  const inPlace = existing !== null && !existing.isFile();
  const temp = inPlace
    ? args.out
    : path.join(path.dirname(args.out), `.${path.basename(args.out)}.${process.pid}.tmp`);
  let handle;
  try {
    handle = await open(temp, inPlace ? 'w' : 'wx');
  } catch (e) {
    io.stderr(`error: ${args.out}: cannot write: ${describeWriteError(e)}\n`);
    return 2;
  }
  try {
    for (const text of chunks) await handle.write(text);
    if (!inPlace) await handle.sync();
    await handle.close();
    if (!inPlace) await rename(temp, args.out);
  } catch (e) {
    await handle.close().catch(() => undefined);
    if (!inPlace) await unlink(temp).catch(() => undefined);
    throw new OutputError(args.out, e);
  }
  return 0;
}

/** The items of `items`, calling `seen` on each as it passes. */
function* withProgress<T>(items: Iterable<T>, seen: (item: T) => void): Generator<T> {
  for (const item of items) {
    seen(item);
    yield item;
  }
}

/** The long CSV form of docs/format.md#results (shared with the app's export). */
export { toCsv };
