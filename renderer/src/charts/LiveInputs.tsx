/**
 * A slider for every continuous input (its amplitude: a constant's value, a pulse's or sine's
 * amplitude, a noise's mean) and for every neuron's bias; for a selected node every live param,
 * for a selected synapse its weight and its filter's tauS. Each is named as the inspector names
 * the field (its name, unit and meaning). Moving one changes the document through
 * the editor's commands; while a run is active the live-edit controller sends the new value to the
 * worker, which applies it at its next chunk: the circuit answers without a restart.
 *
 * When a run in which sliders moved ends (or is Reset), a small offer above the sliders asks
 * whether to keep those changes or revert them to the values before the run (document/liveTweaks.ts).
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { Edge, NetworkDocument, NeuronModel } from '../../../shared/document/model';
import type { ParamSpec } from '../../../shared/models/paramSpec';
import { SIGNAL_FIELDS, SYNAPSE_PARAMS } from '../../../shared/models/paramSpecs';
import { weightSpec } from '../document/connect';
import { shownUnit } from '../ui/format';
import { MODEL_PARAMS, MODELS } from '../../../shared/models/registry';
import { uiStore } from '../document/uiStore';
import { formatValue } from './chartSetup';
import { themedColor, useTheme } from '../ui/chartTheme';
import { nodeColor } from '../ui/nodeColors';
import {
  setEdgeFieldFromSlider,
  setParamFromSlider,
  setSignalFieldFromSlider,
} from '../document/runCommands';
import {
  currentOffer,
  currentValue,
  keepSliderChanges,
  liveTweakStore,
  revertSliderChanges,
  type SliderChange,
} from '../document/liveTweaks';
import './charts.css';

interface SliderSpec {
  key: string;
  /** The node's id; the edge's for a weight or a synapse field. */
  nodeId: string;
  label: string;
  /** A param (`bias`), a signal field, an edge's weight or its synapse's `tauS`. */
  kind: 'param' | 'signal' | 'weight' | 'synapse';
  field: string;
  value: number;
  color: string;
  /** The field's spec: units shown (ms for times), lower bound, meaning. */
  spec?: ParamSpec;
}

/** A sentence instead of a slider: why a field has no live control here. */
interface SliderNote {
  key: string;
  text: string;
}

const SIGNAL_AMPLITUDE: Record<string, string> = {
  constant: 'value',
  pulse: 'amplitude',
  sine: 'amplitude',
  noise: 'mean',
  poisson: 'rate',
};

/** Params a run takes live, besides bias, per model (each model's own list, models/registry.ts). */
function liveParams(model: NeuronModel): readonly string[] {
  return MODELS[model].liveParams.filter((name) => name !== 'bias');
}

function paramSpec(model: NeuronModel, name: string): ParamSpec | undefined {
  return MODEL_PARAMS[model].find((p: ParamSpec) => p.name === name);
}

/**
 * Every node's main live control (a neuron's bias, an input's amplitude), and for the selected
 * nodes every other live-editable param and signal field. A field holding one value per element
 * (or a draw) has no slider: a note says why.
 */
export function slidersOf(
  doc: NetworkDocument,
  selection: readonly string[] = [],
): { sliders: SliderSpec[]; notes: SliderNote[] } {
  const out: SliderSpec[] = [];
  const notes: SliderNote[] = [];
  for (const node of doc.nodes) {
    const name = node.label ?? node.id;
    const color = nodeColor(doc, node.id);
    const picked = selection.includes(node.id);
    if (node.kind === 'input') {
      const signal = node.signal as Record<string, unknown> & { type: string };
      const main = SIGNAL_AMPLITUDE[signal.type];
      const fields = (SIGNAL_FIELDS[signal.type] ?? [])
        .map((f) => f.name)
        .filter((f) => f === main || picked);
      for (const field of fields) {
        const value =
          signal[field] ?? SIGNAL_FIELDS[signal.type]?.find((f) => f.name === field)?.default;
        const spec = SIGNAL_FIELDS[signal.type]?.find((f) => f.name === field);
        if (field !== main && signal[field] === undefined) continue; // an optional field left out
        if (typeof value === 'number')
          out.push({
            key: `${node.id}.signal.${field}`,
            nodeId: node.id,
            label: `${name} ${field}`,
            kind: 'signal',
            field,
            value,
            color,
            ...(spec ? { spec } : {}),
          });
        else if (Array.isArray(value))
          notes.push({
            key: `${node.id}.signal.${field}`,
            text: `${name} ${field} has one value per element (${value.length}): type them in the inspector; a run takes the new list live.`,
          });
      }
      if (signal.type === 'step')
        notes.push({
          key: `${node.id}.signal.step`,
          text: `${name} steps: its values change at set times, so it has no single level to slide. Edit the times and values in the inspector (a run takes them live when the number of steps stays).`,
        });
    } else if (node.kind === 'neuron' || node.kind === 'population') {
      const params = (node.params ?? {}) as Record<string, unknown>;
      for (const field of ['bias', ...(picked ? liveParams(node.model) : [])]) {
        const spec = paramSpec(node.model, field);
        const raw = params[field];
        const value = raw ?? spec?.default ?? 0;
        if (typeof value === 'number')
          out.push({
            key: `${node.id}.params.${field}`,
            nodeId: node.id,
            label: `${name} ${field}`,
            kind: 'param',
            field,
            value,
            color,
            ...(spec ? { spec } : {}),
          });
        else
          notes.push({
            key: `${node.id}.params.${field}`,
            text: `${name} ${field} is ${Array.isArray(value) ? 'one value per neuron' : 'a random draw'}: edit it in the inspector.`,
          });
      }
    }
  }
  for (const edge of doc.edges) {
    if (selection.includes(edge.id)) edgeSliders(doc, edge, out, notes);
  }
  return { sliders: out, notes };
}

/** A synapse as the canvas names it: "A → B". */
function edgeName(doc: NetworkDocument, edge: Edge): string {
  const node = (id: string): string => {
    const n = doc.nodes.find((x) => x.id === id);
    return n?.label ?? id;
  };
  return `${node(edge.source)} → ${node(edge.target)}`;
}

/**
 * A selected synapse's live controls: its weight when it is one number (a run takes it live), and
 * its filter's tauS when no other synapse into the same target shares that filter (the engine
 * changes a filter bank live only for an edge that has it to itself; else it asks to restart).
 */
function edgeSliders(
  doc: NetworkDocument,
  edge: Edge,
  out: SliderSpec[],
  notes: SliderNote[],
): void {
  const name = edgeName(doc, edge);
  const color = nodeColor(doc, edge.source);
  if (typeof edge.weight === 'number')
    out.push({
      key: `${edge.id}.weight`,
      nodeId: edge.id,
      label: `${name} weight`,
      kind: 'weight',
      field: 'weight',
      value: edge.weight,
      color,
      spec: weightSpec(doc, [edge]),
    });
  else
    notes.push({
      key: `${edge.id}.weight`,
      text: `${name} weight is a connection rule or a matrix: edit it in the inspector.`,
    });
  const synapse = edge.synapse;
  if (!synapse) return;
  const shared = doc.edges.some(
    (e) =>
      e.id !== edge.id &&
      e.target === edge.target &&
      e.synapse?.tauS === synapse.tauS &&
      (e.synapse?.n ?? 0) === (synapse.n ?? 0),
  );
  if (shared)
    notes.push({
      key: `${edge.id}.synapse.tauS`,
      text: `${name} tauS: another synapse into the same neuron has the same filter, so a change needs a restart: edit it in the inspector.`,
    });
  else
    out.push({
      key: `${edge.id}.synapse.tauS`,
      nodeId: edge.id,
      label: `${name} tauS`,
      kind: 'synapse',
      field: 'tauS',
      value: synapse.tauS,
      color,
      spec: SYNAPSE_PARAMS.find((p) => p.name === 'tauS')!,
    });
}

/** "A bias 1.5 → 3", "A → B weight 0.05 → 0.1": one slider change, named as its slider is. */
function changeText(doc: NetworkDocument, change: SliderChange): string {
  const show = (v: number | undefined): string => (v === undefined ? 'default' : formatValue(v));
  const edge =
    change.kind === 'weight' || change.kind === 'synapse'
      ? doc.edges.find((e) => e.id === change.nodeId)
      : undefined;
  const node = doc.nodes.find((n) => n.id === change.nodeId);
  const name = edge ? edgeName(doc, edge) : (node?.label ?? change.nodeId);
  return `${name} ${change.field} ${show(change.before)} → ${show(change.after)}`;
}

function SliderChangesOffer({ document }: { document: NetworkDocument }) {
  const offer = useStore(liveTweakStore, currentOffer);
  if (!offer) return null;
  // "after" is what the field holds now: moving a slider again after the run updates the note,
  // and a field moved back to its value from before the run is no change to keep or revert.
  const changes = offer.changes
    .map((c) => ({ ...c, after: currentValue(document, c) ?? c.after }))
    .filter((c) => c.after !== c.before);
  if (changes.length === 0) return null;
  const list = changes.map((c) => changeText(document, c)).join(', ');
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
  const selection = useStore(uiStore, (st) => st.selection);
  const { sliders, notes } = slidersOf(document, selection);
  if (sliders.length === 0 && notes.length === 0) return <div />;
  return (
    <section className="live-inputs" aria-label="live inputs">
      <h3 className="live-inputs__title">Live inputs</h3>
      <SliderChangesOffer document={document} />
      {sliders.map((s) => (
        <InputSlider key={s.key} spec={s} />
      ))}
      {notes.map((n) => (
        <p key={n.key} className="live-inputs__note" role="note">
          {n.text}
        </p>
      ))}
      {selection.length === 0 && (
        <p className="live-inputs__hint">Select a node for all of its live controls.</p>
      )}
    </section>
  );
}

/**
 * The one rule for every live slider's range, whatever the node or the field: from the field's
 * lower bound when it has one (a rate, a time constant: from 0), otherwise as far below 0 as above
 * (a bias or an amplitude may be negative), up to twice the value's size, and at least one shown
 * unit (1, or 1 ms for a time shown in ms). So two fields with the same spec and value always get
 * the same range. The range can still be typed (⇔), and grows when the slider is let go at an end.
 */
export function sliderRange(
  value: number,
  spec?: ParamSpec,
): { lo: number; hi: number; step: number } {
  const shownUnit = 1 / (spec?.displayScale ?? 1);
  const hi = Math.max(Math.abs(value) * 2, shownUnit);
  const lo = spec?.min ?? -hi;
  return { lo, hi, step: niceStep(hi - lo) };
}

/** The range after the slider was let go at an end: twice as far that way. */
export function grownRange(
  range: { lo: number; hi: number },
  value: number,
  spec?: ParamSpec,
): { lo: number; hi: number; step: number } | null {
  const span = range.hi - range.lo;
  let { lo, hi } = range;
  if (value >= hi - span / 800) hi = hi + Math.max(span, Math.abs(hi));
  else if (value <= lo + span / 800 && (spec?.min === undefined || lo > spec.min))
    lo =
      spec?.min !== undefined ? Math.max(spec.min, lo - span) : lo - Math.max(span, Math.abs(lo));
  else return null;
  return { lo, hi, step: niceStep(hi - lo) };
}

/** A 400th of a span, rounded to two digits: a decimal the browser steps exactly to the end. */
function niceStep(span: number): number {
  return Number((span / 400).toPrecision(2)) || span / 400;
}

function InputSlider({ spec }: { spec: SliderSpec }) {
  const theme = useTheme();
  // The range stays put while this slider moves the value (it must not move under the pointer),
  // is fitted again when the value changes elsewhere (undo, a file), grows when the slider is let
  // go at an end, and can be typed (min, max).
  const [own, setOwn] = useState(() => ({
    value: spec.value,
    range: sliderRange(spec.value, spec.spec),
  }));
  const [editRange, setEditRange] = useState(false);
  let range = own.range;
  if (spec.value !== own.value) {
    range =
      spec.value >= range.lo && spec.value <= range.hi ? range : sliderRange(spec.value, spec.spec);
    setOwn({ value: spec.value, range });
  }
  const id = `live-input-${spec.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const scale = spec.spec?.displayScale ?? 1;
  const unit = spec.spec ? shownUnit(spec.spec) : '';
  const meaning = spec.spec?.meaning;
  const show = (stored: number): string => formatValue(Number((stored * scale).toPrecision(12)));
  const apply = (value: number, nextRange = range): void => {
    setOwn({ value, range: nextRange });
    if (spec.kind === 'param') setParamFromSlider(spec.nodeId, spec.field, value);
    else if (spec.kind === 'signal') setSignalFieldFromSlider(spec.nodeId, spec.field, value);
    else setEdgeFieldFromSlider(spec.nodeId, spec.kind, spec.field, value);
  };
  const grow = (): void => {
    const next = grownRange(range, spec.value, spec.spec);
    if (next) setOwn({ value: spec.value, range: next });
  };
  const valid = (stored: number): boolean =>
    Number.isFinite(stored) &&
    (spec.spec?.min === undefined ||
      (spec.spec.exclusiveMin ? stored > spec.spec.min : stored >= spec.spec.min)) &&
    (spec.spec?.max === undefined || stored <= spec.spec.max);
  return (
    <div className="live-inputs__row">
      <label
        htmlFor={id}
        style={{ color: themedColor(spec.color, theme), fontWeight: 600 }}
        title={meaning}
      >
        {spec.label}
        {unit ? <span className="live-inputs__unit"> ({unit})</span> : null}
      </label>
      <NumberBox
        label={`${spec.label} value`}
        shown={show(spec.value)}
        onCommit={(text) => {
          const stored = Number(text) / scale;
          if (!valid(stored)) return false;
          // A typed value beyond the range widens it, so the slider can show it.
          apply(
            stored,
            stored > range.hi || stored < range.lo ? sliderRange(stored, spec.spec) : range,
          );
          return true;
        }}
      />
      <button
        type="button"
        className="live-inputs__range-toggle"
        aria-label={`range of ${spec.label}`}
        aria-expanded={editRange}
        title="Type the slider's range"
        onClick={() => setEditRange(!editRange)}
      >
        ⇔
      </button>
      {meaning ? <span className="live-inputs__meaning">{meaning}</span> : null}
      <input
        id={id}
        type="range"
        min={range.lo}
        max={Math.max(range.hi, spec.value)}
        step={range.step}
        value={spec.value}
        onChange={(e) => {
          const v = Number(Number(e.target.value).toPrecision(12));
          // A time constant may not be 0: the slider's left end is the least value it may hold.
          apply(valid(v) ? v : Math.min(range.hi, (spec.spec?.min ?? v) + range.step));
        }}
        onPointerUp={grow}
        onKeyUp={grow}
      />
      {editRange && (
        <div className="live-inputs__range" role="group" aria-label={`${spec.label} range`}>
          <NumberBox
            label={`${spec.label} min`}
            shown={show(range.lo)}
            onCommit={(text) => {
              const lo = Number(text) / scale;
              if (!Number.isFinite(lo) || lo >= range.hi) return false;
              setOwn({
                value: spec.value,
                range: { lo, hi: range.hi, step: niceStep(range.hi - lo) },
              });
              return true;
            }}
          />
          <span>to</span>
          <NumberBox
            label={`${spec.label} max`}
            shown={show(range.hi)}
            onCommit={(text) => {
              const hi = Number(text) / scale;
              if (!Number.isFinite(hi) || hi <= range.lo) return false;
              setOwn({
                value: spec.value,
                range: { lo: range.lo, hi, step: niceStep(hi - range.lo) },
              });
              return true;
            }}
          />
        </div>
      )}
    </div>
  );
}

/** A small number box: commits on Enter or blur, shows the stored value again when refused. */
function NumberBox({
  label,
  shown,
  onCommit,
}: {
  label: string;
  shown: string;
  onCommit(text: string): boolean;
}) {
  const [text, setText] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const commit = (): void => {
    if (text === null) return;
    const ok = text.trim() !== '' && onCommit(text.trim());
    setBad(!ok);
    if (ok) setText(null);
  };
  return (
    <input
      className={`live-inputs__number${bad ? ' is-invalid' : ''}`}
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={bad || undefined}
      value={text ?? shown}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        commit();
        setText(null);
        setBad(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setText(null);
          setBad(false);
        }
      }}
    />
  );
}
