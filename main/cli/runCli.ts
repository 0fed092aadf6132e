/**
 * CLI logic as a function of (argv, io) so tests call it in-process; cli.ts is the thin entry.
 *
 *   run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]...
 *   validate FILE
 *
 * Exit codes: 0 ok, 1 runtime failure (a non-finite state), 2 invalid input (usage, unreadable or
 * invalid file, a bad --set, a network too large). One line per problem on stderr,
 * `error: FILE: PATH: message`; warnings `warning: FILE: PATH: message`. Never a stack trace for a
 * user's mistake (spec 7).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadDocument, validateDocument } from '../../shared/document/loadDocument';
import type { NetworkDocument } from '../../shared/document/model';
import { createSimulation } from '../../shared/sim/createSimulation';
import { toCsv } from '../../shared/sim/resultCsv';
import { ResultCollector } from '../../shared/sim/runResult';
import { SimulationError, type Issue } from '../../shared/sim/types';
import { EXTRA_COMMANDS, EXTRA_USAGE } from './extraCommands';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage:
  npm run -s cli -- run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]...
  npm run -s cli -- validate FILE
${EXTRA_USAGE}`;

interface RunArgs {
  file: string;
  out?: string;
  duration?: number;
  dt?: number;
  seed?: number;
  sets: string[];
}

class UsageError extends Error {}

/** Steps per advance() call: bounds the memory of one frame, not the result. */
const CHUNK_STEPS = 100_000;

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
): Promise<NetworkDocument | null> {
  const text = await readText(io, file);
  if (text === null) return null;
  const loaded = loadDocument(text);
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
  const again = validateDocument(raw);
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
      io.stdout(`ok: ${file}\n`);
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
    throw e;
  }
}

async function runCommand(args: RunArgs, io: CliIo): Promise<number> {
  const doc = await readDocument(io, args.file, args.sets);
  if (!doc) return 2;
  const seed = args.seed ?? doc.simulation.seed;
  const duration = args.duration ?? doc.simulation.duration;
  const compileStart = performance.now();
  const created = createSimulation(doc, { dt: args.dt, duration, seed });
  const compileSeconds = (performance.now() - compileStart) / 1000;
  if (!created.ok) {
    printIssues(io, args.file, created.issues);
    return 2;
  }
  const sim = created.simulation;
  const collector = new ResultCollector(
    sim.plan.spiking.map((n) => ({ id: n.id, size: n.size })),
    sim.dt,
  );
  let runSeconds = 0;
  try {
    while (sim.stepsDone < sim.totalSteps) {
      const started = performance.now();
      const frame = sim.advance(CHUNK_STEPS);
      runSeconds += (performance.now() - started) / 1000;
      collector.add(frame);
    }
  } catch (e) {
    if (e instanceof SimulationError) {
      io.stderr(`error: ${args.file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const result = collector.finish({ duration, seed }, sim, { compileSeconds, runSeconds });
  if (args.out) {
    const text = args.out.toLowerCase().endsWith('.csv')
      ? toCsv(result)
      : JSON.stringify(result) + '\n';
    try {
      await writeFile(args.out, text);
    } catch (e) {
      io.stderr(`error: ${args.out}: cannot write: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(JSON.stringify(result) + '\n');
  }
  return 0;
}

/** The long CSV form of spec 7 (shared with the app's export). */
export { toCsv };
