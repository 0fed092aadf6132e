/**
 * The f-I view's sweep fields as the student typed them, checked before a sweep starts: each
 * problem names its field and says what to type, so a bad value never reaches the host (which
 * would refuse it with a schema path) and the curve already drawn stays.
 */
import { MAX_SWEEP_POINTS } from '../../../../shared/ipc/sweepContract';

/** The four boxes, as typed. */
export interface SweepFields {
  from: string;
  to: string;
  points: string;
  seconds: string;
}

/** The longest run per point the host accepts (s). */
export const MAX_SECONDS_PER_POINT = 20;

export type SweepProblems = Partial<Record<keyof SweepFields, string>>;

export interface SweepRange {
  from: number;
  to: number;
  count: number;
  duration: number;
}

function numberOf(text: string): number | null {
  if (text.trim() === '') return null;
  const x = Number(text);
  return Number.isFinite(x) ? x : null;
}

/** The sweep the fields describe, or the problem of each field that has one. */
export function checkSweepFields(
  fields: SweepFields,
): { ok: true; range: SweepRange } | { ok: false; problems: SweepProblems } {
  const problems: SweepProblems = {};
  const from = numberOf(fields.from);
  const to = numberOf(fields.to);
  const count = numberOf(fields.points);
  const duration = numberOf(fields.seconds);
  if (from === null) problems.from = 'from: type a number, the first input of the sweep.';
  if (to === null) problems.to = 'to: type a number, the last input of the sweep.';
  else if (from !== null && !(to > from))
    problems.to = `to: must be larger than from (${from}); type a larger value.`;
  if (count === null || !Number.isInteger(count) || count < 2 || count > MAX_SWEEP_POINTS)
    problems.points = `points: type a whole number from 2 to ${MAX_SWEEP_POINTS}.`;
  if (duration === null || !(duration > 0) || duration > MAX_SECONDS_PER_POINT)
    problems.seconds = `seconds per point: type a time above 0 and at most ${MAX_SECONDS_PER_POINT} s (0.5 is a good start).`;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, range: { from: from!, to: to!, count: count!, duration: duration! } };
}
