/**
 * IPC channel names of the file requests (issue 4): dialogs, the workspace picker, recent files,
 * examples and autosave. Free of any dependency, like channels.ts, so the sandboxed preload stays
 * tiny; channels.ts spreads these into the one request and event tables.
 */
export const FILE_REQUEST_CHANNELS = {
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
} as const;

/** Push events of the file layer (main -> renderer). */
export const FILE_EVENT_CHANNELS = {
  openRequested: 'file:open-requested',
} as const;

/**
 * Electron only, not in the request table: the preload turns a dropped `File` into its path
 * (`webUtils.getPathForFile`) and sends it here; the renderer never sees the path.
 */
export const DROP_CHANNEL = 'file:drop';
