/**
 * Small helpers every inspector panel uses: an element's shown name, a node as the store holds it
 * now, a count with its noun, and the list of an element's problems.
 */
import type { NetworkNode } from '../../../shared/document/model';
import { currentDocument } from '../document/documentStore';
import { findNode } from '../document/graph';
import { WarningIcon } from '../ui/icons';

/** The node with this id in the store's document now (a field may commit before a re-render). */
export function currentNode(id: string): NetworkNode | undefined {
  const doc = currentDocument();
  return doc ? findNode(doc, id) : undefined;
}

/** An element's label, else its id. */
export function name(el: { id: string; label?: string | undefined }): string {
  return el.label ?? el.id;
}

/** An element's problems (validation issues) under its fields. */
export function Problems({ problems }: { problems: readonly string[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="inspector__problems" aria-label="problems">
      {problems.map((p) => (
        <li key={p}>
          <WarningIcon /> {p}
        </li>
      ))}
    </ul>
  );
}

/** "1 scope", "2 scopes". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
