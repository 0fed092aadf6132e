/**
 * The latest state of every neuron node, read from a plan between two chunks: what the canvas
 * colours its nodes with while a run streams (issue 5). The worker attaches one snapshot to each
 * frame; it is display data only (results and exports use probes and spikes).
 *
 * Each node gets a level on one scale for every model, so one colour legend fits all:
 *   LIF   level = (v - vReset) / (vTh - vReset)               0 at reset, 1 at threshold
 *   HH    level = (V - (-65 mV)) / (spikeThreshold + 65 mV)   0 at rest, 1 at the spike threshold
 *   rate  level = y, or y / (pi/2) for arctan                 the activation's output, 1 at its top
 * Levels below 0 mean below reset or rest (inhibition, after-hyperpolarisation, negative tanh).
 * A population is summarised as at most LIVE_CELLS cells (one per element, or the mean level of a
 * contiguous block of elements), plus the mean over all elements.
 */
import { ACTIVATION_CODE } from '../models/activations';
import type { CompiledPlan, HhPlan, LifPlan, NodePlan, RatePlan } from './plan';

/** The resting potential of the notes' HH neuron (squid axon, 6.3 °C): HH level 0. */
export const HH_LIVE_REST_MV = -65;
/** At most this many cells per node (a population strip on the canvas). */
export const LIVE_CELLS = 32;

export interface NodeLiveState {
  nodeId: string;
  /** The state variable: `v` (LIF), `V` in mV (HH), `y` (rate). */
  variable: 'v' | 'V' | 'y';
  /** Mean of the variable over the node's elements, in its own units. */
  mean: number;
  /** Mean level over all elements (see above). */
  level: number;
  /** Level per cell: min(size, LIVE_CELLS) cells, cell c covering elements [c*size/cells, (c+1)*size/cells). */
  cells: Float64Array;
}

/** The state of every LIF, HH and rate node of `plan`, in document order. */
export function liveStateOf(plan: CompiledPlan): NodeLiveState[] {
  const out: NodeLiveState[] = [];
  for (const node of plan.nodes) {
    const state = nodeLiveState(node);
    if (state) out.push(state);
  }
  return out;
}

function nodeLiveState(node: NodePlan): NodeLiveState | null {
  switch (node.kind) {
    case 'lif':
      return summarise(node.id, 'v', node.v, lifLevel(node));
    case 'hh':
      return summarise(node.id, 'V', node.V, hhLevel(node));
    case 'rate':
      return summarise(node.id, 'y', node.y, rateLevel(node));
    default:
      return null;
  }
}

function lifLevel(node: LifPlan): (i: number) => number {
  return (i) => (node.v[i]! - node.vReset[i]!) / (node.vTh[i]! - node.vReset[i]!);
}

function hhLevel(node: HhPlan): (i: number) => number {
  const threshold = node.params['spikeThreshold']!;
  return (i) => {
    const span = threshold[i]! - HH_LIVE_REST_MV;
    return span > 0 ? (node.V[i]! - HH_LIVE_REST_MV) / span : 0;
  };
}

function rateLevel(node: RatePlan): (i: number) => number {
  const scale = node.activation === ACTIVATION_CODE.arctan ? 2 / Math.PI : 1;
  return (i) => node.y[i]! * scale;
}

function summarise(
  nodeId: string,
  variable: NodeLiveState['variable'],
  values: Float64Array,
  levelOf: (i: number) => number,
): NodeLiveState {
  const size = values.length;
  const cellCount = Math.min(size, LIVE_CELLS);
  const cells = new Float64Array(cellCount);
  let sum = 0;
  let levelSum = 0;
  for (let c = 0; c < cellCount; c++) {
    const from = Math.floor((c * size) / cellCount);
    const to = Math.floor(((c + 1) * size) / cellCount);
    let cellSum = 0;
    for (let i = from; i < to; i++) {
      sum += values[i]!;
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
