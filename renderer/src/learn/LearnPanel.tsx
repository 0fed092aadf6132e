/**
 * The Learn panel: a "Learn" button for the header and, when open, a dialog listing the "See the
 * math" views beside the open one. Open it from anywhere with `openLearnView(kind, nodeId)`.
 */
import { useEffect, useRef, type ComponentType } from 'react';
import { useStore } from 'zustand';
import type { NetworkDocument } from '../../../shared/document/model';
import type { HostApi } from '../../../shared/ipc/contract';
import { closeLearnPanel, learnStore, openLearnView, type LearnViewKind } from './learnStore';
import { LEARN_VIEWS, learnViewForSelection } from './learnViews';
import { uiStore } from '../document/uiStore';
import './learn.css';
import type { LearnViewProps, LiveTraces } from './viewProps';
import { ActivationsView } from './views/ActivationsView';
import { FiView } from './views/FiView';
import { HhCurrentView } from './views/HhCurrentView';
import { HhGatingView } from './views/HhGatingView';
import { LifView } from './views/LifView';
import { PscView } from './views/PscView';
import { WeightsView } from './views/WeightsView';

const VIEW_COMPONENTS: Record<LearnViewKind, ComponentType<LearnViewProps>> = {
  hhGating: HhGatingView,
  hhCurrent: HhCurrentView,
  lif: LifView,
  fi: FiView,
  activations: ActivationsView,
  psc: PscView,
  weights: WeightsView,
};

export interface LearnPanelProps {
  document: NetworkDocument | null;
  host: HostApi;
  /** The live SimulationSession (the weight view reads x from it). */
  session: LiveTraces | null;
}

export function LearnPanel({ document, host, session }: LearnPanelProps) {
  const { open, kind, nodeId } = useStore(learnStore);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') closeLearnPanel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const View = VIEW_COMPONENTS[kind];
  const node = nodeId ? document?.nodes.find((n) => n.id === nodeId) : undefined;
  const edge = nodeId && !node ? document?.edges.find((e) => e.id === nodeId) : undefined;
  // Tied to a node (or a synapse): the views that apply to it first, the others below with example
  // values (an HH gating view for a rate unit would show nothing of that unit).
  const tiedTo = node ?? (edge ? document?.nodes.find((n) => n.id === edge.target) : undefined);
  const applies = (v: (typeof LEARN_VIEWS)[number]): boolean =>
    !!document &&
    ((edge !== undefined && v.kind === 'psc') || (!!tiedTo && v.appliesTo(tiedTo, document)));
  const groups: Array<{
    heading?: string;
    views: Array<(typeof LEARN_VIEWS)[number]>;
    target: (kind: string) => string | undefined;
  }> =
    node || edge
      ? [
          {
            heading: `For ${node ? (node.label ?? node.id) : 'this synapse'}`,
            // A synapse's other views are its target's.
            views: LEARN_VIEWS.filter(applies),
            target: (k: string) => (edge && k !== 'psc' ? edge.target : (nodeId ?? undefined)),
          },
          {
            heading: 'Other views (example values)',
            views: LEARN_VIEWS.filter((v) => !applies(v)),
            target: () => undefined,
          },
        ].filter((g) => g.views.length > 0)
      : [{ views: [...LEARN_VIEWS], target: () => undefined }];
  const nameOf = (id: string): string => {
    const n = document?.nodes.find((x) => x.id === id);
    return n?.label ?? id;
  };
  return (
    <>
      <button
        type="button"
        className="learn-button learn-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          // The selected node's (or synapse's) view, as its right-click "See the math" opens;
          // with nothing selected, the last view.
          const picked = document
            ? learnViewForSelection(document, uiStore.getState().selection)
            : undefined;
          if (picked) openLearnView(picked.kind, picked.nodeId);
          else openLearnView(kind);
        }}
      >
        Learn: see the math
      </button>
      {open && document && (
        <div className="learn-backdrop">
          <div className="learn-panel" role="dialog" aria-modal="true" aria-label="See the math">
            <nav className="learn-panel__nav" aria-label="math views">
              <h2 className="learn-panel__heading">See the math</h2>
              {node && <p className="learn-panel__node">for node {node.label ?? node.id}</p>}
              {edge && (
                <p className="learn-panel__node">
                  for synapse {nameOf(edge.source)} → {nameOf(edge.target)}
                </p>
              )}
              {groups.map((group) => (
                <div key={group.heading ?? 'all'}>
                  {group.heading && <h3 className="learn-panel__group">{group.heading}</h3>}
                  <ul>
                    {group.views.map((v) => (
                      <li key={v.kind}>
                        <button
                          type="button"
                          className="learn-panel__item"
                          aria-current={v.kind === kind ? 'page' : undefined}
                          onClick={() => openLearnView(v.kind, group.target(v.kind))}
                        >
                          <span className="learn-panel__item-title">{v.title}</span>
                          <span className="learn-panel__item-summary">{v.summary}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
              <button
                ref={closeRef}
                type="button"
                className="learn-button"
                onClick={closeLearnPanel}
              >
                Close
              </button>
            </nav>
            <div className="learn-panel__body">
              {/* A new key remounts the view when its node changes, so it starts from that node. */}
              <View
                key={`${kind}:${nodeId ?? '*'}`}
                document={document}
                nodeId={nodeId}
                host={host}
                session={session}
              />
            </div>
          </div>
        </div>
      )}
    </>
  );
}
