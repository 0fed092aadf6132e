/**
 * `compare A.json B.json [--tolerance KEY=VALUE]... [--json]`: two results in our result JSON format
 * (ours and an exported script's) as a table of spike counts, rates, first-spike times and trace
 * differences (shared/interop/compare.ts). Keys: count (spikes per element), time (s, paired spike
 * times), rate (relative mean rate), trace (variable's unit). Exit 0 within every tolerance given,
 * 1 when one is exceeded (one line each), 2 when a file or the command line is wrong.
 */
import { readFile } from 'node:fs/promises';
import {
  compareResults,
  comparisonTable,
  TOLERANCE_KEYS,
  type ResultLike,
  type Tolerances,
} from '../../shared/interop/compare';
import type { CliIo } from './runCli';

export const COMPARE_USAGE =
  '  npm run -s cli -- compare A.json B.json [--tolerance count=N,time=S,rate=R,trace=X] [--json]\n';

async function readResult(io: CliIo, file: string): Promise<ResultLike | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    io.stderr(`error: ${file}: cannot read a result: ${(e as Error).message}\n`);
    return null;
  }
  const r = value as Partial<ResultLike> & { format?: unknown };
  if (
    typeof r !== 'object' ||
    r === null ||
    r.format !== 'neurosketch-result' ||
    typeof r.duration !== 'number' ||
    typeof r.spikes !== 'object' ||
    typeof r.traces !== 'object'
  ) {
    io.stderr(`error: ${file}: not a result JSON ("format": "neurosketch-result")\n`);
    return null;
  }
  return r as ResultLike;
}

export async function compareCommand(argv: string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  const tol: Tolerances = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--tolerance' || arg.startsWith('--tolerance=')) {
      const spec = arg.includes('=') && arg.startsWith('--tolerance=') ? arg.slice(12) : argv[++i];
      if (!spec) {
        io.stderr(`error: --tolerance needs KEY=VALUE (keys: ${TOLERANCE_KEYS.join(', ')})\n`);
        return 2;
      }
      for (const part of spec.split(',')) {
        const [key, text] = part.split('=');
        const value = Number(text);
        if (!(TOLERANCE_KEYS as readonly string[]).includes(key ?? '') || !(value >= 0)) {
          io.stderr(
            `error: --tolerance ${part}: expected KEY=VALUE with KEY one of ${TOLERANCE_KEYS.join(', ')} and VALUE >= 0\n`,
          );
          return 2;
        }
        (tol as Record<string, number>)[key] = value;
      }
    } else if (arg.startsWith('--')) {
      io.stderr(`error: unknown option ${arg}\nusage:\n${COMPARE_USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 2) {
    io.stderr(`error: compare needs two result files\nusage:\n${COMPARE_USAGE}`);
    return 2;
  }
  const a = await readResult(io, files[0]!);
  const b = await readResult(io, files[1]!);
  if (!a || !b) return 2;
  const c = compareResults(a, b, tol);
  if (json) io.stdout(JSON.stringify({ a: files[0], b: files[1], tolerances: tol, ...c }) + '\n');
  else io.stdout(`A: ${files[0]}\nB: ${files[1]}\n\n` + comparisonTable(c));
  if (!json) for (const f of c.failures) io.stderr(`error: ${f}\n`);
  return c.failures.length > 0 ? 1 : 0;
}
