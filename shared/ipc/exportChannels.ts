/**
 * IPC channel names of File > Export > "Brian2 script…" / "PyNN script…" (issue 13). Free of any
 * dependency, like channels.ts, which spreads these into the one request table.
 */
export const EXPORT_REQUEST_CHANNELS = {
  previewExport: 'export:preview',
  writeExport: 'export:write',
} as const;
