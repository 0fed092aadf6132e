/**
 * CLI logic as a function of (argv, io) so tests call it in-process; cli.ts is the thin entry.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDocument } from '../../shared/document/loadDocument';
import type { NetworkDocument } from '../../shared/document/model';
import { createSimulation } from '../../shared/sim/createSimulation';
import { ResultCollector, type RunResult } from '../../shared/sim/runResult';
import { SimulationError, type Issue } from '../../shared/sim/types';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage:
  npm run -s cli -- run FILE [--out PATH] [--duration S] [--dt S] [--seed N] [--set ID.PATH=VALUE]...
  npm run -s cli -- validate FILE
`;

interface RunArgs {
  file: string;
  out?: string;
  duration?: number;
  dt?: number;
  seed?: number;
  sets: string[];
}

class UsageError extends Error {}

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
    switch (arg) {
      case '--out':
        args.out = take();
        if (!args.out) throw new UsageError('--out needs a path ending in .json or .csv');
        break;
      case '--duration':
        args.duration = parseNumberFlag('--duration', take());
        break;
      case '--dt':
        args.dt = parseNumberFlag('--dt', take());
        break;
      case '--seed':
        args.seed = parseNumberFlag('--seed', take());
        break;
      case '--set': {
        const value = take();
        if (!value) throw new UsageError('--set needs ID.PATH=VALUE, e.g. --set A.bias=1.5');
        args.sets.push(value);
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

function printIssues(io: CliIo, file: string, issues: Issue[]): void {
  for (const issue of issues) {
    const where = issue.path ? `${issue.path}: ` : '';
    io.stderr(`${issue.severity}: ${file}: ${where}${issue.message}\n`);
  }
}

async function readDocument(
  io: CliIo,
  file: string,
): Promise<{ document: NetworkDocument; name: string } | null> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    io.stderr(`error: ${file}: cannot read: ${why}\n`);
    return null;
  }
  const loaded = loadDocument(text);
  if (!loaded.ok) {
    printIssues(io, file, loaded.issues);
    return null;
  }
  printIssues(io, file, loaded.warnings);
  return { document: loaded.document, name };
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'validate') {
      if (rest.length !== 1) throw new UsageError('validate needs exactly one FILE');
      const file = rest[0]!;
      const read = await readDocument(io, file);
      if (!read) return 2;
      const created = createSimulation(read.document, {});
      if (!created.ok) {
        printIssues(io, file, created.issues);
        return 2;
      }
      io.stdout(`ok: ${file}\n`);
      return 0;
    }
    if (command === 'run') {
      const args = parseRunArgs(rest);
      if (args.sets.length > 0) throw new UsageError('--set is not supported yet');
      return await runCommand(args, io);
    }
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
  const read = await readDocument(io, args.file);
  if (!read) return 2;
  const doc = read.document;
  const seed = args.seed ?? doc.simulation.seed;
  const duration = args.duration ?? doc.simulation.duration;
  const compileStart = performance.now();
  const created = createSimulation(doc, { dt: args.dt, duration });
  const compileSeconds = (performance.now() - compileStart) / 1000;
  if (!created.ok) {
    printIssues(io, args.file, created.issues);
    return 2;
  }
  const sim = created.simulation;
  const spikeNodes = doc.nodes.flatMap((n) =>
    (n.kind === 'neuron' || n.kind === 'population') && n.model !== 'rate'
      ? [{ id: n.id, size: n.kind === 'population' ? n.size : 1 }]
      : [],
  );
  const collector = new ResultCollector(spikeNodes, sim.dt);
  const runStart = performance.now();
  try {
    while (sim.stepsDone < sim.totalSteps) collector.add(sim.advance(100_000));
  } catch (e) {
    if (e instanceof SimulationError) {
      io.stderr(`error: ${args.file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const runSeconds = (performance.now() - runStart) / 1000;
  const result = collector.finish({ duration, seed }, sim, { compileSeconds, runSeconds });
  if (args.out) {
    const text = args.out.toLowerCase().endsWith('.csv')
      ? toCsv(result)
      : JSON.stringify(result) + '\n';
    await writeFile(args.out, text);
  } else {
    io.stdout(JSON.stringify(result) + '\n');
  }
  return 0;
}

/** The long CSV form of spec 7: sorted by kind, id, index, t. */
export function toCsv(result: RunResult): string {
  const lines = ['kind,id,variable,index,t,value'];
  for (const id of Object.keys(result.spikes).sort()) {
    result.spikes[id]!.forEach((times, index) => {
      for (const t of times) lines.push(`spike,${id},,${index},${t},`);
    });
  }
  for (const id of Object.keys(result.traces).sort()) {
    const trace = result.traces[id]!;
    const order = trace.indices.map((index, e) => ({ index, e })).sort((a, b) => a.index - b.index);
    for (const { index, e } of order) {
      const series = trace.values[e]!;
      trace.t.forEach((t, s) =>
        lines.push(`trace,${id},${trace.variable},${index},${t},${series[s]}`),
      );
    }
  }
  return lines.join('\n') + '\n';
}
