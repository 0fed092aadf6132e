/**
 * `export FILE --to brian2|pynn --out DIR [--inputs as-drawn|native] [--backend neuron|nest|brian2]`
 *
 * Writes the folder (script, data/, README.md) of shared/interop's exporters. Exit 0 written; 2 when
 * the file or the command line is wrong, or when elements cannot be exported: then one line per
 * element on stderr, `error: FILE: PATH: node|edge ID: reason`, and nothing is written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadDocument } from '../../shared/document/loadDocument';
import { exportBrian2 } from '../../shared/interop/brian2/exportBrian2';
import { formatLine, type ExportFile, type ExportResult } from '../../shared/interop/network';
import { exportPynn } from '../../shared/interop/pynn/exportPynn';
import type { CliIo } from './runCli';

export const EXPORT_USAGE =
  '  npm run -s cli -- export FILE --to brian2|pynn --out DIR [--inputs as-drawn|native]\n';

class ExportUsageError extends Error {}

interface ExportArgs {
  file: string;
  to: 'brian2' | 'pynn';
  out: string;
  inputs: 'as-drawn' | 'native';
}

function parseArgs(argv: string[]): ExportArgs {
  let file = '';
  let to = '';
  let out = '';
  let inputs = 'as-drawn';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new ExportUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--to':
        to = value();
        break;
      case '--out':
        out = value();
        break;
      case '--inputs':
        inputs = value();
        break;
      default:
        if (arg.startsWith('--')) throw new ExportUsageError(`unknown option ${arg}`);
        if (file) throw new ExportUsageError(`one FILE only (got ${file} and ${arg})`);
        file = arg;
    }
  }
  if (!file) throw new ExportUsageError('export needs a FILE');
  if (to !== 'brian2' && to !== 'pynn')
    throw new ExportUsageError(`--to must be brian2 or pynn (got ${to || 'nothing'})`);
  if (!out) throw new ExportUsageError('export needs --out DIR');
  if (inputs !== 'as-drawn' && inputs !== 'native')
    throw new ExportUsageError(`--inputs must be as-drawn or native (got ${inputs})`);
  return { file, to, out, inputs };
}

/** Write an export's files under dir (names are the exporter's own: safe relative paths). */
export async function writeExportFolder(dir: string, files: readonly ExportFile[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const target = path.join(dir, ...f.name.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.data);
  }
}

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  let args: ExportArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof ExportUsageError) {
      io.stderr(`error: ${e.message}\nusage:\n${EXPORT_USAGE}`);
      return 2;
    }
    throw e;
  }
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (e) {
    io.stderr(`error: ${args.file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const loaded = loadDocument(text);
  if (!loaded.ok) {
    for (const issue of loaded.issues)
      io.stderr(`error: ${args.file}: ${issue.path ? issue.path + ': ' : ''}${issue.message}\n`);
    return 2;
  }
  const sourceName = path.basename(args.file);
  const result: ExportResult =
    args.to === 'brian2'
      ? exportBrian2(loaded.document, { inputs: args.inputs, sourceName })
      : exportPynn(loaded.document, { inputs: args.inputs, sourceName });
  if (!result.ok) {
    for (const line of result.problems) io.stderr(`error: ${args.file}: ${formatLine(line)}\n`);
    return 2;
  }
  for (const line of result.lines.filter((l) => l.warning))
    io.stderr(`warning: ${args.file}: ${formatLine(line)}\n`);
  try {
    await writeExportFolder(args.out, result.files);
  } catch (e) {
    io.stderr(`error: ${args.out}: cannot write: ${(e as Error).message}\n`);
    return 2;
  }
  io.stdout(`wrote ${path.join(args.out, 'circuit.py')} (${result.files.length} files)\n`);
  return 0;
}
