/**
 * The circuit canvas: React Flow, controlled from the document. Nodes and edges are derived from
 * the document by a memoised function; probes are drawn as scopes wired from their target.
 */
import {
  Background,
  Controls,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  type Edge as FlowEdge,
  type Node as FlowNode,
  type NodeProps,
} from '@xyflow/react';
import { useMemo } from 'react';
import type { NetworkDocument, NetworkNode } from '../../../shared/document/model';

type CircuitNodeData = { title: string; badge: string; detail: string; kind: string };
type CircuitFlowNode = FlowNode<CircuitNodeData, 'circuit'>;

function CircuitNode({ data }: NodeProps<CircuitFlowNode>) {
  return (
    <div
      className={`circuit-node circuit-node--${data.kind}`}
      aria-label={`${data.badge} ${data.title}`}
    >
      {data.kind !== 'input' && data.kind !== 'bias' && (
        <Handle type="target" position={Position.Left} />
      )}
      <div className="circuit-node__badge">{data.badge}</div>
      <div className="circuit-node__title">{data.title}</div>
      <div className="circuit-node__detail">{data.detail}</div>
      {data.kind !== 'probe' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

const nodeTypes = { circuit: CircuitNode };

function describe(node: NetworkNode): Omit<CircuitNodeData, 'title'> {
  switch (node.kind) {
    case 'neuron':
    case 'population': {
      const params = (node.params ?? {}) as Record<string, unknown>;
      const badge = node.model.toUpperCase() + (node.kind === 'population' ? ` x${node.size}` : '');
      const tauM = typeof params['tauM'] === 'number' ? params['tauM'] : 0.02;
      const detail =
        node.model === 'lif'
          ? `tau_m ${(tauM * 1000).toFixed(3).replace(/\.?0+$/, '')} ms`
          : node.model;
      return { badge, detail, kind: node.kind };
    }
    case 'input': {
      const signal = node.signal;
      const detail = signal.type === 'constant' ? `constant ${String(signal.value)}` : signal.type;
      return { badge: 'INPUT', detail, kind: 'input' };
    }
    case 'bias':
      return { badge: 'BIAS', detail: 'outputs 1', kind: 'bias' };
  }
}

export function toFlow(doc: NetworkDocument): { nodes: CircuitFlowNode[]; edges: FlowEdge[] } {
  const layout = doc.layout ?? {};
  const nodes: CircuitFlowNode[] = doc.nodes.map((node, i) => ({
    id: node.id,
    type: 'circuit',
    position: { x: layout[node.id]?.x ?? i * 220, y: layout[node.id]?.y ?? 0 },
    data: { title: node.label ?? node.id, ...describe(node) },
  }));
  const edges: FlowEdge[] = doc.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: typeof edge.weight === 'number' ? `w = ${edge.weight}` : 'W',
    className:
      typeof edge.weight === 'number' && edge.weight < 0 ? 'edge--inhibitory' : 'edge--excitatory',
  }));
  for (const [i, probe] of (doc.probes ?? []).entries()) {
    nodes.push({
      id: probe.id,
      type: 'circuit',
      position: { x: layout[probe.id]?.x ?? 500, y: layout[probe.id]?.y ?? i * 120 },
      data: { title: probe.id, badge: 'SCOPE', detail: `records ${probe.variable}`, kind: 'probe' },
    });
    edges.push({
      id: `probe-wire-${probe.id}`,
      source: probe.target,
      target: probe.id,
      className: 'edge--probe',
      animated: true,
    });
  }
  return { nodes, edges };
}

export function CircuitCanvas({ document }: { document: NetworkDocument }) {
  const { nodes, edges } = useMemo(() => toFlow(document), [document]);
  return (
    <div className="circuit-canvas" aria-label="circuit canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="minimap" />
        <Controls />
      </ReactFlow>
    </div>
  );
}
