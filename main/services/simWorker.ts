/**
 * Worker-thread entry: compiles the document and runs the RunLoop, posting each frame with its
 * typed arrays transferred (never cloned).
 */
import { EDIT_MESSAGES, type Issue } from '../../shared/sim/types';
import { parentPort } from 'node:worker_threads';
import { issueText } from '../../shared/document/issueText';
import { loadDocument } from '../../shared/document/loadDocument';
import { frameBuffers } from '../../shared/ipc/frameCodec';
import { estimateRun } from '../../shared/sim/admission';
import { createSimulation } from '../../shared/sim/createSimulation';
import { liveStateOf } from '../../shared/sim/liveState';
import { RunLoop } from './runLoop';
import { stepThreadsFor, type StepThreads } from './stepThreads';
import { optimiseWasmAtOnce } from './v8Flags';
import type { FromWorker, ToWorker } from './simWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('simWorker must run in a worker thread');
optimiseWasmAtOnce();

let loop: RunLoop | null = null;
/** The run's second thread for large LIF populations (stepThreads.ts), if it has one. */
let threads: StepThreads | null = null;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start': {
      // Issue 16 (admission): a run until stopped is judged as one, not by the file's duration.
      const loaded = loadDocument(
        message.documentText,
        message.forever ? { run: { overrides: { duration: Infinity } } } : {},
      );
      if (!loaded.ok) {
        post({
          type: 'invalid',
          message: formatIssues(parsed(message.documentText), loaded.issues),
        });
        return;
      }
      void threads?.close();
      threads = stepThreadsFor(loaded.document);
      // Run forever: no end step; the renderer keeps a rolling window.
      const created = createSimulation(loaded.document, {
        ...(message.forever ? { duration: Infinity } : {}),
        stepHelper: threads,
      });
      if (!created.ok) {
        post({ type: 'invalid', message: formatIssues(loaded.document, created.issues) });
        return;
      }
      const sim = created.simulation;
      // Issue 16 (admission): what one step adds to a frame, for the host's stepRun check.
      const { bytesPerStep } = estimateRun(loaded.document, {
        duration: message.forever ? Infinity : undefined,
      });
      post({
        type: 'started',
        dt: sim.dt,
        totalSteps: sim.totalSteps,
        bytesPerStep,
        cycles: [...(sim.cycles ?? [])],
      });
      loop = new RunLoop(
        sim,
        message.speed,
        {
          // Sent right after advance(): the run's state is the state at frame.stepTo.
          sendFrame: (frame) => {
            const live = liveStateOf(sim.state);
            post(
              { type: 'frame', frame, producedAtMs: Date.now(), live },
              frameBuffers({ runId: '', seq: 0, frame, live }),
            );
          },
          sendStatus: (status) => post({ type: 'status', status }),
          now: () => performance.now(),
          schedule: (callback, delayMs) => {
            if (delayMs <= 0) setImmediate(callback);
            else setTimeout(callback, delayMs);
          },
        },
        { paused: message.paused },
      );
      loop.start();
      return;
    }
    case 'pause':
      loop?.pause();
      return;
    case 'resume':
      loop?.resume();
      return;
    case 'step':
      loop?.step(message.seconds);
      return;
    case 'speed':
      loop?.setSpeed(message.speed);
      return;
    case 'edit': {
      const result = loop
        ? loop.applyEdits(message.edits)
        : {
            timeSeconds: 0,
            outcomes: message.edits.map((e) => ({
              elementId: e.elementId,
              path: e.path,
              applied: false,
              code: 'noRun' as const,
              reason: EDIT_MESSAGES.noRun,
            })),
          };
      post({ type: 'edited', requestId: message.requestId, ...result });
      return;
    }
    case 'credit':
      loop?.credit();
      return;
  }
});

/**
 * Why the app's run was refused, in the app's words: the node by its label, the field by the
 * inspector's name (the CLI, which runs in-process, prints paths: docs/format.md).
 */
function formatIssues(doc: unknown, issues: readonly Issue[]): string {
  return issues.map((i) => issueText(doc, i)).join('\n');
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
