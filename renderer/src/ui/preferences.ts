/**
 * Preferences in the renderer: a small store the app reads (theme, default dt, time display),
 * loaded from and saved through the host. The theme is applied to the root element as
 * `data-theme="light|dark"` ('system' follows the OS and its changes). One instance, created with
 * the app's services (run/services.tsx).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/ipc/desktopContract';
import type { HostApi } from '../../../shared/ipc/contract';

export interface PreferencesService {
  readonly store: StoreApi<Preferences>;
  /** Reads them from the host (the defaults when it cannot) and applies the theme. */
  load(): Promise<void>;
  /** Saves them through the host; the error, or null when saved (and applied). */
  save(next: Preferences): Promise<string | null>;
}

function systemDark(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches
  );
}

export function applyTheme(theme: Preferences['theme']): void {
  const resolved = theme === 'system' ? (systemDark() ? 'dark' : 'light') : theme;
  document.documentElement.dataset['theme'] = resolved;
  document.documentElement.style.colorScheme = resolved;
}

export function createPreferences(host: HostApi): PreferencesService {
  const store = createStore<Preferences>(() => ({ ...DEFAULT_PREFERENCES }));
  let watchingSystem = false;
  const watchSystemTheme = (): void => {
    if (watchingSystem || typeof window.matchMedia !== 'function') return;
    watchingSystem = true;
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (store.getState().theme === 'system') applyTheme('system');
    });
  };
  return {
    store,
    async load() {
      const result = await host.getPreferences();
      if (result.ok) store.setState(result.value, true);
      applyTheme(store.getState().theme);
      watchSystemTheme();
    },
    async save(next) {
      const result = await host.setPreferences(next);
      if (!result.ok) return result.error;
      store.setState(result.value, true);
      applyTheme(result.value.theme);
      return null;
    },
  };
}
