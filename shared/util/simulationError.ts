/** A runtime failure (a non-finite state): names the node and the time (docs/format.md#results). */
export class SimulationError extends Error {
  readonly nodeId: string;
  readonly timeSeconds: number;
  /** What failed, without the node and the time (a UI words those in its own units). */
  readonly detail: string;
  constructor(nodeId: string, timeSeconds: number, message: string) {
    super(`node ${nodeId} at t=${formatTime(timeSeconds)} s: ${message}`);
    this.name = 'SimulationError';
    this.nodeId = nodeId;
    this.timeSeconds = timeSeconds;
    this.detail = message;
  }
}

function formatTime(t: number): string {
  return Number(t.toPrecision(6)).toString();
}
