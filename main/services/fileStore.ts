/**
 * Atomic file saves (plain Node, no Electron): a save either fully happens or leaves the old file.
 *
 *   1. write the whole text to a temp file in the same folder (same file system, so step 3 is a
 *      rename, never a copy), created exclusively, with the target's permissions;
 *   2. fsync the temp file (its bytes are on disk before it gets the real name);
 *   3. rename it over the target (atomic on POSIX and NTFS: readers see old or new, never half);
 *   4. fsync the folder (the rename itself survives a power cut), where the OS supports it.
 *
 * A process killed between 1 and 3 leaves a `.NAME.PID.RANDOM.tmp` file beside the target and the
 * target untouched; the next save of that target removes such leftovers of dead processes.
 * A symlinked target is resolved first, so the link keeps pointing at the (replaced) file.
 */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { serializeDocument } from '../../shared/document/canonical';
import type { NetworkDocument } from '../../shared/document/model';

const TEMP_SUFFIX = '.tmp';

function tempName(base: string): string {
  return `.${base}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

async function resolveTarget(filePath: string): Promise<string> {
  const absolute = path.resolve(filePath);
  try {
    return await realpath(absolute);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return absolute; // a new file (or a dangling link: replace it)
    throw e;
  }
}

async function existingMode(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o777;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** Windows refuses a rename over a file another program holds open for a moment: retry briefly. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = errorCode(e);
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** fsync a folder so a rename in it is durable; a no-op where folders cannot be fsynced (Windows). */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (e) {
    const code = errorCode(e);
    if (
      code !== 'EISDIR' &&
      code !== 'EPERM' &&
      code !== 'EINVAL' &&
      code !== 'EBADF' &&
      code !== 'EACCES'
    )
      throw e;
  } finally {
    await handle?.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Removes temp files that saves of `target` by now-dead processes left behind. Best effort: never
 * throws, never touches a temp file of a live process (it may be mid-save).
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const folder = path.dirname(target);
  const pattern = new RegExp(
    `^\\.${escapeRegExp(path.basename(target))}\\.(\\d+)\\.[0-9a-f]{8}${escapeRegExp(TEMP_SUFFIX)}$`,
  );
  const removed: string[] = [];
  try {
    for (const name of await readdir(folder)) {
      const match = pattern.exec(name);
      if (!match) continue;
      const pid = Number(match[1]);
      if (pid === process.pid || isAlive(pid)) continue;
      try {
        await unlink(path.join(folder, name));
        removed.push(name);
      } catch {
        // Someone else removed it, or we may not: leave it.
      }
    }
  } catch {
    // Folder not listable: nothing to clean.
  }
  return removed;
}

/**
 * Writes `data` to `filePath` atomically: afterwards the file holds exactly `data`, and at no
 * moment (crash, kill, power cut) does it hold anything but the complete old or new content.
 * Throws (leaving the old file and no temp file) when the folder is not writable or the disk full.
 */
export async function saveFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const target = await resolveTarget(filePath);
  const folder = path.dirname(target);
  const temp = path.join(folder, tempName(path.basename(target)));
  const mode = (await existingMode(target)) ?? 0o666;
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, typeof data === 'string' ? 'utf8' : undefined);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncFolder(folder);
  await removeStaleTempFiles(target);
}

/** Saves a document in canonical form (docs/format.md#document), atomically. */
export async function saveDocumentFile(filePath: string, document: NetworkDocument): Promise<void> {
  await saveFileAtomic(filePath, serializeDocument(document));
}
