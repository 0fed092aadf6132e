/**
 * The app shell: header (file, run controls), palette | canvas | inspector, and the charts below.
 * Each region is its own component; App only wires the host, the session and the stores.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { RunStatus } from '../../../shared/ipc/contract';
import { ChartsPanel } from '../charts/ChartsPanel';
import { CircuitCanvas } from '../canvas/CircuitCanvas';
import { Inspector } from '../inspector/Inspector';
import { PanelSplitter } from '../ui/PanelSplitter';
import { PanelToggle, usePanelOpen } from '../ui/PanelToggle';
import { Palette } from '../canvas/Palette';
import { RunMessage, RunToolbar } from '../run/RunToolbar';
import { runMessageStore } from '../document/runMessage';
import { getHost } from '../run/hostClient';
import { LearnPanel } from '../learn/LearnPanel';
import { SimulationSession } from '../run/SimulationSession';
import { DialogHost } from './DialogHost';
import { FileProblems, FileStatus, FileTitle, FileToolbar } from '../files/FileToolbar';
import { useFileLifecycle } from '../files/useFileLifecycle';
import { documentStore } from '../document/documentStore';
import { registerSessionForTests } from '../run/testHooks';

export function App() {
  const host = useMemo(() => getHost(), []);
  const session = useMemo(() => new SimulationSession(host), [host]);
  const { document, fileName, loadError } = useStore(documentStore);
  const layout = useRef<HTMLElement>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [paletteOpen, setPaletteOpen] = usePanelOpen('palette');
  const [inspectorOpen, setInspectorOpen] = usePanelOpen('inspector');
  // A run refused for a draft offers "Show", which focuses the field: the inspector must be open.
  const draftMessage = useStore(runMessageStore, (s) => Boolean(s.message?.draft));
  useEffect(() => {
    if (draftMessage && !inspectorOpen) setInspectorOpen(true);
  }, [draftMessage, inspectorOpen, setInspectorOpen]);

  useEffect(() => session.subscribeStatus(setStatus), [session]);
  // Opening a file, an example or New replaces the circuit: the previous run's charts, clock and
  // edit log belong to the old one, so the run stops and the session is cleared.
  const loadCount = useStore(documentStore, (s) => s.loadCount);
  useEffect(() => session.stopAndClear(), [loadCount, session]);
  useEffect(() => registerSessionForTests(session), [session]);
  useEffect(() => () => session.dispose(), [session]);

  // Startup file, autosave, title with the unsaved marker, menus, drop (renderer/src/files).
  useFileLifecycle(host);

  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">
          NeuroSketch{' '}
          <span className="app__file" title={document?.name ?? fileName}>
            {document?.name ?? fileName}
          </span>
          <FileTitle />
        </h1>
        <FileToolbar />
        <FileStatus />
        {document && (
          <RunToolbar host={host} session={session} document={document} status={status} />
        )}
        <LearnPanel document={document} host={host} session={session} />
      </header>
      <FileProblems />
      {loadError && (
        <div role="alert" className="app__error">
          {loadError}
        </div>
      )}
      {status?.state === 'error' && (
        <div role="alert" className="app__error">
          The run stopped: {status.error}
        </div>
      )}
      <main
        className={`app__main${paletteOpen ? '' : ' app__main--palette-closed'}${inspectorOpen ? '' : ' app__main--inspector-closed'}`}
        ref={layout}
      >
        <Palette open={paletteOpen} onToggle={setPaletteOpen} />
        <section className="app__canvas" aria-label="circuit">
          {document ? (
            <CircuitCanvas document={document} session={session} />
          ) : (
            <p className="app__loading">Loading…</p>
          )}
        </section>
        {document && (
          <div className={`app__side${inspectorOpen ? '' : ' app__side--collapsed'}`}>
            <RunMessage />
            <div className="app__inspector">
              <PanelToggle
                panel="inspector"
                open={inspectorOpen}
                onToggle={setInspectorOpen}
                controls="inspector-body"
              />
              <div id="inspector-body" className="app__inspector-body" hidden={!inspectorOpen}>
                <Inspector document={document} />
              </div>
            </div>
          </div>
        )}
        {document && <PanelSplitter layout={layout} controls="charts-panel" />}
        {document && <ChartsPanel session={session} document={document} fileName={fileName} />}
      </main>
      <DialogHost />
    </div>
  );
}
