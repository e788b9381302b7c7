// url_match_test.mjs — the WASM engine on the URL-matching conformance table
// (tests/data/url-match/*.json), through the engine's `wafer_match` export:
// the same answers as the native engine, the stub and the audit.
//
//   node --test tests/wasm/url_match_test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, Writer, loadBuiltEngine } from './support.mjs';

const dir = path.join(ROOT, 'tests/data/url-match');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

const request = (c) => new Writer().raw([0x57, 0x55, 1]).u8(c.kind === 'cookie' ? 1 : 0)
  .str(c.pattern).str(c.kind === 'cookie' ? c.name : c.url).str(c.base ?? '').bytes();

test('the WASM engine answers every case of the table', async () => {
  const engine = await loadBuiltEngine();
  let urls = 0;
  const wrong = [];
  for (const f of files) {
    for (const c of JSON.parse(readFileSync(path.join(dir, f), 'utf8')).cases) {
      if (c.kind !== 'cookie') urls++;
      const got = engine.match(request(c));
      if (got !== (c.match ? 1 : 0)) wrong.push(`${f}: ${JSON.stringify(c)} → ${got}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok(urls >= 500, `${urls} URL cases`);
});

test('a malformed request is refused, not matched', async () => {
  const engine = await loadBuiltEngine();
  assert.equal(engine.match(new Uint8Array([0x57, 0x55, 2, 0])), -1);
  assert.equal(engine.match(new Writer().raw([0x57, 0x55, 1]).u8(7).str('a').str('b').str('').bytes()), -1);
  assert.equal(engine.match(new Uint8Array(0)), -1);
});
