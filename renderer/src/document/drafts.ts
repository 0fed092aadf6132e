/**
 * Drafts: what the user typed into an inspector field that cannot be stored (tauM = -5, "abc", a
 * list of the wrong length). The document only ever holds valid values (it is saved, autosaved and
 * streamed to a running simulation); the typed text waits here, in UI state, until it is fixed,
 * reverted (Escape) or replaced from outside (undo, a preset). A draft
 *
 * - survives the field being unmounted (another selection, the inspector re-rendering), so the
 *   field shows the same text and message when it comes back;
 * - blocks Run: `runRefusal` names the element and the field ("node A, tauM must be > 0 ms");
 * - ends with its element: when the element is deleted, its kind, model or signal type changes
 *   (its fields are not the same any more), or another document is loaded.
 *
 * See docs/decisions/0009-invalid-inspector-values-are-drafts.md.
 */
import { createStore } from 'zustand/vanilla';
import type { NetworkDocument, ParamValue } from '../../../shared/document/model';
import { documentStore } from './documentStore';

export type DraftOwnerKind = 'node' | 'synapse' | 'scope' | 'simulation';

/** Whose field it is: the selected elements the inspector edits together (none: the document). */
export interface DraftOwner {
  kind: DraftOwnerKind;
  ids: readonly string[];
}

export interface Draft {
  /** The field's key in the inspector (`param:A:tauM`). */
  key: string;
  owner: DraftOwner;
  /** The field as its label shows it: `tauM`, `spike times`. */
  field: string;
  /** Exactly what the user typed. */
  text: string;
  /** Why it cannot be stored, naming the field and the allowed range: "tauM must be > 0 ms". */
  problem: string;
  /** The owners' shape when the draft was made (see `shapeOf`) and the document load it belongs to. */
  shape: string;
  loadCount: number;
}

export interface DraftState {
  drafts: ReadonlyMap<string, Draft>;
}

export const draftStore = createStore<DraftState>(() => ({ drafts: new Map() }));

function modeOf(value: ParamValue | undefined): string {
  if (value === undefined || typeof value === 'number') return 'value';
  return Array.isArray(value) ? 'list' : value.init;
}

/**
 * What decides which fields an element has: a node's kind, model, size, activation, signal type
 * and which params are lists or draws; an edge's ends and whether it has a synapse; a scope's
 * target. Null when an owner no longer exists.
 */
function shapeOf(doc: NetworkDocument, owner: DraftOwner): string | null {
  if (owner.kind === 'simulation') return '';
  const parts: unknown[] = [];
  for (const id of owner.ids) {
    if (owner.kind === 'node') {
      const node = doc.nodes.find((n) => n.id === id);
      if (!node) return null;
      if (node.kind === 'neuron' || node.kind === 'population') {
        const params = (node.params ?? {}) as Record<string, ParamValue | undefined>;
        const modes = Object.entries(params)
          .filter(([, v]) => modeOf(v) !== 'value')
          .map(([k, v]) => `${k}:${modeOf(v)}`)
          .sort();
        parts.push([node.kind, node.model, node.kind === 'population' ? node.size : 1, modes]);
      } else if (node.kind === 'input') parts.push([node.kind, node.size ?? 1, node.signal.type]);
      else parts.push([node.kind]);
    } else if (owner.kind === 'synapse') {
      const edge = doc.edges.find((e) => e.id === id);
      if (!edge) return null;
      parts.push([edge.source, edge.target, edge.synapse ? 1 : 0, typeof edge.weight]);
    } else {
      const probe = (doc.probes ?? []).find((p) => p.id === id);
      if (!probe) return null;
      parts.push([probe.target]);
    }
  }
  return JSON.stringify(parts);
}

function isCurrent(draft: Draft, doc: NetworkDocument | null, loadCount: number): boolean {
  return doc !== null && draft.loadCount === loadCount && shapeOf(doc, draft.owner) === draft.shape;
}

/** Records (or updates) the draft of a field. */
export function setDraft(
  key: string,
  draft: { owner: DraftOwner; field: string; text: string; problem: string },
): void {
  const { document, loadCount } = documentStore.getState();
  if (!document) return;
  const shape = shapeOf(document, draft.owner);
  if (shape === null) return;
  const current = draftStore.getState().drafts.get(key);
  if (
    current &&
    current.text === draft.text &&
    current.problem === draft.problem &&
    current.shape === shape &&
    current.loadCount === loadCount
  )
    return;
  const drafts = new Map(draftStore.getState().drafts);
  drafts.set(key, { key, ...draft, shape, loadCount });
  draftStore.setState({ drafts });
}

/** The field holds a storable value again (or the user reverted it): its draft ends. */
export function clearDraft(key: string): void {
  if (!draftStore.getState().drafts.has(key)) return;
  const drafts = new Map(draftStore.getState().drafts);
  drafts.delete(key);
  draftStore.setState({ drafts });
}

export function clearAllDrafts(): void {
  if (draftStore.getState().drafts.size > 0) draftStore.setState({ drafts: new Map() });
}

/** The field's draft, unless its element changed shape or is gone (then it no longer applies). */
export function draftOf(state: DraftState, key: string): Draft | undefined {
  const draft = state.drafts.get(key);
  if (!draft) return undefined;
  const { document, loadCount } = documentStore.getState();
  return isCurrent(draft, document, loadCount) ? draft : undefined;
}

/** Every draft that still applies to the open document, oldest first. */
export function pendingDrafts(): Draft[] {
  const { document, loadCount } = documentStore.getState();
  return [...draftStore.getState().drafts.values()].filter((d) =>
    isCurrent(d, document, loadCount),
  );
}

/** "node A", "nodes A, B", "synapse A → C", "scope vC", "the simulation settings". */
export function ownerText(doc: NetworkDocument, owner: DraftOwner): string {
  const nodeName = (id: string): string => {
    const node = doc.nodes.find((n) => n.id === id);
    return node?.label ?? id;
  };
  const names = owner.ids.map((id) => {
    if (owner.kind === 'node') return nodeName(id);
    if (owner.kind === 'synapse') {
      const edge = doc.edges.find((e) => e.id === id);
      return edge ? `${nodeName(edge.source)} → ${nodeName(edge.target)}` : id;
    }
    return id;
  });
  const list = names.join(', ');
  switch (owner.kind) {
    case 'node':
      return `${names.length === 1 ? 'node' : 'nodes'} ${list}`;
    case 'synapse':
      return `${names.length === 1 ? 'synapse' : 'synapses'} ${list}`;
    case 'scope':
      return `scope ${list}`;
    case 'simulation':
      return 'the simulation settings';
  }
}

export interface RunRefusal {
  message: string;
  /** The first draft: "Show" selects its owner so the inspector shows the field. */
  draft: Draft;
}

/**
 * Why Run cannot start while a field holds a value that cannot be stored, or null:
 * "Can't run: node A, tauM must be > 0 ms — fix it in the inspector".
 */
export function runRefusal(doc: NetworkDocument): RunRefusal | null {
  const drafts = pendingDrafts();
  const first = drafts[0];
  if (!first) return null;
  const more = drafts.length > 1 ? ` (and ${drafts.length - 1} more)` : '';
  return {
    message: `Can't run: ${ownerText(doc, first.owner)}, ${first.problem}${more} — fix it in the inspector`,
    draft: first,
  };
}
