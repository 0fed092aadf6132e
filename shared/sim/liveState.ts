/**
 * The latest state of every neuron node, read from a run's state (engine/runState.ts) between two chunks: what the canvas
 * colours its nodes with while a run streams (issue 5). The worker attaches one snapshot to each
 * frame; it is display data only (results and exports use probes and spikes).
 *
 * Each node gets a level on one scale for every model, so one colour legend fits all: each model
 * says which variable is shown and how its level is scaled (`live`, `liveLevel` in its folder):
 *   LIF   level = (v - vReset) / (vTh - vReset)               0 at reset, 1 at threshold
 *   HH    level = (V - (-65 mV)) / (spikeThreshold + 65 mV)   0 at rest, 1 at the spike threshold
 *   rate  level = y, or y / (pi/2) for arctan                 the activation's output, 1 at its top
 * Levels below 0 mean below reset or rest (inhibition, after-hyperpolarisation, negative tanh).
 * A population is summarised as at most LIVE_CELLS cells (one per element, or the mean level of a
 * contiguous block of elements), plus the mean over all elements.
 */
import type { RunState } from './engine/runState';

export { HH_LIVE_REST_MV } from '../models/hh/model';
/** At most this many cells per node (a population strip on the canvas). */
export const LIVE_CELLS = 32;

export interface NodeLiveState {
  nodeId: string;
  /** The model's live variable: `v` (LIF), `V` in mV (HH), `y` (rate). */
  variable: string;
  /** Mean of the variable over the node's elements, in its own units. */
  mean: number;
  /** Mean level over all elements (see above). */
  level: number;
  /** Level per cell: min(size, LIVE_CELLS) cells, cell c covering elements [c*size/cells, (c+1)*size/cells). */
  cells: Float64Array;
}

/** The state of every neuron node of a run, in document order. */
export function liveStateOf(state: Pick<RunState, 'nodes'>): NodeLiveState[] {
  const out: NodeLiveState[] = [];
  for (const node of state.nodes) {
    if (node.kind !== 'neuron') continue;
    const model = node.model;
    const variable = model.live.variable;
    out.push(
      summarise(
        node.id,
        variable,
        node.size,
        (i) => model.read(node, variable, i),
        (i) => model.liveLevel(node, i),
      ),
    );
  }
  return out;
}

function summarise(
  nodeId: string,
  variable: string,
  size: number,
  valueOf: (i: number) => number,
  levelOf: (i: number) => number,
): NodeLiveState {
  const cellCount = Math.min(size, LIVE_CELLS);
  const cells = new Float64Array(cellCount);
  let sum = 0;
  let levelSum = 0;
  for (let c = 0; c < cellCount; c++) {
    const from = Math.floor((c * size) / cellCount);
    const to = Math.floor(((c + 1) * size) / cellCount);
    let cellSum = 0;
    for (let i = from; i < to; i++) {
      sum += valueOf(i);
      cellSum += levelOf(i);
    }
    levelSum += cellSum;
    cells[c] = cellSum / (to - from);
  }
  return {
    nodeId,
    variable,
    mean: size > 0 ? sum / size : NaN,
    level: size > 0 ? levelSum / size : NaN,
    cells,
  };
}
