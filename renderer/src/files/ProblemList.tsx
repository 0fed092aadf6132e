/**
 * The problems of a file: every issue with its field path and its message (what is wrong and how
 * to fix it). When the file did not open, the current circuit is untouched and each entry can show
 * the element of the file it is about; when the file opened with warnings, an entry selects its
 * node or edge on the canvas.
 */
import { useState } from 'react';
import type { Issue } from '../../../shared/sim/types';
import { dismissProblems, type ProblemReport } from './fileSession';
import './files.css';

/** The JSON of the node, edge or probe `id` in a file's text, or null. */
export function elementSnippet(text: string, id: string | undefined): string | null {
  if (!id) return null;
  try {
    const json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Record<
      string,
      unknown
    >;
    for (const key of ['nodes', 'edges', 'probes']) {
      const list = json[key];
      if (!Array.isArray(list)) continue;
      const found = list.find(
        (e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === id,
      );
      if (found) return JSON.stringify(found, null, 2);
    }
  } catch {
    return null;
  }
  return null;
}

/** Selects an element on the canvas (focus + highlight; the editor's selection when it has one). */
export function selectOnCanvas(id: string): boolean {
  const escaped = CSS.escape(id);
  const element = document.querySelector<HTMLElement | SVGElement>(
    `[data-testid="rf__node-${escaped}"], [data-testid="rf__edge-${escaped}"], [data-id="${escaped}"]`,
  );
  if (!element) return false;
  document
    .querySelectorAll('.ns-problem-target')
    .forEach((e) => e.classList.remove('ns-problem-target'));
  element.classList.add('ns-problem-target');
  element.scrollIntoView?.({ block: 'center', inline: 'center' });
  (element as HTMLElement).focus?.();
  element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  return true;
}

function IssueEntry({ issue, report }: { issue: Issue; report: ProblemReport }) {
  const [open, setOpen] = useState(false);
  const where = issue.path === '' ? '(whole file)' : issue.path;
  const snippet = report.outcome === 'failed' ? elementSnippet(report.text, issue.elementId) : null;
  const body = (
    <>
      <code className="problems__path">{where}</code>
      <span className="problems__message">{issue.message}</span>
    </>
  );
  if (report.outcome === 'warnings' && issue.elementId) {
    const id = issue.elementId;
    return (
      <li className={`problems__item problems__item--${issue.severity}`}>
        <button type="button" className="problems__entry" onClick={() => selectOnCanvas(id)}>
          {body}
        </button>
      </li>
    );
  }
  return (
    <li className={`problems__item problems__item--${issue.severity}`}>
      {snippet ? (
        <>
          <button
            type="button"
            className="problems__entry"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {body}
          </button>
          {open && (
            <pre className="problems__snippet" aria-label={`${issue.elementId} in the file`}>
              {snippet}
            </pre>
          )}
        </>
      ) : (
        <div className="problems__entry problems__entry--static">{body}</div>
      )}
    </li>
  );
}

export function ProblemList({ report }: { report: ProblemReport }) {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const heading =
    report.outcome === 'failed'
      ? `${report.fileName} was not opened: ${errors} problem${errors === 1 ? '' : 's'}`
      : `${report.fileName} opened with ${report.issues.length} warning${report.issues.length === 1 ? '' : 's'}`;
  return (
    <section className={`problems problems--${report.outcome}`} aria-label="problems">
      <header className="problems__header">
        <h2>{heading}</h2>
        <button type="button" onClick={dismissProblems} aria-label="Close the problem list">
          ✕
        </button>
      </header>
      {report.outcome === 'failed' && (
        <p className="problems__note" role="alert">
          Your current circuit was not changed. Fix the file (each line says where and how), then
          open it again.
        </p>
      )}
      <ul className="problems__list">
        {report.issues.map((issue, i) => (
          <IssueEntry key={`${issue.path}:${i}`} issue={issue} report={report} />
        ))}
      </ul>
    </section>
  );
}
