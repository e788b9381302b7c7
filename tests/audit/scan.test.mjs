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
