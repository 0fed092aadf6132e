/**
 * The file part of the host API (issue 4): dialogs, the workspace picker, recent files, examples
 * and autosave, spread into HOST_REQUESTS by contract.ts. App info, preferences, menu commands
 * and the window are the desktop part (desktopContract.ts).
 *
 * Files cross the bridge as OPAQUE handles: random ids that main maps to paths it was allowed to
 * touch (a native dialog, the workspace picker, the recent list, a drop or the OS). The renderer
 * never sees or sends a path, except a path RELATIVE to the browser host's workspace folder, which
 * main resolves and confines to that folder.
 */
import { z } from 'zod';
import { FILE_REQUEST_CHANNELS as C } from './fileChannels';

export const fileHandleSchema = z.string().regex(/^fh-[0-9a-f]{32}$/, 'not a file handle');
export type FileHandle = z.infer<typeof fileHandleSchema>;

/** A file name the user typed, without folders. */
const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'a file name, without folders');

/**
 * A path inside the workspace, `/`-separated and relative: no `..`, no `.`, no empty segments, no
 * drive letters or backslashes. Main checks again on disk (symlinks may not lead out).
 */
export const workspacePathSchema = z
  .string()
  .max(1024)
  .refine(
    (s) =>
      s === '' ||
      (!s.startsWith('/') &&
        !/[\\\0:]/.test(s) &&
        s.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..')),
    'a path inside the workspace (no "..", no absolute path)',
  );

const emptySchema = z.undefined();
/** A window's or tab's own autosave slot: a random id the renderer makes and keeps. */
const autosaveSlotSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const documentTextSchema = z.string().max(64 * 1024 * 1024);

export const FILE_REQUESTS = {
  showOpenDialog: { channel: C.showOpenDialog, params: emptySchema },
  showSaveDialog: {
    channel: C.showSaveDialog,
    params: z.strictObject({ suggestedName: fileNameSchema }),
  },
  listWorkspace: {
    channel: C.listWorkspace,
    params: z.strictObject({ folder: workspacePathSchema }),
  },
  openWorkspaceFile: {
    channel: C.openWorkspaceFile,
    params: z.strictObject({ path: workspacePathSchema.refine((s) => s !== '', 'a file') }),
  },
  createWorkspaceFile: {
    channel: C.createWorkspaceFile,
    params: z.strictObject({
      folder: workspacePathSchema,
      name: fileNameSchema,
      overwrite: z.boolean().default(false),
    }),
  },
  readFile: { channel: C.readFile, params: z.strictObject({ handle: fileHandleSchema }) },
  saveFile: {
    channel: C.saveFile,
    params: z.strictObject({ handle: fileHandleSchema, text: documentTextSchema }),
  },
  listRecent: { channel: C.listRecent, params: emptySchema },
  clearRecent: { channel: C.clearRecent, params: emptySchema },
  listExamples: { channel: C.listExamples, params: emptySchema },
  openExample: {
    channel: C.openExample,
    params: z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]+\.neuro$/) }),
  },
  takePendingOpen: { channel: C.takePendingOpen, params: emptySchema },
  writeAutosave: {
    channel: C.writeAutosave,
    params: z.strictObject({
      slot: autosaveSlotSchema,
      fileName: fileNameSchema,
      handle: fileHandleSchema.nullable(),
      text: documentTextSchema,
    }),
  },
  getRecovery: { channel: C.getRecovery, params: z.strictObject({ slot: autosaveSlotSchema }) },
  discardAutosave: {
    channel: C.discardAutosave,
    params: z.strictObject({ slot: autosaveSlotSchema }),
  },
} as const;

export interface OpenedFile {
  handle: FileHandle;
  fileName: string;
  text: string;
}

export interface GrantedFile {
  handle: FileHandle;
  fileName: string;
}

export interface WorkspaceEntry {
  name: string;
  kind: 'file' | 'folder';
}

export interface WorkspaceListing {
  /** The folder listed, relative to the workspace ('' is the workspace itself). */
  folder: string;
  rootLabel: string;
  entries: WorkspaceEntry[];
}

export interface RecentEntry {
  handle: FileHandle;
  fileName: string;
  /** The folder, for display only (home shortened to ~). */
  location: string;
}

export interface ExampleInfo {
  id: string;
  name: string;
  description: string;
}

export interface Recovery {
  fileName: string;
  handle: FileHandle | null;
  text: string;
  /** ISO time of the autosave. */
  savedAt: string;
}

export interface FileRequestResults {
  showOpenDialog: OpenedFile | null;
  showSaveDialog: GrantedFile | null;
  listWorkspace: WorkspaceListing;
  openWorkspaceFile: OpenedFile;
  createWorkspaceFile: GrantedFile;
  readFile: OpenedFile;
  saveFile: GrantedFile;
  listRecent: RecentEntry[];
  clearRecent: null;
  listExamples: ExampleInfo[];
  openExample: { fileName: string; text: string };
  takePendingOpen: GrantedFile | null;
  writeAutosave: { savedAt: string };
  getRecovery: Recovery | null;
  discardAutosave: null;
}

export interface FileEvents {
  /** The OS asked to open a file (command line, file association, second instance, open-file). */
  openRequested: GrantedFile;
}

/** Electron only (the preload's drop method): a dropped file's path, from webUtils. */
export const droppedPathSchema = z.strictObject({ path: z.string().min(1).max(4096) });

export type FileRequestName = keyof typeof FILE_REQUESTS;
