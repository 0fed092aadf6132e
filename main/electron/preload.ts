/**
 * Preload: exposes exactly the host API of shared/ipc/contract — one method per request, plus event
 * subscriptions — and nothing of Electron or Node. The only file that touches ipcRenderer.
 * One extra method, openDroppedFile, turns a dropped `File` into its path here (webUtils) and
 * sends that to main, so the renderer never sees a path. It does so only for a file the user
 * really dropped: a capture-phase listener in this isolated world records the paths of trusted
 * drop events (dropGuard.ts), and any other file is refused before it reaches main.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { HOST_EVENT_CHANNELS, HOST_REQUEST_CHANNELS } from '../../shared/ipc/channels';
import type { HostEvents } from '../../shared/ipc/contract';
import { DROP_CHANNEL } from '../../shared/ipc/fileChannels';
import { createDropGuard, type DropEventLike } from './dropGuard';

const dropped = createDropGuard((file) =>
  webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
);
/** The window as this isolated world sees it (main's tsconfig has no DOM types). */
const page = globalThis as unknown as {
  addEventListener(type: 'drop', listener: (event: DropEventLike) => void, capture: true): void;
};
// Capture phase on window: runs before any listener of the page, whatever the page does.
page.addEventListener('drop', (event) => dropped.record(event), true);

const api: Record<string, unknown> = {};
for (const [name, channel] of Object.entries(HOST_REQUEST_CHANNELS)) {
  api[name] = (params?: unknown) => ipcRenderer.invoke(channel, params);
}
api['on'] = <E extends keyof HostEvents>(event: E, listener: (payload: HostEvents[E]) => void) => {
  const channel = HOST_EVENT_CHANNELS[event];
  if (!channel) throw new Error(`unknown event ${String(event)}`);
  const wrapped = (_e: unknown, payload: HostEvents[E]): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
};
api['openDroppedFile'] = async (file: unknown) => {
  const filePath = dropped.take(file);
  if (!filePath) {
    return {
      ok: false,
      error: 'only a file dropped on the window from this computer can be opened',
    };
  }
  return ipcRenderer.invoke(DROP_CHANNEL, { path: filePath });
};

contextBridge.exposeInMainWorld('neurosketch', api);
