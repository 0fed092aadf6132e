/**
 * File > Export > "Brian2 script…" / "PyNN script…" (issue 13): the preview the dialog lists and
 * the folder it writes, with the same exporters and the same folder writer as
 * `npm run -s cli -- export`, so the app's script is the CLI's byte for byte.
 */
import { stat } from 'node:fs/promises';
import { loadDocument } from '../../shared/document/loadDocument';
import { exportBrian2 } from '../../shared/interop/brian2/exportBrian2';
import type { ExportResult } from '../../shared/interop/network';
import { exportPynn } from '../../shared/interop/pynn/exportPynn';
import { safeFileName } from '../../shared/interop/pyLiteral';
import type { ExportPreview, ExportRequest, ExportWritten } from '../../shared/ipc/exportContract';
import { writeExportFolder } from '../cli/exportCommand';

function run(request: ExportRequest): ExportResult {
  const loaded = loadDocument(request.documentText);
  if (!loaded.ok) {
    const problems = loaded.issues.map((i) => ({
      kind: 'node' as const,
      id: i.elementId ?? '-',
      path: i.path,
      ok: false,
      text: i.message,
    }));
    return { ok: false, problems, lines: problems };
  }
  const options = { inputs: request.inputs, sourceName: request.fileName || undefined };
  return request.to === 'brian2'
    ? exportBrian2(loaded.document, options)
    : exportPynn(loaded.document, options);
}

/** `two-drive-one.neuro` -> `two-drive-one-brian2`. */
export function exportFolderName(request: Pick<ExportRequest, 'fileName' | 'to'>): string {
  const base = safeFileName(request.fileName.replace(/\.neuro$/i, ''), 'circuit');
  return `${base}-${request.to}`;
}

export function previewExport(request: ExportRequest): ExportPreview {
  const result = run(request);
  return { ok: result.ok, lines: result.lines, folderName: exportFolderName(request) };
}

export async function writeExport(
  request: ExportRequest,
  folder: (name: string) => Promise<{ dir: string; location: string } | null>,
): Promise<ExportWritten | null> {
  const result = run(request);
  if (!result.ok) {
    throw new Error(
      `cannot export: ${result.problems.map((p) => `${p.kind} ${p.id}: ${p.text}`).join('; ')}`,
    );
  }
  const target = await folder(exportFolderName(request));
  if (!target) return null;
  if (
    await stat(target.dir).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`${target.location} already exists`);
  await writeExportFolder(target.dir, result.files);
  return { location: target.location, files: result.files.length };
}
