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
              <ul>
                {LEARN_VIEWS.map((v) => (
                  <li key={v.kind}>
                    <button
                      type="button"
                      className="learn-panel__item"
                      aria-current={v.kind === kind ? 'page' : undefined}
                      onClick={() =>
                        // A synapse's other views are its target's.
                        openLearnView(v.kind, edge && v.kind !== 'psc' ? edge.target : nodeId)
                      }
                    >
                      <span className="learn-panel__item-title">{v.title}</span>
                      <span className="learn-panel__item-summary">{v.summary}</span>
                    </button>
                  </li>
                ))}
              </ul>
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
                key={`${kind}:${nodeId ?? ''}`}
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
