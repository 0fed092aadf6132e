/**
 * Messages that match the circuit's state (issue 15, item 7): whether a circuit can spike at all,
 * whether there is anything to simulate, and whether dt is large against its smallest time
 * constant. Pure functions of the document.
 */
import type { NetworkDocument } from '../../../shared/document/model';
import { modelById } from '../../../shared/models/registry';
import { formatNumber } from '../ui/format';
import { isChipProbe, isSpikingSource } from './graph';

/** Some node emits spikes (a LIF or HH neuron or population, a spike-train input). */
export function hasSpikingElement(doc: NetworkDocument): boolean {
  return doc.nodes.some(isSpikingSource);
}

/** The spike summary's line when there are no spikes to list. */
export function noSpikesText(doc: NetworkDocument, ran: boolean): string {
  if (doc.nodes.length === 0) return 'Nothing to simulate yet: add a neuron or an input.';
  if (!hasSpikingElement(doc))
    return 'No spiking element in this circuit: rate units and continuous inputs have values, not spikes (see the charts).';
  return ran ? 'No spikes in this run.' : 'No spikes yet: press Run.';
}

/** Why Run has nothing to do, or null. */
export function nothingToSimulate(doc: NetworkDocument): string | null {
  return doc.nodes.length === 0
    ? 'Nothing to simulate: the canvas is empty. Add a neuron or an input from the palette first.'
    : null;
}

interface TimeConstant {
  seconds: number;
  what: string;
}

/** Every time constant of the circuit that dt must resolve, with what it is, smallest first. */
export function timeConstants(doc: NetworkDocument): TimeConstant[] {
  const out: TimeConstant[] = [];
  const num = (v: unknown): number | null => (typeof v === 'number' && v > 0 ? v : null);
  for (const n of doc.nodes) {
    const name = n.label ?? n.id;
    if (n.kind === 'neuron' || n.kind === 'population') {
      const params = (n.params ?? {}) as Record<string, unknown>;
      const model = modelById(n.model);
      for (const scale of model?.timeScales ?? []) {
        const spec = model!.params.find((p) => p.name === scale.param);
        const seconds =
          scale.param !== undefined ? num(params[scale.param] ?? spec?.default) : scale.seconds;
        if (seconds) out.push({ seconds, what: scale.what.replace('{node}', name) });
      }
    } else if (n.kind === 'input' && n.signal.type === 'noise') {
      const tau = num((n.signal as { tau?: unknown }).tau);
      if (tau) out.push({ seconds: tau, what: `the noise τ of ${name}` });
    }
  }
  // a synapse by its ends, as its card reads (its id is never shown)
  const label = (id: string): string => {
    const node = doc.nodes.find((n) => n.id === id);
    return node?.label ?? id;
  };
  for (const e of doc.edges) {
    const tauS = num(e.synapse?.tauS);
    if (tauS)
      out.push({
        seconds: tauS,
        what: `τs of synapse ${label(e.source)} → ${label(e.target)}`,
      });
  }
  return out.sort((a, b) => a.seconds - b.seconds);
}

/**
 * A warning when dt is more than half the smallest time constant, naming it; or null. It says what
 * a large dt does and does not change (walkthrough 6: at dt = 50 ms the v trace never reached
 * threshold yet the raster showed 23 spikes): spikes are located exactly inside a step, a trace is
 * a sample every dt.
 */
export function dtWarning(doc: NetworkDocument): string | null {
  const smallest = timeConstants(doc)[0];
  const dt = doc.simulation.dt;
  if (!smallest || dt <= smallest.seconds / 2) return null;
  const ms = (s: number): string => `${formatNumber(s * 1000, 4)} ms`;
  return `dt = ${ms(dt)} is large against the smallest time constant, ${smallest.what} = ${ms(smallest.seconds)}. Spikes and rates stay exact, but traces are sampled only every dt, so a trace can miss a threshold crossing. Pick dt ≤ ${ms(smallest.seconds / 10)} (τ/10) to see its shape.`;
}

/**
 * What the circuit records, in the words of the canvas: scope cards and the record chips on nodes
 * are both recordings ("4 recordings: 1 scope card, 3 chips on nodes"), never "4 scopes" for one
 * card.
 */
export function recordingsText(doc: NetworkDocument): string {
  const probes = doc.probes ?? [];
  if (probes.length === 0) return 'nothing recorded';
  const chips = probes.filter((p) => isChipProbe(doc, p)).length;
  const cards = probes.length - chips;
  const parts = [
    ...(cards > 0 ? [countOf(cards, 'scope card')] : []),
    ...(chips > 0 ? [chips === 1 ? '1 chip on a node' : `${chips} chips on nodes`] : []),
  ];
  return `${countOf(probes.length, 'recording')}: ${parts.join(', ')}`;
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
