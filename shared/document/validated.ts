/**
 * A document that passed validation (docs/format.md#what-validation-reports): the only input the
 * simulator's compiler builds from. The brand is a type (erased at run time) backed by a record of
 * the objects `validateDocument` accepted, so a document that merely claims the brand (a cast) is
 * still checked before it is compiled.
 */
import type { NetworkDocument } from './model';

declare const VALIDATED: unique symbol;

/** A NetworkDocument that `validateDocument` (or `loadDocument`) returned as valid. */
export type ValidatedDocument = NetworkDocument & { readonly [VALIDATED]: true };

const accepted = new WeakSet<object>();

/** Brands a document. Only the validation entry (validateDocument.ts) calls this. */
export function markValidated(doc: NetworkDocument): ValidatedDocument {
  accepted.add(doc);
  return doc as ValidatedDocument;
}

/** Whether `doc` is an object validateDocument accepted (and so carries the brand). */
export function isValidated(doc: unknown): doc is ValidatedDocument {
  return typeof doc === 'object' && doc !== null && accepted.has(doc);
}
