// wafer-audit on a site whose policy chose Consent Mode "advanced" (kallu:
// GA4 and Google Ads, opt-in), served by the real wafer-server in headless
// Chromium with the e2e fakes (gtag.js sends /g/collect?gcs=G100 while
// analytics is denied):
// - audited with that policy: the denied hits are `cookieless-ping` notices,
//   the audit passes (exit 0), and no Google cookie appears before consent;
// - audited with the same policy in "basic" (what the site owner would have
//   declared without advanced): the same hits are `cookieless-ping`
//   violations (exit 1).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuditServer, runCli } from './lib/server.mjs';

let srv, out;

before(async () => {
  srv = await startAuditServer();
  out = mkdtempSync(join(tmpdir(), 'wafer-audit-cm-'));
  // kallu in advanced, revision 2: the server re-reads its policy folder.
  const file = join(srv.policies, 'kallu.json');
  const p = JSON.parse(readFileSync(file, 'utf8'));
  p.revision = 2;
  p.consent = { ...(p.consent || {}), consent_mode: 'advanced' };
  writeFileSync(file, JSON.stringify(p, null, 2));
  for (let i = 0; i < 150; i++) {
    const r = await fetch(`http://127.0.0.1:${srv.port}/v1/sites/kallu/wafer.js`);
    if ((await r.text()).includes('"revision":2')) return;
    await new Promise((f) => setTimeout(f, 100));
  }
  throw new Error('the server did not reload kallu');
});
after(async () => {
  await srv?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('advanced: denied Google hits are cookieless-ping notices, the audit passes', async () => {
  const json = join(out, 'advanced.json');
  const r = await runCli(['audit', srv.url('kallu'), '--policy', join(srv.policies, 'kallu.json'), '--route-fakes',
    '--json', json], { timeout: 300000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const rep = JSON.parse(readFileSync(json, 'utf8')).results[0];
  assert.deepEqual(rep.violations, []);
  const pings = rep.notices.filter((n) => n.kind === 'cookieless-ping' && n.gcs);
  assert.ok(pings.some((n) => n.phase === 'before' && n.service === 'google-analytics' && n.gcs === 'G100'),
    JSON.stringify(rep.notices, null, 1));
  assert.ok(pings.some((n) => n.phase === 'reject'), 'after a refusal the tags keep pinging, denied');
  const ga = pings.find((n) => n.service === 'google-analytics');
  assert.match(ga.message, /^cookieless ping to https:\/\/region1\.google-analytics\.com\/g\/collect\?.*gcs=G100.*Consent Mode "advanced", as the policy chose/);
  // Not vacuous: gtag.js loaded before consent, and no Google cookie was set then.
  const before = rep.phases.find((p) => p.name === 'before');
  assert.ok(before.requests.some((q) => /gtag\/js\?id=G-KALLU/.test(q.url)));
  assert.ok(!before.cookies.some((c) => /^_ga|^_gcl_/.test(c.name)), JSON.stringify(before.cookies));
  // Once analytics is allowed, GA4 sets _ga (granted), and its hits are no pings.
  const analytics = rep.phases.find((p) => p.name === 'accept:analytics');
  assert.ok(analytics.cookies.some((c) => c.name === '_ga'));
  assert.ok(!pings.some((n) => n.phase === 'accept:analytics' && n.service === 'google-analytics'));
});

test('basic: the same hits are cookieless-ping violations', async () => {
  const basic = JSON.parse(readFileSync(join(srv.policies, 'kallu.json'), 'utf8'));
  basic.consent.consent_mode = 'basic';
  const policy = join(out, 'kallu-basic.json');
  writeFileSync(policy, JSON.stringify(basic));
  const json = join(out, 'basic.json');
  const r = await runCli(['audit', srv.url('kallu'), '--policy', policy, '--route-fakes', '--json', json],
    { timeout: 300000 });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const rep = JSON.parse(readFileSync(json, 'utf8')).results[0];
  const pings = rep.violations.filter((v) => v.kind === 'cookieless-ping');
  assert.ok(pings.some((v) => v.phase === 'before' && v.service === 'google-analytics' && v.gcs === 'G100'),
    JSON.stringify(rep.violations, null, 1));
  assert.match(pings[0].message, /the policy chose Consent Mode "basic", in which nothing of Google's loads before consent/);
  assert.match(r.stdout, /cookieless-ping/);
  assert.equal(rep.notices.filter((n) => n.kind === 'cookieless-ping').length, 0);
});
