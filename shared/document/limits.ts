/**
 * What a file may ask of the machine before it is even parsed: a file too large to parse sanely is
 * refused before JSON.parse, and nesting is bounded. What a run may ask (memory, spikes, rates,
 * steps) is the admission rule in shared/sim/admission.ts, the one estimate every entry uses.
 */

/** Largest file text loadDocument parses (the host API caps a document at the same size). */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;
/** Deepest nesting of JSON values accepted (a valid document needs 6; unknown data gets room). */
export const MAX_NESTING_DEPTH = 100;
