/**
 * The palette of node kinds (the editor fills it in: issue 5).
 */
export function Palette() {
  return (
    <nav className="palette" aria-label="palette">
      <h2 className="panel-title">Add</h2>
    </nav>
  );
}
