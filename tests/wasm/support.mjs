// support.mjs — shared helpers for the Node tests of the WASM engine.
//
//   import { loadBuiltEngine, readCases, encodeFacts, decodeDecisionHead } from './support.mjs';
//   const engine = await loadBuiltEngine();   // build/wasm/wasm/wafer-engine.{mjs,wasm}
//
// Byte layouts: core/include/wafer/engine_wire.h. Only what the tests need is
// encoded or decoded here; the loader's own codec lives in js/.

import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Where scripts/build.sh puts the engine; WAFER_WASM_DIR overrides.
export const WASM_DIR = process.env.WAFER_WASM_DIR ?? path.join(ROOT, 'build/wasm/wasm');

// The native/WASM differential's case file, written by
// build/native/tests/tools/wafer_cases (scripts/test.sh runs it); WAFER_CASES overrides.
export const CASES_FILE =
  process.env.WAFER_CASES ?? path.join(ROOT, 'build/native/tests/wafer_cases.bin');

export async function wasmBytes() {
  return readFile(path.join(WASM_DIR, 'wafer-engine.wasm'));
}

// Loads the built engine through the built loader (the one browsers get).
export async function loadBuiltEngine() {
  const { loadEngine } = await import(pathToFileURL(path.join(WASM_DIR, 'wafer-engine.mjs')).href);
  return loadEngine(await wasmBytes());
}

// --- wire primitives (core/src/internal/wire.h) ---------------------------

export class Writer {
  #bytes = [];
  u8(v) { this.#bytes.push(v & 0xff); return this; }
  varint(v) {
    let n = BigInt(v);
    while (n >= 0x80n) { this.#bytes.push(Number((n & 0x7fn) | 0x80n)); n >>= 7n; }
    this.#bytes.push(Number(n));
    return this;
  }
  raw(bytes) { for (const b of bytes) this.#bytes.push(b); return this; }
  str(s) {
    const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    return this.varint(b.length).raw(b);
  }
  bytes() { return Uint8Array.from(this.#bytes); }
}

export class Reader {
  #b; #pos = 0;
  constructor(bytes) { this.#b = bytes; }
  get pos() { return this.#pos; }
  atEnd() { return this.#pos === this.#b.length; }
  u8() {
    if (this.#pos >= this.#b.length) throw new RangeError(`truncated at ${this.#pos}`);
    return this.#b[this.#pos++];
  }
  varint() {
    let v = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.u8();
      v |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return v;
    }
    throw new RangeError('varint too long');
  }
  raw(n) {
    if (this.#pos + n > this.#b.length) throw new RangeError(`truncated at ${this.#pos}`);
    const out = this.#b.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
  str() { return this.raw(Number(this.varint())); }
}

// --- facts and decisions ----------------------------------------------------

// Encodes facts ("WF" version 3). `f` fields as in wafer::Facts (cookies is
// document.cookie as read, "a=1; b=2"); elements are
// { kind, url, category, service }; pageServices are service ids.
export function encodeFacts(f = {}) {
  const w = new Writer().raw([0x57, 0x46, 3]).varint(f.now ?? 0).str(f.region ?? '')
    .u8(f.gpc ? 1 : 0);
  const langs = f.languages ?? [];
  w.varint(langs.length); for (const l of langs) w.str(l);
  w.str(f.host ?? '').str(f.path ?? '').str(f.cookies ?? '').str(f.storedMirror ?? '');
  w.raw(f.freshId ?? new Uint8Array(16));
  const els = f.elements ?? [];
  w.varint(els.length);
  for (const e of els) w.u8(e.kind ?? 0).str(e.url ?? '').str(e.category ?? '').str(e.service ?? '');
  const page = f.pageServices ?? [];
  w.varint(page.length); for (const s of page) w.str(s);
  return w.bytes();
}

export const DecisionFlag = {
  policyOk: 1, showBanner: 2, hubspotDoNotTrack: 4, gpcHonoured: 8, stateChanged: 16,
};

// Decodes a decision ("WD" version 3) up to and including its element
// verdicts: enough to check a fail-closed answer.
export function decodeDecisionHead(bytes) {
  const r = new Reader(bytes);
  const magic = String.fromCharCode(r.u8(), r.u8());
  const version = r.u8();
  const flags = r.u8();
  const d = {
    magic, version, flags,
    policyOk: !!(flags & DecisionFlag.policyOk),
    showBanner: !!(flags & DecisionFlag.showBanner),
    regime: r.u8(),
    reason: r.u8(),
    language: r.varint(),
    bannerLanguage: new TextDecoder().decode(r.str()),
    allowedCategories: r.varint(),
    allowedServices: r.varint(),
    cookielessServices: r.varint(),
    consentMode: r.u8(),
    hubspot: r.u8(),
    elements: [],
  };
  const n = Number(r.varint());
  for (let i = 0; i < n; i++) {
    d.elements.push({
      release: r.u8(), reason: r.u8(),
      service: Number(r.varint()) - 1, category: Number(r.varint()) - 1,
    });
  }
  return d;
}

// --- the differential's case file ------------------------------------------

// Reads a case file: a sequence of records, each four wire strings
//   str policy (compiled), str facts, str choice ("" = Evaluate, else Apply),
//   str expected decision (the native engine's bytes).
export function parseCases(bytes) {
  const r = new Reader(bytes);
  const cases = [];
  while (!r.atEnd()) {
    const start = r.pos;
    try {
      cases.push({ index: cases.length, policy: r.str(), facts: r.str(), choice: r.str(), expected: r.str() });
    } catch (e) {
      throw new Error(`case file: record ${cases.length} at byte ${start}: ${e.message}`);
    }
  }
  return cases;
}

export const hex = (bytes) => Buffer.from(bytes).toString('hex');
