// match.test.mjs — the stub's URL and cookie matching (js/src/stub/match.js)
// follows the engine's UrlMatches / GlobMatches (compiled_policy.h): same
// host rules, path + query globbing, no scheme tricks.
//
//   node --test tests/e2e/match.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileUrls, cookieMatcher, glob, serviceOf } from '../../js/src/stub/match.js';

const rules = compileUrls([
  ['www.googletagmanager.com/gtag/js?id=G-*', 0],
  ['*.google-analytics.com', 0],
  ['www.googletagmanager.com/gtag/js?id=AW-*', 1],
  ['*.doubleclick.net', 1],
  ['js.hs-scripts.com', 2],
  ['*.hs-scripts.com', 2],
  ['connect.facebook.net/*/fbevents.js', 3],
]);

const CASES = [
  ['https://www.googletagmanager.com/gtag/js?id=G-ABC123', 0],
  ['https://www.googletagmanager.com/gtag/js?id=AW-99', 1],
  ['https://www.googletagmanager.com/gtm.js?id=GTM-1', -1],
  ['https://region1.google-analytics.com/g/collect?v=2', 0],
  ['https://google-analytics.com/collect', 0],            // *.domain includes the domain
  ['https://evilgoogle-analytics.com/collect', -1],        // …but not a suffix match
  ['https://google-analytics.com.evil.test/', -1],
  ['//js.hs-scripts.com/123.js', 2],                       // scheme-relative (page base)
  ['http://js-eu1.hs-scripts.com/7.js', 2],
  ['https://JS.HS-SCRIPTS.COM/1.js', 2],                   // hosts are case-insensitive
  ['https://stats.g.doubleclick.net/x', 1],
  ['https://connect.facebook.net/en_US/fbevents.js', 3],
  ['https://connect.facebook.net/en_US/sdk.js', -1],
  ['https://www.googletagmanager.com/gtag/js?id=G-1#frag', 0],
  ['javascript:alert(1)', -1],
  ['data:text/javascript,1', -1],
  ['/local/script.js', -1],
  ['', -1],
];

test('serviceOf: the first matching service, as the engine', () => {
  for (const [url, want] of CASES) {
    assert.equal(serviceOf(rules, url, 'https://www.example.test/page'), want, url);
  }
});

test('glob: * matches any run, everything else is literal', () => {
  assert.ok(glob('_ga_*').test('_ga_ABC'));
  assert.ok(glob('_ga_*').test('_ga_'));
  assert.ok(!glob('_ga').test('_gax'));
  assert.ok(glob('a.b?c(d)*').test('a.b?c(d)e'));
  assert.ok(!glob('a.b').test('axb'));
  assert.ok(glob('*x*').test('yyxyy'));
});

test('cookieMatcher: service of the first matching pattern, cached', () => {
  const service = cookieMatcher([['_ga', 1], ['_ga_*', 1], ['__hstc', 2], ['_gcl_*', 3]]);
  assert.equal(service('_ga'), 1);
  assert.equal(service('_ga_XYZ'), 1);
  assert.equal(service('__hstc'), 2);
  assert.equal(service('_gcl_au'), 3);
  assert.equal(service('wafer_consent'), -1);
  assert.equal(service('_gat'), -1);
  assert.equal(service('_ga'), 1);
});
