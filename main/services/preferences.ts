/** Preferences (theme, default dt, time display), persisted in the app data folder. */
import { z } from 'zod';
import {
  DEFAULT_PREFERENCES,
  preferencesSchema,
  type Preferences,
} from '../../shared/ipc/desktopContract';
import { JsonStore } from './files/jsonStore';

/** The stored file is read field by field, so one bad value does not reset the others. */
const looseSchema = z.record(z.string(), z.unknown());

export class PreferencesStore {
  private readonly store: JsonStore<typeof looseSchema>;

  constructor(file: string) {
    this.store = new JsonStore(file, looseSchema);
  }

  async get(): Promise<Preferences> {
    const raw = (await this.store.read()) ?? {};
    const out: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
    for (const [key, schema] of Object.entries(preferencesSchema.shape)) {
      const parsed = (schema as z.ZodType).safeParse(raw[key]);
      if (parsed.success) out[key] = parsed.data;
    }
    return out as Preferences;
  }

  async set(preferences: Preferences): Promise<Preferences> {
    const valid = preferencesSchema.parse(preferences);
    await this.store.write(valid);
    return valid;
  }
}
