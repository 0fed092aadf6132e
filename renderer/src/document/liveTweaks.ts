/**
 * Slider changes made during a run. A live-input slider changes the document (one undo step per
 * drag, so the change is saved like any edit); a student often meant it as a temporary tweak. So
 * the fields a slider moved while a run was active are remembered with the document the run
 * started from, and when the run ends (finished, stopped, failed) or is Reset, the live-inputs
 * panel offers "Keep the slider changes" or "Revert". Revert is one undoable command that puts the
 * pre-run values back; keeping (or just starting another run) changes nothing.
 *
 * UI state: never saved, never undone.
 */
import { createStore } from 'zustand/vanilla';
import type { NetworkDocument } from '../../../shared/document/model';
import { restoreValues, type SliderValue } from './commands';
import { documentStore, applyCommand } from './documentStore';

export interface SliderField {
  /** The node's id; the edge's for a synapse's `weight` and `synapse` fields. */
  nodeId: string;
  /** A node's param or signal field, an edge's (number) weight or a field of its synapse (tauS). */
  kind: 'param' | 'signal' | 'weight' | 'synapse';
  field: string;
}

/** A field a slider moved during the run: its value before the run and now. */
export interface SliderChange extends SliderField {
  before: number | undefined;
  after: number | undefined;
}

export interface LiveTweakState {
  /** While a run is active: the document it started from (null: no run is being watched). */
  baseline: NetworkDocument | null;
  /** The load the baseline belongs to (another file or example drops everything). */
  loadCount: number;
  /** Fields a slider moved since the run started, by `nodeId.kind.field`. */
  touched: ReadonlyMap<string, SliderField>;
  /**
   * A restart (the restart question's Restart) is under way: the stop it makes is not the end of
   * the student's run, so its slider changes stay to be asked about when the restarted run ends.
   */
  restarting: boolean;
  /** After the run: the changes offered to keep or revert (null: nothing to ask). */
  offer: { changes: SliderChange[]; original: NetworkDocument; loadCount: number } | null;
}

export const liveTweakStore = createStore<LiveTweakState>(() => ({
  baseline: null,
  loadCount: 0,
  touched: new Map(),
  restarting: false,
  offer: null,
}));

/** A slider's field in a document now (undefined: left at its default; null: gone). */
export function currentValue(doc: NetworkDocument, f: SliderField): number | undefined | null {
  return valueOf(doc, f);
}

function valueOf(doc: NetworkDocument, f: SliderField): number | undefined | null {
  if (f.kind === 'weight' || f.kind === 'synapse') {
    const edge = doc.edges.find((e) => e.id === f.nodeId);
    const value = f.kind === 'weight' ? edge?.weight : edge?.synapse?.[f.field as 'tauS'];
    return typeof value === 'number' ? value : null;
  }
  const node = doc.nodes.find((n) => n.id === f.nodeId);
  if (!node) return null;
  const holder =
    f.kind === 'param'
      ? node.kind === 'neuron' || node.kind === 'population'
        ? (node.params ?? {})
        : null
      : node.kind === 'input'
        ? node.signal
        : null;
  if (!holder) return null;
  const value = (holder as Record<string, unknown>)[f.field];
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : null;
}

/**
 * A run started from `doc`. A restart while a run is watched keeps the first run's baseline (its
 * slider changes are still to be asked about); otherwise an open offer is closed (kept).
 */
export function runBegan(doc: NetworkDocument): void {
  const { baseline } = liveTweakStore.getState();
  const { loadCount } = documentStore.getState();
  liveTweakStore.setState({ restarting: false });
  if (baseline && liveTweakStore.getState().loadCount === loadCount) return;
  liveTweakStore.setState({ baseline: doc, loadCount, touched: new Map(), offer: null });
}

/**
 * The run is being restarted (stopped, then started again with the edited circuit): until the
 * new run begins, its stop does not end the watch. `false` when the restart did not start a run.
 */
export function runRestarting(on: boolean): void {
  liveTweakStore.setState({ restarting: on });
}

/** A slider moved a field; remembered only while a run is active. */
export function sliderMoved(field: SliderField): void {
  const { baseline, touched } = liveTweakStore.getState();
  if (!baseline) return;
  const key = `${field.nodeId}.${field.kind}.${field.field}`;
  if (touched.has(key)) return;
  liveTweakStore.setState({ touched: new Map(touched).set(key, field) });
}

/** The fields the sliders moved whose value differs from the run's start, or []. */
export function sliderChanges(
  baseline: NetworkDocument,
  current: NetworkDocument,
  touched: Iterable<SliderField>,
): SliderChange[] {
  const out: SliderChange[] = [];
  for (const f of touched) {
    const before = valueOf(baseline, f);
    const after = valueOf(current, f);
    if (before === null || after === null || before === after) continue;
    out.push({ ...f, before, after });
  }
  return out;
}

/** The run ended or was Reset: offer to keep or revert what the sliders changed, if anything. */
export function runEnded(): void {
  const { baseline, touched, loadCount, restarting } = liveTweakStore.getState();
  if (!baseline || restarting) return;
  const { document, loadCount: now } = documentStore.getState();
  const changes =
    document && now === loadCount ? sliderChanges(baseline, document, touched.values()) : [];
  liveTweakStore.setState({
    baseline: null,
    touched: new Map(),
    offer: changes.length > 0 ? { changes, original: baseline, loadCount } : null,
  });
}

/** The offer, unless another document has been loaded since. */
export function currentOffer(state: LiveTweakState): LiveTweakState['offer'] {
  const offer = state.offer;
  return offer && offer.loadCount === documentStore.getState().loadCount ? offer : null;
}

/** "Keep the slider changes": nothing to do but close the offer. */
export function keepSliderChanges(): void {
  liveTweakStore.setState({ offer: null });
}

/** "Revert": the pre-run values back, as one undoable command. */
export function revertSliderChanges(): void {
  const offer = currentOffer(liveTweakStore.getState());
  liveTweakStore.setState({ offer: null });
  if (!offer) return;
  const values: SliderValue[] = offer.changes.map(({ nodeId, kind, field, before }) => ({
    nodeId,
    kind,
    field,
    value: before,
  }));
  applyCommand(restoreValues, { values, original: offer.original });
}
