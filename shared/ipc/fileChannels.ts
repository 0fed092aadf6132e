/**
 * IPC channel names of the file, preference and desktop requests (issues 4 and 8). Free of any
 * dependency, like channels.ts, so the sandboxed preload stays tiny; channels.ts spreads these into
 * the one request table.
 */
export const FILE_REQUEST_CHANNELS = {
  getAppInfo: 'app:info',
  showOpenDialog: 'file:open-dialog',
  showSaveDialog: 'file:save-dialog',
  listWorkspace: 'workspace:list',
  openWorkspaceFile: 'workspace:open',
  createWorkspaceFile: 'workspace:create',
  readFile: 'file:read',
  saveFile: 'file:save',
  listRecent: 'recent:list',
  clearRecent: 'recent:clear',
  listExamples: 'examples:list',
  openExample: 'examples:open',
  takePendingOpen: 'file:pending-open',
  writeAutosave: 'autosave:write',
  getRecovery: 'autosave:recovery',
  discardAutosave: 'autosave:discard',
  getPreferences: 'prefs:get',
  setPreferences: 'prefs:set',
  setDocumentState: 'window:document-state',
  confirmClose: 'window:confirm-close',
} as const;

/** Push events of the desktop layer (main -> renderer). */
export const DESKTOP_EVENT_CHANNELS = {
  menuCommand: 'menu:command',
  openRequested: 'file:open-requested',
  closeRequested: 'window:close-requested',
} as const;

/**
 * Electron only, not in the request table: the preload turns a dropped `File` into its path
 * (`webUtils.getPathForFile`) and sends it here; the renderer never sees the path.
 */
export const DROP_CHANNEL = 'file:drop';
