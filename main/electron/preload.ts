/**
 * Preload: exposes exactly the host API of shared/ipc/contract — one method per request, plus event
 * subscriptions — and nothing of Electron or Node. The only file that touches ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { HOST_EVENT_CHANNELS, HOST_REQUEST_CHANNELS } from '../../shared/ipc/channels';
import type { HostEvents } from '../../shared/ipc/contract';

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

contextBridge.exposeInMainWorld('neurosketch', api);
