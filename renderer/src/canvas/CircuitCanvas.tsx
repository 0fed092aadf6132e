/**
 * The circuit canvas: React Flow, controlled from the document. Nodes and edges are derived from
 * the document (plus selection and hover from the UI store) by `flowModel.ts`, memoised per
 * element, so an element object changes only when what it shows changes. While a node is dragged
 * its position lives in a transient map here; dropping it commits one `moveNodes` command (one
 * undo step).
 */
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type FinalConnectionState,
  type Node as FlowNode,
  type NodeChange,
} from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { useStore } from 'zustand';
import { modelById } from '../../../shared/models/registry';
import type { NetworkDocument } from '../../../shared/document/model';
import { addPaletteChoice, connect } from '../document/actions';
import { issuesById } from '../document/issues';
import { LiveNodePainter, LivePainterContext } from '../run/liveNodes';
import { circuitOutsideView, minimapShown } from './minimap';
import { useServices } from '../run/services';
import {
  labelBoxes,
  planWiring,
  routeSamples,
  wiringExtents,
  type Box,
  type WiringEdge,
} from './wiring';
import {
  createFlowDeriver,
  flowBoxes,
  flowWiringEdges,
  type AnyFlowNode,
  type Measured,
} from './flowModel';
import { moveNodes } from '../document/commands';
import { connectionRefusal } from '../document/connect';
import { documentStore, applyCommand } from '../document/documentStore';
import { registerEditorForTests } from '../run/testHooks';
import { probeCards, probeVariablesOf, type XY } from '../document/graph';
import { notify, select, uiStore } from '../document/uiStore';
import type { SimulationSession } from '../run/SimulationSession';
import {
  CircuitNode,
  EdgeLabelLayerContext,
  EdgeMarkers,
  ScopeNode,
  SynapseEdge,
} from './CircuitNodes';
import { ContextMenu } from './ContextMenu';
import { EditorNotice, EditorToolbar } from './EditorToolbar';
import { HelpSheet } from './HelpSheet';
import { MapIcon } from '../ui/icons';
import { LiveLegend } from '../run/LiveLegend';
import { MatrixEditor } from '../inspector/MatrixEditor';
import './editor.css';
import '../run/liveNodes.css';

const nodeTypes = { circuit: CircuitNode, scope: ScopeNode };
const edgeTypes = { synapse: SynapseEdge };
export const PALETTE_MIME = 'application/x-neurosketch-palette';
/**
 * Set beside PALETTE_MIME when the dragged tile is the Scope: a drag's data is read only at the
 * drop, its types all along, so the canvas knows to highlight the node the scope would record.
 */
export const SCOPE_DRAG_MIME = 'application/x-neurosketch-scope';
const SNAP_GRID: [number, number] = [20, 20];
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 96 };
/** Room for the toolbar and its notices (top) and the zoom controls (left). */
export const FIT_OPTIONS = {
  padding: { top: '84px', left: '56px', right: '24px', bottom: '24px' },
  maxZoom: 1.25,
} as const;
/** How long after a loaded circuit's first fit new measurements fit it again (ms). */
const SETTLE_MS = 600;
/** How long after an element is added the view follows the circuit's new extent (ms). */
const REVEAL_MS = 800;
/**
 * An added element this far inside the canvas is seen, and the view does not move for it (px): the
 * toolbar's band at the top, a few pixels elsewhere.
 */
const SEEN_MARGIN = { top: 48, side: 8 };
/** With the minimap turned on: also its column at the right (its width and React Flow's margin). */
const FIT_OPTIONS_WITH_MAP = {
  ...FIT_OPTIONS,
  padding: { ...FIT_OPTIONS.padding, right: `${MINIMAP_STYLE.width + 15 + 24}px` },
} as const;

/** How a fit pads the view now: room for the minimap when the student turned it on. */
function fitOptions(): typeof FIT_OPTIONS | typeof FIT_OPTIONS_WITH_MAP {
  return uiStore.getState().minimap === 'on' ? FIT_OPTIONS_WITH_MAP : FIT_OPTIONS;
}

interface CanvasProps {
  document: NetworkDocument;
  /** The run whose live state the nodes show (none: the nodes show no live state). */
  session?: SimulationSession | null;
}

/**
 * The connect hint. Dragging a card's body moves it (or pans); only its handles wire. A student
 * who meant to wire sees the node move and nothing said why. A polished editor does not guess
 * intent from the drag (a move the student meant would then be refused, or need undoing): it
 * moves the node and, the first time in a session, says where a connection starts. Not shown
 * once the student has wired from a handle: they know the gesture.
 */
let connectHintDue = true;

function connectHintAfterDrag(ids: readonly string[]): void {
  if (!connectHintDue) return;
  const doc = documentStore.getState().document;
  // A node with an output (a scope card only records: dragging it is never a wiring attempt).
  const node = doc?.nodes.find((n) => ids.includes(n.id));
  if (!node) return;
  connectHintDue = false;
  notify(
    `Moved ${node.label ?? node.id}. To connect it, drag from the dot on its right edge (its output) to another node's left dot (its input).`,
    'hint',
  );
}

/**
 * The node a scope dropped at this screen point records: the card under it, or the target of the
 * synapse (its line or its label) under it; none over empty canvas, a scope card or a bias node.
 */
function recordableAt(doc: NetworkDocument, clientX: number, clientY: number): string | null {
  for (const el of window.document.elementsFromPoint(clientX, clientY)) {
    const card = el.closest<HTMLElement>('.react-flow__node');
    const label = el.closest<HTMLElement>('.synapse-label');
    const line = el.closest<HTMLElement>('.react-flow__edge');
    const id = card
      ? card.dataset['id']
      : (label?.dataset['edgeId'] ??
        (line ? doc.edges.find((e) => e.id === line.dataset['id'])?.target : undefined));
    if (!id) continue;
    const node = doc.nodes.find((n) => n.id === id);
    return node && probeVariablesOf(node).length > 0 ? node.id : null;
  }
  return null;
}

function CanvasInner({ document: doc, session = null }: CanvasProps) {
  const flow = useReactFlow();
  const selection = useStore(uiStore, (s) => s.selection);
  const hoverId = useStore(uiStore, (s) => s.hoverId);
  const snapToGrid = useStore(uiStore, (s) => s.snapToGrid);
  // The minimap only while part of the circuit is off-screen, unless turned on or off (Map box).
  const minimapMode = useStore(uiStore, (s) => s.minimap);
  const showMinimap = minimapShown(minimapMode, useFlowStore(circuitOutsideView));
  const fitViewOptions = minimapMode === 'on' ? FIT_OPTIONS_WITH_MAP : FIT_OPTIONS;
  const [drag, setDrag] = useState<Record<string, XY> | null>(null);
  const dragRef = useRef<Record<string, XY>>({});
  const [measured, setMeasured] = useState<Record<string, Measured>>({});
  // The node a Scope dragged over the canvas would record (highlighted until the drop or leave).
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // Nodes and edges memoised per element (lives as long as the canvas; never part of what renders).
  const [deriver] = useState(createFlowDeriver);
  const wrapper = useRef<HTMLDivElement>(null);
  const [labelSizes, setLabelSizes] = useState<Record<string, Measured>>({});

  const { canvas } = useServices();

  // Synapse labels portal straight into React Flow's label layer (see EdgeLabelLayerContext).
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  useEffect(() => {
    setLabelLayer(
      wrapper.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
    );
  }, []);

  // Live colours during a run: one painter (one animation-frame loop) for all nodes.
  const painter = useMemo(() => (session ? new LiveNodePainter(session) : null), [session]);
  useEffect(() => painter?.start(), [painter]);

  // A loaded file or example is fitted to the view once its nodes are measured (React Flow queues
  // the fit until then); edits never move the view. An empty circuit (New) is not: a queued fit
  // would wait for the first node and then jump the view to it while the student builds.
  const loadCount = useStore(documentStore, (s) => s.loadCount);
  const fittedLoad = useRef(loadCount);
  const pendingFit = useRef(true);
  const hasElements = doc.nodes.length > 0 || (doc.probes?.length ?? 0) > 0;
  useEffect(() => {
    if (fittedLoad.current === loadCount) return;
    fittedLoad.current = loadCount;
    if (hasElements) pendingFit.current = true;
  }, [loadCount, flow, hasElements]);

  // Every element's box in flow coordinates (measured size, else the standard one).
  const boxes = useMemo(() => flowBoxes(doc, drag, measured), [doc, drag, measured]);
  const wiringEdges = useMemo<WiringEdge[]>(
    () => flowWiringEdges(doc, labelSizes),
    [doc, labelSizes],
  );
  // Routes and label spots: planned when nothing is being dragged (a drag shows the plain routes).
  const plan = useMemo(
    () => (drag ? null : planWiring(boxes, wiringEdges)),
    [drag, boxes, wiringEdges],
  );
  // Everything a fit must show: nodes, scopes, and the labels (and lanes) of the wiring.
  const bounds = useMemo(() => {
    const all = [...boxes.values()];
    if (plan)
      all.push(
        ...wiringExtents(boxes, wiringEdges, plan),
        ...routeSamples(boxes, wiringEdges, plan),
      );
    if (all.length === 0) return null;
    const x0 = Math.min(...all.map((b) => b.x));
    const y0 = Math.min(...all.map((b) => b.y));
    const x1 = Math.max(...all.map((b) => b.x + b.w));
    const y1 = Math.max(...all.map((b) => b.y + b.h));
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }, [boxes, wiringEdges, plan]);
  const boundsRef = useRef(bounds);
  const wiringRef = useRef<Box[]>([]);
  const labelBoxesRef = useRef<Map<string, Box>>(new Map());
  useEffect(() => {
    boundsRef.current = bounds;
    wiringRef.current = plan
      ? [...wiringExtents(boxes, wiringEdges, plan), ...routeSamples(boxes, wiringEdges, plan)]
      : [];
    labelBoxesRef.current = plan ? labelBoxes(boxes, wiringEdges, plan) : new Map();
  }, [bounds, plan, boxes, wiringEdges]);

  // Box selection takes the synapses whose labels it touches, as it takes lines (issue 15).
  const flowStore = useStoreApi();
  const lastSelectionRect = useRef<{ x: number; y: number; width: number; height: number } | null>(
    null,
  );
  useEffect(
    () =>
      flowStore.subscribe((state) => {
        if (state.userSelectionRect) lastSelectionRect.current = { ...state.userSelectionRect };
      }),
    [flowStore],
  );
  const onSelectionEnd = useCallback(() => {
    const rect = lastSelectionRect.current;
    lastSelectionRect.current = null;
    if (!rect) return;
    const [tx, ty, zoom] = flowStore.getState().transform;
    const x0 = (rect.x - tx) / zoom;
    const y0 = (rect.y - ty) / zoom;
    const x1 = x0 + rect.width / zoom;
    const y1 = y0 + rect.height / zoom;
    const hit: string[] = [];
    for (const [id, b] of labelBoxesRef.current)
      if (b.x < x1 && b.x + b.w > x0 && b.y < y1 && b.y + b.h > y0) hit.push(id);
    if (hit.length === 0) return;
    const now = uiStore.getState().selection;
    select([...now, ...hit.filter((id) => !now.includes(id))]);
  }, [flowStore]);
  const fitAll = useCallback(() => {
    const box = wrapper.current?.getBoundingClientRect();
    const b = boundsRef.current;
    if (!box || !b || box.width === 0) {
      void flow.fitView(fitOptions());
      return;
    }
    const { padding, maxZoom } = fitOptions();
    const [l, r, t, bottom] = [padding.left, padding.right, padding.top, padding.bottom].map((v) =>
      parseFloat(v),
    ) as [number, number, number, number];
    const w = Math.max(1, box.width - l - r);
    const h = Math.max(1, box.height - t - bottom);
    const zoom = Math.max(0.1, Math.min(maxZoom, w / Math.max(1, b.w), h / Math.max(1, b.h)));
    void flow.setViewport({
      x: l + (w - b.w * zoom) / 2 - b.x * zoom,
      y: t + (h - b.h * zoom) / 2 - b.y * zoom,
      zoom,
    });
  }, [flow]);
  // Brings the whole circuit (cards, labels, lines) back into view with the least change: a pan
  // when it fits at the current zoom, else a fit. Used after an element is added (a new synapse's
  // lanes and label, a new scope) and after the canvas is resized; moving a card never calls it.
  const reveal = useCallback(() => {
    const box = wrapper.current?.getBoundingClientRect();
    const b = boundsRef.current;
    if (!box || !b || box.width === 0 || box.height === 0) return;
    const { padding } = fitOptions();
    const [l, r, t, bottom] = [padding.left, padding.right, padding.top, padding.bottom].map((v) =>
      parseFloat(v),
    ) as [number, number, number, number];
    const { x, y, zoom } = flow.getViewport();
    const [w, h] = [box.width - l - r, box.height - t - bottom];
    if (b.w * zoom > w || b.h * zoom > h) {
      // Too big for the view at this zoom (a new synapse's lanes round a row of cards): the
      // whole circuit is fitted.
      fitAll();
      return;
    }
    const shift = (lo: number, hi: number, min: number, max: number): number =>
      lo < min ? min - lo : hi > max ? max - hi : 0;
    const dx = shift(b.x * zoom + x, (b.x + b.w) * zoom + x, l, box.width - r);
    const dy = shift(b.y * zoom + y, (b.y + b.h) * zoom + y, t, box.height - bottom);
    if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5)
      void flow.setViewport({ x: x + dx, y: y + dy, zoom });
  }, [flow, fitAll]);
  /** True when the whole circuit is inside the padded view (of `width`, else the canvas's). */
  const circuitInView = useCallback(
    (width?: number): boolean => {
      const box = wrapper.current?.getBoundingClientRect();
      const b = boundsRef.current;
      if (!box || !b) return false;
      const { padding } = fitOptions();
      const { x, y, zoom } = flow.getViewport();
      return (
        b.x * zoom + x >= parseFloat(padding.left) - 1 &&
        b.y * zoom + y >= parseFloat(padding.top) - 1 &&
        (b.x + b.w) * zoom + x <= (width ?? box.width) - parseFloat(padding.right) + 1 &&
        (b.y + b.h) * zoom + y <= box.height - parseFloat(padding.bottom) + 1
      );
    },
    [flow],
  );
  /** True when a box (flow coordinates) is on screen, clear of the canvas's edges and toolbar. */
  const seenOnCanvas = useCallback(
    (b: Box): boolean => {
      const box = wrapper.current?.getBoundingClientRect();
      if (!box) return true;
      const { x, y, zoom } = flow.getViewport();
      return (
        b.x * zoom + x >= SEEN_MARGIN.side &&
        b.y * zoom + y >= SEEN_MARGIN.top &&
        (b.x + b.w) * zoom + x <= box.width - SEEN_MARGIN.side &&
        (b.y + b.h) * zoom + y <= box.height - SEEN_MARGIN.side
      );
    },
    [flow],
  );
  // For a moment after an element is added (labels are measured a frame later, and the wiring is
  // planned again with their sizes), the new element, its label and its line are kept in view:
  // when part of them is hidden (a new synapse's label under the charts panel, a lane above the
  // view) the circuit is brought into view. Nothing else moves the view.
  const revealing = useRef<{ until: number; ids: Set<string> }>({ until: 0, ids: new Set() });
  const known = useRef<{ ids: Set<string>; load: number }>({ ids: new Set(), load: loadCount });
  useEffect(() => {
    const ids = new Set([
      ...doc.nodes.map((n) => n.id),
      ...doc.edges.map((e) => e.id),
      ...(doc.probes ?? []).map((p) => p.id),
    ]);
    const added = [...ids].filter((id) => !known.current.ids.has(id));
    const sameCircuit = known.current.load === loadCount;
    known.current = { ids, load: loadCount };
    if (sameCircuit && added.length > 0)
      revealing.current = { until: performance.now() + REVEAL_MS, ids: new Set(added) };
  }, [doc, loadCount]);
  useEffect(() => {
    const { until, ids } = revealing.current;
    if (!plan || performance.now() > until) return;
    const parts: Box[] = [];
    for (const id of ids) {
      const b = boxes.get(id);
      if (b) parts.push(b);
    }
    const added = wiringEdges.filter((e) => ids.has(e.id));
    parts.push(...labelBoxes(boxes, added, plan).values(), ...routeSamples(boxes, added, plan));
    if (parts.length === 0) return;
    const x0 = Math.min(...parts.map((b) => b.x));
    const y0 = Math.min(...parts.map((b) => b.y));
    const x1 = Math.max(...parts.map((b) => b.x + b.w));
    const y1 = Math.max(...parts.map((b) => b.y + b.h));
    const target = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    // Seen already (on screen, clear of the toolbar's band): the view stays. A new synapse whose
    // lane only crossed the fit's padding used to pan the view by ~20 px, and the student's next
    // drag (wiring a triangle, one synapse after another) grabbed a card instead of a handle.
    // Hidden: the whole circuit is brought into view (a pan when it fits at this zoom, else a fit).
    // A pan to the new element alone pushed the rest out of view (pasted copies, walkthrough 4).
    if (!seenOnCanvas(target)) reveal();
  }, [boxes, wiringEdges, plan, reveal, seenOnCanvas]);
  // When the canvas gets wider or narrower (a side panel collapsed or expanded, the window
  // resized), the circuit keeps its place around the view's centre instead of sliding under the
  // panel that opened (React Flow keeps the top-left corner), and what would leave the view is
  // brought back into it.
  useEffect(() => {
    const element = wrapper.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      const next = element.clientWidth;
      const grown = next - width;
      const before = width;
      width = next;
      if (grown === 0 || next === 0 || next === grown) return;
      // A circuit wholly in view before stays wholly in view (a fit when it no longer fits).
      const wasInView = circuitInView(before);
      const { x, y, zoom } = flow.getViewport();
      void flow.setViewport({ x: x + grown / 2, y, zoom }).then(() => {
        if (wasInView) reveal();
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow, reveal, circuitInView]);
  // A loaded file or example is fitted, labels included, once its elements are measured; edits
  // never move the view. An empty circuit (New) is not fitted. Node ids repeat between circuits
  // (A, B, C), so the first fit may use the previous circuit's sizes: for a moment after it, new
  // measurements (and the wiring planned from them) fit again, so lanes and labels end in view;
  // not after an edit (a new document), which never moves the view.
  const settle = useRef<{ until: number; doc: NetworkDocument | null }>({ until: 0, doc: null });
  useEffect(() => {
    const settling = settle.current.doc === doc && performance.now() < settle.current.until;
    if ((!pendingFit.current && !settling) || !plan) return;
    if (!hasElements) {
      if (fittedLoad.current === loadCount) pendingFit.current = false;
      return;
    }
    const ids = [...doc.nodes.map((n) => n.id), ...probeCards(doc).map((p) => p.id)];
    if (!ids.every((id) => measured[id])) return;
    if (pendingFit.current) settle.current = { until: performance.now() + SETTLE_MS, doc };
    pendingFit.current = false;
    fitAll();
  }, [plan, measured, doc, hasElements, fitAll, loadCount]);

  // The editor's actions and commands (fit, tidy, placing a node) reach the canvas through the
  // services' canvas slot while it is mounted.
  useEffect(() => {
    canvas.set({
      centre() {
        const box = wrapper.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({
          x: box.left + box.width / 2,
          y: box.top + box.height / 2,
        });
      },
      visibleRect() {
        const box = wrapper.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0, width: 0, height: 0 };
        const pad = fitOptions().padding;
        const a = flow.screenToFlowPosition({
          x: box.left + parseFloat(pad.left),
          y: box.top + parseFloat(pad.top),
        });
        const b = flow.screenToFlowPosition({
          x: box.right - parseFloat(pad.right),
          y: box.bottom - parseFloat(pad.bottom),
        });
        return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
      },
      fitView() {
        fitAll();
      },
      wiringBoxes() {
        return wiringRef.current;
      },
      nodeSizes() {
        const out: Record<string, Measured> = {};
        for (const n of flow.getNodes()) {
          if (n.measured?.width && n.measured.height)
            out[n.id] = { width: n.measured.width, height: n.measured.height };
        }
        return out;
      },
    });
    registerEditorForTests({
      document: () => structuredClone(documentStore.getState().document),
      history: () => ({
        past: documentStore.getState().history?.past.length ?? 0,
        future: documentStore.getState().history?.future.length ?? 0,
      }),
    });
    return () => canvas.set(null);
  }, [canvas, flow, fitAll]);

  const issues = useMemo(() => issuesById(doc), [doc]);
  const selected = useMemo(() => new Set(selection), [selection]);

  const nodes = useMemo(
    () => deriver.nodes(doc, { selected, issues, drag, measured, dropTarget }),
    [deriver, doc, issues, drag, measured, selected, dropTarget],
  );
  const edges = useMemo(
    () => deriver.edges(doc, { selected, issues, hoverId, plan }),
    [deriver, doc, issues, hoverId, selected, plan],
  );

  // Labels are measured once drawn (their text sets their size): the plan then uses real sizes.
  useEffect(() => {
    if (!labelLayer || typeof ResizeObserver === 'undefined') return;
    const pending = new Map<string, Measured>();
    let frame = 0;
    const flush = (): void => {
      frame = 0;
      const next = Object.fromEntries(pending);
      pending.clear();
      setLabelSizes((prev) => {
        const changed = Object.entries(next).some(([id, m]) => {
          const old = prev[id];
          return !old || Math.abs(old.width - m.width) > 1 || Math.abs(old.height - m.height) > 1;
        });
        return changed ? { ...prev, ...next } : prev;
      });
    };
    const resize = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const id = el.dataset['edgeId'];
        if (id) pending.set(id, { width: el.offsetWidth, height: el.offsetHeight });
      }
      if (!frame) frame = requestAnimationFrame(flush);
    });
    const watch = (root: Element): void => {
      if (root.matches('.synapse-label[data-edge-id]')) resize.observe(root);
      root.querySelectorAll('.synapse-label[data-edge-id]').forEach((el) => resize.observe(el));
    };
    watch(labelLayer);
    const added = new MutationObserver((records) => {
      for (const r of records) r.addedNodes.forEach((n) => n instanceof Element && watch(n));
    });
    added.observe(labelLayer, { childList: true, subtree: true });
    return () => {
      resize.disconnect();
      added.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [labelLayer]);

  const onNodesChange = useCallback((changes: NodeChange<AnyFlowNode>[]) => {
    let nextSelection: Set<string> | null = null;
    const moving: Record<string, XY> = {};
    const finished: Record<string, XY> = {};
    let ended = false;
    const sizes: Record<string, Measured> = {};
    for (const c of changes) {
      if (c.type === 'position') {
        if (c.dragging) {
          if (c.position) moving[c.id] = c.position;
        } else {
          ended = true;
          if (c.position) finished[c.id] = c.position;
        }
      } else if (c.type === 'select') {
        nextSelection ??= new Set(uiStore.getState().selection);
        if (c.selected) nextSelection.add(c.id);
        else nextSelection.delete(c.id);
      } else if (c.type === 'dimensions' && c.dimensions) {
        sizes[c.id] = c.dimensions;
      }
    }
    if (nextSelection) select([...nextSelection]);
    if (Object.keys(sizes).length > 0) setMeasured((prev) => ({ ...prev, ...sizes }));
    if (Object.keys(moving).length > 0) {
      dragRef.current = { ...dragRef.current, ...moving };
      setDrag(dragRef.current);
    }
    if (ended) {
      const dragged = Object.keys(dragRef.current);
      if (dragged.length > 0) connectHintAfterDrag([...dragged, ...Object.keys(finished)]);
      const positions = { ...dragRef.current, ...finished };
      dragRef.current = {};
      setDrag(null);
      if (Object.keys(positions).length > 0) applyCommand(moveNodes, { positions });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    let nextSelection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select' || c.id.startsWith('probe-wire-')) continue;
      nextSelection ??= new Set(uiStore.getState().selection);
      if (c.selected) nextSelection.add(c.id);
      else nextSelection.delete(c.id);
    }
    if (nextSelection) select([...nextSelection]);
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) => connectionRefusal(doc, c.source, c.target) === null,
    [doc],
  );

  const onConnect = useCallback((c: Connection) => {
    connectHintDue = false; // wiring from a handle: the student knows how
    connect(c.source, c.target);
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      let targetId = state.toNode?.id ?? null;
      if (!targetId) {
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        if (!point) return;
        const under = window.document.elementsFromPoint(point.clientX, point.clientY);
        const nodeEl = under.map((el) => el.closest('.react-flow__node')).find(Boolean);
        targetId = nodeEl?.getAttribute('data-id') ?? null;
      }
      if (!targetId || targetId === state.fromNode.id) return;
      const [source, target] =
        state.fromHandle?.type === 'target'
          ? [targetId, state.fromNode.id]
          : [state.fromNode.id, targetId];
      const refusal = connectionRefusal(doc, source, target);
      if (refusal) notify(refusal, 'refusal');
    },
    [doc],
  );

  const onDragOver = (e: DragEvent): void => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
    if (e.dataTransfer.types.includes(SCOPE_DRAG_MIME)) {
      const target = recordableAt(doc, e.clientX, e.clientY);
      if (target !== dropTarget) setDropTarget(target);
    }
  };
  const onDragLeave = (e: DragEvent): void => {
    // Left the canvas (not just one of its cards for another): nothing is highlighted.
    if (!wrapper.current?.contains(e.relatedTarget as Node | null)) setDropTarget(null);
  };
  const onDrop = (e: DragEvent): void => {
    setDropTarget(null);
    const key = e.dataTransfer.getData(PALETTE_MIME);
    if (!key) return;
    e.preventDefault();
    const [item, activation] = key.split(':');
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const snapped = snapToGrid ? { x: Math.round(p.x / 20) * 20, y: Math.round(p.y / 20) * 20 } : p;
    // The activation chosen in the palette: a drop says why a single unit is not softmax, as a click
    // does. A scope records the node under the pointer, not the selected one (walkthrough 5).
    addPaletteChoice(
      canvas,
      item!,
      { x: snapped.x - 80, y: snapped.y - 30 },
      activation as never,
      recordableAt(doc, e.clientX, e.clientY),
    );
  };

  // Handlers handed to React Flow are stable: a new function each render would make it update
  // its store on every render (a drag renders the canvas once per pointer move).
  const openMenu = useCallback(
    (
      e: { clientX: number; clientY: number; preventDefault(): void },
      targetId: string | null,
    ): void => {
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (targetId && !uiStore.getState().selection.includes(targetId)) select([targetId]);
      uiStore.setState({
        contextMenu: { x: e.clientX, y: e.clientY, targetId, flowX: p.x, flowY: p.y },
      });
    },
    [flow],
  );
  const onNodeClick = useCallback((e: ReactMouseEvent, n: FlowNode) => {
    // A plain click selects just this node (Ctrl/Cmd-click is React Flow's multi-select).
    if (!e.ctrlKey && !e.metaKey && !e.shiftKey) select([n.id]);
  }, []);
  // Hover highlights a node's synapses, which redraws every synapse: not while dragging, when the
  // pointer runs ahead of the node and would leave and re-enter it at every move.
  const isDragging = (): boolean => Object.keys(dragRef.current).length > 0;
  const onNodeMouseEnter = useCallback((_: ReactMouseEvent, n: FlowNode) => {
    if (!isDragging() && uiStore.getState().hoverId !== n.id) uiStore.setState({ hoverId: n.id });
  }, []);
  const onNodeMouseLeave = useCallback(() => {
    if (!isDragging() && uiStore.getState().hoverId !== null) uiStore.setState({ hoverId: null });
  }, []);
  const onNodeDoubleClick = useCallback(
    (_: ReactMouseEvent, n: FlowNode) => uiStore.setState({ renamingId: n.id }),
    [],
  );
  const onNodeContextMenu = useCallback(
    (e: ReactMouseEvent, n: FlowNode) => openMenu(e, n.id),
    [openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (e: ReactMouseEvent, edge: FlowEdge) =>
      openMenu(e, edge.id.startsWith('probe-wire-') ? null : edge.id),
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (e: ReactMouseEvent | MouseEvent) => openMenu(e, null),
    [openMenu],
  );
  const onPaneClick = useCallback(() => uiStore.setState({ contextMenu: null }), []);

  return (
    <div
      className="circuit-canvas"
      aria-label="circuit canvas"
      ref={wrapper}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <EdgeMarkers />
      <LivePainterContext.Provider value={painter}>
        <EdgeLabelLayerContext.Provider value={labelLayer}>
          <ReactFlow<AnyFlowNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onNodeClick={onNodeClick}
            onNodeMouseEnter={onNodeMouseEnter}
            onNodeMouseLeave={onNodeMouseLeave}
            onNodeDoubleClick={onNodeDoubleClick}
            onNodeContextMenu={onNodeContextMenu}
            onEdgeContextMenu={onEdgeContextMenu}
            onPaneContextMenu={onPaneContextMenu}
            onPaneClick={onPaneClick}
            onSelectionEnd={onSelectionEnd}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Meta', 'Control']}
            snapToGrid={snapToGrid}
            snapGrid={SNAP_GRID}
            fitView
            fitViewOptions={fitViewOptions}
            minZoom={0.1}
            proOptions={PRO_OPTIONS}
            onlyRenderVisibleElements
          >
            <Background gap={20} />
            {showMinimap && (
              <MiniMap<AnyFlowNode>
                pannable
                zoomable
                ariaLabel="minimap"
                style={MINIMAP_STYLE}
                nodeColor={minimapColor}
              />
            )}
            <Controls fitViewOptions={fitViewOptions}>
              <ControlButton
                className="minimap-toggle"
                onClick={() => uiStore.setState({ minimap: showMinimap ? 'off' : 'on' })}
                aria-label="Minimap"
                aria-pressed={showMinimap}
                title={
                  showMinimap
                    ? 'Minimap: shown while part of the circuit is outside the view. Click to hide it.'
                    : 'Minimap: it shows by itself while part of the circuit is outside the view. Click to keep it shown (a fit then leaves room for it).'
                }
              >
                <MapIcon />
              </ControlButton>
            </Controls>
            <Panel position="top-left">
              <EditorToolbar />
            </Panel>
            {/* Notices sit in the top-right corner, in the strip a fit keeps free above the
                circuit: never over the nodes just connected or added. */}
            <Panel position="top-right" className="canvas-corner">
              {/* Only with a neuron to tint: after the last was deleted the legend stayed up on an
                  empty canvas (walkthrough 5). */}
              {session && doc.nodes.some((n) => n.kind === 'neuron' || n.kind === 'population') && (
                <LiveLegend session={session} document={doc} />
              )}
              <EditorNotice />
            </Panel>
          </ReactFlow>
        </EdgeLabelLayerContext.Provider>
      </LivePainterContext.Provider>
      <ContextMenu />
      <HelpSheet />
      <MatrixEditor document={doc} />
      {doc.nodes.length === 0 && (
        <p className="circuit-canvas__empty">
          Drag a neuron from the palette, or click it to add it here. Then drag from a node’s right
          handle to another node’s left handle to connect them.
        </p>
      )}
    </div>
  );
}

function minimapColor(n: FlowNode): string {
  if (n.type === 'scope') return '#0f766e';
  const data = n.data as { node?: { kind: string; model?: string } };
  const node = data.node;
  if (!node) return '#94a3b8';
  if (node.kind === 'input') return '#b45309';
  if (node.kind === 'bias') return '#64748b';
  return modelById(node.model)?.color ?? '#2563eb';
}

export function CircuitCanvas({ document, session }: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner document={document} session={session ?? null} />
    </ReactFlowProvider>
  );
}
