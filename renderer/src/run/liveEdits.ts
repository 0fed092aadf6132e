/**
 * Live edits: while a run is active, every change of the document (from the inspector, a slider, an
 * undo) is compared with the document the run is running, and
 *  - a changed value of a node or edge (params, signal fields, activation, weight, synapse, delay)
 *    becomes an `editRun` request the worker applies at its next chunk;
 *  - a structural change (a node, edge or probe added or removed, a kind, model, size, source,
 *    target or signal type changed, the simulation settings) cannot apply to a running network:
 *    the user is asked whether to restart.
 * What the engine refuses ("this change needs a restart") is offered as a restart too. Applied
 * edits go to the session's edit log (time, field, old, new).
 */
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi, LiveEditRequest } from '../../../shared/ipc/contract';
import type { SimulationSession } from './SimulationSession';

export interface ValueEdit {
  elementId: string;
  /** Relative to the node or edge, as the CLI's --set full form: `params.bias`, `weight`. */
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface DocumentDiff {
  edits: ValueEdit[];
  /** Why a restart is needed, one short phrase each ("node D added"). */
  structural: string[];
}

/** Fields that change what the network is, not a value in it. */
const STRUCTURAL_NODE_FIELDS = new Set(['kind', 'model', 'size']);
const STRUCTURAL_EDGE_FIELDS = new Set(['source', 'target']);
/** Fields that never reach the simulator. */
const IGNORED_FIELDS = new Set(['id', 'label']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Leaf differences between two values: plain objects are walked key by key; numbers, strings,
 * arrays (a per-element param, a weight matrix) and generator objects' fields are leaves.
 */
function diffValues(
  before: unknown,
  after: unknown,
  path: string,
  out: Array<{ path: string; oldValue: unknown; newValue: unknown }>,
): void {
  if (sameJson(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  out.push({ path, oldValue: before, newValue: after });
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

/**
 * An element as the student sees it on the canvas: a node by its label, a synapse as
 * "source → target" by their labels (ids such as "wBC" are never shown to a student).
 */
export function elementName(doc: NetworkDocument, id: string): string {
  const node = doc.nodes.find((n) => n.id === id);
  if (node) return node.label ?? node.id;
  const edge = doc.edges.find((e) => e.id === id);
  if (edge) return `${elementName(doc, edge.source)} → ${elementName(doc, edge.target)}`;
  return id;
}

/** The words the inspector gives a connection rule's fields (inspector/ConnectionRuleFields.tsx). */
const WEIGHT_RULE_FIELDS: Record<string, string> = {
  p: 'connection probability p',
  value: 'weight of each connection',
  low: 'weight low',
  high: 'weight high',
  mean: 'weight mean',
  std: 'weight SD',
};

/**
 * A field as the inspector and the live-input sliders name it, from its path in the element:
 * "bias" (not "params.bias"), "tauS" (not "synapse.tauS"), "connection probability p" (not
 * "weight.p"); the exports keep the path (the CLI's --set form).
 */
export function fieldWords(path: string): string {
  const keys = path.replace(/^(params|signal|synapse)\./, '').split('.');
  if (keys[0] === 'weight' && keys.length === 2 && WEIGHT_RULE_FIELDS[keys[1]!])
    return WEIGHT_RULE_FIELDS[keys[1]!]!;
  return keys.join(' ');
}

/**
 * Whether the document still holds a value the run's live edits set (`log`: the session's edit log,
 * fields as `ID.PATH`). False once every edited field is back at its value before its first live
 * edit (the keep/revert offer's Revert, or undo): the run clock then stops saying "edited live".
 */
export function liveEditsInDocument(
  log: ReadonlyArray<{ field: string; oldValue: unknown }>,
  doc: NetworkDocument,
): boolean {
  const before = new Map<string, unknown>();
  for (const entry of log) if (!before.has(entry.field)) before.set(entry.field, entry.oldValue);
  for (const [field, value] of before) {
    const dot = field.indexOf('.');
    const id = field.slice(0, dot);
    let at: unknown = doc.nodes.find((n) => n.id === id) ?? doc.edges.find((e) => e.id === id);
    for (const key of field.slice(dot + 1).split('.')) at = isPlainObject(at) ? at[key] : undefined;
    if (!sameJson(at, value)) return true;
  }
  return false;
}

/** What changed between the running document and the edited one; reasons name elements as shown. */
export function diffForLiveEdits(before: NetworkDocument, after: NetworkDocument): DocumentDiff {
  const edits: ValueEdit[] = [];
  const structural: string[] = [];
  if (!sameJson(before.simulation, after.simulation))
    structural.push('simulation settings changed');

  const diffElements = (
    kind: 'node' | 'edge',
    olds: Map<string, Record<string, unknown>>,
    news: Map<string, Record<string, unknown>>,
    structuralFields: Set<string>,
  ): void => {
    const what = kind === 'node' ? 'node' : 'synapse';
    for (const id of olds.keys())
      if (!news.has(id)) structural.push(`${what} ${elementName(before, id)} removed`);
    for (const [id, next] of news) {
      const prev = olds.get(id);
      if (!prev) {
        structural.push(`${what} ${elementName(after, id)} added`);
        continue;
      }
      const shown = elementName(after, id);
      const leaves: Array<{ path: string; oldValue: unknown; newValue: unknown }> = [];
      diffValues(prev, next, '', leaves);
      for (const leaf of leaves) {
        const top = leaf.path.split('.')[0]!;
        if (IGNORED_FIELDS.has(top)) continue;
        if (structuralFields.has(top)) structural.push(`${shown} ${top} changed`);
        else if (leaf.path === 'signal.type' || leaf.path === 'signal')
          structural.push(`${shown} signal type changed`);
        else edits.push({ elementId: id, ...leaf });
      }
    }
  };
  diffElements(
    'node',
    byId(before.nodes) as unknown as Map<string, Record<string, unknown>>,
    byId(after.nodes) as unknown as Map<string, Record<string, unknown>>,
    STRUCTURAL_NODE_FIELDS,
  );
  diffElements(
    'edge',
    byId(before.edges) as unknown as Map<string, Record<string, unknown>>,
    byId(after.edges) as unknown as Map<string, Record<string, unknown>>,
    STRUCTURAL_EDGE_FIELDS,
  );
  const probesBefore = byId(before.probes);
  const probesAfter = byId(after.probes);
  for (const id of probesBefore.keys())
    if (!probesAfter.has(id))
      structural.push(
        `scope ${id} on ${elementName(before, probesBefore.get(id)!.target)} removed`,
      );
  for (const [id, probe] of probesAfter) {
    const prev = probesBefore.get(id);
    const on = `scope ${id} on ${elementName(after, probe.target)}`;
    if (!prev) structural.push(`${on} added`);
    else if (!sameJson(prev, probe)) structural.push(`${on} changed`);
  }
  return { edits, structural };
}

/** What the controller asks of the UI. */
export interface LiveEditUi {
  /** A change that cannot apply to the running network: ask whether to restart. */
  askRestart(reasons: string[]): void;
  /**
   * The changes the running network does not have (each check of the document; empty when none):
   * after "Keep running" the canvas and the run differ, and the run clock says so.
   */
  pendingRestart?(reasons: string[]): void;
  /** A short note for the user (applied, or refused and why). */
  notify(message: string): void;
}

/**
 * Watches the document while a run is active and forwards value changes as live edits. Requests
 * are sent one at a time; changes that arrive meanwhile (a slider being dragged) are coalesced
 * into the next request.
 */
export class LiveEditController {
  /** The document as the running simulation has it (the run's document plus applied edits). */
  private running: NetworkDocument | null = null;
  private latest: NetworkDocument | null = null;
  private inFlight = false;
  /** Structural reasons already asked about (not asked again until they change). */
  private askedFor = '';

  constructor(
    private readonly host: HostApi,
    private readonly session: SimulationSession,
    private readonly ui: LiveEditUi,
  ) {}

  /** A run started with this document. */
  runStarted(document: NetworkDocument): void {
    this.running = document;
    this.latest = document;
    this.askedFor = '';
  }

  /**
   * Another circuit was loaded (open, New, an example): it is not an edit of the running one, whose
   * run the app stops; forget that run so nothing is forwarded or asked about.
   */
  documentLoaded(): void {
    this.running = null;
    this.latest = null;
    this.askedFor = '';
  }

  /** The user chose to keep running without a structural change: stop asking about it. */
  keepRunning(reasons: string[]): void {
    this.askedFor = reasons.join('\n');
  }

  documentChanged(document: NetworkDocument | null): void {
    if (!document || !this.running || document === this.latest) return;
    this.latest = document;
    if (!this.session.isActive) return;
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.inFlight || !this.running || !this.latest) return;
    const runId = this.session.runId;
    if (!runId || !this.session.isActive) return;
    const target = this.latest;
    const diff = diffForLiveEdits(this.running, target);
    const key = diff.structural.join('\n');
    this.ui.pendingRestart?.(diff.structural);
    if (diff.structural.length > 0 && key !== this.askedFor) {
      this.askedFor = key;
      this.ui.askRestart(diff.structural);
    }
    if (diff.edits.length === 0) return;
    this.inFlight = true;
    const requests: LiveEditRequest[] = diff.edits.map((e) => ({
      elementId: e.elementId,
      path: e.path,
      value: (e.newValue ?? null) as LiveEditRequest['value'],
    }));
    const result = await this.host.editRun({ runId, edits: requests });
    this.inFlight = false;
    if (runId !== this.session.runId) return;
    if (!result.ok) {
      this.ui.notify(result.error);
      return;
    }
    const refused: string[] = [];
    let running = this.running;
    result.value.outcomes.forEach((outcome, i) => {
      const edit = diff.edits[i]!;
      const field = `${edit.elementId}.${edit.path}`;
      const shown = `${elementName(running, edit.elementId)} ${fieldWords(edit.path)}`;
      if (outcome.applied) {
        running = withValue(running, edit);
        this.session.logEdit({
          timeSeconds: result.value.timeSeconds,
          field,
          oldValue: edit.oldValue,
          newValue: edit.newValue,
        });
      } else if (outcome.code !== 'ended') {
        // A run that ended while the edit travelled needs no restart question: it is over.
        refused.push(`${shown}: ${outcome.reason ?? 'refused'}`);
      }
    });
    this.running = running;
    if (refused.length > 0) {
      const key2 = refused.join('\n');
      if (key2 !== this.askedFor) {
        this.askedFor = key2;
        this.ui.askRestart(refused);
      }
    }
    // Changes made while this request was in flight.
    if (this.latest !== target) void this.flush();
  }
}

/** The document with one node or edge value replaced (immutably). */
function withValue(doc: NetworkDocument, edit: ValueEdit): NetworkDocument {
  const setIn = (obj: Record<string, unknown>, keys: string[]): Record<string, unknown> => {
    const [head, ...rest] = keys;
    const copy = { ...obj };
    if (rest.length === 0) {
      if (edit.newValue === undefined) delete copy[head!];
      else copy[head!] = edit.newValue;
    } else {
      const inner = isPlainObject(obj[head!]) ? (obj[head!] as Record<string, unknown>) : {};
      copy[head!] = setIn(inner, rest);
    }
    return copy;
  };
  const keys = edit.path.split('.');
  const patch = <T extends { id: string }>(items: T[]): T[] =>
    items.map((item) =>
      item.id === edit.elementId
        ? (setIn(item as unknown as Record<string, unknown>, keys) as unknown as T)
        : item,
    );
  return { ...doc, nodes: patch(doc.nodes), edges: patch(doc.edges) };
}
