/**
 * The canvas's node and edge components. Each is memoised and reads only its own data, so moving
 * one node or editing one param redraws that element, not the circuit.
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  Handle,
  Position,
  type Edge as FlowEdge,
  type EdgeProps,
  type Node as FlowNode,
  type NodeProps,
} from '@xyflow/react';
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { MODELS } from '../../../shared/models/registry';
import type { Edge, NetworkNode, Probe } from '../../../shared/document/model';
import {
  activationPath,
  EXCITATORY,
  formatNumber,
  INHIBITORY,
  NEUTRAL,
  divergingColor,
  nodeBadge,
  nodeSummary,
  weightMagnitude,
  weightSign,
  weightText,
} from '../ui/format';
import { LivePainterContext } from '../run/liveNodes';
import { ARROW_PATH, MARKER_PX, routeOf, TEE_RECT, type LabelPlacement } from './wiring';
import { ruleOf, ruleWeightValue } from '../document/connectionRule';
import { themedColor, useTheme } from '../ui/chartTheme';
import { renameId, updateNodes } from '../document/commands';
import { applyCommand } from '../document/documentStore';
import { nodeSize } from '../document/graph';
import { select, uiStore } from '../document/uiStore';
import { WarningIcon } from '../ui/icons';
import './editor.css';

/** A scope shown as a chip on the node it records. */
export interface RecordChip {
  id: string;
  variable: string;
  selected: boolean;
}

export interface CircuitNodeData extends Record<string, unknown> {
  node: NetworkNode;
  warnings: readonly string[];
  /** What this node records without a scope card (chips). */
  records?: readonly RecordChip[];
}
export type CircuitFlowNode = FlowNode<CircuitNodeData, 'circuit'>;

export interface ScopeNodeData extends Record<string, unknown> {
  probe: Probe;
  targetName: string;
  warnings: readonly string[];
}
export type ScopeFlowNode = FlowNode<ScopeNodeData, 'scope'>;

export interface SynapseEdgeData extends Record<string, unknown> {
  edge: Edge;
  sourceName: string;
  targetName: string;
  /** Largest |w| in the circuit: widths are relative to it. */
  scale: number;
  unitHint: string | null;
  /** The strong-synapse (or strong-drive) warning the inspector shows for it, or null. */
  strong?: string | null;
  /** Its weight is a matrix to edit (an end has several elements): double-click opens it. */
  matrix?: boolean;
  /** The connection rule between multi-element nodes ("all-to-all · 100 inputs each"), or null. */
  rule: string | null;
  /**
   * "A → B" when the edge has a reciprocal partner (B → A): the two labels would otherwise read
   * the same, so each names its direction (canvas/wiring.ts pairText). Null otherwise.
   */
  pair?: string | null;
  /** Where the label sits and the lane of a routed-around edge (null: not planned yet). */
  placement: LabelPlacement | null;
  warnings: readonly string[];
  /** Connected to the hovered node (true), dimmed because another node is hovered (false). */
  highlight: boolean | null;
}
export type SynapseFlowEdge = FlowEdge<SynapseEdgeData, 'synapse'>;

/**
 * The canvas's edge-label layer (React Flow's `.react-flow__edgelabel-renderer` div), found once by
 * the canvas. React Flow's own EdgeLabelRenderer looks it up with a store selector that runs a
 * querySelector in every label on every store change: with 400 synapses, 400 DOM queries per
 * pointer move of a drag. Until the layer is known, labels go through EdgeLabelRenderer.
 */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);

function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useContext(EdgeLabelLayerContext);
  return layer ? createPortal(children, layer) : <EdgeLabelRenderer>{children}</EdgeLabelRenderer>;
}

/** Focuses (and selects the text of) the inspector's field of this name, if it shows one. */
function focusInspectorField(name: string): void {
  const label = [...document.querySelectorAll('aside.inspector label')].find(
    (l) => l.querySelector('.field__name')?.textContent === name,
  ) as HTMLLabelElement | undefined;
  const control = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  if (control instanceof HTMLInputElement) {
    control.focus();
    control.select();
  }
}

function nodeName(node: { id: string; label?: string | undefined }): string {
  return node.label ?? node.id;
}

/** What a handle does, on hover: dragging a card's body moves it, only a handle wires. */
export const HANDLE_OUT_TITLE = 'Output: drag from here to another node to connect';
const HANDLE_IN_TITLE = 'Input: drag from here to another node to connect it here';

function RenameField({ id, initial, isScope }: { id: string; initial: string; isScope: boolean }) {
  const [text, setText] = useState(initial);
  const finish = (save: boolean): void => {
    uiStore.setState({ renamingId: null });
    const value = text.trim();
    if (!save || value === initial) return;
    if (isScope) {
      if (applyCommand(renameId, { from: id, to: value })) select([value]);
    } else applyCommand(updateNodes, { ids: [id], patch: { label: value } });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') finish(true);
    if (e.key === 'Escape') finish(false);
    e.stopPropagation();
  };
  return (
    <input
      className="circuit-node__rename nodrag"
      aria-label={`rename ${id}`}
      autoFocus
      // F2 or a double-click renames: the old name is selected, so typing replaces it.
      onFocus={(e) => e.currentTarget.select()}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={onKeyDown}
    />
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="circuit-node__warning" role="note" title={warnings.join('\n')}>
      <WarningIcon /> {warnings[0]}
      {warnings.length > 1 ? ` (+${warnings.length - 1})` : ''}
    </div>
  );
}

/** A card's element count with thousands separators ("×100,000", not "×100000"). */
export const sizeText = (size: number): string => size.toLocaleString('en-US');

/** The card's kind, beside its badge; the size has its own "×100" beside it (said once). */
export function nodeKindText(node: NetworkNode): string {
  if (node.kind === 'population') return 'population';
  if (node.kind === 'input') return 'input';
  return node.kind === 'bias' ? 'bias node' : 'neuron';
}

function CircuitNodeView({ id, data, selected }: NodeProps<CircuitFlowNode>) {
  const { node, warnings } = data;
  const renaming = useStore(uiStore, (s) => s.renamingId === id);
  // The live painter writes this element's colours during a run (no re-render per sample).
  const painter = useContext(LivePainterContext);
  const liveRef = useCallback(
    (el: HTMLDivElement | null) => painter?.attach(id, el),
    [painter, id],
  );
  const size = nodeSize(node);
  const badge = nodeBadge(node);
  const model = node.kind === 'neuron' || node.kind === 'population' ? node.model : node.kind;
  const hasInput = node.kind === 'neuron' || node.kind === 'population';
  const name = nodeName(node);
  const kindText = nodeKindText(node);
  return (
    <div
      ref={liveRef}
      className={`circuit-node circuit-node--${node.kind} circuit-node--${model}${selected ? ' is-selected' : ''}${warnings.length ? ' has-warning' : ''}`}
      aria-label={`${badge} ${kindText}${node.kind === 'input' && size > 1 ? ` ×${sizeText(size)}` : ''} ${name}`}
      role="group"
      data-size={size}
    >
      {hasInput && (
        <Handle
          type="target"
          position={Position.Left}
          id="in"
          role="button"
          aria-label={`${name} input`}
          title={HANDLE_IN_TITLE}
          className="circuit-handle circuit-handle--in"
        />
      )}
      <div className="circuit-node__head">
        <span className="circuit-node__badge">{badge}</span>
        {size > 1 && <span className="circuit-node__size">×{sizeText(size)}</span>}
        <span className="circuit-node__kind">{kindText}</span>
      </div>
      {renaming ? (
        <RenameField id={id} initial={name} isScope={false} />
      ) : (
        <div className="circuit-node__title">
          {name}
          {node.label !== undefined && node.label !== node.id && (
            <span className="circuit-node__id"> {node.id}</span>
          )}
        </div>
      )}
      <div className="circuit-node__body">
        {(node.kind === 'neuron' || node.kind === 'population') &&
          MODELS[node.model].hasActivation && (
            <svg
              className="circuit-node__curve"
              viewBox="0 0 40 20"
              aria-label={`activation ${node.activation ?? 'logistic'}`}
              role="img"
            >
              <line x1="0" y1="18" x2="40" y2="18" className="axis" />
              <line x1="20" y1="0" x2="20" y2="20" className="axis" />
              <path d={activationPath(node.activation ?? 'logistic')} />
            </svg>
          )}
        <div className="circuit-node__params">
          {nodeSummary(node).map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      </div>
      {hasInput && (
        <div
          className={`circuit-node__live circuit-node__live--${size > 1 ? 'cells' : 'meter'}`}
          aria-hidden="true"
        />
      )}
      {data.records && data.records.length > 0 && (
        <div className="record-chips" role="group" aria-label={`${name} records`}>
          {data.records.map((r) => (
            <button
              key={r.id}
              type="button"
              className={`record-chip nodrag${r.selected ? ' is-selected' : ''}`}
              aria-label={`scope ${r.id}: records ${r.variable} of ${name}`}
              title={`Scope ${r.id}: records ${r.variable}. Click to edit it; Delete removes it.`}
              onClick={(e) => {
                e.stopPropagation();
                select(
                  e.shiftKey || e.ctrlKey || e.metaKey
                    ? [...uiStore.getState().selection, r.id]
                    : [r.id],
                );
              }}
            >
              <svg className="record-chip__icon" viewBox="0 0 24 14" aria-hidden="true">
                <path d="M1 10 L6 10 L8 2 L10 12 L12 6 L14 10 L23 10" />
              </svg>
              {r.variable}
            </button>
          ))}
        </div>
      )}
      <Warnings warnings={warnings} />
      <Handle
        type="source"
        position={Position.Right}
        id="out"
        role="button"
        aria-label={`${name} output`}
        title={HANDLE_OUT_TITLE}
        className="circuit-handle circuit-handle--out"
      />
    </div>
  );
}

export const CircuitNode = memo(CircuitNodeView);

function ScopeNodeView({ id, data, selected }: NodeProps<ScopeFlowNode>) {
  const { probe, targetName, warnings } = data;
  const renaming = useStore(uiStore, (s) => s.renamingId === id);
  return (
    <div
      className={`circuit-node circuit-node--scope${selected ? ' is-selected' : ''}${warnings.length ? ' has-warning' : ''}`}
      aria-label={`scope ${probe.id}`}
      role="group"
    >
      <Handle
        type="target"
        position={Position.Left}
        id="in"
        role="button"
        aria-label={`${probe.id} input`}
        className="circuit-handle circuit-handle--in"
      />
      <div className="circuit-node__head">
        <span className="circuit-node__badge">SCOPE</span>
        <svg className="scope-icon" viewBox="0 0 24 14" aria-hidden="true">
          <path d="M1 10 L6 10 L8 2 L10 12 L12 6 L14 10 L23 10" />
        </svg>
      </div>
      {renaming ? (
        <RenameField id={id} initial={probe.id} isScope />
      ) : (
        <div className="circuit-node__title">{probe.id}</div>
      )}
      <div className="circuit-node__params">
        records {probe.variable} of {targetName}
        {probe.every !== undefined && probe.every > 1 ? `, every ${probe.every} steps` : ''}
      </div>
      <Warnings warnings={warnings} />
    </div>
  );
}

export const ScopeNode = memo(ScopeNodeView);

/** Up to 8×8 cells of a matrix (sampled), coloured by sign and size. */
function MiniHeatMap({ matrix, scale }: { matrix: number[][]; scale: number }) {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const r = Math.min(rows, 8);
  const c = Math.min(cols, 8);
  const cells = [];
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const v = matrix[Math.floor((i * rows) / r)]![Math.floor((j * cols) / c)] ?? 0;
      cells.push(
        <rect
          key={`${i}-${j}`}
          x={j * 4}
          y={i * 4}
          width={4}
          height={4}
          fill={divergingColor(scale > 0 ? v / scale : 0)}
        />,
      );
    }
  }
  return (
    <svg
      className="synapse-label__heat"
      viewBox={`0 0 ${c * 4} ${r * 4}`}
      width={c * 4}
      height={r * 4}
      aria-hidden="true"
    >
      {cells}
    </svg>
  );
}

function SynapseEdgeView(props: EdgeProps<SynapseFlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY } = props;
  const theme = useTheme();
  // The route and label spot the canvas planned (canvas/wiring.ts), on React Flow's handle points.
  const { path, labelX, labelY, anchorX, anchorY } = routeOf(
    sourceX,
    sourceY,
    targetX,
    targetY,
    props.source === props.target,
    data?.placement ?? null,
  );
  if (!data) return <BaseEdge id={id} path={path} />;
  const { edge, scale, unitHint, highlight, warnings } = data;
  const sign = weightSign(edge.weight);
  const color = sign > 0 ? EXCITATORY : sign < 0 ? INHIBITORY : NEUTRAL;
  const magnitude = scale > 0 ? Math.min(1, weightMagnitude(edge.weight) / scale) : 0;
  const width = 1.5 + 3.5 * magnitude + (selected ? 1.5 : 0) + (highlight ? 1 : 0);
  const isMatrix = Array.isArray(edge.weight);
  const opacity = highlight === false ? 0.25 : 1;
  const kind = sign < 0 ? 'inhibitory' : 'excitatory';
  return (
    <>
      {Math.abs(labelY - anchorY) > 14 && (
        <path
          className="synapse-leader"
          d={`M ${anchorX},${anchorY} L ${labelX},${labelY}`}
          style={{ stroke: color, opacity }}
        />
      )}
      <BaseEdge
        id={id}
        path={path}
        style={{ stroke: color, strokeWidth: width, opacity }}
        className={sign < 0 ? 'synapse-path synapse-path--inhibitory' : 'synapse-path'}
        markerEnd={
          sign < 0
            ? 'url(#ns-inhibitory-end)'
            : sign > 0
              ? 'url(#ns-excitatory-end)'
              : 'url(#ns-neutral-end)'
        }
      />
      <EdgeLabel>
        <button
          type="button"
          data-edge-id={id}
          className={`synapse-label nodrag nopan${data.rule ? ' has-rule' : ''}${data.pair ? ' has-pair' : ''}${selected ? ' is-selected' : ''}${warnings.length ? ' has-warning' : ''}`}
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            borderColor: color,
            opacity: highlight === false ? 0.4 : 1,
          }}
          // Six labels may read the same (a winner-take-all): the tooltip names the pair, and
          // hovering the label brings its line forward and fades the others (as hovering a node).
          aria-describedby={data.strong ? `synapse-strong-${id}` : undefined}
          title={[`${data.sourceName} → ${data.targetName}`, unitHint, data.strong, ...warnings]
            .filter(Boolean)
            .join('\n')}
          onMouseEnter={() => uiStore.setState({ hoverId: id })}
          onMouseLeave={() => {
            if (uiStore.getState().hoverId === id) uiStore.setState({ hoverId: null });
          }}
          // The pane must not see this press: with Shift held it would start a box selection and
          // clear the selection before the click adds to it.
          onPointerDown={(e) => e.stopPropagation()}
          onMouseDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            const now = uiStore.getState().selection;
            if (e.shiftKey || e.ctrlKey || e.metaKey)
              select(now.includes(id) ? now.filter((x) => x !== id) : [...now, id]);
            else select([id]);
          }}
          // The same on every label: the matrix editor where the context menu offers it (an end
          // with several elements), else the synapse's weight in the inspector, ready to type.
          onDoubleClick={() => {
            if (data.matrix) uiStore.setState({ matrixEdgeId: id });
            else {
              select([id]);
              requestAnimationFrame(() => focusInspectorField('weight'));
            }
          }}
        >
          <span className="sr-only">
            synapse {data.sourceName} to {data.targetName}, {kind},{' '}
          </span>
          {data.pair && (
            <span className="synapse-label__pair" aria-hidden="true">
              {data.pair}
            </span>
          )}
          <span className="synapse-label__row">
            {isMatrix && (
              <MiniHeatMap
                matrix={edge.weight as number[][]}
                scale={weightMagnitude(edge.weight)}
              />
            )}
            <span style={{ color: themedColor(color, theme) }}>
              {isMatrix
                ? `W ${weightText(edge.weight)}`
                : data.rule && typeof edge.weight !== 'number' && ruleOf(edge.weight) !== 'custom'
                  ? `w ${formatNumber(ruleWeightValue(edge.weight), 4)}`
                  : `w ${weightText(edge.weight)}`}
            </span>
            {edge.synapse && (
              <span className="synapse-label__tau">
                τs {Number((edge.synapse.tauS * 1000).toPrecision(4))} ms
              </span>
            )}
            {unitHint && (
              <span className="synapse-label__hint" aria-label="units differ">
                units
              </span>
            )}
            {data.strong && (
              <span className="synapse-label__strong">
                <WarningIcon />
                strong
              </span>
            )}
            {warnings.length > 0 && (
              <span className="synapse-label__warn">
                <WarningIcon />
                <span className="sr-only">, warning</span>
              </span>
            )}
          </span>
          {data.rule && <span className="synapse-label__rule">{data.rule}</span>}
        </button>
        {/* The warning in full: the label's accessible description (its tooltip says it too). */}
        {data.strong && (
          <span hidden id={`synapse-strong-${id}`}>
            {data.strong}
          </span>
        )}
      </EdgeLabel>
    </>
  );
}

export const SynapseEdge = memo(SynapseEdgeView);

/**
 * Arrow heads: an arrow for excitation, a bar (the classic inhibitory tee) for inhibition, each in
 * its line's colour (a zero weight's grey line gets a grey arrow). MARKER_PX square whatever the
 * line's width: at 12 px a student could not tell the ends of a winner-take-all's six curves apart.
 */
export function EdgeMarkers() {
  const arrow = (id: string, color: string) => (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerUnits="userSpaceOnUse"
      markerWidth={MARKER_PX}
      markerHeight={MARKER_PX}
      orient="auto-start-reverse"
    >
      <path d={ARROW_PATH} fill={color} />
    </marker>
  );
  return (
    <svg className="edge-markers" aria-hidden="true" width="0" height="0">
      <defs>
        {arrow('ns-excitatory-end', EXCITATORY)}
        {arrow('ns-neutral-end', NEUTRAL)}
        <marker
          id="ns-inhibitory-end"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth={MARKER_PX}
          markerHeight={MARKER_PX}
          orient="auto"
        >
          <rect {...TEE_RECT} fill={INHIBITORY} />
        </marker>
      </defs>
    </svg>
  );
}
