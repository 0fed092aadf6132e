/**
 * What the live colours on the canvas mean (renderer/src/run/liveNodes.ts): the tint scale from
 * below reset/rest to threshold, and the spike flash. Shown while a run has data; its tooltip gives
 * each model's scale. Re-renders only when the run status changes between none and some.
 */
import { useEffect, useState } from 'react';
import type { NetworkDocument } from '../../../shared/document/model';
import type { NeuronModelDefinition } from '../../../shared/models/neuron';
import { MODEL_LIST } from '../../../shared/models/registry';
import { isSpikingSource } from '../document/graph';
import { liveGradient } from './liveNodes';
import type { SimulationSession } from './SimulationSession';
import './liveNodes.css';

const FROM = -0.6;
const TO = 1;
const GRADIENT = liveGradient(FROM, TO);
const at = (level: number): string => `${(((level - FROM) / (TO - FROM)) * 100).toFixed(1)}%`;

/** What level 0 is called for the models on the canvas: reset (LIF), rest (HH), 0 (rate). */
function zeroName(doc: NetworkDocument): string {
  const names = [...new Set(modelsOf(doc).map((m) => m.live.zeroName))];
  return names.length === 0 ? '0' : names.join(' / ');
}

/**
 * What the top of the scale is called: threshold for spiking models, 1 for rate units (their
 * output y tops out at 1; "threshold" read wrong on a circuit of rate units).
 */
function topName(doc: NetworkDocument): string {
  const names = [...new Set(modelsOf(doc).map((m) => (m.spiking ? 'threshold' : '1')))];
  return names.length === 0 ? 'threshold' : names.join(' / ');
}

/** The models on the canvas, in registry order. */
function modelsOf(doc: NetworkDocument): NeuronModelDefinition[] {
  const used = new Set<string>(
    doc.nodes.flatMap((n) => (n.kind === 'neuron' || n.kind === 'population' ? [n.model] : [])),
  );
  return MODEL_LIST.filter((m) => used.has(m.id));
}

function scaleLines(doc: NetworkDocument): string[] {
  return modelsOf(doc).map((m) => m.live.legend);
}

export function LiveLegend({
  session,
  document,
}: {
  session: SimulationSession;
  document: NetworkDocument;
}) {
  const [visible, setVisible] = useState(session.status !== null);
  useEffect(() => session.subscribeStatus((s) => setVisible(s !== null)), [session]);
  if (!visible) return null;
  const spikes = document.nodes.some(isSpikingSource);
  const title = [
    'Each neuron is tinted by its state at the newest simulated step.',
    ...scaleLines(document),
    'Blue: below reset or rest (inhibited, after a spike).',
    'A population shows its mean as the tint and one cell per neuron (or block) at its foot.',
    ...(spikes ? ['The yellow ring flashes when the node spikes.'] : []),
    'Hover a node for its value.',
  ].join('\n');
  return (
    <div className="live-legend" role="note" aria-label="live colours legend" title={title}>
      <span className="live-legend__title">Live</span>
      <span className="live-legend__scale">
        <span className="live-legend__bar" style={{ background: GRADIENT }} />
        <span className="live-legend__labels">
          <span style={{ left: 0 }}>below</span>
          <span style={{ left: at(0), transform: 'translateX(-50%)' }}>{zeroName(document)}</span>
          <span style={{ right: 0 }}>{topName(document)}</span>
        </span>
      </span>
      {/* The spike ring only where something spikes (a rate unit never flashes). */}
      {spikes && (
        <>
          <span className="live-legend__ring" aria-hidden="true" />
          <span>spike</span>
        </>
      )}
    </div>
  );
}
