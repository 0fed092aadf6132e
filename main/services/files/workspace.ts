/**
 * The browser host's workspace: one folder (default `~/Documents/NeuroSketch`, or `--workspace
 * DIR`) that the in-app picker lists. Every path comes from the renderer RELATIVE to it and is
 * confined to it: no `..`, no absolute paths, and no symlink that leads out (checked on the real,
 * resolved path on disk, not only on the string).
 */
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
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
}
