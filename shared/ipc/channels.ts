/**
 * IPC channel names, free of any dependency so the sandboxed preload stays tiny.
 * `contract.ts` pairs each request channel with its payload parser.
 */
import { EXPORT_REQUEST_CHANNELS } from './exportChannels';
import { DESKTOP_EVENT_CHANNELS, DESKTOP_REQUEST_CHANNELS } from './desktopChannels';
import { FILE_EVENT_CHANNELS, FILE_REQUEST_CHANNELS } from './fileChannels';
import { SWEEP_EVENT_CHANNELS, SWEEP_REQUEST_CHANNELS } from './sweepChannels';

export const HOST_REQUEST_CHANNELS = {
  ...DESKTOP_REQUEST_CHANNELS,
  ...FILE_REQUEST_CHANNELS,
  ...SWEEP_REQUEST_CHANNELS,
  ...EXPORT_REQUEST_CHANNELS,
  getStartupDocument: 'document:startup',
  startRun: 'run:start',
  controlRun: 'run:control',
  stepRun: 'run:step',
  setRunSpeed: 'run:speed',
  ackFrame: 'run:ack',
  editRun: 'run:edit',
} as const;

export const HOST_EVENT_CHANNELS = {
  frame: 'run:frame',
  status: 'run:status',
  framesDropped: 'run:frames-dropped',
  ...DESKTOP_EVENT_CHANNELS,
  ...FILE_EVENT_CHANNELS,
  ...SWEEP_EVENT_CHANNELS,
} as const;
