/**
 * Autosave of unsaved work: the renderer sends the document every few seconds while it has
 * unsaved changes. Each window or browser tab has its own slot (`autosave/<slot>.json`, the slot
 * id made by the renderer and kept for the tab's life), so two tabs never overwrite each other's
 * work. A clean save or an explicit discard removes the slot, so a slot found later means its tab
 * was closed by a crash or a kill: the renderer offers it back.
 *
 * Which slot a starting tab is offered: its own (a reload), else the newest slot that no live tab
 * of this host process owns (work orphaned by a crash). Taking an orphan moves it to the taker's
 * slot at once, so a second crash still keeps it, and two tabs starting together never both get it.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { JsonStore } from './jsonStore';

const autosaveSchema = z.object({
  version: z.literal(1),
  fileName: z.string(),
  /** The file the work belongs to (it was granted when autosaved), or null for an untitled one. */
  path: z.string().nullable(),
  text: z.string(),
  savedAt: z.string(),
});
export type AutosaveSlot = z.infer<typeof autosaveSchema>;

/** A slot id: what the renderer makes (a random id), safe as a file name. */
export const SLOT_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export class AutosaveStore {
  /** Slots written or taken by a tab of this process: never offered to another tab. */
  private readonly live = new Set<string>();
  /** One change at a time (two tabs starting together must not take the same orphan). */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param dir the folder of the slots
   * @param legacyFile the single slot of earlier versions (offered as an orphan, then removed)
   */
  constructor(
    private readonly dir: string,
    private readonly legacyFile?: string,
  ) {}

  private store(slot: string): JsonStore<typeof autosaveSchema> {
    if (!SLOT_PATTERN.test(slot)) throw new Error('not an autosave slot');
    return new JsonStore(path.join(this.dir, `${slot}.json`), autosaveSchema);
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  write(slot: string, fileName: string, filePath: string | null, text: string): Promise<string> {
    return this.serial(async () => {
      this.live.add(slot);
      const savedAt = new Date().toISOString();
      await this.store(slot).write({ version: 1, fileName, path: filePath, text, savedAt });
      return savedAt;
    });
  }

  /** The work to offer a starting tab: its own slot, else the newest orphan (moved to its slot). */
  take(slot: string): Promise<AutosaveSlot | null> {
    return this.serial(async () => {
      const own = this.store(slot);
      this.live.add(slot);
      const mine = await own.read();
      if (mine) return mine;
      const orphans = await this.orphans();
      for (const orphan of orphans) {
        const data = await new JsonStore(orphan.file, autosaveSchema).read();
        if (!data) continue;
        await mkdir(this.dir, { recursive: true, mode: 0o700 });
        await rename(orphan.file, own.file);
        return data;
      }
      return null;
    });
  }

  discard(slot: string): Promise<void> {
    return this.serial(() => this.store(slot).remove());
  }

  /** Slot files no live tab owns, newest first. */
  private async orphans(): Promise<Array<{ file: string; mtime: number }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files = names
      .filter((n) => n.endsWith('.json') && SLOT_PATTERN.test(n.slice(0, -5)))
      .filter((n) => !this.live.has(n.slice(0, -5)))
      .map((n) => path.join(this.dir, n));
    if (this.legacyFile) files.push(this.legacyFile);
    const out: Array<{ file: string; mtime: number }> = [];
    for (const file of files) {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) out.push({ file, mtime: info.mtimeMs });
    }
    return out.sort((a, b) => b.mtime - a.mtime);
  }

  /** Removes every slot (tests). */
  async clearAll(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
