// wafer-audit audit against the real wafer-server in headless Chromium: the
// five demo sites pass clean; each broken fixture (tests/audit/fixtures) is
// caught with the right message; the exit status, JSON and JUnit are right.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startAuditServer, runCli } from './lib/server.mjs';

const DEMOS = ['kaloom', 'kallu', 'kalido', 'kaizenify', 'kaleyra'];
const BROKEN = ['preload-ga', 'undeclared-hubspot', 'long-cookie', 'cm-order'];
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
    '--json', json, '--junit', xml]);
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

  // The table and JUnit carry them.
  assert.match(r.stdout, /✗ \[before\] preload: line 9:/);
  assert.match(r.stdout, /violation\(s\) on 4 of 4 URL\(s\)/);
  // One test case per violation, named after its phase, kind and element.
  const junit = readFileSync(xml, 'utf8');
  assert.match(junit, /<testcase classname="http:\/\/www\.cm-order\.test:\d+\/" name="before consent-mode: dataLayer\[3\]">\s*<failure message="Consent Mode defaults set after a Google tag/);
  assert.match(junit, /<testcase classname="http:\/\/www\.cm-order\.test:\d+\/" name="reject"\/>/);
  assert.match(junit, /<testcase classname="http:\/\/www\.preload-ga\.test:\d+\/" name="before preload: line 9 &lt;script&gt;">/);
  assert.match(junit, /<testcase classname="http:\/\/www\.preload-ga\.test:\d+\/" name="before category: request www\.googletagmanager\.com\/gtag\/js">/);
  const failures = (junit.match(/<failure /g) || []).length;
  assert.equal(failures, rep.summary.violations);
  assert.match(junit, new RegExp(`<testsuites name="wafer-audit" tests="\\d+" failures="${failures}">`));
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
