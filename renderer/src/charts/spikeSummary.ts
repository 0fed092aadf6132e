/**
 * The spike summary above the charts: per spiking node its count and a rate that says which rate
 * it is. A single neuron's is the format's (docs/format.md#nodes) interval rate (n − 1)/(t_n − t_1): the rate while it
 * fires, which is not spikes per second of the run (3 spikes early in a 600 ms run are an interval
 * rate of 66 Hz but 5 spikes/s), so the line names it and the tooltip gives both. A population's is
 * the mean per neuron over the simulated time.
 */
import { intervalRate } from '../../../shared/sim/intervalRate';

export interface SpikeCounts {
  name: string;
  /** Neurons in the node (1: a single neuron). */
  size: number;
  /** Spikes since the run began. */
  total: number;
  /** Spikes still held (run-forever drops the oldest) and the first and last of them, in s. */
  retained: number;
  firstS: number;
  lastS: number;
}

export interface SpikeSummaryEntry {
  text: string;
  /** The tooltip: how the rate is computed, and the other rate. */
  title: string;
}

function spikes(n: number): string {
  return `${n} ${n === 1 ? 'spike' : 'spikes'}`;
}

function duration(seconds: number): string {
  return seconds < 10 ? `${Number((seconds * 1000).toFixed(1))} ms` : `${seconds.toFixed(2)} s`;
}

/** One node's entry; `simulatedS` is the time simulated so far. */
export function summariseNode(node: SpikeCounts, simulatedS: number): SpikeSummaryEntry {
  const count = `${node.name}: ${spikes(node.total)}`;
  const overall = simulatedS > 0 ? node.total / simulatedS : null;
  const overRun =
    overall === null
      ? ''
      : `over the run (${duration(simulatedS)}): ${overall.toFixed(1)} spikes/s`;
  if (node.size > 1) {
    if (simulatedS <= 0) return { text: count, title: `${node.name}: ${node.size} neurons` };
    const mean = node.total / (node.size * simulatedS);
    return {
      text: `${count} · mean ${mean.toFixed(1)} Hz per neuron over the run`,
      title:
        `${node.name}: ${node.total} spikes of ${node.size} neurons in ${duration(simulatedS)}, ` +
        `spikes / (neurons × time) = ${mean.toFixed(2)} Hz per neuron`,
    };
  }
  if (node.retained < 2 || !(node.lastS > node.firstS)) {
    const why =
      node.total === 0 ? 'no spikes yet' : 'an interval rate (n − 1)/(t_n − t_1) needs two spikes';
    return { text: count, title: `${node.name}: ${why}${overRun ? `; ${overRun}` : ''}` };
  }
  const rate = intervalRate(node.retained, node.firstS, node.lastS);
  return {
    text: `${count} · interval rate ${rate.toFixed(1)} Hz`,
    title:
      `${node.name}: interval rate (n − 1)/(t_n − t_1) = ${rate.toFixed(2)} Hz, ` +
      `the rate while it fires (the file format's rate measure)${overRun ? `; ${overRun}` : ''}`,
  };
}
