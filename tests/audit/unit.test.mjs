// The audit's pure parts, without a browser: the matcher (against the stub's
// own, over the whole catalogue), the preload scanner's view of the HTML, the
// Consent Mode order, calendar months, display widths, the table and the JUnit writer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { urlMatches, cookieMatches, buildIndex, defaultAllowed } from '../../js/audit/match.mjs';
import { findUnmarkedTags } from '../../js/audit/static.mjs';
import { checkConsentMode, addMonths } from '../../js/audit/audit.mjs';
import { junit, table } from '../../js/audit/report.mjs';
import { displayWidth, fitWidth, wrapWidth } from '../../js/audit/terminal.mjs';
import { lifetimeOf } from '../../js/audit/scan.mjs';
import { loadCatalogue } from '../../js/audit/catalogue.mjs';
import { compileUrls, serviceOf } from '../../js/src/stub/match.js';

test('URL patterns: exact host, *.domain, path globs over path and query, any scheme', () => {
  assert.ok(urlMatches('js.hs-scripts.com', 'https://js.hs-scripts.com/123.js'));
  assert.ok(urlMatches('js.hs-scripts.com', '//js.hs-scripts.com/123.js', 'http://www.a.test/'));
  assert.ok(!urlMatches('js.hs-scripts.com', 'https://js-eu1.hs-scripts.com/123.js'));
  assert.ok(urlMatches('*.hs-scripts.com', 'https://js-eu1.hs-scripts.com/123.js'));
  assert.ok(urlMatches('*.hs-scripts.com', 'https://hs-scripts.com/'));
  assert.ok(!urlMatches('*.hs-scripts.com', 'https://noths-scripts.com/'));
  assert.ok(urlMatches('www.googletagmanager.com/gtag/js?id=G-*', 'https://www.googletagmanager.com/gtag/js?id=G-ABC'));
  assert.ok(!urlMatches('www.googletagmanager.com/gtag/js?id=G-*', 'https://www.googletagmanager.com/gtag/js?id=AW-1'));
  assert.ok(urlMatches('www.youtube.com/embed/*', 'https://WWW.YouTube.com/embed/x'));
  assert.ok(!urlMatches('www.youtube.com/embed/*', 'https://www.youtube.com/watch?v=x'));
  assert.ok(!urlMatches('a.example', 'data:text/plain,a.example'));
  assert.ok(cookieMatches('_ga_*', '_ga_ABC') && !cookieMatches('_ga_*', '_ga') && cookieMatches('_ga', '_ga'));
  assert.ok(cookieMatches('a.b', 'a.b') && !cookieMatches('a.b', 'axb'));
});

test('the matcher agrees with the stub over every catalogue pattern', () => {
  const cat = loadCatalogue();
  const list = cat.flatMap((s, i) => s.urls.map((p) => [p, i]));
  const rules = compileUrls(list);
  const urls = [];
  for (const [p] of list) {
    const host = p.split('/')[0].replace(/^\*\./, '');
    const path = p.includes('/') ? p.slice(p.indexOf('/') + 1).replaceAll('*', 'x1') : 'a/b.js?c=1';
    urls.push(`https://${host}/${path}`, `https://sub.${host}/${path}`, `https://${host}/other`, `http://x${host}/${path}`);
  }
  let n = 0;
  for (const u of urls) {
    for (const [p, i] of list) {
      const stub = serviceOf(compileUrls([[p, i]]), u) === i;
      assert.equal(urlMatches(p, u), stub, `${p} vs ${u}`);
      n++;
    }
    const index = buildIndex({ site: { domains: ['shop.test'] } }, cat);
    const mine = index.serviceOfUrl(u);
    const theirs = serviceOf(rules, u);
    assert.equal(mine ? mine.id : null, theirs < 0 ? null : cat[theirs].id, u);
  }
  assert.ok(n > 1000);
});

test('policy index: catalogue services merged, undeclared ones apart, regime defaults', () => {
  const cat = loadCatalogue();
  const policy = {
    site: { id: 's', domains: ['shop.test'] },
    categories: [{ id: 'necessary', necessary: true }, { id: 'analytics' }, { id: 'ads', defaults: { 'opt-out': false } }],
    services: [{ id: 'google-analytics', category: 'analytics' }, { id: 'own', category: 'ads', urls: ['cdn.own.example/px*'], cookies: [{ name: 'own_*', lifetime: '1 day' }] }],
  };
  const ix = buildIndex(policy, cat);
  assert.equal(ix.serviceOfUrl('https://region1.google-analytics.com/g/collect').id, 'google-analytics');
  assert.equal(ix.serviceOfUrl('https://cdn.own.example/px.gif').category, 'ads');
  assert.equal(ix.serviceOfUrl('https://js.hs-scripts.com/1.js').declared, false);
  assert.equal(ix.serviceOfCookie('own_id').id, 'own');
  assert.equal(ix.serviceOfCookie('__hstc').id, 'hubspot');
  assert.equal(ix.serviceOfCookie('unknown'), null);
  assert.ok(ix.isFirstParty('www.shop.test') && ix.isFirstParty('.shop.test') && !ix.isFirstParty('evilshop.test'));
  assert.deepEqual(defaultAllowed(ix, 'opt-in'), ['necessary']);
  assert.deepEqual(defaultAllowed(ix, 'opt-out'), ['necessary', 'analytics']);
});

test('preload scanner view: unmarked script/iframe/img/link flagged with line and fix; the rest ignored', () => {
  const ix = buildIndex({ site: { domains: ['shop.test'] }, categories: [], services: [{ id: 'google-analytics' }] }, loadCatalogue());
  const html = [
    '<!doctype html><head>',                                                                        // 1
    '<script src="/v1/sites/shop/wafer.js"></script>',                                               // 2
    '<script type="text/plain" data-wafer-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>', // 3
    '<!-- <script src="https://www.googletagmanager.com/gtag/js?id=G-2"></script> -->',               // 4
    '<script type=\'text/javascript\' async',                                                        // 5
    '  src="https://www.googletagmanager.com/gtag/js?id=G-3"></script>',                             // 6
    '<noscript><img src="https://www.facebook.com/tr?id=1&amp;ev=PageView"></noscript>',             // 7
    '<script>var s = "<script src=\'https://js.hs-scripts.com/1.js\'>";</script>',                  // 8
    '<iframe width="5" src="https://www.youtube.com/embed/abc"></iframe>',                           // 9
    '<iframe data-wafer-service="youtube" data-wafer-src="https://www.youtube.com/embed/abc"></iframe>', // 10
    '<img src=//px.ads.linkedin.com/collect?pid=1>',                                                 // 11
    '<link rel="preload" as="script" href="https://js.hs-scripts.com/1.js">',                        // 12
    '<script src="https://cdn.example.com/jquery.js"></script>',                                     // 13
    '<script type="module" src="https://js.hs-scripts.com/2.js"></script>',                          // 14
  ].join('\n');
  const f = findUnmarkedTags(html, 'https://www.shop.test/', ix);
  assert.deepEqual(f.map((x) => [x.line, x.tag, x.service, x.declared]), [
    [5, 'script', 'google-analytics', true], [9, 'iframe', 'youtube', false], [11, 'img', 'linkedin-insight', false],
    [12, 'link', 'hubspot', false], [14, 'script', 'hubspot', false]]);
  assert.equal(f[0].fix, '<script type="text/plain" data-wafer-service="google-analytics" async\n  src="https://www.googletagmanager.com/gtag/js?id=G-3">');
  assert.equal(f[1].fix, '<iframe data-wafer-service="youtube" width="5" data-wafer-src="https://www.youtube.com/embed/abc">');
  assert.equal(f[0].text, "<script type='text/javascript' async");
});

test('Consent Mode order: defaults first, missing, or after a config/event', () => {
  const d = { cmd: ['consent', 'default'] }, cfg = { cmd: ['config', 'G-1'] }, js = { cmd: ['js', 'object'] };
  assert.deepEqual(checkConsentMode([d, js, cfg], true), []);
  assert.deepEqual(checkConsentMode([js, cfg], false), []);
  assert.match(checkConsentMode([js, cfg], true)[0].message, /^Consent Mode defaults missing/);
  assert.match(checkConsentMode(null, true)[0].message, /^Consent Mode defaults missing/);
  assert.match(checkConsentMode([js, cfg, d], true)[0].message, /dataLayer\[1\] is gtag\('config', 'G-1', …\) but the first gtag\('consent', 'default', …\) is dataLayer\[2\]/);
  assert.match(checkConsentMode([{ event: 'gtm.js' }, d], true)[0].message, /dataLayer\[0\] is \{event: 'gtm\.js'\}/);
  assert.deepEqual(checkConsentMode([d, { event: 'wafer_consent' }, cfg], true), []);
});

test('calendar months (docs/engine.md) and cookie lifetimes', () => {
  assert.equal(new Date(addMonths(Date.UTC(2025, 0, 31, 10), 13)).toISOString(), '2026-02-28T10:00:00.000Z');
  assert.equal(new Date(addMonths(Date.UTC(2023, 0, 31), 13)).toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(new Date(addMonths(Date.UTC(2026, 10, 25), 13)).toISOString(), '2027-12-25T00:00:00.000Z');
  const now = Date.UTC(2026, 0, 1);
  assert.equal(lifetimeOf(-1, now), 'session');
  assert.equal(lifetimeOf(now / 1000 + 1800, now), '30 minutes');
  assert.equal(lifetimeOf(now / 1000 + 86400, now), '24 hours');
  assert.equal(lifetimeOf(now / 1000 + 7 * 86400, now), '7 days');
  assert.equal(lifetimeOf(now / 1000 + 180 * 86400, now), '6 months');
});

test('JUnit: one testcase per violation named after its phase, kind and element; one per clean phase', () => {
  const xml = junit([{ url: 'http://a.test/?x=1&y=<2>', phases: [
    { name: 'before', violations: [
      { phase: 'before', kind: 'preload', line: 3, tag: 'script', message: 'line 3: <script src="x"> \u0001' },
      { phase: 'before', kind: 'category', url: 'https://www.googletagmanager.com/gtag/js?id=G-1', message: 'request to …' },
      { phase: 'before', kind: 'consent-mode', element: 'dataLayer[4] default after a tag', message: 'Consent Mode default after a Google tag: …' }] },
    { name: 'reject', violations: [] },
    { name: 'accept-all', violations: [
      { phase: 'accept-all', kind: 'lifetime', cookie: 'rc', domain: 'a.test', message: 'cookie rc … rolling' },
      { phase: 'accept-all', kind: 'lifetime', cookie: 'rc', domain: 'a.test', message: 'cookie rc … extended' },
      { phase: 'accept-all', kind: 'state', category: 'analytics', message: 'Wafer reports …' }] }] }]);
  assert.match(xml, /<testsuites name="wafer-audit" tests="7" failures="6">/);
  assert.match(xml, /<testsuite name="http:\/\/a\.test\/\?x=1&amp;y=&lt;2&gt;" tests="7" failures="6">/);
  const names = [...xml.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(names, ['before preload: line 3 &lt;script&gt;', 'before category: request www.googletagmanager.com/gtag/js',
    'before consent-mode: dataLayer[4] default after a tag', 'reject', 'accept-all lifetime: cookie rc (a.test)',
    'accept-all lifetime: cookie rc (a.test) (2)', 'accept-all state: category analytics']);
  assert.match(xml, /name="before preload: line 3 &lt;script&gt;">\s*<failure message="line 3: &lt;script src=&quot;x&quot;&gt; " type="preload">before preload: line 3/);
  assert.match(xml, /<testcase classname="[^"]*" name="reject"\/>/);
  assert.doesNotMatch(xml, /\u0001/);
});

test('display width: escapes take no room, wide characters two columns, combining marks none', () => {
  assert.equal(displayWidth('\r\x1b[2K[##--] page'), 11);
  assert.equal(displayWidth('\x1b[31mred\x1b[0m'), 3);
  assert.equal(displayWidth('漢字'), 4);
  assert.equal(displayWidth('ｆｕｌｌ'), 8);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('👍🏽x'), 3);
  assert.equal(displayWidth('✗ ok — …'), 8);
  assert.equal(fitWidth('abcdef', 4), 'abc…');
  assert.equal(fitWidth('漢字漢字', 5), '漢字…');
  assert.equal(fitWidth('\x1b[2Kabc', 10), 'abc');
  assert.deepEqual(wrapWidth('aaa bbb ccc', 7, '  '), ['aaa bbb', '  ccc']);
  assert.deepEqual(wrapWidth('see https://example.test/a/very/long/path', 12, '  '), ['see', '  https://ex', '  ample.test', '  /a/very/lo', '  ng/path']);
  for (const l of wrapWidth('漢字 '.repeat(30), 9, '  ')) assert.ok(displayWidth(l) <= 9, l);
});

test('the table fits the width: one line a phase, the allowed column folded, or one block a phase', () => {
  const phases = ['before', 'reject', 'accept:functional', 'accept-all'].map((name, i) => ({ name,
    allowed: i === 3 ? ['necessary', 'analytics', 'functional', 'marketing', 'social'] : ['necessary'],
    requests: [1, 2], cookies: [1], violations: i === 3 ? [{ phase: name, kind: 'state', message: 'Wafer reports x '.repeat(12) }] : [] }));
  const results = [{ url: 'http://www.example.test/a-rather-long/path/to/audit/', site: 'ex', regime: 'opt-in', phases,
    violations: phases.flatMap((p) => p.violations), notices: [] }];
  for (const width of [40, 60, 80, 120]) {
    const out = table(results, { width });
    for (const l of out.split('\n')) assert.ok(displayWidth(l) <= width, `${width}: ${l}`);
    assert.match(out, /1 violation\(s\) on 1 of 1 URL\(s\)/);
  }
  assert.match(table(results, { width: 120 }), /\n  accept-all +necessary, analytics, functional, marketing, social +2 +1 +1 ✗\n/);
  assert.match(table(results, { width: 60 }), /\n  accept-all +necessary, +2 +1 +1 ✗\n {21}analytics,\n {21}functional,\n/);
  assert.match(table(results, { width: 40 }), /\n  accept-all: 1 ✗ \(2 third-party\n {6}requests, 1 cookies\)\n {4}allowed: necessary, analytics,\n/);
  // Without a terminal: the table fits 80 columns, messages stay on one line.
  const plain = table(results);
  assert.ok(plain.split('\n').filter((l) => !l.includes('✗ [')).every((l) => displayWidth(l) <= 80));
  assert.match(plain, /✗ \[accept-all\] state: (Wafer reports x ){12}/);
});
