// engine_test.mjs — the WASM engine's C ABI and loader, without a policy
// compiler: what must hold for any build (imports, exports, failing closed).
//
//   node --test tests/wasm/        (scripts/test.sh runs it after the build)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  loadBuiltEngine, wasmBytes, encodeFacts, decodeDecisionHead, Writer, WASM_DIR,
} from './support.mjs';

const kBannerPolicyInvalid = 8;   // wafer::BannerReason::kPolicyInvalid
const kElementPolicyInvalid = 4;  // wafer::ElementReason::kPolicyInvalid

const SAMPLE_FACTS = encodeFacts({
  now: 1767225600,
  region: 'FR',
  languages: ['fr', 'en'],
  host: 'www.example.fr',
  path: '/',
  cookies: '_ga=GA1.1.1.1; session=abc',
  elements: [
    { kind: 0, url: 'https://www.googletagmanager.com/gtag/js?id=G-1' },
    { kind: 1, url: 'https://www.youtube.com/embed/x', category: 'marketing' },
  ],
});

function assertFailClosed(bytes, elementCount) {
  const d = decodeDecisionHead(bytes);
  assert.equal(d.magic, 'WD');
  assert.equal(d.version, 3);
  assert.equal(d.bannerLanguage, '', 'no policy: no banner language');
  assert.equal(d.policyOk, false, 'flags bit 0 (policy_ok) must be clear');
  assert.equal(d.showBanner, true, 'flags bit 1 (show_banner) must be set');
  assert.equal(d.reason, kBannerPolicyInvalid);
  assert.equal(d.allowedCategories, 0n);
  assert.equal(d.allowedServices, 0n);
  assert.equal(d.cookielessServices, 0n);
  assert.equal(d.consentMode, 0);
  assert.equal(d.hubspot, 0);
  assert.equal(d.elements.length, elementCount);
  for (const e of d.elements) {
    assert.equal(e.release, 0, 'a fail-closed decision releases nothing');
    assert.equal(e.reason, kElementPolicyInvalid);
  }
}

test('the module imports only what the loader provides and exports the ABI', async () => {
  const module = new WebAssembly.Module(await wasmBytes());
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
  const allowed = new Set([
    'env.emscripten_notify_memory_growth',
    'wasi_snapshot_preview1.proc_exit',
    'wasi_snapshot_preview1.environ_sizes_get',
    'wasi_snapshot_preview1.environ_get',
  ]);
  for (const name of imports) assert.ok(allowed.has(name), `unexpected import ${name}`);
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', 'wafer_alloc', 'wafer_free', 'wafer_load_policy',
    'wafer_evaluate', 'wafer_apply', 'wafer_policy_info', 'wafer_output']) {
    assert.ok(exports.has(name), `missing export ${name}`);
  }
});

test('with no policy loaded, evaluate fails closed', async () => {
  const engine = await loadBuiltEngine();
  assertFailClosed(engine.evaluate(SAMPLE_FACTS), 2);
  assert.equal(engine.policyInfo().length, 0);
});

test('a garbage policy is refused and every decision then fails closed', async () => {
  const engine = await loadBuiltEngine();
  for (const garbage of [
    new Uint8Array(0),
    new TextEncoder().encode('{"not":"a compiled policy"}'),
    Uint8Array.from([0x57, 0x46, 0x50, 4, 0, 0, 0]),  // "WFP" v4, truncated
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff),
  ]) {
    assert.equal(engine.loadPolicy(garbage), false);
    const d = engine.evaluate(SAMPLE_FACTS);
    assert.deepEqual([...d.subarray(0, 3)], [0x57, 0x44, 3]);  // "WD" 3
    assert.equal(d[3] & 1, 0, 'policy_ok clear');
    assert.equal(d[3] & 2, 2, 'show_banner set');
    assertFailClosed(d, 2);
    assert.equal(engine.policyInfo().length, 0);
  }
  const choice = new Writer().raw([0x57, 0x41, 3]).u8(0).varint(0).varint(0).bytes();  // "WA" accept all
  assertFailClosed(engine.apply(SAMPLE_FACTS, choice), 2);
});

test('facts that do not decode count as empty facts', async () => {
  const engine = await loadBuiltEngine();
  assertFailClosed(engine.evaluate(new Uint8Array(0)), 0);
  assertFailClosed(engine.evaluate(SAMPLE_FACTS.subarray(0, SAMPLE_FACTS.length - 3)), 0);
  assertFailClosed(engine.evaluate(Uint8Array.from([0x57, 0x46, 3])), 0);  // truncated
  const v1 = Uint8Array.from(SAMPLE_FACTS);
  v1[2] = 1;
  assertFailClosed(engine.evaluate(v1), 0);  // version 1
});

test('the same input gives the same bytes, call after call', async () => {
  const engine = await loadBuiltEngine();
  const first = engine.evaluate(SAMPLE_FACTS);
  for (let i = 0; i < 1000; i++) assert.deepEqual(engine.evaluate(SAMPLE_FACTS), first);
});

test('memory grows for large inputs and views stay valid', async () => {
  const engine = await loadBuiltEngine();
  const before = engine.evaluate(SAMPLE_FACTS);
  assert.equal(engine.loadPolicy(new Uint8Array(8 << 20)), false);  // 8 MB: forces growth
  assert.deepEqual(engine.evaluate(SAMPLE_FACTS), before);
});

test('the loader fetches the module from a URL, as in a browser', async () => {
  const bytes = await wasmBytes();
  const server = http.createServer((req, res) => {
    if (req.url !== '/wafer-engine.wasm') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { loadEngine } = await import(pathToFileURL(path.join(WASM_DIR, 'wafer-engine.mjs')).href);
    const base = `http://127.0.0.1:${server.address().port}/`;
    const engine = await loadEngine(new URL('wafer-engine.wasm', base));
    assertFailClosed(engine.evaluate(SAMPLE_FACTS), 2);
    await assert.rejects(loadEngine(new URL('missing.wasm', base)), /404/);
  } finally {
    server.close();
  }
});
