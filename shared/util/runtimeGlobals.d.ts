/**
 * The few globals every runtime shared/ code runs in (Node, browsers, workers) provides but the
 * ES2022 lib does not declare. Declared narrowly here so shared/ still cannot see DOM or Node APIs.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
