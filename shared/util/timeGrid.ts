/**
 * The time grid t_k = k dt (docs/simulator.md#time). One tolerance, relative to dt, for every
 * question "is this time on the grid": a duration is a whole number of steps (sim/admission.ts gridSteps), an event time snaps
 * to a grid instant, a spike at the run's end is dropped.
 */

/** Relative tolerance of the time grid: |t / dt - k| <= TIME_GRID_TOLERANCE counts as k dt. */
export const TIME_GRID_TOLERANCE = 1e-9;

/** Snap t to the grid k dt when within TIME_GRID_TOLERANCE dt of it. */
export function snapTime(t: number, dt: number): number {
  const k = Math.round(t / dt);
  const g = k * dt;
  return Math.abs(t - g) <= TIME_GRID_TOLERANCE * dt ? g : t;
}

/**
 * Whole grid units in `ratio` (a time divided by dt, or by a bin of whole steps), counting a ratio
 * within TIME_GRID_TOLERANCE below a whole number as that number: floor(ratio + tolerance).
 */
export function gridFloor(ratio: number): number {
  return Math.floor(ratio + TIME_GRID_TOLERANCE);
}
