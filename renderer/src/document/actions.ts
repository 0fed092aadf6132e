/**
 * Editor actions: what palette clicks, keyboard shortcuts, context menus and toolbar buttons do.
 * Each turns into one named command (or an undo/redo/load) plus UI-store updates.
 */
import type { Activation, Probe, ProbeVariable, Weight } from '../../../shared/document/model';
import { recordNodeCommand } from './runCommands';
import { copySelection, planPaste, type Clip } from './clipboard';
import {
  addNode,
  addProbe,
  connectNodes,
  deleteElements,
  insertElements,
  tidyLayout,
  updateEdges,
} from './commands';
import { connectionRefusal } from './connect';
import { oversizeRefusal, ruleText } from './connectionRule';
import { currentDocument, redoCommand, applyCommand, undoCommand } from './documentStore';
import {
  freeProbeVariable,
  freshNumberedId,
  probeCards,
  probeName,
  probeRecording,
  probeVariablesOf,
  usedIds,
  type XY,
} from './graph';
import { dismissNoticeAbout, notify, pruneSelection, select, uiStore } from './uiStore';
import { isPopulationActivation } from '../../../shared/models/activations';
import { modelById } from '../../../shared/models/registry';
import { buildNode, PALETTE } from './catalogue';
import {
  DEFAULT_NODE_SIZE,
  DEFAULT_SCOPE_SIZE,
  defaultNodePosition,
  freePosition,
  isFreeAt,
  readingSlot,
  type Box,
  type Size,
} from './placement';
import type { CanvasSlot } from './canvasSlot';

const PASTE_OFFSET = { x: 40, y: 40 };

function afterHistoryMove(): void {
  const doc = currentDocument();
  if (!doc) return;
  const ids = usedIds(doc);
  pruneSelection((id) => ids.has(id));
}

/**
 * A palette item added by a click (at the centre) or a drop (where it fell, `onto` the node under
 * the pointer if any), with the activation chosen in the palette. A single rate neuron asked for a
 * population-only activation (softmax, one-hot) is added as logistic, and never silently: the
 * notice says why, after a click as after a drag (both come here).
 */
export function addPaletteChoice(
  canvas: CanvasSlot,
  key: string,
  position?: XY,
  chosen?: Activation,
  onto?: string | null,
): string | null {
  const population = key.startsWith('pop-');
  const model = modelById(population ? key.slice(4) : key);
  if (!model?.hasActivation || chosen === undefined)
    return addFromPalette(canvas, key, position, undefined, onto);
  const fallback = !population && isPopulationActivation(chosen);
  const id = addFromPalette(canvas, key, position, fallback ? 'logistic' : chosen);
  if (id && fallback)
    notify(
      `Added rate neuron ${id} as logistic: ${chosen} compares the units of a layer, so it needs a Rate population (the Populations group).`,
    );
  return id;
}

/**
 * Adds a palette item at `position` (default: a free slot in view). A scope records `onto` (the
 * node it was dropped on, or the target of the synapse it was dropped on), else the selected node,
 * else the node nearest the drop point.
 */
export function addFromPalette(
  canvas: CanvasSlot,
  key: string,
  position?: XY,
  activation?: Activation,
  onto?: string | null,
): string | null {
  const doc = currentDocument();
  if (!doc) return null;
  const label = PALETTE.find((p) => p.key === key)?.label ?? key;
  if (key === 'probe') {
    const target = scopeTarget(position ?? canvas.bridge?.centre() ?? { x: 0, y: 0 }, onto);
    if (!target) {
      notify('Add a neuron or an input first: a scope records one of them.', 'refusal');
      return null;
    }
    const node = doc.nodes.find((n) => n.id === target)!;
    const name = node.label ?? node.id;
    // One scope per node and variable (a second drew the same trace twice, "B B" in its chart's
    // legend): the first variable not recorded yet, as S does; none left, nothing is added.
    const first = probeVariablesOf(node)[0]!;
    const variable = freeProbeVariable(doc, node);
    if (!variable) {
      const existing = probeRecording(doc, target, first)!;
      select([existing.id]);
      notify(
        `every variable of ${name} is recorded already (its ${first}: ${probeName(doc, existing)}).`,
        'refusal',
        'Not added: ',
      );
      return null;
    }
    const probe: Probe = { id: freshNumberedId(usedIds(doc), 'scope'), target, variable };
    // Where it was dropped when that covers nothing; else (dropped on a card, a label or a line,
    // or added by a click) beside its target, where nothing is covered either.
    const t = doc.layout?.[target] ?? { x: 0, y: 0 };
    const size = DEFAULT_SCOPE_SIZE;
    const at =
      position && isFreeAt(position, size, takenBoxes(canvas, doc))
        ? position
        : freeSpot(canvas, { x: t.x + 220, y: t.y + 90 }, size);
    if (!applyCommand(addProbe, { probe, position: at })) return null;
    // A drop is seen where it lands, or placed beside its target in view when there is room: the
    // canvas follows it only when part of it is hidden (as for every new element). A fit here
    // re-panned and re-zoomed the view after a drop that landed in view (walkthrough 5).
    if (!position) revealIfOutside(canvas, at, size);
    select([probe.id]);
    const already = variable === first ? '' : ` (its ${first} is recorded already)`;
    notify(`Scope ${probe.id} records ${variable} of ${name}${already}.`);
    return probe.id;
  }
  const node = buildNode(doc, key, activation);
  if (!node) return null;
  const at = position ?? nextSlot(canvas);
  if (!applyCommand(addNode, { node, position: at })) return null;
  if (!position) revealIfOutside(canvas, at, newNodeSize(canvas));
  select([node.id]);
  notify(`Added ${label} ${node.id}.`);
  return node.id;
}

/**
 * A new card placed outside the view (no room left in it): fit the view to the whole circuit, so
 * the card is seen and nothing else leaves the screen.
 */
function revealIfOutside(canvas: CanvasSlot, at: XY, size: Size): void {
  const view = canvas.bridge?.visibleRect?.();
  if (!view) return;
  const inside =
    at.x >= view.x &&
    at.y >= view.y &&
    at.x + size.width <= view.x + view.width &&
    at.y + size.height <= view.y + view.height;
  if (!inside) requestAnimationFrame(() => canvas.fitView());
}

/**
 * Where a node added by a palette click or a key goes: the first free slot in reading order of the
 * visible canvas (clear of cards, labels and lines), so three clicks give three neurons left to
 * right; with no free slot in view, the free spot nearest the view's centre (the view then fits).
 */
function nextSlot(canvas: CanvasSlot): XY {
  const size = newNodeSize(canvas);
  const view = canvas.bridge?.visibleRect?.();
  const doc = currentDocument();
  if (view && doc && view.width > 0) {
    // Inset: room left of and above the first slot for the bows and lanes of its wiring.
    const inset = {
      x: view.x + 40,
      y: view.y + 40,
      width: view.width - 40,
      height: view.height - 40,
    };
    // The rows start at the circuit's top-left card when it is in view (the new card joins it),
    // else at the view's top-left corner.
    const cards = doc.nodes.map((n) => doc.layout?.[n.id]).filter((p): p is XY => !!p);
    const corner =
      cards.length > 0
        ? { x: Math.min(...cards.map((p) => p.x)), y: Math.min(...cards.map((p) => p.y)) }
        : null;
    const seen =
      corner &&
      corner.x >= view.x &&
      corner.y >= view.y &&
      corner.x < view.x + view.width &&
      corner.y < view.y + view.height;
    return readingSlot(size, takenBoxes(canvas, doc), inset, seen ? corner : undefined);
  }
  const c = canvas.bridge?.centre() ?? { x: 0, y: 0 };
  return freeSpot(canvas, { x: c.x - size.width / 2, y: c.y - size.height / 2 }, size);
}

/** A new card's size: as wide and tall as the widest card drawn (LIF cards measure ~220 px). */
function newNodeSize(canvas: CanvasSlot): Size {
  const sizes = Object.values(canvas.nodeSizes());
  return {
    width: Math.max(DEFAULT_NODE_SIZE.width, ...sizes.map((m) => m.width)),
    height: Math.max(DEFAULT_NODE_SIZE.height, ...sizes.map((m) => m.height)),
  };
}

/** `at`, or the nearest position to it where a box of `size` overlaps no card, label or line. */
export function freeSpot(canvas: CanvasSlot, at: XY, size: Size): XY {
  const doc = currentDocument();
  if (!doc) return at;
  return freePosition(at, size, takenBoxes(canvas, doc), canvas.bridge?.visibleRect?.());
}

/** What a new card must not cover: cards, synapse labels, lanes and the lines themselves. */
function takenBoxes(
  canvas: CanvasSlot,
  doc: NonNullable<ReturnType<typeof currentDocument>>,
): Box[] {
  const layout = doc.layout ?? {};
  const measured = canvas.nodeSizes();
  // Where the canvas draws each element (its fallback positions when the layout has none).
  const taken: Box[] = [
    ...doc.nodes.map((n, i) => ({
      ...(layout[n.id] ?? defaultNodePosition(i)),
      ...(measured[n.id] ?? DEFAULT_NODE_SIZE),
    })),
    ...probeCards(doc).map((p) => ({
      ...layout[p.id]!,
      ...(measured[p.id] ?? DEFAULT_SCOPE_SIZE),
    })),
    // Synapse labels and the lanes of return edges: a new card never covers them either.
    ...(canvas.bridge?.wiringBoxes?.() ?? []).map((b) => ({
      x: b.x,
      y: b.y,
      width: b.w,
      height: b.h,
    })),
  ];
  return taken;
}

/**
 * What a new scope records: the node it was dropped on (a drop on Winner with D selected recorded
 * D, walkthrough 5), else the selected node, else the node nearest `at`.
 */
function scopeTarget(at: XY, onto?: string | null): string | null {
  const doc = currentDocument();
  if (!doc) return null;
  const selected = uiStore.getState().selection;
  const recordable = doc.nodes.filter((n) => probeVariablesOf(n).length > 0);
  const chosen =
    recordable.find((n) => n.id === onto) ?? recordable.find((n) => selected.includes(n.id));
  if (chosen) return chosen.id;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const n of recordable) {
    const p = doc.layout?.[n.id] ?? { x: 0, y: 0 };
    const d = (p.x - at.x) ** 2 + (p.y - at.y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = n.id;
    }
  }
  return best;
}

/** Connects two elements, or says why it cannot. */
export function connect(source: string, target: string): boolean {
  const doc = currentDocument();
  if (!doc) return false;
  const refusal = connectionRefusal(doc, source, target);
  if (refusal) {
    notify(refusal, 'refusal');
    return false;
  }
  const before = new Set(doc.edges.map((e) => e.id));
  // Refused when made, with the estimate, rather than at Run (issue 15).
  const candidate = connectNodes.apply(doc, { source, target });
  const added = candidate.edges.find((e) => !before.has(e.id));
  const tooLarge = added ? oversizeRefusal(candidate, added.id) : null;
  if (tooLarge) {
    notify(tooLarge, 'refusal');
    return false;
  }
  const ok = applyCommand(connectNodes, { source, target });
  const now = currentDocument();
  const created = now?.edges.find((e) => !before.has(e.id));
  if (created && now) {
    select([created.id]);
    // Between multi-element nodes the rule is a choice: say which one was made, and where to change it.
    const rule = ruleText(now, created);
    if (rule) {
      const s = now.nodes.find((n) => n.id === created.source);
      const t = now.nodes.find((n) => n.id === created.target);
      notify(
        `Connected ${s?.label ?? created.source} → ${t?.label ?? created.target}: ${rule}. Choose another connection rule in the inspector.`,
        'info',
        undefined,
        [created.id],
      );
    }
  }
  return ok;
}

export function deleteSelection(): void {
  const ids = uiStore.getState().selection;
  if (ids.length === 0) return;
  if (applyCommand(deleteElements, { ids: [...ids] })) {
    select([]);
    afterHistoryMove();
  }
}

export function copy(): void {
  const doc = currentDocument();
  const ids = uiStore.getState().selection;
  if (!doc || ids.length === 0) return;
  const clip = copySelection(doc, ids);
  if (clip.nodes.length === 0) return;
  uiStore.setState({ clipboard: clip });
  notify(`Copied ${nodesText(clip.nodes.length)}.`);
}

/** "1 node", "3 nodes": what a copy, paste or duplicate says it did. */
const nodesText = (n: number): string => `${n} node${n === 1 ? '' : 's'}`;

export function cut(): void {
  copy();
  deleteSelection();
}

export function paste(canvas: CanvasSlot): void {
  const doc = currentDocument();
  const clip = uiStore.getState().clipboard;
  if (!doc || !clip) return;
  const plan = planPaste(doc, clip, pasteOffset(canvas, doc, clip));
  if (applyCommand(insertElements, plan)) {
    revealBlockIfOutside(canvas, plan);
    select(plan.ids);
    // The next paste lands beside this one.
    uiStore.setState({ clipboard: { ...clip, layout: plan.layout } });
    // Said, or the Copy's "Copied 1 node." stayed up after the paste (walkthrough 5).
    notify(`Pasted ${nodesText(plan.nodes.length)}.`);
  }
}

export function duplicate(canvas: CanvasSlot): void {
  const doc = currentDocument();
  const ids = uiStore.getState().selection;
  if (!doc || ids.length === 0) return;
  const clip = copySelection(doc, ids);
  if (clip.nodes.length === 0) return;
  const plan = planPaste(doc, clip, pasteOffset(canvas, doc, clip));
  if (applyCommand(insertElements, plan)) {
    revealBlockIfOutside(canvas, plan);
    select(plan.ids);
    notify(`Duplicated ${nodesText(plan.nodes.length)}.`);
  }
}

/** Pasted cards that landed outside the view (no room in it): the whole circuit is fitted. */
function revealBlockIfOutside(canvas: CanvasSlot, plan: Clip): void {
  const block = clipBlock(canvas, plan);
  if (block) revealIfOutside(canvas, block, { width: block.width, height: block.height });
}

/** The box around a clip's cards (measured sizes by their ids, else the standard ones). */
function clipBlock(canvas: CanvasSlot, clip: Clip): (XY & Size) | null {
  const measured = canvas.nodeSizes();
  const boxes = Object.entries(clip.layout).map(([id, p]) => ({
    ...p,
    ...(measured[id] ??
      (clip.probes.some((probe) => probe.id === id) ? DEFAULT_SCOPE_SIZE : DEFAULT_NODE_SIZE)),
  }));
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}

/**
 * How far copies move from their originals: the clip's cards as one block, put at the free spot
 * nearest a step down and right (clear of every card, label and line), so a copy never hides its
 * original (a duplicated B sat exactly on B, walkthrough 4).
 */
function pasteOffset(
  canvas: CanvasSlot,
  doc: NonNullable<ReturnType<typeof currentDocument>>,
  clip: Clip,
): XY {
  const block = clipBlock(canvas, clip);
  if (!block) return PASTE_OFFSET;
  const at = freePosition(
    { x: block.x + PASTE_OFFSET.x, y: block.y + PASTE_OFFSET.y },
    { width: block.width, height: block.height },
    takenBoxes(canvas, doc),
    canvas.bridge?.visibleRect?.(),
  );
  return { x: at.x - block.x, y: at.y - block.y };
}

export function selectAll(): void {
  const doc = currentDocument();
  if (!doc) return;
  select([
    ...doc.nodes.map((n) => n.id),
    ...(doc.probes ?? []).map((p) => p.id),
    ...doc.edges.map((e) => e.id),
  ]);
}

export function undo(): void {
  if (undoCommand()) afterHistoryMove();
}

export function redo(): void {
  if (redoCommand()) afterHistoryMove();
}

export function tidy(canvas: CanvasSlot): void {
  applyCommand(tidyLayout, { sizes: canvas.nodeSizes() });
  requestAnimationFrame(() => canvas.fitView());
}

export function startRename(id?: string): void {
  const target = id ?? uiStore.getState().selection[0];
  if (target) uiStore.setState({ renamingId: target });
}

let ruleEditCounter = 0;

/**
 * Gives edges new weights (a connection rule, its p, its w), refused with the size estimate when
 * the circuit would become too large to run. One undo step per call unless `mergeKey` folds
 * consecutive calls (typing in one field).
 */
export function setEdgeWeights(weights: Record<string, Weight>, mergeKey?: string): boolean {
  const doc = currentDocument();
  if (!doc) return false;
  const groups = new Map<string, string[]>();
  for (const [id, w] of Object.entries(weights)) {
    const key = JSON.stringify(w);
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  let candidate = doc;
  for (const [key, ids] of groups)
    candidate = updateEdges.apply(candidate, { ids, patch: { weight: JSON.parse(key) as Weight } });
  if (candidate === doc) return false;
  for (const id of Object.keys(weights)) {
    const tooLarge = oversizeRefusal(candidate, id);
    if (tooLarge) {
      notify(tooLarge, 'refusal', 'Not changed: ');
      return false;
    }
  }
  ruleEditCounter += 1;
  const mk = mergeKey ?? `edge-weights:${ruleEditCounter}`;
  for (const [key, ids] of groups)
    applyCommand(updateEdges, { ids, patch: { weight: JSON.parse(key) as Weight } }, mk);
  // "Connected A → B: one-to-one" no longer says what the edge is; its label does.
  dismissNoticeAbout(Object.keys(weights));
  return true;
}

/**
 * S: records the selected node as a chip (the next of its variables not recorded yet), or says why
 * nothing can be recorded. Never a node that is not selected.
 */
export function recordSelected(): void {
  const doc = currentDocument();
  if (!doc) return;
  const selection = uiStore.getState().selection;
  const node = doc.nodes.find((n) => selection.includes(n.id) && probeVariablesOf(n).length > 0);
  if (!node) {
    const bias = doc.nodes.find((n) => selection.includes(n.id) && n.kind === 'bias');
    notify(
      bias
        ? `${bias.label ?? bias.id} is a bias node: it always outputs 1, so there is nothing to record. Select a neuron, population or input, then press S.`
        : // after the lead: "Not recorded: select a neuron, …"
          'select a neuron, population or input first, then press S.',
      'refusal',
      'Not recorded: ',
    );
    return;
  }
  const recorded = new Set(
    (doc.probes ?? []).filter((p) => p.target === node.id).map((p) => p.variable as string),
  );
  const variable = probeVariablesOf(node).find((v) => !recorded.has(v));
  const name = node.label ?? node.id;
  if (!variable) {
    notify(`Every variable of ${name} is recorded already.`);
    return;
  }
  const id = recordNodeCommand(node.id, variable as ProbeVariable);
  if (id) notify(`${name} records ${variable} (scope ${id}, shown as a chip on ${name}).`);
}
