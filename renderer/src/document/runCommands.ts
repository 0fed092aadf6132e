/**
 * The few document changes the run panel makes — a slider moving a value, "record this" adding a
 * probe — expressed with the editor's named commands (renderer/src/document/commands.ts), so they
 * land in the undo history like any other edit and reach the live-edit controller as an ordinary
 * document change. A slider drag is one merged undo step (merge key per slider). A slider moved
 * during a run is remembered (document/liveTweaks.ts), so that when the run ends the user is offered
 * to keep the change or revert it.
 */
import type {
  NetworkDocument,
  NetworkNode,
  Probe,
  ProbeVariable,
} from '../../../shared/document/model';
import { addProbe, setParams, setSignal, updateEdges } from './commands';
import { currentDocument, applyCommand } from './documentStore';
import {
  freshId,
  isSpikingSource,
  probeName,
  probeRecording,
  probeVariablesOf,
  usedIds,
} from './graph';
import { sliderMoved } from './liveTweaks';
import { notify } from './uiStore';

/** Sets a numeric param of a neuron or population (`bias`). */
export function setParamFromSlider(nodeId: string, param: string, value: number): void {
  sliderMoved({ nodeId, kind: 'param', field: param });
  applyCommand(
    setParams,
    { ids: [nodeId], values: { [param]: value } },
    `slider:${nodeId}.${param}`,
  );
}

/** Sets a numeric field of an input's signal (`value`, `amplitude`, `mean`). */
export function setSignalFieldFromSlider(nodeId: string, field: string, value: number): void {
  const node = currentDocument()?.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'input') return;
  sliderMoved({ nodeId, kind: 'signal', field });
  const signal = { ...node.signal, [field]: value } as typeof node.signal;
  applyCommand(setSignal, { ids: [nodeId], signal }, `slider:${nodeId}.signal.${field}`);
}

/** Sets a synapse's number weight, or its filter's time constant (`tauS`). */
export function setEdgeFieldFromSlider(
  edgeId: string,
  kind: 'weight' | 'synapse',
  field: string,
  value: number,
): void {
  const edge = currentDocument()?.edges.find((e) => e.id === edgeId);
  if (!edge || (kind === 'synapse' && !edge.synapse)) return;
  sliderMoved({ nodeId: edgeId, kind, field });
  const patch =
    kind === 'weight' ? { weight: value } : { synapse: { ...edge.synapse!, [field]: value } };
  applyCommand(updateEdges, { ids: [edgeId], patch }, `slider:${edgeId}.${kind}.${field}`);
}

/** The variables a probe may record on this node (docs/format.md#probes). */
export function recordableVariables(doc: NetworkDocument, nodeId: string): ProbeVariable[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  return node ? (probeVariablesOf(node) as ProbeVariable[]) : [];
}

/**
 * "Record this": adds a probe (a chip on the node) of `variable` on the node, unless one of that
 * variable exists: then nothing is added, the notice says which scope records it, and its id is
 * returned (one scope per node and variable, see probeRecording). Returns the probe's id.
 */
export function recordNodeCommand(
  nodeId: string,
  variable: ProbeVariable,
  mergeKey?: string,
): string | null {
  const doc = currentDocument();
  if (!doc) return null;
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  // Any scope of this variable on this node (a population's first 16 too): a second would draw
  // the same traces again under the same legend names.
  const existing = probeRecording(doc, nodeId, variable);
  if (existing) {
    notify(
      `${node.label ?? node.id}'s ${variable} is recorded already (${probeName(doc, existing)}): its trace is in the charts.`,
    );
    return existing.id;
  }
  const id = freshId(usedIds(doc), `${variable}${nodeId}`.replace(/[^A-Za-z0-9_-]/g, '_'));
  const size = 'size' in node && typeof node.size === 'number' ? node.size : 1;
  const probe: Probe = { id, target: nodeId, variable };
  // Every element of a big population is a lot of samples: record the first 16.
  if (size > 16) probe.indices = Array.from({ length: 16 }, (_, k) => k);
  // A chip on its node, not a card: recording costs no room on the canvas (issue 15).
  return applyCommand(addProbe, { probe }, mergeKey) ? id : null;
}

let outputsCounter = 0;

/** The rate units (neurons and populations that do not spike) none of whose variables is recorded. */
export function unrecordedRateUnits(doc: NetworkDocument): NetworkNode[] {
  const recorded = new Set((doc.probes ?? []).map((p) => p.target));
  return doc.nodes.filter(
    (n) =>
      (n.kind === 'neuron' || n.kind === 'population') &&
      !isSpikingSource(n) &&
      !recorded.has(n.id) &&
      probeVariablesOf(n).length > 0,
  );
}

/**
 * Records the output (the first variable, y) of every rate unit not recorded yet, as one undo step:
 * what a rate circuit shows when nothing is recorded, as a spiking one shows its raster. Returns how
 * many were recorded.
 */
export function recordRateOutputs(): number {
  const doc = currentDocument();
  if (!doc) return 0;
  outputsCounter += 1;
  let count = 0;
  for (const node of unrecordedRateUnits(doc)) {
    const variable = probeVariablesOf(node)[0] as ProbeVariable;
    if (recordNodeCommand(node.id, variable, `record-outputs:${outputsCounter}`)) count += 1;
  }
  return count;
}
