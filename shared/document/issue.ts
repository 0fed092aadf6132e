/** A problem found while validating or compiling a document; `path` is the field path. */
export interface Issue {
  severity: 'error' | 'warning';
  /** Dotted/bracketed field path, e.g. `nodes[2].params.tauM`. */
  path: string;
  message: string;
  /**
   * The message in the app's words where `message` names fields by path (the admission rule's
   * "shorten simulation.duration"): the inspector's field names, no paths. The CLI prints `message`.
   */
  text?: string;
  /** Node, edge or probe id the issue belongs to, when there is one (the app selects it). */
  elementId?: string;
}
