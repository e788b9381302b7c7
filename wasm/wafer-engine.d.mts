// wafer-engine.d.mts — types for wafer-engine.mjs, the WASM engine's loader.
// Byte layouts: core/include/wafer/engine_wire.h.

export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * Compiles and instantiates the engine. `source` is the module's bytes, a
 * compiled module, a Response, or a URL to fetch (browsers; Node 20's fetch
 * reads no files, so pass the bytes there).
 */
export function loadEngine(
  source: Bytes | WebAssembly.Module | Response | URL | string,
): Promise<Engine>;

export class Engine {
  /** Loads a compiled policy; false if unreadable (decisions then fail closed). */
  loadPolicy(policy: Bytes | string): boolean;
  /** Encoded facts ("WF") in, encoded decision ("WD") out. */
  evaluate(facts: Bytes): Uint8Array;
  /** Encoded facts and choice ("WA") in, encoded decision out. */
  apply(facts: Bytes, choice: Bytes): Uint8Array;
  /** The loaded policy's names ("WI"); empty when no readable policy is loaded. */
  policyInfo(): Uint8Array;
  /** One pattern against one URL or cookie name ("WU" bytes): 1, 0, or -1 if malformed. */
  match(bytes: Bytes): number;
}
