/**
 * The "edited live (N)" badge of the charts panel head, a button that opens the run's live-edit
 * log: a popover listing each edit as the inspector names its field (editLogText.ts). The list was
 * only a hover title before, which a click, a keyboard or a touch screen never showed. Escape, the
 * × or a second click closes it, and focus goes back to the badge.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { NetworkDocument } from '../../../shared/document/model';
import type { EditLogEntry } from '../run/SimulationSession';
import { editLogLine } from './editLogText';

export function EditLogBadge(props: { log: readonly EditLogEntry[]; document: NetworkDocument }) {
  const [open, setOpen] = useState(false);
  const badge = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const id = useId();
  const lines = props.log.map((e) => editLogLine(e, props.document));
  useEffect(() => {
    if (open) popover.current?.focus();
  }, [open]);
  const close = (): void => {
    setOpen(false);
    badge.current?.focus();
  };
  return (
    <span className="run-panel__edited-wrap">
      <button
        type="button"
        ref={badge}
        className="run-panel__edited"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="dialog"
        title={lines.join('\n')}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) close();
        }}
      >
        edited live ({lines.length})
      </button>
      {open && (
        <div
          ref={popover}
          id={id}
          className="run-panel__edit-log"
          role="dialog"
          aria-label="live edits of this run"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <div className="run-panel__edit-log-head">
            <strong>Live edits of this run</strong>
            <button type="button" aria-label="Close" onClick={close}>
              ×
            </button>
          </div>
          <ol>
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      )}
    </span>
  );
}
