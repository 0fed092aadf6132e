/**
 * A small JSON file in the app data folder (recent files, preferences, autosave, window state):
 * read with a zod schema (a missing, corrupt or foreign file reads as `null`, never throws) and
 * written atomically through fileStore's saveFileAtomic, so a crash never leaves half a file.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { saveFileAtomic } from '../fileStore';

export class JsonStore<S extends z.ZodType> {
  constructor(
    readonly file: string,
    private readonly schema: S,
  ) {}

  async read(): Promise<z.infer<S> | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data as z.infer<S>) : null;
    } catch {
      return null;
    }
  }

  async write(value: z.infer<S>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await saveFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }

  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

export function dataFile(dataDir: string, name: string): string {
  return path.join(dataDir, name);
}
