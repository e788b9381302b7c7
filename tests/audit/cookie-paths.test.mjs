// cookie-paths.test.mjs — `wafer-audit scan` proposes declared cookie paths
// (policy services[].cookie_paths) from the paths it saw a service's
// first-party cookies on, and the proposal passes `wafer check`.
//
//   node --test tests/audit/cookie-paths.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proposeCookiePaths } from '../../js/audit/scan.mjs';
import { WAFER } from './lib/server.mjs';

// Cookie rows as scanSite() reports them.
const row = (name, path, service, firstParty = true) => ({ name, path, service, firstParty, domain: '.shop.test' });

test('paths other than "/" of a service\'s first-party cookies, sorted, without a trailing slash', () => {
  const policy = {
    site: { id: 'shop', domains: ['shop.test'], policy_url: 'https://shop.test/privacy' },
    revision: 1, languages: ['en'], regimes: { default: 'opt-in' },
    categories: [{ id: 'necessary', necessary: true, label: { en: 'N' } }, { id: 'analytics', label: { en: 'A' } },
      { id: 'marketing', label: { en: 'M' } }],
    services: [{ id: 'google-analytics', category: 'analytics' }, { id: 'hubspot', category: 'marketing' }],
  };
  proposeCookiePaths(policy, [
    row('_ga', '/', 'google-analytics'),
    row('_ga', '/blog', 'google-analytics'),
    row('_ga_G1', '/blog/', 'google-analytics'),
    row('_gid', '/shop/cart', 'google-analytics'),
    row('_ga', '/odd;path', 'google-analytics'),    // not a path the policy accepts: left out
    row('__hstc', '/', 'hubspot'),
    row('YSC', '/embed', 'youtube', false),           // third-party: not deletable, not proposed
    row('cart_id', '/shop', null),
  ]);
  assert.deepEqual(policy.services, [
    { id: 'google-analytics', category: 'analytics', cookie_paths: ['/blog', '/shop/cart'] },
    { id: 'hubspot', category: 'marketing' },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'wafer-paths-'));
  try {
    writeFileSync(join(dir, 'p.json'), JSON.stringify(policy));
    assert.match(execFileSync(WAFER, ['check', join(dir, 'p.json')], { encoding: 'utf8' }), /^ok: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('at most 16 paths per service', () => {
  const policy = { services: [{ id: 'google-analytics', category: 'analytics' }] };
  proposeCookiePaths(policy, Array.from({ length: 20 }, (_, i) => row('_ga', `/p${String(i).padStart(2, '0')}`, 'google-analytics')));
  assert.equal(policy.services[0].cookie_paths.length, 16);
});
