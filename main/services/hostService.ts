/**
 * The host API served to a renderer, independent of transport: Electron IPC and the web host's
 * WebSocket both hand raw payloads to `handle`, which parses them with the contract's schema
 * before anything acts on them. A malformed payload gets an error result and has no side effect.
 */
import {
  HOST_REQUESTS,
  type HostRequestName,
  type HostRequestResults,
  type HostResult,
  type LiveEditRequest,
} from '../../shared/ipc/contract';
import { isFileRequest } from '../../shared/ipc/fileContract';
import { isExportRequest, type ExportRequest } from '../../shared/ipc/exportContract';
import { previewExport, writeExport } from './exportService';
import { readExample, DEFAULT_EXAMPLE } from './examples';
import type { FileService } from './files/fileService';
import type { StartSweepRequest } from '../../shared/ipc/sweepContract';
import type { HostEventSink, SimulationHost } from './simulationHost';

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

export class HostService {
  constructor(
    private readonly simulationHost: SimulationHost,
    /** Files, preferences and window requests (issues 4, 8); absent in tests of the run path. */
    private readonly files?: FileService,
  ) {}

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
      const parsed = HOST_REQUESTS[name].params.safeParse(payload);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
        return {
          ok: false,
          error: `malformed ${name} request${where}: ${first?.message ?? 'invalid'}`,
        };
      }
      return await this.dispatch(name, parsed.data as never, context);
    } catch (e) {
      return { ok: false, error: `${name} failed: ${(e as Error)?.message ?? String(e)}` };
    }
  }

  private async dispatch<K extends HostRequestName>(
    name: K,
    params: never,
    context: RequestContext,
  ): Promise<HostResult<HostRequestResults[K]>> {
    const host = this.simulationHost;
    type R = HostResult<HostRequestResults[K]>;
    if (isFileRequest(name)) {
      if (!this.files) return { ok: false, error: `${name} is not available here` } as R;
      return { ok: true, value: await this.files.dispatch(name, params) } as R;
    }
    if (isExportRequest(name)) {
      const request = params as ExportRequest;
      if (name === 'previewExport') return { ok: true, value: previewExport(request) } as R;
      const files = this.files;
      if (!files) return { ok: false, error: `${name} is not available here` } as R;
      return {
        ok: true,
        value: await writeExport(request, (folder) => files.exportFolder(folder)),
      } as R;
    }
    switch (name) {
      case 'getStartupDocument': {
        const text = await readExample(DEFAULT_EXAMPLE);
        return { ok: true, value: { fileName: DEFAULT_EXAMPLE, text } } as R;
      }
      case 'startRun': {
        const p = params as {
          documentText: string;
          speed: number | 'max';
          forever: boolean;
          paused: boolean;
        };
        return (await host.startRun(
          p.documentText,
          { speed: p.speed, forever: p.forever, paused: p.paused },
          context.sink,
        )) as R;
      }
      case 'controlRun': {
        const p = params as { runId: string; action: 'pause' | 'resume' | 'stop' };
        return host.control(p.runId, p.action) as R;
      }
      case 'stepRun': {
        const p = params as { runId: string; seconds: number };
        return host.step(p.runId, p.seconds) as R;
      }
      case 'setRunSpeed': {
        const p = params as { runId: string; speed: number | 'max' };
        return host.setSpeed(p.runId, p.speed) as R;
      }
      case 'ackFrame': {
        const p = params as { runId: string; seq: number };
        return host.ack(p.runId, p.seq) as R;
      }
      case 'editRun': {
        const p = params as { runId: string; edits: LiveEditRequest[] };
        return (await host.editRun(p.runId, p.edits)) as R;
      }
      case 'startSweep':
        return (await host.sweeps.start(params as StartSweepRequest, context.sink)) as R;
      case 'cancelSweep':
        return host.sweeps.cancel((params as { sweepId: string }).sweepId) as R;
    }
    return { ok: false, error: `unhandled request ${String(name)}` } as R;
  }
}
