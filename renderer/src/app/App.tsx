/**
 * The app shell: header (file, run controls), palette | canvas | inspector, and the charts below.
 * Each region is its own component; App creates the window's services once (app/services.ts: the
 * host, the run session and controller, the file session, the command registry), hands them down
 * through `ServicesProvider`, and wires menus and keys to the commands.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ChartsPanel } from '../charts/ChartsPanel';
import { CircuitCanvas } from '../canvas/CircuitCanvas';
import { Inspector } from '../inspector/Inspector';
import { PanelSplitter } from '../ui/PanelSplitter';
import { PanelToggle, usePanelOpen } from '../ui/PanelToggle';
import { Palette } from '../canvas/Palette';
import { RunError, RunMessage, RunToolbar } from '../run/RunToolbar';
import { runMessageStore } from '../document/runMessage';
import { createHost } from '../run/hostClient';
import { LearnPanel } from '../learn/LearnPanel';
import { ServicesProvider, type Services } from '../run/services';
import { DialogHost } from './DialogHost';
import { FileProblems, FileStatus, FileTitle, FileToolbar } from '../files/FileToolbar';
import { useFileLifecycle } from '../files/useFileLifecycle';
import { documentStore } from '../document/documentStore';
import { registerDocumentForTests, registerSessionForTests } from '../run/testHooks';
import { createAppServices } from './services';
import { useCommandInput } from './useCommandInput';

/** The window's app; `services` for tests (else created here, once, on the window's host). */
export function App(props: { services?: Services }) {
  // Created once per App (a useState initializer, not module globals): StrictMode's second render
  // in development may create a second set, which is dropped unused.
  const [services] = useState(() => props.services ?? createAppServices(createHost()));
  const { host, session, run } = services;
  const { document, fileName, loadError } = useStore(documentStore);
  const layout = useRef<HTMLElement>(null);
  const [paletteOpen, setPaletteOpen] = usePanelOpen('palette');
  const [inspectorOpen, setInspectorOpen] = usePanelOpen('inspector');
  // A run refused for a draft offers "Show", which focuses the field: the inspector must be open.
  const draftMessage = useStore(runMessageStore, (s) => Boolean(s.message?.draft));
  useEffect(() => {
    if (draftMessage && !inspectorOpen) setInspectorOpen(true);
  }, [draftMessage, inspectorOpen, setInspectorOpen]);

  // The run controller follows the document (live edits; a loaded circuit stops the run and
  // clears the session) and the run's status.
  useEffect(() => run.connect(), [run]);
  useEffect(() => registerSessionForTests(session), [session]);
  useEffect(() => registerDocumentForTests(() => documentStore.getState().document), []);

  // Startup file, autosave, title with the unsaved marker, drop (renderer/src/files).
  useFileLifecycle(services.files);
  // Native menus and keys run the registry's commands.
  useCommandInput(services);

  return (
    <ServicesProvider services={services}>
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
          {document && <RunToolbar session={session} document={document} />}
          <LearnPanel document={document} host={host} session={session} />
        </header>
        <FileProblems />
        {loadError && (
          <div role="alert" className="app__error">
            {loadError}
          </div>
        )}
        <RunError document={document} />
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
    </ServicesProvider>
  );
}
