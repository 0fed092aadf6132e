/**
 * IPC channel names of the desktop requests: app info, preferences and the window (issues 4 and 8).
 * Free of any dependency, like channels.ts, so the sandboxed preload stays tiny; channels.ts
 * spreads these into the one request and event tables.
 */
export const DESKTOP_REQUEST_CHANNELS = {
  getAppInfo: 'app:info',
  getPreferences: 'prefs:get',
  setPreferences: 'prefs:set',
  setDocumentState: 'window:document-state',
  confirmClose: 'window:confirm-close',
} as const;

/** Push events of the desktop layer (main -> renderer). */
export const DESKTOP_EVENT_CHANNELS = {
  menuCommand: 'menu:command',
  closeRequested: 'window:close-requested',
} as const;
