/**
 * The inspector for the selection; with nothing selected, the document (the editor fills it in:
 * issue 5).
 */
import type { NetworkDocument } from '../../../shared/document/model';

export function Inspector({ document }: { document: NetworkDocument }) {
  return (
    <aside className="inspector" aria-label="inspector">
      <h2 className="panel-title">{document.name ?? 'Untitled circuit'}</h2>
      {document.description && <p className="inspector__description">{document.description}</p>}
    </aside>
  );
}
