/**
 * The run controller with a fake host: Run, Pause/Resume, Stop, Step; Run refused for a draft and
 * for an empty circuit; a value changed during a run goes out as a live edit, a structural change
 * raises the restart question, and Restart stops the run and starts the edited circuit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, RunStatus } from '../../../shared/ipc/contract';
import { addNode, setParams } from '../document/commands';
import { applyCommand, documentStore, loadDocumentCommand } from '../document/documentStore';
import { clearAllDrafts, setDraft } from '../document/drafts';
import { keepSliderChanges, liveTweakStore, runEnded } from '../document/liveTweaks';
import { runMessageStore, showRunMessage } from '../document/runMessage';
import { RunController } from './RunController';
import { SimulationSession } from './SimulationSession';

const circuit = {
  format: 'neurosketch-network',
  version: 1,
  simulation: { dt: 1e-4, duration: 1, seed: 1 },
  nodes: [{ id: 'A', kind: 'neuron', model: 'lif', label: 'A', params: { bias: 1.5 } }],
  edges: [],
  probes: [],
  layout: { A: { x: 0, y: 0 } },
} as unknown as NetworkDocument;

const ok = <T>(value: T) => ({ ok: true as const, value });

/** A host that answers every run request and lets the test send its status events. */
function fakeHost() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let runs = 0;
  const host = {
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
    ackFrame: vi.fn(async () => ok(null)),
    startRun: vi.fn(async (_request: { documentText: string }) =>
      ok({ runId: `run-${++runs}`, dt: 1e-4, totalSteps: 10_000 }),
    ),
    controlRun: vi.fn(async () => ok(null)),
    stepRun: vi.fn(async () => ok(null)),
    setRunSpeed: vi.fn(async () => ok(null)),
    editRun: vi.fn(async (request: { edits: unknown[] }) =>
      ok({ timeSeconds: 0.01, outcomes: request.edits.map(() => ({ applied: true })) }),
    ),
  };
  const status = (runId: string, state: RunStatus['state']): void =>
    listeners
      .get('status')
      ?.forEach((l) =>
        l({ runId, state, stepsDone: 0, totalSteps: 10_000, dt: 1e-4, realtimeFactor: 1 }),
      );
  return { host, api: host as unknown as HostApi, status };
}

function setup() {
  const fake = fakeHost();
  const session = new SimulationSession(fake.api);
  const controller = new RunController(fake.api, session);
  const disconnect = controller.connect();
  return { ...fake, session, controller, disconnect };
}

let disconnect: (() => void) | null = null;
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', () => 1);
  loadDocumentCommand(circuit, 'c.neuro');
});
afterEach(() => {
  disconnect?.();
  disconnect = null;
  clearAllDrafts();
  showRunMessage(null);
  runEnded();
  keepSliderChanges();
  vi.unstubAllGlobals();
});

describe('RunController', () => {
  it('runs, pauses, resumes and stops through the host, and follows the run’s status', async () => {
    const t = setup();
    disconnect = t.disconnect;
    const seen = vi.fn();
    t.controller.subscribe(seen);
    expect(await t.controller.start()).toBe(true);
    expect(t.host.startRun).toHaveBeenCalledWith({
      documentText: JSON.stringify(documentStore.getState().document),
      speed: 1,
      forever: false,
      paused: false,
    });
    expect(t.session.runId).toBe('run-1');
    // the live-tweak watch starts with the run
    expect(liveTweakStore.getState().baseline).toBe(documentStore.getState().document);

    t.status('run-1', 'running');
    expect(t.controller.getSnapshot().status?.state).toBe('running');
    expect(t.controller.isActive).toBe(true);
    expect(seen).toHaveBeenCalled();

    await t.controller.togglePause();
    expect(t.host.controlRun).toHaveBeenLastCalledWith({ runId: 'run-1', action: 'pause' });
    t.status('run-1', 'paused');
    await t.controller.togglePause();
    expect(t.host.controlRun).toHaveBeenLastCalledWith({ runId: 'run-1', action: 'resume' });
    t.status('run-1', 'running');

    await t.controller.stop();
    expect(t.host.controlRun).toHaveBeenLastCalledWith({ runId: 'run-1', action: 'stop' });
    t.status('run-1', 'stopped');
    expect(t.controller.isActive).toBe(false);
    // the end of the run ends the watch (the keep/revert offer, none here)
    expect(liveTweakStore.getState().baseline).toBeNull();
  });

  it('steps one dt, starting a paused run when none is active; speed and forever go with it', async () => {
    const t = setup();
    disconnect = t.disconnect;
    t.controller.setSpeed('max');
    t.controller.setForever(true);
    await t.controller.stepDt();
    expect(t.host.startRun).toHaveBeenCalledWith(
      expect.objectContaining({ speed: 'max', forever: true, paused: true }),
    );
    expect(t.host.stepRun).toHaveBeenCalledWith({ runId: 'run-1', seconds: 1e-4 });
    t.status('run-1', 'paused');
    await t.controller.step(0.001);
    expect(t.host.startRun).toHaveBeenCalledTimes(1);
    expect(t.host.stepRun).toHaveBeenLastCalledWith({ runId: 'run-1', seconds: 0.001 });
    t.controller.setSpeed(2);
    expect(t.host.setRunSpeed).toHaveBeenCalledWith({ runId: 'run-1', speed: 2 });
  });

  it('refuses to run while a field holds a draft, naming it, and when the canvas is empty', async () => {
    const t = setup();
    disconnect = t.disconnect;
    setDraft('param:A:tauM', {
      owner: { kind: 'node', ids: ['A'] },
      field: 'tauM',
      text: '-5',
      problem: 'tauM must be > 0 ms',
    });
    expect(await t.controller.start()).toBe(false);
    await t.controller.stepDt();
    expect(t.host.startRun).not.toHaveBeenCalled();
    expect(t.host.stepRun).not.toHaveBeenCalled();
    const message = runMessageStore.getState().message;
    expect(message?.draft?.key).toBe('param:A:tauM');
    expect(message?.text).toMatch(/A/);

    clearAllDrafts();
    loadDocumentCommand({ ...circuit, nodes: [], layout: {} }, 'empty.neuro');
    expect(await t.controller.start()).toBe(false);
    expect(runMessageStore.getState().message?.text).toMatch(/Nothing to simulate/);
    expect(t.host.startRun).not.toHaveBeenCalled();
  });

  it('sends a value changed during a run as a live edit; a structural change asks to restart', async () => {
    const t = setup();
    disconnect = t.disconnect;
    await t.controller.start();
    t.status('run-1', 'running');

    applyCommand(setParams, { ids: ['A'], values: { bias: 2.5 } });
    expect(t.host.editRun).toHaveBeenCalledWith({
      runId: 'run-1',
      edits: [{ elementId: 'A', path: 'params.bias', value: 2.5 }],
    });
    await vi.waitFor(() => expect(t.session.editLog).toHaveLength(1));
    expect(t.controller.getSnapshot().restartReasons).toBeNull();

    applyCommand(addNode, {
      node: { id: 'B', kind: 'neuron', model: 'lif' },
      position: { x: 300, y: 0 },
    });
    expect(t.controller.getSnapshot().restartReasons).not.toBeNull();

    // Keep running: the question closes and is not asked again for the same change.
    t.controller.keepRunning();
    expect(t.controller.getSnapshot().restartReasons).toBeNull();
    applyCommand(setParams, { ids: ['A'], values: { bias: 3 } });
    expect(t.controller.getSnapshot().restartReasons).toBeNull();
  });

  it('a run that ends while the restart question is open turns it into the next run’s notice', async () => {
    const t = setup();
    disconnect = t.disconnect;
    await t.controller.start();
    t.status('run-1', 'running');
    applyCommand(addNode, {
      node: { id: 'B', kind: 'neuron', model: 'lif' },
      position: { x: 300, y: 0 },
    });
    expect(t.controller.getSnapshot().restartReasons).toEqual(['node B added']);
    expect(t.controller.getSnapshot().restartRunEnded).toBeNull();
    t.status('run-1', 'finished');
    // nothing left to keep running: the dialog says the run finished, the change waits for Run
    expect(t.controller.getSnapshot().restartReasons).toEqual(['node B added']);
    expect(t.controller.getSnapshot().restartRunEnded).toBe('finished');
    t.controller.closeRestartQuestion();
    expect(t.controller.getSnapshot().restartReasons).toBeNull();
    expect(t.controller.getSnapshot().restartRunEnded).toBeNull();
  });

  it('a live edit the run refuses is asked about with the field named as the inspector names it', async () => {
    const t = setup();
    disconnect = t.disconnect;
    t.host.editRun.mockImplementation(async (request: { edits: unknown[] }) =>
      ok({
        timeSeconds: 0.01,
        outcomes: request.edits.map(() => ({
          applied: false,
          reason: 'this change needs a restart',
        })),
      }),
    );
    await t.controller.start();
    t.status('run-1', 'running');
    applyCommand(setParams, { ids: ['A'], values: { bias: 2.5 } });
    await vi.waitFor(() =>
      expect(t.controller.getSnapshot().restartReasons).toEqual([
        'A bias: this change needs a restart',
      ]),
    );
  });

  it('restarts: stops the run and starts the edited circuit', async () => {
    const t = setup();
    disconnect = t.disconnect;
    await t.controller.start();
    t.status('run-1', 'running');
    applyCommand(addNode, {
      node: { id: 'B', kind: 'neuron', model: 'lif' },
      position: { x: 300, y: 0 },
    });
    expect(t.controller.getSnapshot().restartReasons).not.toBeNull();
    await t.controller.restart();
    expect(t.host.controlRun).toHaveBeenCalledWith({ runId: 'run-1', action: 'stop' });
    expect(t.host.startRun).toHaveBeenCalledTimes(2);
    const restarted = JSON.parse(t.host.startRun.mock.calls[1]![0].documentText) as NetworkDocument;
    expect(restarted.nodes.map((n) => n.id)).toEqual(['A', 'B']);
    expect(t.session.runId).toBe('run-2');
    expect(t.controller.getSnapshot().restartReasons).toBeNull();
  });

  it('a loaded circuit stops the run and clears the session; Reset does too', async () => {
    const t = setup();
    disconnect = t.disconnect;
    await t.controller.start();
    t.status('run-1', 'running');
    loadDocumentCommand(circuit, 'other.neuro');
    expect(t.host.controlRun).toHaveBeenCalledWith({ runId: 'run-1', action: 'stop' });
    expect(t.session.runId).toBeNull();
    expect(t.controller.getSnapshot().status).toBeNull();

    await t.controller.start();
    t.status('run-2', 'running');
    t.controller.reset();
    expect(t.host.controlRun).toHaveBeenLastCalledWith({ runId: 'run-2', action: 'stop' });
    expect(t.session.runId).toBeNull();
  });
});
