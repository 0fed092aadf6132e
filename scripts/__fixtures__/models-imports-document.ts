// A model importing the document layer: models/ sits below document/ (util <- models <- document).
import type { NetworkDocument } from '../document/model';

export type Fixture = NetworkDocument;
