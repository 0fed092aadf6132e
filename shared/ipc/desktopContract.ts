/**
 * The desktop part of the host API (issues 4 and 8): app info, preferences (theme, default dt,
 * time display, start screen), the native menu's commands and the window's document state and
 * close, spread into HOST_REQUESTS by contract.ts. Files are the file part (fileContract.ts).
 */
import { z } from 'zod';
import { DESKTOP_REQUEST_CHANNELS as C } from './desktopChannels';

export const themeSchema = z.enum(['light', 'dark', 'system']);
export const preferencesSchema = z.strictObject({
  theme: themeSchema,
  /** Default time step for new circuits, in seconds. */
  defaultDt: z.number().min(1e-6).max(0.01),
  /** How times are shown in the UI (the file always stores seconds). */
  timeUnit: z.enum(['ms', 's']),
  /** Whether the start screen (the examples gallery, New, Open) greets the user at startup. */
  showStartScreen: z.boolean(),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  defaultDt: 1e-4,
  timeUnit: 'ms',
  showStartScreen: true,
};

/** Every command a native menu item can send to the renderer (`menu:command`). */
export const menuCommandSchema = z.enum([
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.examples',
  'file.exportBrian2',
  'file.exportPynn',
  'file.preferences',
  'edit.undo',
  'edit.redo',
  'edit.delete',
  'edit.selectAll',
  'view.fitCanvas',
  'sim.run',
  'sim.pause',
  'sim.stop',
  'sim.step',
  'help.about',
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

const emptySchema = z.undefined();

export const DESKTOP_REQUESTS = {
  getAppInfo: { channel: C.getAppInfo, params: emptySchema },
  getPreferences: { channel: C.getPreferences, params: emptySchema },
  setPreferences: { channel: C.setPreferences, params: preferencesSchema },
  setDocumentState: {
    channel: C.setDocumentState,
    params: z.strictObject({ title: z.string().max(300), dirty: z.boolean() }),
  },
  confirmClose: { channel: C.confirmClose, params: emptySchema },
} as const;

export interface AppInfo {
  /** 'electron': native dialogs; 'web': the in-app workspace picker. */
  host: 'electron' | 'web';
  platform: string;
  versions: Record<string, string>;
  /** Where the browser host's files live, for display (e.g. `~/Documents/NeuroSketch`). */
  workspaceLabel?: string;
}

export interface DesktopRequestResults {
  getAppInfo: AppInfo;
  getPreferences: Preferences;
  setPreferences: Preferences;
  setDocumentState: null;
  confirmClose: null;
}

export interface DesktopEvents {
  /** A native menu item was chosen. */
  menuCommand: { command: MenuCommand };
  /** The window is closing with unsaved changes: ask, then call confirmClose to really close. */
  closeRequested: null;
}

export type DesktopRequestName = keyof typeof DESKTOP_REQUESTS;
