/** Types of scripts/build-wasm.mjs (for its unit test). */
export declare function assembleWat(watPath: string): Promise<Uint8Array>;
export declare function wasmModuleSource(watName: string, bytes: Uint8Array): string;
