/**
 * The export part of the host API (issue 13), spread into HOST_REQUESTS by contract.ts.
 *
 * previewExport: what each node, edge and probe of the document becomes in Brian2 or PyNN, or why
 * it cannot be exported (shown in the dialog before anything is written). writeExport: writes the
 * folder (script, data/, README.md) that `npm run -s cli -- export` writes for the same document:
 * the browser host into its workspace, Electron where the user chooses.
 */
import { z } from 'zod';
import { EXPORT_REQUEST_CHANNELS as C } from './exportChannels';

export const exportTargetSchema = z.enum(['brian2', 'pynn']);
export type ExportTarget = z.infer<typeof exportTargetSchema>;

const exportParams = z.strictObject({
  to: exportTargetSchema,
  inputs: z.enum(['as-drawn', 'native']).default('as-drawn'),
  /** The document as JSON text (validated again in main). */
  documentText: z.string().max(64 * 1024 * 1024),
  /** The document's file name (the README names it; the folder name is derived from it). */
  fileName: z
    .string()
    .max(255)
    .refine((s) => !/[/\\\0]/.test(s), 'a file name, without folders'),
});
export type ExportRequest = z.infer<typeof exportParams>;

export const EXPORT_REQUESTS = {
  previewExport: { channel: C.previewExport, params: exportParams },
  writeExport: { channel: C.writeExport, params: exportParams },
} as const;

/** One element and what it becomes (ok) or why it cannot be exported. */
export interface ExportLine {
  kind: 'node' | 'edge' | 'probe';
  id: string;
  path: string;
  ok: boolean;
  warning?: boolean;
  text: string;
}

export interface ExportPreview {
  ok: boolean;
  lines: ExportLine[];
  /** The folder name the export would get. */
  folderName: string;
}

export interface ExportWritten {
  /** Where it went, as shown to the user (workspace-relative in the browser host). */
  location: string;
  files: number;
}

export interface ExportRequestResults {
  previewExport: ExportPreview;
  writeExport: ExportWritten | null;
}

export type ExportRequestName = keyof typeof EXPORT_REQUESTS;
