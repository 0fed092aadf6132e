/**
 * The spike summary above the charts: per spiking node its count and a rate that says which rate
 * it is. A single neuron's is the format's (docs/format.md#nodes) interval rate (n − 1)/(t_n − t_1): the rate while it
 * fires, which is not spikes per second of the run (3 spikes early in a 600 ms run are an interval
 * rate of 66 Hz but 5 spikes/s), so the line names it and the tooltip gives both. A population's is
 * the mean per neuron over the simulated time.
 *
 * A run edited live is two circuits one after the other, and a rate over the whole run describes
 * neither: a neuron a live edit silenced kept the interval rate of its spikes before the edit, and
 * one that began to fire after an edit had its rate averaged over its silent gap. So once the run
 * has live edits the line gives the same measures over the spikes since the last edit: what the
 * circuit does now, which is what a student who just moved a slider asks. The count stays the
 * run's (it is what the raster shows); the tooltip keeps the whole run's rates. Each number says
 * what it covers, the count and the rate apart ("A: 572 spikes in the run · since the edit at
 * 25.60 s: interval rate 21.6 Hz", "A: 135 spikes in the run · silent since the edit at 1200 ms"):
 * "572 spikes · interval rate 21.6 Hz since the live edit" read as one measure of one stretch.
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
  /**
   * When the run was edited live: the last edit's time, where the spikes below are counted from
   * (later than the edit when a run-forever has dropped the spikes older than its history), and
   * the retained spikes from there on, the first and last of them.
   */
  sinceEdit?: { atS: number; fromS: number; retained: number; firstS: number; lastS: number };
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
  const whole = summariseRun(node, simulatedS);
  const since = node.sinceEdit;
  if (!since) return whole;
  const count = `${node.name}: ${spikes(node.total)} in the run`;
  const editedAt = `edited live at t = ${duration(since.atS)}`;
  const window =
    since.fromS > since.atS
      ? `over the last ${duration(simulatedS - since.fromS)} (edited at ${duration(since.atS)})`
      : `since the edit at ${duration(since.atS)}`;
  // The tooltip says why, and keeps the whole run's measures as the run's tooltip words them.
  const why =
    `the run was ${editedAt}: a rate over the whole run would mix the circuit before and after ` +
    `the edit; over the whole run: ${whole.title.slice(node.name.length + 2)}`;
  if (node.size > 1) {
    const seconds = simulatedS - since.fromS;
    if (seconds <= 0) return { text: `${count} · ${editedAt}`, title: `${node.name}: ${why}` };
    const mean = since.retained / (node.size * seconds);
    return {
      text: `${count} · ${window}: mean ${mean.toFixed(1)} Hz per neuron`,
      title:
        `${node.name}: ${spikes(since.retained)} of ${node.size} neurons ${window}, ` +
        `spikes / (neurons × time) = ${mean.toFixed(2)} Hz per neuron; ${why}`,
    };
  }
  if (since.retained < 2 || !(since.lastS > since.firstS)) {
    const text = since.retained === 0 ? `silent ${window}` : `${window}: ${spikes(since.retained)}`;
    return {
      text: `${count} · ${text}`,
      title: `${node.name}: ${text} (an interval rate (n − 1)/(t_n − t_1) needs two spikes); ${why}`,
    };
  }
  const rate = intervalRate(since.retained, since.firstS, since.lastS);
  return {
    text: `${count} · ${window}: interval rate ${rate.toFixed(1)} Hz`,
    title:
      `${node.name}: interval rate (n − 1)/(t_n − t_1) = ${rate.toFixed(2)} Hz over its ` +
      `${spikes(since.retained)} ${window}, the rate while it fires (the file format's rate ` +
      `measure); ${why}`,
  };
}

/** The entry of a run without live edits: its rates over the whole run. */
function summariseRun(node: SpikeCounts, simulatedS: number): SpikeSummaryEntry {
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
