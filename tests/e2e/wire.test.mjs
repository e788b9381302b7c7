// wire.test.mjs — js/src/wire.js against the real WASM engine under Node:
// facts and choices encoded by the loader's codec are read by the engine, and
// its decisions and policy info decode to what the rules say (docs/engine.md).
// A malformed decision is refused, never half-read.
//
//   node --test tests/e2e/wire.test.mjs
// Needs build/wasm/wasm (WAFER_WASM_DIR) and the native `wafer` CLI
// (build/native/core/wafer, WAFER_CLI) to compile the demo policy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/harness.mjs';
import { decodeDecision, decodePolicyInfo, encodeChoice, encodeFacts, WireError } from '../../js/src/wire.js';

const WASM_DIR = process.env.WAFER_WASM_DIR || join(ROOT, 'build', 'wasm', 'wasm');
const CLI = process.env.WAFER_CLI || join(ROOT, 'build', 'native', 'core', 'wafer');

async function engineFor(site) {
  const { loadEngine } = await import(pathToFileURL(join(WASM_DIR, 'wafer-engine.mjs')).href);
  const engine = await loadEngine(readFileSync(join(WASM_DIR, 'wafer-engine.wasm')));
  const b64 = execFileSync(CLI, ['compile', join(ROOT, 'demo', 'policies', site + '.json'), '--format', 'base64'])
    .toString().trim();
  assert.equal(engine.loadPolicy(Buffer.from(b64, 'base64')), true);
  return engine;
}

const NOW = 1767225600;  // 2026-01-01T00:00:00Z
const facts = (over = {}) => ({
  now: NOW, region: 'FR', gpc: false, languages: ['fr-FR', 'en'], host: 'www.kallu.test', path: '/',
  cookies: '', mirror: '', freshId: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
  elements: [
    { kind: 'script', url: 'https://www.googletagmanager.com/gtag/js?id=G-KALLU00001', category: '', service: 'google-analytics' },
    { kind: 'script', url: 'https://www.googletagmanager.com/gtag/js?id=AW-KALLU0001', category: '', service: '' },
    { kind: 'image', url: 'https://www.googleadservices.com/pagead/conversion/1/', category: '', service: '' },
    { kind: 'script', url: 'https://cdn.example.com/other.js', category: '', service: '' },
    { kind: 'script', url: '', category: 'nope', service: '' },
  ],
  ...over,
});

test('first visit under opt-in: banner, everything held, nothing stored', async () => {
  const engine = await engineFor('kallu');
  const d = decodeDecision(engine.evaluate(encodeFacts(facts())));
  assert.equal(d.policyOk, true);
  assert.equal(d.regime, 'opt-in');
  assert.equal(d.showBanner, true);
  assert.equal(d.reason, 'first-visit');
  assert.deepEqual(d.allowedCategories, [0]);  // necessary
  assert.deepEqual(d.elements.map((e) => [e.release, e.reason]), [
    [false, 'refused'], [false, 'refused'], [false, 'refused'], [false, 'unmatched'], [false, 'unknown-marking'],
  ]);
  assert.equal(d.elements[0].service, 0);
  assert.equal(d.stateChanged, false);
  assert.equal(d.consent.present, false);
});

test('accept all: released, state to store, gtag cookie_expires, Consent Mode granted', async () => {
  const engine = await engineFor('kallu');
  const d = decodeDecision(engine.apply(encodeFacts(facts()), encodeChoice({ action: 'accept-all' })));
  assert.equal(d.showBanner, false);
  assert.equal(d.stateChanged, true);
  assert.match(d.state, /^[A-Za-z0-9_-]{16,}$/);
  assert.equal(d.consent.method, 'accept-all');
  assert.equal(d.consent.id, '0102030405060708090a0b0c0d0e0f10');  // the fresh id
  assert.equal(d.consent.givenAt, NOW);
  assert.equal(d.consent.expiresAt, 1801440000);  // + 13 months: 2027-02-01
  assert.deepEqual(d.elements.map((e) => e.release), [true, true, true, false, false]);
  assert.deepEqual(d.allowedCategories, [0, 1, 2]);
  assert.deepEqual(d.allowedServices, [0, 1]);
  assert.equal(d.consentMode & 0b1111, 0b1111);  // ad_*, analytics_storage
  assert.deepEqual(d.gtag.map((g) => [g.service, g.cookieExpires]), [[0, 34214400], [1, 34214400]]);  // to 2027-02-01

  // The stored state comes back as a usable consent on the next page.
  const next = decodeDecision(engine.evaluate(encodeFacts(facts({ cookies: `a=1; wafer_consent=${d.state}` }))));
  assert.equal(next.showBanner, false);
  assert.equal(next.consent.method, 'accept-all');
  assert.deepEqual(next.elements.map((e) => e.release), [true, true, true, false, false]);
});

test('custom choice and withdrawal: cookies of refused categories listed for deletion', async () => {
  const engine = await engineFor('kallu');
  const d = decodeDecision(engine.apply(encodeFacts(facts()), encodeChoice({ action: 'custom', granted: ['analytics', 'bogus'] })));
  assert.deepEqual(d.allowedCategories, [0, 1]);
  assert.deepEqual(d.elements.map((e) => e.release), [true, false, false, false, false]);
  const cookies = `wafer_consent=${d.state}; _ga=GA1.1.1.1; _ga_KALLU00001=x; _gcl_au=1.1.1`;
  const w = decodeDecision(engine.apply(encodeFacts(facts({ cookies })), encodeChoice({ action: 'withdraw' })));
  assert.equal(w.consent.method, 'withdraw');
  assert.equal(w.consent.id, d.consent.id, 'the consent id is kept');
  assert.deepEqual([...w.deleteCookies].sort(), ['_ga', '_ga_KALLU00001', '_gcl_au']);
  assert.ok(w.deleteDomains.includes('') && w.deleteDomains.includes('kallu.test'), String(w.deleteDomains));
  assert.ok(w.deletePaths.includes('/'));
});

test('GPC in an opt-out region, UTF-8 strings, policy info', async () => {
  const engine = await engineFor('kaizenify');
  const d = decodeDecision(engine.evaluate(encodeFacts(facts({
    region: 'US-CA', gpc: true, host: 'www.kaizenify.test', languages: ['zh-Hant-TW', 'ü'], path: '/prix/é',
  }))));
  assert.equal(d.regime, 'opt-out');
  assert.equal(d.gpcHonoured, true);
  assert.equal(d.consent.method, 'gpc');
  const info = decodePolicyInfo(engine.policyInfo());
  assert.equal(info.site, 'kaizenify');
  assert.equal(info.regime, 'opt-out');
  assert.deepEqual(info.categories.map((c) => c.id), ['necessary', 'analytics', 'marketing', 'social']);
  const allowed = d.allowedCategories.map((i) => info.categories[i].id);
  assert.deepEqual(allowed, ['necessary', 'analytics']);
  assert.equal(info.services[0].id, 'google-analytics');
});

test('per service: a choice of its own, a one-time grant, the page language', async () => {
  const engine = await engineFor('kashop');
  const info = decodePolicyInfo(engine.policyInfo());
  const index = (id) => info.services.findIndex((s) => s.id === id);
  const shop = (over = {}) => facts({
    host: 'www.kashop.test', languages: ['de', 'fr-FR'],
    elements: [
      { kind: 'iframe', url: 'https://www.youtube.com/embed/x', category: '', service: 'youtube' },
      { kind: 'script', url: 'https://www.googletagmanager.com/gtag/js?id=AW-KASHOP001', category: '', service: '' },
    ],
    ...over,
  });
  // YouTube on its own in a refused "marketing".
  const d = decodeDecision(engine.apply(encodeFacts(shop()),
    encodeChoice({ action: 'custom', granted: [], services: { youtube: true, 'google-ads': false } })));
  assert.equal(d.consent.method, 'custom');
  assert.ok(d.allowedServices.includes(index('youtube')));
  assert.ok(!d.allowedServices.includes(index('google-ads')));
  assert.ok(!d.allowedCategories.includes(info.categories.findIndex((c) => c.id === 'marketing')));
  assert.deepEqual(d.elements.map((e) => e.release), [true, false]);
  // The page's language: the policy has en and fr; the page says de, the browser fr.
  assert.equal(info.languages[d.language], 'fr');
  assert.equal(d.bannerLanguage, 'fr');
  assert.ok(info.bannerLanguages.includes('fr') && info.bannerLanguages.includes('de'));
  // A one-time load: nothing to store, a record to send, the page facts carry it.
  const once = decodeDecision(engine.apply(encodeFacts(shop()), encodeChoice({ action: 'allow-once', services: { youtube: true } })));
  assert.equal(once.stateChanged, false);
  assert.equal(once.consent.method, 'once');
  assert.match(once.state, /^[A-Za-z0-9_-]{16,}$/);
  assert.deepEqual(once.elements.map((e) => e.release), [true, false]);
  const page = decodeDecision(engine.evaluate(encodeFacts(shop({ pageServices: ['youtube'] }))));
  assert.deepEqual(page.elements.map((e) => e.release), [true, false]);
  const next = decodeDecision(engine.evaluate(encodeFacts(shop())));
  assert.deepEqual(next.elements.map((e) => e.release), [false, false]);
});

test('malformed decisions are refused', () => {
  assert.throws(() => decodeDecision(new Uint8Array([0x57, 0x44, 3])), WireError);
  assert.throws(() => decodeDecision(new Uint8Array([0x57, 0x44, 1, 1])), WireError);  // version 1
  assert.throws(() => decodeDecision(new Uint8Array([0x57, 0x44, 2, 1])), WireError);  // version 2
  assert.throws(() => decodePolicyInfo(new Uint8Array([])), WireError);
  assert.throws(() => encodeChoice({ action: 'maybe' }), RangeError);
});
