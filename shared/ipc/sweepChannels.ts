/**
 * IPC channel names of the background sweeps behind the "See the math" views (issue 7). Free of
 * any dependency, like channels.ts, which spreads these into the one request and event tables.
 */
export const SWEEP_REQUEST_CHANNELS = {
  startSweep: 'sweep:start',
  cancelSweep: 'sweep:cancel',
} as const;

export const SWEEP_EVENT_CHANNELS = {
  sweepProgress: 'sweep:progress',
  sweepResult: 'sweep:result',
} as const;
