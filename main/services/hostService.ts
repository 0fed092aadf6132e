/**
 * The host API served to a renderer, independent of transport: Electron IPC and the web host's
 * WebSocket both hand raw payloads to `handle`, which parses them with the contract's schema
 * before anything acts on them. A malformed payload gets an error result and has no side effect.
 *
 * Each request has one handler in a table keyed by request name; its parameter and result types
 * come from the contract (the schema's output, HostRequestResults), so a handler cannot misread
 * its payload and a request without a handler does not compile.
 */
import type { z } from 'zod';
import {
  HOST_REQUESTS,
  type HostRequestData,
  type HostRequestName,
  type HostRequestResults,
  type HostResult,
} from '../../shared/ipc/contract';
import type { DesktopRequestName } from '../../shared/ipc/desktopContract';
import type { FileRequestName } from '../../shared/ipc/fileContract';
import { previewExport, writeExport } from './exportService';
import { readExample, DEFAULT_EXAMPLE } from './examples';
import type { FileService } from './files/fileService';
import type { HostEventSink, SimulationHost } from './simulationHost';
import type { SweepService } from './sweepService';

/** Deeper payloads are refused before any schema sees them (a schema walk recurses). */
export const MAX_PAYLOAD_DEPTH = 64;

/** Who sent a request: its runs and sweeps report to this sink (its window or its tab). */
export interface RequestContext {
  sink?: HostEventSink;
}

/** More values than this in one payload are refused (a document travels as one string). */
export const MAX_PAYLOAD_VALUES = 100_000;

/**
 * Why a payload is refused before any schema walks it: nested deeper than `depthLimit`, or more
 * than MAX_PAYLOAD_VALUES objects and array items. Checked without recursion, primitives skipped.
 */
export function payloadProblem(value: unknown, depthLimit: number): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const stack: Array<{ value: object; depth: number }> = [{ value, depth: 0 }];
  let seen = 0;
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (depth >= depthLimit) return `nested deeper than ${depthLimit} levels`;
    for (const key in v) {
      if (++seen > MAX_PAYLOAD_VALUES) return `more than ${MAX_PAYLOAD_VALUES} values`;
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The contract's schemas, each typed by its own request's payload: indexing this with a generic
 * request name gives that request's schema, so the parsed data has the handler's parameter type.
 * Assigning HOST_REQUESTS here checks every schema against HostRequestData, entry by entry.
 */
const REQUEST_SCHEMAS: {
  readonly [K in HostRequestName]: { readonly params: z.ZodType<HostRequestData[K]> };
} = HOST_REQUESTS;

/** Serves one request: its parsed payload in, a result or a message a person can act on out. */
export type RequestHandler<K extends HostRequestName> = (
  params: HostRequestData[K],
  context: RequestContext,
) => HostResult<HostRequestResults[K]> | Promise<HostResult<HostRequestResults[K]>>;

/** One handler per request of the contract: a request without one is a compile error. */
export type RequestHandlers = { readonly [K in HostRequestName]: RequestHandler<K> };

/** The services a HostService hands requests to. */
export interface HostServices {
  /** Runs (startRun, controlRun, stepRun, setRunSpeed, ackFrame, editRun). */
  simulation: SimulationHost;
  /** f-I sweeps (issue 7); absent in tests of the run path. */
  sweeps?: SweepService;
  /** Files, preferences and window requests (issues 4, 8); absent in tests of the run path. */
  files?: FileService;
}

function notAvailable(name: HostRequestName): { ok: false; error: string } {
  return { ok: false, error: `${name} is not available here` };
}

export class HostService {
  private readonly handlers: RequestHandlers;

  constructor(services: HostServices) {
    this.handlers = createHandlers(services);
  }

  isRequestName(name: string): name is HostRequestName {
    return Object.prototype.hasOwnProperty.call(HOST_REQUESTS, name);
  }

  /** Never throws and never rejects: every failure is an error result naming the request. */
  async handle(
    name: string,
    payload: unknown,
    context: RequestContext = {},
  ): Promise<HostResult<unknown>> {
    try {
      if (!this.isRequestName(name))
        return { ok: false, error: `unknown request "${String(name).slice(0, 80)}"` };
      const problem = payloadProblem(payload, MAX_PAYLOAD_DEPTH);
      if (problem) return { ok: false, error: `malformed ${name} request: ${problem}` };
      return await this.parseAndDispatch(name, payload, context);
    } catch (e) {
      return { ok: false, error: `${name} failed: ${(e as Error)?.message ?? String(e)}` };
    }
  }

  /** Generic in K so the schema, the parsed data and the handler all belong to the same request. */
  private async parseAndDispatch<K extends HostRequestName>(
    name: K,
    payload: unknown,
    context: RequestContext,
  ): Promise<HostResult<HostRequestResults[K]>> {
    const parsed = REQUEST_SCHEMAS[name].params.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
      return {
        ok: false,
        error: `malformed ${name} request${where}: ${first?.message ?? 'invalid'}`,
      };
    }
    const handler: RequestHandler<K> = this.handlers[name];
    return await handler(parsed.data, context);
  }
}

/** The request table: which service serves each request, and how its payload is handed on. */
function createHandlers({ simulation, sweeps, files }: HostServices): RequestHandlers {
  /** A file or desktop request: FileService serves it (absent where there are no files). */
  function fileRequest<K extends FileRequestName | DesktopRequestName>(name: K): RequestHandler<K> {
    return async (params) =>
      files ? { ok: true, value: await files.dispatch(name, params) } : notAvailable(name);
  }

  return {
    getAppInfo: fileRequest('getAppInfo'),
    getPreferences: fileRequest('getPreferences'),
    setPreferences: fileRequest('setPreferences'),
    setDocumentState: fileRequest('setDocumentState'),
    confirmClose: fileRequest('confirmClose'),
    showOpenDialog: fileRequest('showOpenDialog'),
    showSaveDialog: fileRequest('showSaveDialog'),
    listWorkspace: fileRequest('listWorkspace'),
    openWorkspaceFile: fileRequest('openWorkspaceFile'),
    createWorkspaceFile: fileRequest('createWorkspaceFile'),
    readFile: fileRequest('readFile'),
    saveFile: fileRequest('saveFile'),
    listRecent: fileRequest('listRecent'),
    clearRecent: fileRequest('clearRecent'),
    listExamples: fileRequest('listExamples'),
    openExample: fileRequest('openExample'),
    takePendingOpen: fileRequest('takePendingOpen'),
    writeAutosave: fileRequest('writeAutosave'),
    getRecovery: fileRequest('getRecovery'),
    discardAutosave: fileRequest('discardAutosave'),

    startSweep: async (request, context) =>
      sweeps ? await sweeps.start(request, context.sink) : notAvailable('startSweep'),
    cancelSweep: ({ sweepId }) => (sweeps ? sweeps.cancel(sweepId) : notAvailable('cancelSweep')),

    previewExport: (request) => ({ ok: true, value: previewExport(request) }),
    writeExport: async (request) => {
      // The folder comes from the file service: the workspace (web) or a save dialog (Electron).
      if (!files) return notAvailable('writeExport');
      return {
        ok: true,
        value: await writeExport(request, (folder) => files.exportFolder(folder)),
      };
    },

    getStartupDocument: async () => {
      const text = await readExample(DEFAULT_EXAMPLE);
      return { ok: true, value: { fileName: DEFAULT_EXAMPLE, text } };
    },
    startRun: ({ documentText, speed, forever, paused }, context) =>
      simulation.startRun(documentText, { speed, forever, paused }, context.sink),
    controlRun: ({ runId, action }) => simulation.control(runId, action),
    stepRun: ({ runId, seconds }) => simulation.step(runId, seconds),
    setRunSpeed: ({ runId, speed }) => simulation.setSpeed(runId, speed),
    ackFrame: ({ runId, seq }) => simulation.ack(runId, seq),
    editRun: ({ runId, edits }) => simulation.editRun(runId, edits),
  };
}
