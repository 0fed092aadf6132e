/**
 * Open Recent: the last files opened or saved, newest first, persisted in the app data folder.
 * Every change is a read-modify-write; they go through one queue, so concurrent opens all land.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { JsonStore } from './jsonStore';

const recentSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), at: z.string() })).max(100),
});

export const MAX_RECENT = 10;

export class RecentFiles {
  private readonly store: JsonStore<typeof recentSchema>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    this.store = new JsonStore(file, recentSchema);
  }

  /** Existing files only (a moved or deleted file drops out of the list). */
  async list(): Promise<string[]> {
    const data = await this.store.read();
    return (data?.files ?? [])
      .map((f) => f.path)
      .filter((p) => path.isAbsolute(p) && existsSync(p));
  }

  add(filePath: string): Promise<void> {
    return this.serial(async () => {
      const data = await this.store.read();
      const others = (data?.files ?? []).filter((f) => f.path !== filePath);
      await this.store.write({
        version: 1,
        files: [{ path: filePath, at: new Date().toISOString() }, ...others].slice(0, MAX_RECENT),
      });
    });
  }

  clear(): Promise<void> {
    return this.serial(() => this.store.write({ version: 1, files: [] }));
  }

  private serial(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
