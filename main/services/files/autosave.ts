/**
 * Autosave of unsaved work: the renderer sends the document every few seconds while it has
 * unsaved changes; one slot in the app data folder holds the latest. A clean save or an explicit
 * discard removes it, so a slot found at startup means the app was closed by a crash or a kill:
 * the renderer offers it back.
 */
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

export class AutosaveStore {
  private readonly store: JsonStore<typeof autosaveSchema>;

  constructor(file: string) {
    this.store = new JsonStore(file, autosaveSchema);
  }

  async write(fileName: string, path: string | null, text: string): Promise<string> {
    const savedAt = new Date().toISOString();
    await this.store.write({ version: 1, fileName, path, text, savedAt });
    return savedAt;
  }

  read(): Promise<AutosaveSlot | null> {
    return this.store.read();
  }

  discard(): Promise<void> {
    return this.store.remove();
  }
}
