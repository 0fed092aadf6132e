/** A runtime failure (a non-finite state): names the node and the time (docs/format.md#results). */
export class SimulationError extends Error {
  readonly nodeId: string;
  readonly timeSeconds: number;
  constructor(nodeId: string, timeSeconds: number, message: string) {
    super(`node ${nodeId} at t=${formatTime(timeSeconds)} s: ${message}`);
    this.name = 'SimulationError';
    this.nodeId = nodeId;
    this.timeSeconds = timeSeconds;
  }
}

function formatTime(t: number): string {
  return Number(t.toPrecision(6)).toString();
}
