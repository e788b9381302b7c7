// wafer-audit on Google Tag Manager under `necessary` (tests/audit/fixtures:
// gtm-advanced, Google's snippet as published, the e2e fake container with a
// GA4 Google tag and a HubSpot Custom HTML tag requiring ad_storage), served
// by the real wafer-server in headless Chromium:
// - Consent Mode "advanced": the audit passes; gtm.js loads before any choice
//   (a necessary service: not reported), the GA4 tag's denied hits are
//   `cookieless-ping` notices, and nothing of HubSpot's loads until marketing
//   is accepted.
// - the same policy in "basic" (the contradiction `wafer check` warns of,
//   wafer.policy.tag_manager_necessary): the audit still passes — gtm.js is
//   the necessary service's, and Wafer drops the GA4 tag's pings — so the
//   warning is the only place where it is said.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAuditServer, runCli } from './lib/server.mjs';

let srv, out;
before(async () => {
  srv = await startAuditServer();
  out = mkdtempSync(join(tmpdir(), 'wafer-audit-gtm-'));
});
after(async () => {
  await srv?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

const audit = async (policy, name) => {
  const json = join(out, name + '.json');
  const r = await runCli(['audit', srv.url('gtm-advanced'), '--policy', policy, '--route-fakes', '--json', json],
    { timeout: 300000 });
  return { r, rep: JSON.parse(readFileSync(json, 'utf8')).results[0] };
};
const gtmJs = (phase) => phase.requests.some((q) => /googletagmanager\.com\/gtm\.js\?id=GTM-AUDIT01/.test(q.url));

test('advanced: gtm.js loads under necessary, GA4 pings are notices, HubSpot waits for marketing', async () => {
  const { r, rep } = await audit(join(srv.policies, 'gtm-advanced.json'), 'advanced');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(rep.violations, []);
  const before = rep.phases.find((p) => p.name === 'before');
  assert.ok(gtmJs(before), 'gtm.js loaded before any choice');
  const pings = rep.notices.filter((n) => n.kind === 'cookieless-ping');
  assert.ok(pings.some((n) => n.phase === 'before' && n.service === 'google-analytics' && n.gcs === 'G100'),
    JSON.stringify(rep.notices, null, 1));
  for (const p of rep.phases) {
    const hubspot = p.requests.filter((q) => /hs-scripts\.com|hs-analytics\.net/.test(q.url));
    if (['before', 'reject', 'accept:analytics', 'withdraw'].includes(p.name)) {
      assert.deepEqual(hubspot.map((q) => q.url), [], `nothing of HubSpot's in ${p.name}`);
    }
  }
  const marketing = rep.phases.find((p) => p.name === 'accept:marketing');
  assert.ok(marketing.requests.some((q) => /js\.hs-scripts\.com\/7654321\.js/.test(q.url)), 'the HubSpot tag fired on marketing');
});

test('basic: the audit passes too; the contradiction is wafer check\'s warning', async () => {
  const p = JSON.parse(readFileSync(join(srv.policies, 'gtm-advanced.json'), 'utf8'));
  // Served and declared alike (revision 2: the server re-reads its folder).
  p.consent.consent_mode = 'basic';
  p.revision = 2;
  writeFileSync(join(srv.policies, 'gtm-advanced.json'), JSON.stringify(p, null, 2));
  for (let i = 0; ; i++) {
    const res = await fetch(`http://127.0.0.1:${srv.port}/v1/sites/gtm-advanced/wafer.js`);
    if ((await res.text()).includes('"revision":2')) break;
    if (i > 150) throw new Error('the server did not reload gtm-advanced');
    await new Promise((f) => setTimeout(f, 100));
  }
  const { r, rep } = await audit(join(srv.policies, 'gtm-advanced.json'), 'basic');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(rep.violations, []);
  const before = rep.phases.find((ph) => ph.name === 'before');
  assert.ok(gtmJs(before), 'gtm.js still loads before any choice');
  assert.ok(!before.requests.some((q) => /\/g\/collect\?/.test(q.url)), 'Wafer dropped the GA4 tag\'s pings');
  assert.equal(rep.notices.filter((n) => n.kind === 'cookieless-ping').length, 0);
});
