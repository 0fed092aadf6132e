/**
 * The browser host's workspace: one folder (default `~/Documents/NeuroSketch`, or `--workspace
 * DIR`) that the in-app picker lists. Every path comes from the renderer RELATIVE to it and is
 * confined to it: no `..`, no absolute paths, and no symlink that leads out (checked on the real,
 * resolved path on disk, not only on the string).
 *
 * A granted path is checked again at every read and save (`readConfined`, `checkForSave`): a
 * symlink swapped in after the file was opened cannot redirect a later read or save outside.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WorkspaceEntry } from '../../../shared/ipc/fileContract';

export class WorkspaceError extends Error {}

export const NEURO_EXTENSION = '.neuro';

export function defaultWorkspaceDir(home: string = os.homedir()): string {
  return path.join(home, 'Documents', 'NeuroSketch');
}

/** `~/...` for display when the path is under the home folder. */
export function displayPath(p: string, home: string = os.homedir()): string {
  const rel = path.relative(home, p);
  if (rel === '') return '~';
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return `~${path.sep}${rel}`;
  return p;
}

/** True when `child` is `parent` or inside it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
}

function segments(relative: string): string[] {
  if (relative === '') return [];
  if (relative.startsWith('/') || /[\\\0:]/.test(relative) || path.isAbsolute(relative)) {
    throw new WorkspaceError('only paths inside the workspace are allowed');
  }
  const parts = relative.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new WorkspaceError('only paths inside the workspace are allowed (no "..")');
  }
  return parts;
}

export class Workspace {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Creates the folder on first use. */
  async ensure(): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return realpath(this.root);
  }

  /** Resolves a relative path on disk and checks the real path stays inside the workspace. */
  private async confine(relative: string): Promise<string> {
    const rootReal = await this.ensure();
    const candidate = path.join(rootReal, ...segments(relative));
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      throw new WorkspaceError(`"${relative}" does not exist in the workspace`);
    }
    if (!isInside(rootReal, real)) {
      throw new WorkspaceError(`"${relative}" leads outside the workspace`);
    }
    return real;
  }

  /** Folders and `.neuro` files of a folder, folders first, by name; hidden and escaping ones left out. */
  async list(folder: string): Promise<WorkspaceEntry[]> {
    const dir = await this.confine(folder);
    const rootReal = await this.ensure();
    const entries: WorkspaceEntry[] = [];
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      if (dirent.name.startsWith('.')) continue;
      const full = path.join(dir, dirent.name);
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        continue; // a dangling symlink
      }
      if (!isInside(rootReal, real)) continue;
      const info = await stat(real);
      if (info.isDirectory()) entries.push({ name: dirent.name, kind: 'folder' });
      else if (info.isFile() && dirent.name.toLowerCase().endsWith(NEURO_EXTENSION)) {
        entries.push({ name: dirent.name, kind: 'file' });
      }
    }
    return entries.sort((a, b) =>
      a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1,
    );
  }

  /** The real path of an existing `.neuro` file of the workspace. */
  async resolveExisting(relative: string): Promise<string> {
    const real = await this.confine(relative);
    if (!(await stat(real)).isFile()) throw new WorkspaceError(`"${relative}" is not a file`);
    return real;
  }

  /**
   * The path for saving `name` into `folder` (`.neuro` appended when missing). An existing file is
   * refused unless `overwrite`; an existing symlink must stay inside the workspace.
   */
  async resolveForSave(
    folder: string,
    name: string,
    overwrite: boolean,
  ): Promise<{ path: string; existed: boolean }> {
    if (/[/\\\0]/.test(name) || name === '.' || name === '..' || name.startsWith('.')) {
      throw new WorkspaceError('a file name cannot contain folders or start with a dot');
    }
    const fileName = name.toLowerCase().endsWith(NEURO_EXTENSION)
      ? name
      : `${name}${NEURO_EXTENSION}`;
    const dir = await this.confine(folder);
    if (!(await stat(dir)).isDirectory()) throw new WorkspaceError(`"${folder}" is not a folder`);
    const target = path.join(dir, fileName);
    let existing;
    try {
      existing = await lstat(target);
    } catch {
      return { path: target, existed: false };
    }
    if (!overwrite) throw new WorkspaceError(`"${fileName}" already exists`);
    if (existing.isSymbolicLink()) {
      const real = await this.confine(folder === '' ? fileName : `${folder}/${fileName}`);
      return { path: real, existed: true };
    }
    if (!existing.isFile()) throw new WorkspaceError(`"${fileName}" is not a file`);
    return { path: target, existed: true };
  }

  /**
   * Reads a granted file, confined at the moment of reading: the last component is opened without
   * following a link (O_NOFOLLOW), and the real path of what was opened (Linux: /proc/self/fd)
   * must lie inside the workspace. `maxBytes` refuses a file too large before reading it.
   */
  async readConfined(filePath: string, maxBytes: number): Promise<string> {
    const rootReal = await this.ensure();
    let handle;
    try {
      // O_NONBLOCK: a FIFO swapped in must not block the host's file threads (it is refused below).
      handle = await open(
        filePath,
        constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP')
        throw new WorkspaceError(
          `${path.basename(filePath)} became a link after it was opened: open it again from the picker`,
        );
      throw e;
    }
    try {
      const opened =
        process.platform === 'linux'
          ? await readlink(`/proc/self/fd/${handle.fd}`)
          : await realpath(filePath);
      if (!isInside(rootReal, opened))
        throw new WorkspaceError(`${path.basename(filePath)} now leads outside the workspace`);
      const info = await handle.stat();
      if (!info.isFile()) throw new WorkspaceError(`${path.basename(filePath)} is not a file`);
      if (info.size > maxBytes)
        throw new FileTooLargeError(path.basename(filePath), info.size, maxBytes);
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }

  /**
   * Before saving to a granted path: its folder's real path must still be inside the workspace,
   * and the file, if it exists, must not have become a link (the save replaces the file itself).
   */
  async checkForSave(filePath: string): Promise<void> {
    const rootReal = await this.ensure();
    let folder: string;
    try {
      folder = await realpath(path.dirname(filePath));
    } catch {
      throw new WorkspaceError(`the folder of ${path.basename(filePath)} is gone`);
    }
    if (!isInside(rootReal, folder))
      throw new WorkspaceError(`${path.basename(filePath)} now leads outside the workspace`);
    const info = await lstat(filePath).catch(() => null);
    if (info?.isSymbolicLink())
      throw new WorkspaceError(
        `${path.basename(filePath)} became a link after it was opened: save it again with Save As`,
      );
  }
}

/** A file too large to be a sane document (refused before it is read). */
export class FileTooLargeError extends Error {
  constructor(name: string, size: number, max: number) {
    const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;
    super(`${name} is too large to be a circuit (${mb(size)}; at most ${mb(max)})`);
  }
}
