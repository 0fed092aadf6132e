/**
 * IPC channel names, free of any dependency so the sandboxed preload stays tiny.
 * `contract.ts` pairs each request channel with its payload parser.
 */
export const HOST_REQUEST_CHANNELS = {
  getStartupDocument: 'document:startup',
  startRun: 'run:start',
  controlRun: 'run:control',
  stepRun: 'run:step',
  setRunSpeed: 'run:speed',
  ackFrame: 'run:ack',
} as const;

export const HOST_EVENT_CHANNELS = { frame: 'run:frame', status: 'run:status' } as const;
