/**
 * The renderer's only way to the main-process services: the typed HostApi of shared/ipc/contract.
 * In Electron the preload provides it as `window.neurosketch`; in the browser host it is spoken
 * over a WebSocket to the loopback server (same requests, same events, frames as binary).
 */
import {
  HOST_EVENT_CHANNELS,
  HOST_REQUESTS,
  type HostApi,
  type HostEvents,
  type HostResult,
} from '../../../shared/ipc/contract';
import { decodeFrame } from '../../../shared/ipc/frameCodec';

declare global {
  interface Window {
    neurosketch?: HostApi;
  }
}

type Listener = (payload: unknown) => void;

const TOKEN_KEY = 'neurosketch-token';

/**
 * The browser host's access token. The printed address carries it in the fragment (`#token=`;
 * `?token=` is still read); it is kept in sessionStorage, which is scoped to this origin and port
 * (a cookie would reach every server on 127.0.0.1), and removed from the address bar at once so it
 * is not shown, bookmarked or shared. A reload finds it in sessionStorage.
 */
export function takeAccessToken(
  location: Location,
  storage: Storage,
  history: History,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  const query = new URLSearchParams(location.search);
  const given = fromHash ?? query.get('token');
  if (given) {
    storage.setItem(TOKEN_KEY, given);
    query.delete('token');
    const search = query.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
    return given;
  }
  return storage.getItem(TOKEN_KEY);
}

function createWebSocketHost(): HostApi {
  const url = new URL('/api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const token = takeAccessToken(window.location, window.sessionStorage, window.history);
  if (token) url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            token
              ? 'cannot reach the NeuroSketch host: is `npm run web` still running?'
              : 'this page has no access token: open the address that `npm run web` printed',
          ),
        ),
      { once: true },
    );
  });
  let nextId = 1;
  const pending = new Map<number, (result: HostResult<unknown>) => void>();
  const listeners = new Map<string, Set<Listener>>();
  const channelToEvent = new Map<string, keyof HostEvents>(
    Object.entries(HOST_EVENT_CHANNELS).map(([event, channel]) => [
      channel,
      event as keyof HostEvents,
    ]),
  );
  const fire = (event: string, payload: unknown): void => {
    listeners.get(event)?.forEach((listener) => listener(payload));
  };
  socket.addEventListener('message', (message: MessageEvent) => {
    if (message.data instanceof ArrayBuffer) {
      fire('frame', decodeFrame(message.data));
      return;
    }
    const data = JSON.parse(String(message.data)) as {
      id?: number;
      result?: HostResult<unknown>;
      event?: string;
      payload?: unknown;
    };
    if (typeof data.id === 'number' && data.result) {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    } else if (data.event) {
      const event = channelToEvent.get(data.event);
      if (event) fire(event, data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: 'the connection to the NeuroSketch host was lost' });
    pending.clear();
  });

  const request = async (method: string, params: unknown): Promise<HostResult<unknown>> => {
    try {
      await opened;
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  };

  const api: Record<string, unknown> = {};
  for (const name of Object.keys(HOST_REQUESTS)) {
    api[name] = (params?: unknown) => request(name, params);
  }
  api['on'] = (event: string, listener: Listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  return api as unknown as HostApi;
}

/**
 * The host of this window: Electron's preload bridge, else a WebSocket to the browser host. Called
 * once, by the app's services (app/App.tsx); components reach the host through `useServices()`.
 */
export function createHost(): HostApi {
  return window.neurosketch ?? createWebSocketHost();
}
