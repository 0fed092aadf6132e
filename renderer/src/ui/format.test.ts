import { describe, expect, it } from 'vitest';
import { runErrorText } from './format';

describe('runErrorText', () => {
  const names: Record<string, string> = { r1: 'R' };
  const nodeName = (id: string): string => names[id] ?? id;

  it('says where a run failed in ms, with the name the canvas shows (the CLI says seconds)', () => {
    const status = {
      error: 'node r1 at t=0.308 s: a value is not finite',
      failure: { nodeId: 'r1', timeSeconds: 0.30800000000000005, detail: 'a value is not finite' },
    };
    expect(runErrorText(status, nodeName)).toBe('node R at t = 308 ms: a value is not finite');
  });

  it('names the step that failed, so it reads as the clock does (stopped at its start, 307 ms)', () => {
    const status = {
      dt: 0.001,
      error: 'node r1 at t=0.308 s: a value is not finite',
      failure: { nodeId: 'r1', timeSeconds: 0.30800000000000005, detail: 'a value is not finite' },
    };
    expect(runErrorText(status, nodeName)).toBe(
      'node R in the step from t = 307 to 308 ms: a value is not finite',
    );
  });

  it('keeps the host’s words for any other failure', () => {
    expect(runErrorText({ error: 'could not send results: closed' }, nodeName)).toBe(
      'could not send results: closed',
    );
  });
});
