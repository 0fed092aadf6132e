/**
 * The firing rate of one neuron as the file format defines it (docs/format.md#nodes): (n − 1)/(t_n − t_1) over
 * its n spikes, the rate while it fires; 0 with fewer than two spikes. The spike summary, the f-I
 * sweep and the Learn weight view all report this measure.
 */
export function intervalRate(n: number, firstSpike: number, lastSpike: number): number {
  return n >= 2 ? (n - 1) / (lastSpike - firstSpike) : 0;
}
