// engine.js — the WASM engine: fetched and compiled while streaming
// (application/wasm), with a fallback to compiling the whole buffer when the
// server's MIME type does not allow streaming. The byte ABI wrapper is the
// engine's own loader (wasm/wafer-engine.mjs).
//
// The stub starts both downloads (S.eng_: the engine compiling while it
// streams; S.pol_: the compiled policy file) so that they run in parallel
// with the loader's; anything it could not start, or that failed, is fetched
// again here. Fail closed: no engine → the promise rejects (everything stays
// held); no readable policy → every decision has policyOk false.

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

// The compiled policy's bytes: inline (cfg.policy, base64) or the file
// cfg.policy_file names (`started`: the stub's download of it, an
// ArrayBuffer promise); empty if it cannot be had (the engine then fails
// closed).
async function policyBytes(cfg, started) {
  if (!cfg.policy_file) return base64Bytes(cfg.policy || '');
  for (const get of [
    () => started,
    () => fetch(cfg.policy_file, { credentials: 'same-origin' }).then((r) => r.ok && r.arrayBuffer()),
  ]) {
    try {
      const bytes = await get();
      if (bytes) return new Uint8Array(bytes);
    } catch (e) {}
  }
  return new Uint8Array(0);
}

// Resolves to the engine with the site's compiled policy loaded (a policy it
// cannot read makes every decision fail closed).
export async function startEngine(cfg) {
  const S = window.__wafer || {};
  const bytes = policyBytes(cfg, S.pol_);
  const module = await (S.eng_ || Promise.reject()).catch(() => compile(cfg.engine));
  const engine = await loadEngine(module);
  engine.policyOk = engine.loadPolicy(await bytes);
  return engine;
}
