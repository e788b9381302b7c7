// wafer-audit scan: crawls a site that has no consent manager and proposes a
// policy that `wafer check` accepts.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAFER, startAuditServer, runCli } from './lib/server.mjs';

let srv, out;
before(async () => {
  srv = await startAuditServer();
  out = mkdtempSync(join(tmpdir(), 'wafer-scan-out-'));
});
after(async () => {
  await srv?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('scan proposes a policy that wafer check accepts, with services, cookies and unknown hosts', async () => {
  const policy = join(out, 'proposed.json'), report = join(out, 'report.json');
  const r = await runCli(['scan', srv.url('plain-shop'), '--depth', '1', '--route-fakes', '--out', policy, '--json', report]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const p = JSON.parse(readFileSync(policy, 'utf8'));
  assert.equal(p.site.id, 'plain-shop');
  assert.deepEqual(p.site.domains, ['plain-shop.test']);
  assert.deepEqual(p.services, [
    { id: 'google-analytics', category: 'analytics' },
    { id: 'hubspot', category: 'marketing' },
    { id: 'youtube', category: 'marketing' },  // On the page one link deep.
  ]);
  assert.deepEqual(p.categories.map((c) => c.id), ['necessary', 'analytics', 'marketing']);
  const check = execFileSync(WAFER, ['check', policy], { encoding: 'utf8' });
  assert.match(check, /^ok: .*site "plain-shop", revision 1, 3 categories, 3 services/);
  // The report: cookies with lifetimes and their services; what nothing declares.
  assert.match(r.stdout, /__hstc\s+first\s+6 months\s+hubspot \(marketing\)/);
  assert.match(r.stdout, /cart_id\s+first\s+7 days\s+UNDECLARED: classify it/);
  assert.match(r.stdout, /widgets\.reviewsly\.example\s+https:\/\/widgets\.reviewsly\.example\/embed\.js — initiated by http:\/\/www\.plain-shop\.test:\d+\/about\.html:7/);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(rep.undeclaredCookies.map((c) => c.name), ['cart_id']);
  assert.equal(rep.pages.length, 2);
});

test('scan without --out prints the policy JSON on stdout, the report on stderr', async () => {
  const r = await runCli(['scan', srv.url('plain-shop'), '--route-fakes']);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.deepEqual(p.services.map((s) => s.id), ['google-analytics', 'hubspot']);
  assert.match(r.stderr, /Services detected/);
});

test('scan on a site that runs Wafer reads its markup: the services held, marked "held by markup"', async () => {
  const policy = join(out, 'held.json'), report = join(out, 'held-report.json');
  const r = await runCli(['scan', srv.url('wafer-held'), '--route-fakes', '--out', policy, '--json', report]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const p = JSON.parse(readFileSync(policy, 'utf8'));
  assert.deepEqual(p.services, [
    { id: 'google-analytics', category: 'analytics' },
    { id: 'youtube', category: 'marketing' },
    { id: 'hubspot', category: 'marketing' },  // Its loader is an inline script held by data-wafer-category.
  ]);
  const check = execFileSync(WAFER, ['check', policy], { encoding: 'utf8' });
  assert.match(check, /^ok: .*site "wafer-held", revision 1, 3 categories, 3 services/);
  const at = (line) => `at http://www.wafer-held.test:${srv.port}/ line ${line}`;
  assert.ok(r.stdout.includes(`  google-analytics     analytics   held by markup            data-wafer-service="google-analytics" ${at(9)}\n`), r.stdout);
  assert.ok(r.stdout.includes(`  youtube              marketing   held by markup            data-wafer-service="youtube" ${at(19)}\n`), r.stdout);
  assert.ok(r.stdout.includes(`  hubspot              marketing   held by markup            data-wafer-category="marketing" ${at(20)}\n`), r.stdout);
  assert.ok(r.stdout.includes('Held by markup, in no catalogue service (declare them as services of your own):\n' +
    `  data-wafer-category="analytics" ${at(29)}: <script type="text/plain" data-wafer-category="analytics">\n`), r.stdout);
  const rep = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(rep.services.map((s) => [s.id, s.evidence.length, s.heldByMarkup.length]), [['google-analytics', 0, 1], ['youtube', 0, 1], ['hubspot', 0, 1]]);
});

test('scan reads other consent managers\' markup (type="text/plain" with a category attribute, data-src iframes)', async () => {
  const policy = join(out, 'other.json');
  const r = await runCli(['scan', srv.url('other-cmp'), '--route-fakes', '--out', policy]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const p = JSON.parse(readFileSync(policy, 'utf8'));
  assert.deepEqual(p.services.map((s) => s.id), ['google-analytics', 'facebook-pixel', 'hubspot', 'linkedin-insight', 'youtube']);
  assert.match(execFileSync(WAFER, ['check', policy], { encoding: 'utf8' }), /^ok: .*site "other-cmp", revision 1, 3 categories, 5 services/);
  for (const [id, marker, line] of [['google-analytics', 'data-category="analytics"', 8], ['facebook-pixel', 'data-cookiecategory="targeting"', 9],
    ['hubspot', 'data-cookieconsent="marketing"', 10], ['linkedin-insight', 'data-name="linkedin"', 11], ['youtube', 'data-name="youtube"', 17]]) {
    assert.match(r.stdout, new RegExp(`\\n  ${id} +\\w+ +held by markup +${marker} at http://www\\.other-cmp\\.test:\\d+/ line ${line}\\n`), `${id}\n${r.stdout}`);
  }
  assert.match(r.stdout, /class="optanon-category-C0002" at http:\/\/www\.other-cmp\.test:\d+\/ line 12: <script type="text\/plain" class="optanon-category-C0002" src="https:\/\/cdn\.tracker\.example\/t\.js">/);
  assert.doesNotMatch(r.stdout, /template/);
});
