/**
 * Facts about a node that every layer asks (the editor, the Learn views, the session, the
 * simulator's hosts): how many elements it has, whether it emits spikes, what to call it, what it
 * can record. One place, read from the model registry (docs/format.md#nodes).
 */
import { probeVariables } from '../models/neuron';
import { INPUT_PROBE_VARIABLES } from '../models/paramSpecs';
import { MODELS } from '../models/registry';
import type { NetworkNode } from './model';

/** Number of elements a node has (1 for a single neuron or the bias node). */
export function nodeSize(node: NetworkNode): number {
  if (node.kind === 'population') return node.size;
  if (node.kind === 'input') return node.size ?? 1;
  return 1;
}

/** Spiking models' neurons and populations, and spike-train inputs, emit spikes. */
export function isSpikingSource(node: NetworkNode): boolean {
  if (node.kind === 'neuron' || node.kind === 'population') return MODELS[node.model].spiking;
  if (node.kind === 'input') return node.signal.type === 'spikes' || node.signal.type === 'poisson';
  return false;
}

/** A node's name for the text: its label, else its id. */
export function displayName(node: NetworkNode): string {
  return node.label ?? node.id;
}

/** Unit of a node's total input J, for neurons and populations. */
export function inputUnit(node: NetworkNode): string | null {
  if (node.kind !== 'neuron' && node.kind !== 'population') return null;
  return MODELS[node.model].inputUnit;
}

/** The probe variables a node offers (docs/format.md#probes); empty for the bias node. */
export function probeVariablesOf(node: NetworkNode): readonly string[] {
  if (node.kind === 'neuron' || node.kind === 'population')
    return probeVariables(MODELS[node.model]);
  if (node.kind === 'input') return INPUT_PROBE_VARIABLES;
  return [];
}

/** Every node whose spikes a run records: spiking neurons/populations and spike sources. */
export function spikeNodesOf(nodes: readonly NetworkNode[]): Array<{ id: string; size: number }> {
  return nodes.filter(isSpikingSource).map((n) => ({ id: n.id, size: nodeSize(n) }));
}
