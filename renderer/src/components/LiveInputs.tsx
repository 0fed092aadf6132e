/**
 * A slider for every continuous input (its amplitude: a constant's value, a pulse's or sine's
 * amplitude, a noise's mean) and for every neuron's bias. Moving one changes the document through
 * the editor's commands; while a run is active the live-edit controller sends the new value to the
 * worker, which applies it at its next chunk: the circuit answers without a restart.
 *
 * When a run in which sliders moved ends (or is Reset), a small offer above the sliders asks
 * whether to keep those changes or revert them to the values before the run (store/liveTweaks.ts).
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import { formatValue } from '../sim/chartSetup';
import { themedColor, useTheme } from '../sim/chartTheme';
import { nodeColor } from '../sim/nodeColors';
import { setParamFromSlider, setSignalFieldFromSlider } from '../sim/runCommands';
import {
  currentOffer,
  keepSliderChanges,
  liveTweakStore,
  revertSliderChanges,
  type SliderChange,
} from '../store/liveTweaks';
import '../sim/charts.css';

interface SliderSpec {
  key: string;
  nodeId: string;
  label: string;
  /** `bias` (a param) or a signal field. */
  kind: 'param' | 'signal';
  field: string;
  value: number;
  color: string;
}

const SIGNAL_AMPLITUDE: Record<string, string> = {
  constant: 'value',
  pulse: 'amplitude',
  sine: 'amplitude',
  noise: 'mean',
  poisson: 'rate',
};

export function slidersOf(doc: NetworkDocument): SliderSpec[] {
  const out: SliderSpec[] = [];
  for (const node of doc.nodes) {
    const name = node.label ?? node.id;
    const color = nodeColor(doc, node.id);
    if (node.kind === 'input') {
      const field = SIGNAL_AMPLITUDE[node.signal.type];
      const value = field ? (node.signal as Record<string, unknown>)[field] : undefined;
      if (field && typeof value === 'number')
        out.push({
          key: `${node.id}.signal.${field}`,
          nodeId: node.id,
          label: `${name} ${field}`,
          kind: 'signal',
          field,
          value,
          color,
        });
    } else if (node.kind === 'neuron' || node.kind === 'population') {
      const bias = (node.params as Record<string, unknown> | undefined)?.['bias'] ?? 0;
      if (typeof bias === 'number')
        out.push({
          key: `${node.id}.params.bias`,
          nodeId: node.id,
          label: `${name} bias`,
          kind: 'param',
          field: 'bias',
          value: bias,
          color,
        });
    }
  }
  return out;
}

/** "A bias 1.5 → 3": one slider change, named as its slider is. */
function changeText(doc: NetworkDocument, change: SliderChange): string {
  const node = doc.nodes.find((n) => n.id === change.nodeId);
  const show = (v: number | undefined): string => (v === undefined ? 'default' : formatValue(v));
  return `${node?.label ?? change.nodeId} ${change.field} ${show(change.before)} → ${show(change.after)}`;
}

function SliderChangesOffer({ document }: { document: NetworkDocument }) {
  const offer = useStore(liveTweakStore, currentOffer);
  if (!offer) return null;
  const list = offer.changes.map((c) => changeText(document, c)).join(', ');
  return (
    <div className="live-inputs__offer" role="group" aria-label="slider changes">
      <p className="live-inputs__offer-text" title={list}>
        Sliders moved during the run: {list}.
      </p>
      <div className="live-inputs__offer-buttons">
        <button type="button" onClick={keepSliderChanges}>
          Keep the slider changes
        </button>
        <button
          type="button"
          onClick={revertSliderChanges}
          title="Put back the values from before the run (one undo step)"
        >
          Revert
        </button>
      </div>
    </div>
  );
}

export function LiveInputs({ document }: { document: NetworkDocument }) {
  const sliders = slidersOf(document);
  if (sliders.length === 0) return <div />;
  return (
    <section className="live-inputs" aria-label="live inputs">
      <h3 className="live-inputs__title">Live inputs</h3>
      <SliderChangesOffer document={document} />
      {sliders.map((s) => (
        <InputSlider key={s.key} spec={s} />
      ))}
    </section>
  );
}

/** A slider range around a value: 0 (or -hi) to twice its size, at least 1. */
export function sliderRange(
  value: number,
  field: string,
): { lo: number; hi: number; step: number } {
  const hi = Math.max(Math.abs(value) * 2, 1);
  const lo = value > 0 || field === 'rate' ? 0 : -hi;
  return { lo, hi, step: (hi - lo) / 400 };
}

function InputSlider({ spec }: { spec: SliderSpec }) {
  const theme = useTheme();
  // The range stays put while this slider moves the value (it must not move under the pointer),
  // and is fitted again when the value changes elsewhere (typed in the inspector, undo, a file).
  const [own, setOwn] = useState(() => ({
    value: spec.value,
    range: sliderRange(spec.value, spec.field),
  }));
  let range = own.range;
  if (spec.value !== own.value) {
    range = sliderRange(spec.value, spec.field);
    setOwn({ value: spec.value, range });
  }
  const id = `live-input-${spec.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <div className="live-inputs__row">
      <label htmlFor={id} style={{ color: themedColor(spec.color, theme), fontWeight: 600 }}>
        {spec.label}
      </label>
      <span className="live-inputs__value">{formatValue(spec.value)}</span>
      <input
        id={id}
        type="range"
        min={range.lo}
        max={Math.max(range.hi, spec.value)}
        step={range.step}
        value={spec.value}
        onChange={(e) => {
          const value = Number(e.target.value);
          setOwn({ value, range });
          if (spec.kind === 'param') setParamFromSlider(spec.nodeId, spec.field, value);
          else setSignalFieldFromSlider(spec.nodeId, spec.field, value);
        }}
      />
    </div>
  );
}
