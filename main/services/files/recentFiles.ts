/** Open Recent: the last files opened or saved, newest first, persisted in the app data folder. */
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

  async add(filePath: string): Promise<void> {
    const data = await this.store.read();
    const others = (data?.files ?? []).filter((f) => f.path !== filePath);
    await this.store.write({
      version: 1,
      files: [{ path: filePath, at: new Date().toISOString() }, ...others].slice(0, MAX_RECENT),
    });
  }

  async clear(): Promise<void> {
    await this.store.write({ version: 1, files: [] });
  }
}
