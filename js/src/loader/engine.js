// engine.js — the WASM engine: fetched and compiled while streaming
// (application/wasm), with a fallback to compiling the whole buffer when the
// server's MIME type does not allow streaming. The byte ABI wrapper is the
// engine's own loader (wasm/wafer-engine.mjs).

import { loadEngine } from '../../../wasm/wafer-engine.mjs';

async function compile(url) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`wafer: engine ${res.status}`);
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(res.clone());
    } catch (e) {
      // Wrong MIME type or no streaming: compile the bytes instead.
    }
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

const base64Bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

// Resolves to the engine with the site's compiled policy loaded (a policy it
// cannot read makes every decision fail closed).
export async function startEngine(cfg) {
  const engine = await loadEngine(await compile(cfg.engine));
  engine.policyOk = engine.loadPolicy(base64Bytes(cfg.policy || ''));
  return engine;
}
