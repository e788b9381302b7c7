// wafer-audit audit against the real wafer-server in headless Chromium: the
// five demo sites pass clean; each broken fixture (tests/audit/fixtures) is
// caught with the right message; the exit status, JSON and JUnit are right;
// --host-map audits a site under a real host name.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startAuditServer, runCli } from './lib/server.mjs';

const DEMOS = ['kaloom', 'kallu', 'kalido', 'kaizenify', 'kaleyra'];
const BROKEN = ['preload-ga', 'undeclared-hubspot', 'long-cookie', 'cm-order', 'rolling-cookie', 'cm-late-default',
  'cm-default-after-update', 'markup-mismatch'];
let srv, out;

before(async () => {
  srv = await startAuditServer();
  out = mkdtempSync(join(tmpdir(), 'wafer-audit-out-'));
});
after(async () => {
  await srv?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

const policyOf = (site) => JSON.parse(readFileSync(join(srv.policies, site + '.json'), 'utf8'));
const phaseNames = (site) => ['before', 'reject',
  ...policyOf(site).categories.filter((c) => !c.necessary).map((c) => `accept:${c.id}`), 'accept-all', 'revisit', 'withdraw'];

test('the five demo sites pass clean, every phase audited (exit 0, JSON, JUnit)', async () => {
  const json = join(out, 'demo.json'), xml = join(out, 'demo.xml');
  const r = await runCli(['audit', ...DEMOS.map((s) => srv.url(s)), '--policy', srv.policies, '--route-fakes',
    '--json', json, '--junit', xml], { timeout: 600000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no violations on 5 URL\(s\)/);
  const rep = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(rep.summary.violations, 0);
  assert.deepEqual(rep.results.map((x) => x.site), DEMOS);
  for (const x of rep.results) {
    assert.deepEqual(x.phases.map((p) => p.name), phaseNames(x.site), x.url);
    // Nothing but necessary after a refusal or a withdrawal: no tracker request.
    for (const p of x.phases.filter((q) => q.name === 'reject' || q.name === 'withdraw')) {
      assert.deepEqual(p.requests.filter((q) => q.service), [], `${x.site} ${p.name}`);
    }
  }
  // Not vacuous: the trackers did load where they were allowed.
  const kaz = rep.results.find((x) => x.site === 'kaizenify');
  assert.equal(kaz.regime, 'opt-out');
  const all = kaz.phases.find((p) => p.name === 'accept-all');
  for (const s of ['google-analytics', 'google-ads', 'facebook-pixel', 'linkedin-insight', 'x-widgets', 'facebook-plugins']) {
    assert.ok(all.requests.some((q) => q.service === s), `kaizenify accept-all: no request of ${s}`);
  }
  assert.ok(all.cookies.some((c) => c.name === '_ga'), 'kaizenify accept-all: no _ga');
  const kaloom = rep.results.find((x) => x.site === 'kaloom');
  // HubSpot's cookies roll as the vendor's tag renews them: noted (Wafer's cookie cap bounds them), not violations.
  assert.ok(kaloom.notices.some((n) => n.cookie === '__hstc' && /^cookie __hstc \(kaloom\.test\/\) has a rolling lifetime: .*renewed by hubspot's own script/.test(n.message)),
    JSON.stringify(kaloom.notices, null, 1));
  assert.ok(!rep.results.some((x) => x.notices.some((n) => n.cookie === '_ga')), 'gtag.js cookies must not roll (cookie_update: false)');
  assert.ok(kaloom.phases.find((p) => p.name === 'accept:marketing').requests.some((q) => q.service === 'hubspot'));
  assert.ok(!kaloom.phases.find((p) => p.name === 'accept:analytics').requests.some((q) => q.service === 'hubspot'));
  const junit = readFileSync(xml, 'utf8');
  const phases = DEMOS.reduce((a, s) => a + phaseNames(s).length, 0);
  assert.equal((junit.match(/<testcase /g) || []).length, phases);
  assert.match(junit, new RegExp(`<testsuites name="wafer-audit" tests="${phases}" failures="0">`));
  assert.doesNotMatch(junit, /<failure/);
});

test('each broken fixture is caught with the right message (exit 1)', async () => {
  const json = join(out, 'broken.json'), xml = join(out, 'broken.xml');
  const r = await runCli(['audit', ...BROKEN.map((s) => srv.url(s)), '--policy', srv.policies, '--route-fakes',
    '--json', json, '--junit', xml], { timeout: 600000 });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const rep = JSON.parse(readFileSync(json, 'utf8'));
  const of = (site) => rep.results.find((x) => x.site === site).violations;
  const kinds = (site) => [...new Set(of(site).map((v) => v.kind))].sort();

  // An unmarked static GA tag: the line to change, and the fetch it causes before consent.
  const pre = of('preload-ga');
  const tag = pre.find((v) => v.kind === 'preload');
  assert.ok(tag, JSON.stringify(pre, null, 1));
  assert.equal(tag.phase, 'before');
  assert.equal(tag.line, 9);
  assert.match(tag.message, /^line 9: unmarked <script> for service google-analytics is fetched by the preload scanner before consent: <script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-PRELOAD001"><\/script> — change it to: <script type="text\/plain" data-wafer-service="google-analytics" async src=/);
  const fetched = pre.find((v) => v.kind === 'category' && v.phase === 'before');
  assert.match(fetched.message, /request to https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-PRELOAD001 \(service google-analytics, category analytics\) while analytics is not allowed — initiated by http:\/\/www\.preload-ga\.test:\d+\/:9$/);
  assert.deepEqual(kinds('preload-ga'), ['category', 'preload']);

  // An undeclared HubSpot tag, with the script that injected it.
  const hs = of('undeclared-hubspot');
  assert.deepEqual(kinds('undeclared-hubspot'), ['undeclared']);
  assert.ok(hs.some((v) => /^undeclared third party: request to https:\/\/js\.hs-scripts\.com\/2345678\.js is catalogue service "hubspot" \(HubSpot tracking\), which the policy does not declare — initiated by http:\/\/www\.undeclared-hubspot\.test:\d+\/:\d+$/.test(v.message)),
    hs.map((v) => v.message).join('\n'));
  assert.ok(hs.some((v) => /^undeclared cookie __hstc \(undeclared-hubspot\.test\) of catalogue service "hubspot"/.test(v.message)));

  // A 2-year first-party cookie, renewed on every visit.
  const lc = of('long-cookie');
  assert.deepEqual(kinds('long-cookie'), ['lifetime']);
  assert.ok(lc.some((v) => v.phase === 'accept:analytics' && /^cookie ls_visitor \(www\.long-cookie\.test\/\) expires \d{4}-\d\d-\d\d, in 40\d days: more than 13 months/.test(v.message)),
    lc.map((v) => v.message).join('\n'));
  assert.ok(lc.some((v) => /^cookie ls_visitor \(www\.long-cookie\.test\/\) extended on revisit: .*beyond 13 months from its first placement/.test(v.message)));

  // Consent Mode defaults after gtag.
  assert.deepEqual(of('cm-order').map((v) => [v.phase, v.kind]), [['before', 'consent-mode']]);
  assert.match(of('cm-order')[0].message,
    /^Consent Mode defaults set after a Google tag: dataLayer\[2\] is gtag\('config', 'G-CMORDER001', …\) but the first gtag\('consent', 'default', …\) is dataLayer\[3\]/);

  // A first-party cookie under 13 months whose expiry each visit pushes forward; its neighbour, set once, is not reported.
  const rc = of('rolling-cookie');
  assert.deepEqual(rc.map((v) => [v.kind, v.cookie]), [['lifetime', 'rc_visitor']], rc.map((v) => v.message).join('\n'));
  assert.match(rc[0].message, /^cookie rc_visitor \(www\.rolling-cookie\.test\/\) has a rolling lifetime: its expiry moved forward by \d+\.\d s between the (accept:analytics|accept-all) and (accept-all|revisit) visits \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ → \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), 12 months from each visit; its lifetime must run from its first placement, not be extended by later visits \(set it once, with an expiry counted from the first visit\) — set by an inline script \(released by Wafer\)$/);
  const rcPhases = rep.results.find((x) => x.site === 'rolling-cookie').phases;
  assert.ok(rcPhases.some((p) => p.cookies.some((c) => c.name === 'rc_first_visit')), 'rc_first_visit was never set: the negative case proves nothing');
  assert.ok(!rep.results.find((x) => x.site === 'rolling-cookie').notices.length);

  // A default after gtag('config'): reported as such, and for re-setting what the visitor accepted.
  const late = of('cm-late-default');
  assert.deepEqual(late.map((v) => [v.phase, v.kind, v.element]), [
    ['accept:analytics', 'consent-mode', 'dataLayer[6] default after a tag'],
    ['accept:analytics', 'consent-mode', 'dataLayer[6] default after Wafer\'s update']]);
  assert.equal(late[0].message, "Consent Mode default after a Google tag: dataLayer[6] gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'}) " +
    "comes after dataLayer[5] gtag('config', 'G-LATEDEF001', …): that tag was already configured when it came, and it overrides ad_storage 'denied' " +
    "(Wafer's update, dataLayer[3]), analytics_storage 'granted' (Wafer's update, dataLayer[3]); queue every default before the first config or " +
    'event (Wafer sets them: remove this one, or move it above the Google tag)');
  assert.equal(late[1].message, "Consent Mode default after Wafer's update: dataLayer[6] gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'}) " +
    "comes after Wafer's gtag('consent', 'update', …) at dataLayer[3] and re-sets analytics_storage granted → denied; Google hits after it carry " +
    "gcs=G100 instead of G101 (hits seen on this page: gcs=G101, then gcs=G100); a default may only come before Wafer's update: remove it (Wafer sets the defaults)");

  // A default pushed when Wafer has decided: after its update, no tag before it.
  const upd = of('cm-default-after-update');
  assert.deepEqual(upd.map((v) => [v.phase, v.kind, v.element]), [['accept:analytics', 'consent-mode', 'dataLayer[5] default after Wafer\'s update']]);
  assert.equal(upd[0].message, "Consent Mode default after Wafer's update: dataLayer[5] gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'}) " +
    "comes after Wafer's gtag('consent', 'update', …) at dataLayer[2] and re-sets analytics_storage granted → denied; Google hits after it carry " +
    "gcs=G100 instead of G101 (hits seen on this page: gcs=G100); a default may only come before Wafer's update: remove it (Wafer sets the defaults)");

  // Markings that disagree with the policy, each with both values, who wins and its line.
  const mk = of('markup-mismatch');
  assert.deepEqual(mk.map((v) => [v.phase, v.kind, v.line, v.wins]), [['before', 'markup', 10, 'service marking'], ['before', 'markup', 20, 'policy'],
    ['before', 'markup', 21, 'both']], mk.map((v) => v.message).join('\n'));
  assert.equal(mk[2].message, 'line 21: markup and policy disagree: <script type="text/plain" data-wafer-category="analytics" id="hs-script-loader" async defer ' +
    'src="https://js.hs-scripts.com/4567890.js"> is marked data-wafer-category="analytics", but its URL is service hubspot\'s, which the policy puts under ' +
    'marketing: neither wins — Wafer requires both (a marking never loosens what the URL says), so it runs only when analytics and marketing are both ' +
    'allowed, never with marketing alone; mark it data-wafer-service="hubspot"');
  assert.match(mk[0].message, /^line 10: markup and policy disagree: <script type="text\/plain" data-wafer-service="google-analytics" data-wafer-category="marketing" .* is marked data-wafer-category="marketing", but the policy puts service google-analytics \(its data-wafer-service\) under analytics: the service marking wins — Wafer ignores data-wafer-category when data-wafer-service is set, so it runs when analytics is allowed; remove data-wafer-category$/);
  assert.match(mk[1].message, /^line 20: markup and policy disagree: <iframe .*data-wafer-service="youtube".*> is marked data-wafer-service="youtube", a service the policy does not declare \(the catalogue's "YouTube videos"\): the policy wins — Wafer keeps it held on every visit, whatever the visitor chooses; declare the service in the policy or fix the marking$/);
  // And the browser agrees with the verdicts: HubSpot only with both categories, GA with analytics, YouTube never.
  const mkPhase = (name) => rep.results.find((x) => x.site === 'markup-mismatch').phases.find((p) => p.name === name).requests;
  assert.ok(!mkPhase('accept:marketing').some((q) => q.service === 'hubspot'), 'HubSpot ran with marketing alone');
  assert.ok(!mkPhase('accept:analytics').some((q) => q.service === 'hubspot'), 'HubSpot ran with analytics alone');
  assert.ok(mkPhase('accept-all').some((q) => q.service === 'hubspot'), 'HubSpot never ran');
  assert.ok(mkPhase('accept:analytics').some((q) => q.service === 'google-analytics'));
  assert.ok(!mkPhase('accept:marketing').some((q) => q.service === 'google-analytics'));
  assert.ok(!mkPhase('accept-all').some((q) => q.service === 'youtube'));

  // The table and JUnit carry them: one test case per violation, named after its phase, kind and element.
  assert.match(r.stdout, /✗ \[before\] preload: line 9:/);
  assert.match(r.stdout, /violation\(s\) on 8 of 8 URL\(s\)/);
  const junit = readFileSync(xml, 'utf8');
  assert.match(junit, /<testcase classname="http:\/\/www\.cm-order\.test:\d+\/" name="before consent-mode: dataLayer\[3\]">\s*<failure message="Consent Mode defaults set after a Google tag/);
  assert.match(junit, /<testcase classname="http:\/\/www\.cm-order\.test:\d+\/" name="reject"\/>/);
  assert.match(junit, /<testcase classname="http:\/\/www\.preload-ga\.test:\d+\/" name="before preload: line 9 &lt;script&gt;">/);
  assert.match(junit, /<testcase classname="http:\/\/www\.preload-ga\.test:\d+\/" name="before category: request www\.googletagmanager\.com\/gtag\/js">/);
  assert.match(junit, /<testcase classname="http:\/\/www\.rolling-cookie\.test:\d+\/" name="[a-z:-]+ lifetime: cookie rc_visitor \(www\.rolling-cookie\.test\)">\s*<failure message="cookie rc_visitor/);
  assert.match(junit, /<testcase classname="http:\/\/www\.markup-mismatch\.test:\d+\/" name="before markup: line 21 &lt;script&gt;">/);
  assert.match(junit, /<testcase classname="http:\/\/www\.cm-late-default\.test:\d+\/" name="accept:analytics consent-mode: dataLayer\[6\] default after Wafer&apos;s update">/);
  const failures = (junit.match(/<failure /g) || []).length;
  assert.equal(failures, rep.summary.violations);
  assert.match(junit, new RegExp(`<testsuites name="wafer-audit" tests="\\d+" failures="${failures}">`));
});

test('--host-map audits a local copy under its real host name (not *.test)', async () => {
  const json = join(out, 'host-map.json');
  const r = await runCli(['audit', `http://www.example.com:${srv.port}/`, '--policy', join(srv.policies, 'real-host.json'), '--route-fakes',
    '--host-map', 'www.example.com=127.0.0.1', '--json', json]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const x = JSON.parse(readFileSync(json, 'utf8')).results[0];
  assert.equal(x.site, 'real-host');
  assert.deepEqual(x.phases.map((p) => p.name), ['before', 'reject', 'accept:analytics', 'accept-all', 'revisit', 'withdraw']);
  assert.equal(x.violations[0].message, 'line 10: unmarked <script> for service google-analytics is fetched by the preload scanner before consent: ' +
    '<script async src="https://www.googletagmanager.com/gtag/js?id=G-REALHOST01"></script> — change it to: <script type="text/plain" ' +
    'data-wafer-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-REALHOST01">');
  assert.equal(x.violations[1].message, 'request to https://www.googletagmanager.com/gtag/js?id=G-REALHOST01 (service google-analytics, category analytics) ' +
    `while analytics is not allowed — initiated by http://www.example.com:${srv.port}/:10`);
  // Wafer ran there, and the tag really loaded once allowed.
  assert.ok(x.phases.find((p) => p.name === 'accept:analytics').cookies.some((c) => c.name === '_ga'));
  assert.deepEqual([...new Set(x.violations.map((v) => v.kind))].sort(), ['category', 'preload']);
  // A name that does not resolve (.invalid never does, RFC 6761) says how to map it.
  const miss = await runCli(['audit', `http://www.example.invalid:${srv.port}/`, '--policy', join(srv.policies, 'real-host.json'), '--route-fakes']);
  assert.equal(miss.code, 1, miss.stdout + miss.stderr);
  assert.ok(miss.stdout.includes('  ✗ [error] error: audit failed: www.example.invalid does not resolve (net::ERR_NAME_NOT_RESOLVED); to audit a ' +
    'local copy or a staging server under this name, map it: --host-map www.example.invalid=127.0.0.1\n'), miss.stdout);
  // A mapping that would inject another resolver rule is refused before anything runs.
  const bad = await runCli(['audit', `http://www.example.com:${srv.port}/`, '--policy', join(srv.policies, 'real-host.json'),
    '--host-map', 'www.example.com=127.0.0.1,MAP * 127.0.0.1']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^wafer-audit: --host-map: "127\.0\.0\.1,map \* 127\.0\.0\.1" is not an IP address or a host name\n/);
});

test('--region reaches the server: kaizenify in France is opt-in, and clean', async () => {
  const json = join(out, 'fr.json');
  const r = await runCli(['audit', srv.url('kaizenify'), '--policy', join(ROOT, 'demo', 'policies', 'kaizenify.json'),
    '--route-fakes', '--region', 'FR', '--json', json]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const x = JSON.parse(readFileSync(json, 'utf8')).results[0];
  assert.equal(x.regime, 'opt-in');
  assert.deepEqual(x.phases[0].allowed, ['necessary']);
  assert.deepEqual(x.phases[0].requests, []);
});

test('usage errors exit 2', async () => {
  for (const args of [[], ['audit'], ['audit', srv.url('kalido')], ['audit', 'not-a-url', '--policy', srv.policies],
    ['audit', srv.url('kalido'), '--policy', srv.policies, '--depth', 'x'], ['frobnicate'],
    ['audit', srv.url('kalido'), '--policy', join(out, 'missing.json')], ['scan', srv.url('kalido'), srv.url('kallu')]]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr + r.stdout, /usage:/);
  }
});
