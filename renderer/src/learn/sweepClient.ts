/**
 * Runs a sweep through the host (main-process worker thread) and follows it: progress per input,
 * then one result. Events that arrive before the start request answers are kept and replayed.
 */
import type { HostApi } from '../../../shared/ipc/contract';
import type {
  StartSweepRequest,
  SweepPoint,
  SweepProgress,
  SweepResult,
} from '../../../shared/ipc/sweepContract';

export interface SweepHandle {
  /** Resolves with the points, or rejects with a message (also when cancelled: 'cancelled'). */
  done: Promise<SweepPoint[]>;
  cancel(): void;
}

export function runSweep(
  host: HostApi,
  request: StartSweepRequest,
  onProgress: (progress: SweepProgress) => void,
): SweepHandle {
  let sweepId: string | null = null;
  let cancelled = false;
  const early: Array<['progress', SweepProgress] | ['result', SweepResult]> = [];
  let finish: (result: SweepResult) => void = () => undefined;
  const unsubscribe: Array<() => void> = [];
  const done = new Promise<SweepPoint[]>((resolve, reject) => {
    finish = (result) => {
      unsubscribe.forEach((u) => u());
      if (result.state === 'done') resolve(result.points);
      else reject(new Error(result.state === 'error' ? result.error : 'cancelled'));
    };
  });
  unsubscribe.push(
    host.on('sweepProgress', (p) => {
      if (sweepId === null) early.push(['progress', p]);
      else if (p.sweepId === sweepId) onProgress(p);
    }),
    host.on('sweepResult', (r) => {
      if (sweepId === null) early.push(['result', r]);
      else if (r.sweepId === sweepId) finish(r);
    }),
  );
  void host.startSweep(request).then((started) => {
    if (!started.ok) {
      finish({ sweepId: '', state: 'error', error: started.error });
      return;
    }
    sweepId = started.value.sweepId;
    for (const [kind, payload] of early) {
      if (payload.sweepId !== sweepId) continue;
      if (kind === 'progress') onProgress(payload);
      else finish(payload);
    }
    early.length = 0;
    if (cancelled) void host.cancelSweep({ sweepId });
  });
  return {
    done,
    cancel() {
      cancelled = true;
      if (sweepId) void host.cancelSweep({ sweepId });
    },
  };
}
