/**
 * Preferences in the renderer: a small store the app reads (theme, default dt, time display),
 * loaded from and saved through the host. The theme is applied to the root element as
 * `data-theme="light|dark"` ('system' follows the OS and its changes).
 */
import { createStore } from 'zustand/vanilla';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/ipc/desktopContract';
import type { HostApi } from '../../../shared/ipc/contract';

export const preferencesStore = createStore<Preferences>(() => ({ ...DEFAULT_PREFERENCES }));

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

let watchingSystem = false;
function watchSystemTheme(): void {
  if (watchingSystem || typeof window.matchMedia !== 'function') return;
  watchingSystem = true;
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (preferencesStore.getState().theme === 'system') applyTheme('system');
  });
}

export async function loadPreferences(host: HostApi): Promise<void> {
  const result = await host.getPreferences();
  if (result.ok) preferencesStore.setState(result.value, true);
  applyTheme(preferencesStore.getState().theme);
  watchSystemTheme();
}

export async function savePreferences(host: HostApi, next: Preferences): Promise<string | null> {
  const result = await host.setPreferences(next);
  if (!result.ok) return result.error;
  preferencesStore.setState(result.value, true);
  applyTheme(result.value.theme);
  return null;
}
