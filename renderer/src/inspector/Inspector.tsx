/**
 * The inspector for the selection, driven by the param registry (shared/models/paramSpecs.ts) so
 * every param of the spec is editable, with its unit (ms shown, seconds stored), range and inline
 * validation. Several selected nodes of one model are edited together. With nothing selected it
 * shows the document: name, description, author, and the simulation's dt, duration and seed.
 *
 * This file only picks the panel for the selection; each panel is a file of its own.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import { uiStore } from '../document/uiStore';
import { issuesById } from '../document/issues';
import type { DraftOwner } from '../document/drafts';
import { DocumentPanel } from './DocumentPanel';
import { EdgePanel } from './EdgePanel';
import { DraftOwnerContext } from './fields';
import { MixedSelectionPanel } from './MixedSelectionPanel';
import { NodePanel } from './NodePanel';
import { ProbePanel } from './ProbePanel';

export function Inspector({ document: doc }: { document: NetworkDocument }) {
  const selection = useStore(uiStore, (s) => s.selection);
  const problems = useMemo(() => issuesById(doc), [doc]);
  const set = new Set(selection);
  const nodes = doc.nodes.filter((n) => set.has(n.id));
  const edges = doc.edges.filter((e) => set.has(e.id));
  const probes = (doc.probes ?? []).filter((p) => set.has(p.id));
  let body;
  // Whose fields the panel shows: a value typed there that cannot be stored is kept as a draft of
  // these elements (document/drafts.ts) and names them when it blocks Run.
  let owner: DraftOwner | null = null;
  if (nodes.length + edges.length + probes.length === 0) {
    owner = { kind: 'simulation', ids: [] };
    body = <DocumentPanel doc={doc} />;
  } else if (nodes.length > 0 && edges.length === 0 && probes.length === 0) {
    owner = { kind: 'node', ids: nodes.map((n) => n.id) };
    body = <NodePanel doc={doc} nodes={nodes} problems={problems} />;
  } else if (edges.length > 0 && nodes.length === 0 && probes.length === 0) {
    owner = { kind: 'synapse', ids: edges.map((e) => e.id) };
    body = <EdgePanel doc={doc} edges={edges} problems={problems} />;
  } else if (probes.length === 1 && nodes.length === 0 && edges.length === 0) {
    owner = { kind: 'scope', ids: [probes[0]!.id] };
    body = <ProbePanel doc={doc} probe={probes[0]!} problems={problems} />;
  } else
    body = (
      <MixedSelectionPanel
        count={selection.length}
        nodes={nodes.length}
        edges={edges.length}
        probes={probes.length}
      />
    );
  // Remount per selection so fields start from the selected values.
  return (
    <aside className="inspector" aria-label="inspector">
      <DraftOwnerContext.Provider value={owner}>
        <div key={selection.join('|')}>{body}</div>
      </DraftOwnerContext.Provider>
    </aside>
  );
}
