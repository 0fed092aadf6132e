/**
 * Opaque file handles: random ids that stand for paths main was allowed to touch (a native
 * dialog, the workspace picker, the recent list, a drop, the OS). The renderer only ever holds the
 * id; a handle main did not hand out resolves to nothing, so a path the user never chose is
 * unreachable.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FileHandle } from '../../../shared/ipc/fileContract';

export class NotGrantedError extends Error {
  constructor() {
    super('this file was not opened through a dialog, the picker or the recent list');
  }
}

export class FileHandleRegistry {
  private readonly paths = new Map<FileHandle, string>();
  private readonly handles = new Map<string, FileHandle>();

  /** The handle of an absolute path (the same handle each time for the same path). */
  grant(absolutePath: string): FileHandle {
    if (!path.isAbsolute(absolutePath)) throw new Error('only absolute paths can be granted');
    const normal = path.normalize(absolutePath);
    const known = this.handles.get(normal);
    if (known) return known;
    const handle = `fh-${randomBytes(16).toString('hex')}`;
    this.paths.set(handle, normal);
    this.handles.set(normal, handle);
    return handle;
  }

  /** The path behind a handle; throws NotGrantedError for anything main did not hand out. */
  resolve(handle: string): string {
    const found = this.paths.get(handle as FileHandle);
    if (!found) throw new NotGrantedError();
    return found;
  }

  has(handle: string): boolean {
    return this.paths.has(handle as FileHandle);
  }
}
