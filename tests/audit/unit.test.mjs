// The audit's pure parts, without a browser: the matcher (against the stub's
// own, over the whole catalogue), the preload scanner's view of the HTML, the
// Consent Mode order, markings judged as the engine judges them (against
// `wafer evaluate`), rolling lifetimes, calendar months, display widths, the
// table, JUnit and --host-map.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlMatches, cookieMatches, buildIndex, defaultAllowed } from '../../js/audit/match.mjs';
import { findUnmarkedTags } from '../../js/audit/static.mjs';
import { analyse, checkConsentMode, addMonths, cookielessPing } from '../../js/audit/audit.mjs';
import { checkLateDefaults, gcsOf } from '../../js/audit/consent-mode.mjs';
import { checkLifetimes, newLifetimeTracker } from '../../js/audit/lifetime.mjs';
import { checkMarkup, findMarkedTags, judgeMarking, heldServices, markedElements } from '../../js/audit/markup.mjs';
import { displayWidth, fitWidth, wrapWidth } from '../../js/audit/terminal.mjs';
import { junit, table } from '../../js/audit/report.mjs';
import { parseHostMap, mapped } from '../../js/audit/browser.mjs';
import { lifetimeOf } from '../../js/audit/scan.mjs';
import { loadCatalogue, waferCli } from '../../js/audit/catalogue.mjs';
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

const ALL7 = (v) => Object.fromEntries(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
  'functionality_storage', 'personalization_storage', 'security_storage'].map((t) => [t, v]));
const cmd = (a, b, params) => (params ? { cmd: [a, b], params } : { cmd: [a, b] });

test('Consent Mode: every late default reported — after a tag, after Wafer\'s update — with what it overrode and the gcs', () => {
  const waferDefault = cmd('consent', 'default', { ...ALL7('denied'), wait_for_update: 500 });
  const redaction = cmd('set', 'ads_data_redaction');
  const update = cmd('consent', 'update', { ...ALL7('denied'), analytics_storage: 'granted' });
  const siteDefault = cmd('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied' });
  // Wafer's defaults, its update, then the site's snippet with a default after its config.
  const dl = [waferDefault, redaction, cmd('js', 'object'), update, cmd('config', 'G-1'), siteDefault, cmd('config', 'G-2')];
  const hits = ['https://region1.google-analytics.com/g/collect?v=2&tid=G-1&gcs=G101', 'https://www.example.test/x.js',
    'https://region1.google-analytics.com/g/collect?v=2&tid=G-2&gcs=G100'];
  const v = checkLateDefaults(dl, hits);
  assert.deepEqual(v.map((x) => [x.key, x.element, x.effect]), [
    ['tag|1|{"ad_storage":"denied","analytics_storage":"denied"}', 'dataLayer[5] default after a tag', 1],
    ['update|1|{"ad_storage":"denied","analytics_storage":"denied"}', 'dataLayer[5] default after Wafer\'s update', 1]]);
  assert.equal(v[0].message, "Consent Mode default after a Google tag: dataLayer[5] gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'}) " +
    "comes after dataLayer[4] gtag('config', 'G-1', …): that tag was already configured when it came, and it overrides ad_storage 'denied' " +
    "(Wafer's update, dataLayer[3]), analytics_storage 'granted' (Wafer's update, dataLayer[3]); queue every default before the first " +
    'config or event (Wafer sets them: remove this one, or move it above the Google tag)');
  assert.equal(v[1].message, "Consent Mode default after Wafer's update: dataLayer[5] gtag('consent', 'default', {ad_storage: 'denied', analytics_storage: 'denied'}) " +
    "comes after Wafer's gtag('consent', 'update', …) at dataLayer[3] and re-sets analytics_storage granted → denied; Google hits after it " +
    "carry gcs=G100 instead of G101 (hits seen on this page: gcs=G101, then gcs=G100); a default may only come before Wafer's update: " +
    'remove it (Wafer sets the defaults)');
  assert.deepEqual([v[1].gcsBefore, v[1].gcsAfter, v[1].hits], ['G101', 'G100', ['G101', 'G100']]);
  // After the update only (a script run on Wafer's decision): one report, no tag before it.
  const late = checkLateDefaults([waferDefault, redaction, update, { event: 'wafer_consent' }, siteDefault, cmd('config', 'G-1')], []);
  assert.deepEqual(late.map((x) => x.element), ['dataLayer[4] default after Wafer\'s update']);
  assert.match(late[0].message, /gcs=G100 instead of G101 \(no Google hit seen on this page\)/);
  // The same values as the update: still reported (it undoes any other choice).
  const same = checkLateDefaults([waferDefault, redaction, cmd('consent', 'update', ALL7('denied')), siteDefault], []);
  assert.equal(same[0].effect, 0);
  assert.match(same[0].message, /re-sets ad_storage, analytics_storage to the values Wafer's update gave \(no effect after this choice, but it undoes a visitor's consent\); Google hits after it carry gcs=G100 \(/);
  // Clean: Wafer's defaults (several, with regions), the update spliced before the first config.
  const clean = [cmd('consent', 'default', { ...ALL7('denied'), region: ['FR'] }), waferDefault, redaction, cmd('js', 'object'),
    update, cmd('set', 'object'), cmd('config', 'G-1'), { event: 'wafer_consent' }, cmd('event', 'page_view')];
  assert.deepEqual(checkLateDefaults(clean, []), []);
  // Wafer's own defaults after the site's snippet (cm-order) are the first-default check's concern, not these.
  assert.deepEqual(checkLateDefaults([cmd('js', 'object'), update, cmd('config', 'G-1'), waferDefault, redaction], []), []);
  // A regional default after a tag is reported for its regions; it does not change the state for others.
  const regional = checkLateDefaults([waferDefault, redaction, cmd('config', 'G-1'), cmd('consent', 'default', { analytics_storage: 'granted', region: ['ES', 'PT'] })], []);
  assert.deepEqual(regional.map((x) => x.element), ['dataLayer[3] default after a tag']);
  assert.match(regional[0].message, /for regions ES, PT: that tag was already configured/);
  assert.equal(gcsOf({}), 'G111');
  assert.equal(gcsOf({ ad_storage: { value: 'denied' }, analytics_storage: { value: 'granted' } }), 'G101');
  assert.deepEqual(checkLateDefaults(null, []), []);
});

test('rolling lifetimes: a cookie re-set on each visit is reported with who set it; one set once is not', () => {
  const policy = {
    site: { id: 's', domains: ['shop.test'] },
    categories: [{ id: 'necessary', necessary: true }, { id: 'analytics' }, { id: 'marketing' }],
    services: [{ id: 'stats', category: 'analytics', cookies: [{ name: 'st_*', lifetime: '12 months' }] }, { id: 'hubspot', category: 'marketing' },
      { id: 'google-analytics', category: 'analytics' }],
  };
  const ix = buildIndex(policy, loadCatalogue());
  const t0 = Date.UTC(2026, 0, 1), year = 365 * 86400;
  const writers = { st_id: 'http://www.shop.test/:12', st_once: 'http://www.shop.test/:14', __hstc: 'https://js.hs-analytics.net/analytics/1/2.js:41',
    _ga: 'https://www.googletagmanager.com/gtag/js?id=G-1:30', wafer_consent: 'http://www.shop.test/v1/sites/s/wafer.js:1 (Wafer)' };
  const ctx = { isFirstParty: (h) => ix.isFirstParty(h), isWaferUrl: (u) => u.includes('/v1/'), setBy: (n) => writers[n] };
  const tr = newLifetimeTracker();
  const visit = (name, at, choice, cookies) => checkLifetimes(ix, tr, cookies.map(([n, exp]) => ({ name: n, domain: '.shop.test', path: '/', expires: exp })),
    { name, at, end: at + 1500, choice }, ctx);
  const once = t0 / 1000 + year;
  let r = visit('accept-all', t0, true, [['st_id', (t0 + 1000) / 1000 + year], ['st_once', once], ['__hstc', (t0 + 1000) / 1000 + 180 * 86400],
    ['_ga', (t0 + 1000) / 1000 + year], ['wafer_consent', t0 / 1000 + year]]);
  assert.deepEqual([r.violations, r.notices], [[], []]);
  r = visit('revisit', t0 + 2000, false, [['st_id', (t0 + 3000) / 1000 + year], ['st_once', once], ['__hstc', (t0 + 3000) / 1000 + 180 * 86400],
    ['_ga', (t0 + 3000) / 1000 + year], ['wafer_consent', t0 / 1000 + year]]);
  assert.deepEqual(r.violations.map((v) => v.cookie), ['st_id', '_ga']);
  assert.equal(r.violations[0].message, 'cookie st_id (shop.test/) has a rolling lifetime: its expiry moved forward by 2.0 s between the accept-all ' +
    'and revisit visits (2027-01-01T00:00:01Z → 2027-01-01T00:00:03Z), 12 months from each visit; its lifetime must run from its first ' +
    'placement, not be extended by later visits (set it once, with an expiry counted from the first visit) — set by http://www.shop.test/:12');
  // gtag.js is configured by Wafer not to roll: a rolling _ga is the site's doing.
  assert.match(r.violations[1].message, /^cookie _ga \(shop\.test\/\) has a rolling lifetime: .* — set by https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-1:30$/);
  // A vendor's own cookie that Wafer's cap bounds: a notice, not a violation.
  assert.deepEqual(r.notices.map((v) => v.cookie), ['__hstc']);
  assert.match(r.notices[0].message, /renewed by hubspot's own script \(js\.hs-analytics\.net\), which the site cannot change: Wafer deletes it 13 months after its first placement \(cookie cap\)/);
  // Reported once per cookie; a cookie gone and set again starts afresh.
  r = visit('withdraw', t0 + 4000, true, [['st_id', (t0 + 5000) / 1000 + year]]);
  assert.deepEqual(r.violations, []);
  // The consent cookie moves with a new choice, not on a plain revisit.
  const tr2 = newLifetimeTracker();
  const v2 = (name, at, choice, exp) => checkLifetimes(ix, tr2, [{ name: 'wafer_consent', domain: 'www.shop.test', path: '/', expires: exp }],
    { name, at, end: at + 1000, choice }, ctx);
  v2('accept:analytics', t0, true, t0 / 1000 + year);
  assert.deepEqual(v2('accept-all', t0 + 2000, true, (t0 + 2000) / 1000 + year).violations, []);
  assert.match(v2('revisit', t0 + 4000, false, (t0 + 4000) / 1000 + year).violations[0].message, /^cookie wafer_consent \(www\.shop\.test\/\) has a rolling lifetime/);
  // An expiry that jumps further than the time elapsed is a new lifetime, not a rolling one.
  const tr3 = newLifetimeTracker();
  const v3 = (name, at, exp) => checkLifetimes(ix, tr3, [{ name: 'st_x', domain: 'shop.test', path: '/', expires: exp }], { name, at, end: at + 1000 }, ctx);
  v3('accept:analytics', t0, t0 / 1000 + 86400);
  assert.deepEqual(v3('accept-all', t0 + 2000, t0 / 1000 + year).violations, []);
});

// A policy for the marking table, and the engine's own verdicts through `wafer evaluate`.
const MARKING_POLICY = {
  site: { id: 'marks', domains: ['marks.test'], policy_url: 'https://marks.test/privacy' },
  revision: 1, languages: ['en'], regimes: { default: 'opt-in' },
  categories: [{ id: 'necessary', necessary: true, label: { en: 'N' } }, { id: 'analytics', label: { en: 'A' } },
    { id: 'marketing', label: { en: 'M' } }, { id: 'functional', label: { en: 'F' } }],
  services: [{ id: 'google-analytics', category: 'analytics' }, { id: 'hubspot', category: 'marketing' },
    { id: 'own-chat', name: 'Our chat', category: 'functional', urls: ['chat.marks.test'] }],
};
const MARKINGS = [
  { service: '', category: 'analytics', url: 'https://js.hs-scripts.com/1.js' },                        // the issue's case
  { service: '', category: 'marketing', url: 'https://js.hs-scripts.com/1.js' },                        // agrees
  { service: 'google-analytics', category: 'marketing', url: 'https://www.googletagmanager.com/gtag/js?id=G-1' },
  { service: 'google-analytics', category: '', url: 'https://js.hs-scripts.com/1.js' },                  // URL of another service
  { service: 'hubspot', category: '', url: 'https://chat.marks.test/w.js' },
  { service: 'youtube', category: '', url: 'https://www.youtube.com/embed/x' },                         // not in the policy
  { service: '', category: 'stats', url: '' },                                                         // no such category
  { service: '', category: 'stats', url: 'https://js.hs-scripts.com/1.js' },
  { service: 'hubspot', category: 'stats', url: '' },
  { service: '', category: 'functional', url: '' },
  { service: '', category: '', url: 'https://js.hs-scripts.com/1.js' },
  { service: '', category: '', url: 'https://cdn.example.test/x.js' },
];

test('markings: judged as the engine judges them (checked against `wafer evaluate` for every choice)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wafer-marks-'));
  try {
    const ix = buildIndex(MARKING_POLICY, loadCatalogue());
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(MARKING_POLICY));
    const optional = ['analytics', 'marketing', 'functional'];
    for (let mask = 0; mask < 8; mask++) {
      const granted = optional.filter((_, i) => mask & (1 << i));
      const facts = join(dir, `facts-${mask}.json`);
      writeFileSync(facts, JSON.stringify({ now: '2026-01-01T00:00:00Z', host: 'www.marks.test', path: '/', fresh_id: '00112233445566778899aabbccddeeff',
        elements: MARKINGS.map((m) => ({ kind: 'script', url: m.url, category: m.category, service: m.service })),
        choice: { action: 'custom', granted } }));
      const d = JSON.parse(execFileSync(waferCli(), ['evaluate', policyFile, facts], { encoding: 'utf8' }));
      MARKINGS.forEach((m, i) => {
        const j = judgeMarking(ix, m);
        const mine = j.requires !== null && j.requires.every((c) => c === 'necessary' || granted.includes(c));
        assert.equal(mine, d.elements[i].verdict === 'release', `${JSON.stringify(m)} with ${granted}: engine says ${d.elements[i].verdict} (${d.elements[i].reason})`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('markings that disagree with the policy: both values, which one wins, the line', () => {
  const ix = buildIndex(MARKING_POLICY, loadCatalogue());
  const html = [
    '<!doctype html><head>',                                                                                                // 1
    '<script type="text/plain" data-wafer-category="analytics" async src="https://js.hs-scripts.com/1.js"></script>',      // 2
    '<script type="text/plain" data-wafer-service="google-analytics" data-wafer-category="marketing" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>', // 3
    '<iframe data-wafer-service="youtube" data-wafer-src="https://www.youtube.com/embed/x"></iframe>',                       // 4
    '<script type="text/plain" data-wafer-category="stats">var a = 1;</script>',                                           // 5
    '<script type="text/plain" data-wafer-service="google-analytics"',                                                     // 6
    '  src="https://js.hs-scripts.com/1.js"></script>',                                                                     // 7
    '<script type="text/plain" data-wafer-category="marketing" src="https://js.hs-scripts.com/1.js"></script>',            // 8 agrees
    '<!-- <script type="text/plain" data-wafer-category="analytics" src="https://js.hs-scripts.com/2.js"></script> -->',    // 9 comment
  ].join('\n');
  const dom = [{ tag: 'script', attrs: { type: 'javascript/blocked', 'data-wafer-category': 'functional', src: 'https://js.hs-scripts.com/9.js' },
    body: '', html: '<script type="javascript/blocked" data-wafer-category="functional" src="https://js.hs-scripts.com/9.js">' }];
  const v = checkMarkup(ix, markedElements(html, 'https://www.marks.test/', dom), loadCatalogue(), 'https://www.marks.test/');
  assert.deepEqual(v.map((x) => [x.line, x.wins, x.marking, x.policy, x.requires]), [
    [2, 'both', { service: null, category: 'analytics' }, { service: 'hubspot', category: 'marketing' }, ['analytics', 'marketing']],
    [3, 'service marking', { service: 'google-analytics', category: 'marketing' }, { service: 'google-analytics', category: 'analytics' }, ['analytics']],
    [4, 'policy', { service: 'youtube', category: null }, { service: null, category: null }, null],
    [5, 'policy', { service: null, category: 'stats' }, { service: null, category: null }, null],
    [6, 'both', { service: 'google-analytics', category: null }, { service: 'hubspot', category: 'marketing' }, ['analytics', 'marketing']],
    [null, 'both', { service: null, category: 'functional' }, { service: 'hubspot', category: 'marketing' }, ['functional', 'marketing']]]);
  assert.equal(v[0].message, 'line 2: markup and policy disagree: <script type="text/plain" data-wafer-category="analytics" async ' +
    'src="https://js.hs-scripts.com/1.js"> is marked data-wafer-category="analytics", but its URL is service hubspot\'s, which the policy ' +
    'puts under marketing: neither wins — Wafer requires both (a marking never loosens what the URL says), so it runs only when analytics ' +
    'and marketing are both allowed, never with marketing alone; mark it data-wafer-service="hubspot"');
  assert.match(v[1].message, /is marked data-wafer-category="marketing", but the policy puts service google-analytics \(its data-wafer-service\) under analytics: the service marking wins — Wafer ignores data-wafer-category when data-wafer-service is set, so it runs when analytics is allowed; remove data-wafer-category$/);
  assert.match(v[2].message, /^line 4: markup and policy disagree: <iframe .*> is marked data-wafer-service="youtube", a service the policy does not declare \(the catalogue's "YouTube videos"\): the policy wins — Wafer keeps it held on every visit/);
  assert.match(v[3].message, /is marked data-wafer-category="stats", a category the policy does not have: the policy wins/);
  assert.match(v[4].message, /^line 6: markup and policy disagree: <script type="text\/plain" data-wafer-service="google-analytics" src="https:\/\/js\.hs-scripts\.com\/1\.js"> is marked data-wafer-service="google-analytics" \(analytics\), but its URL is service hubspot's/);
  assert.match(v[5].message, /^an element inserted by a script: markup and policy disagree: <script type="javascript\/blocked"/);
  assert.equal(v[5].element, '<script> https://js.hs-scripts.com/9.js');
});

test('held by markup, for scan: Wafer\'s and other consent managers\' markup; text templates and lazy images are not tags', () => {
  const ix = buildIndex({ site: { domains: ['shop.test'] }, categories: [], services: [] }, loadCatalogue());
  const html = [
    '<head>',                                                                                                             // 1
    '<script type="text/plain" data-category="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',// 2 cookieconsent
    '<script type="text/plain" data-cookieconsent="marketing" src="//js.hs-scripts.com/1.js"></script>',                   // 3 Cookiebot
    '<script type="text/plain" data-type="application/javascript" data-name="li" data-src="https://snap.licdn.com/li.lms-analytics/insight.min.js"></script>', // 4 Klaro
    '<script type="text/plain" class="optanon-category-C0004">fbq("init", "1"); var s = "https://connect.facebook.net/en_US/fbevents.js";</script>', // 5 OneTrust
    '<script type="text/plain" data-wafer-category="analytics">gtag(\'config\', \'AW-123\');</script>',                     // 6 Wafer, inline
    '<script type="text/plain" id="tpl"><b>template</b></script>',                                                       // 7 not a tag
    '<img data-src="https://www.facebook.com/tr?id=1" class="lazyload">',                                                // 8 lazy loading, not held
    '<iframe data-cookieblock-src="https://www.youtube.com/embed/x" data-cookieconsent="marketing"></iframe>',            // 9 Cookiebot iframe
    '<script type="text/plain" data-cookiecategory="analytics">var x = 1;</script>',                                    // 10 unknown inline
  ].join('\n');
  const found = findMarkedTags(html);
  assert.deepEqual(found.map((e) => [e.line, e.marker]), [[2, 'data-category="analytics"'], [3, 'data-cookieconsent="marketing"'],
    [4, 'data-name="li"'], [5, 'class="optanon-category-C0004"'], [6, 'data-wafer-category="analytics"'], [9, 'data-cookieconsent="marketing"'],
    [10, 'data-cookiecategory="analytics"']]);
  const h = heldServices(found, ix, 'https://www.shop.test/');
  assert.deepEqual(h.services.map((s) => [s.id, s.evidence]), [
    ['google-analytics', 'data-category="analytics" at https://www.shop.test/ line 2'], ['hubspot', 'data-cookieconsent="marketing" at https://www.shop.test/ line 3'],
    ['linkedin-insight', 'data-name="li" at https://www.shop.test/ line 4'], ['facebook-pixel', 'class="optanon-category-C0004" at https://www.shop.test/ line 5'],
    ['google-ads', 'data-wafer-category="analytics" at https://www.shop.test/ line 6'], ['youtube', 'data-cookieconsent="marketing" at https://www.shop.test/ line 9']]);
  assert.deepEqual(h.unknown.map((u) => u.where), ['https://www.shop.test/ line 10']);
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

test('--host-map: HOST=ADDR pairs, checked before they become resolver rules', () => {
  assert.deepEqual(parseHostMap('www.example.com=127.0.0.1'), { host: 'www.example.com', addr: '127.0.0.1' });
  assert.deepEqual(parseHostMap('*.Example.COM=::1'), { host: '*.example.com', addr: '[::1]' });
  assert.deepEqual(parseHostMap('staging.example.org=backend.internal'), { host: 'staging.example.org', addr: 'backend.internal' });
  for (const bad of ['www.example.com', '=127.0.0.1', 'www.example.com=', 'a b.com=127.0.0.1', 'www.example.com=127.0.0.1,MAP * 1.2.3.4',
    'ex*.com=1.2.3.4', 'www.example.com=*', 'www.example.com=127.0.0.1:8080']) {
    assert.ok(parseHostMap(bad).error, bad);
  }
  const m = [parseHostMap('*.example.com=127.0.0.1'), parseHostMap('shop.test.org=127.0.0.1')];
  assert.ok(mapped(m, 'example.com') && mapped(m, 'www.example.com') && mapped(m, 'shop.test.org'));
  assert.ok(!mapped(m, 'badexample.com') && !mapped(m, 'www.shop.test.org'));
});

test('cookieless pings: a notice under Consent Mode "advanced", a violation under "basic"; Google cookies always violations', () => {
  const catalogue = loadCatalogue();
  const policy = (mode) => ({
    site: { id: 'shop', domains: ['shop.test'] },
    ...(mode ? { consent: { consent_mode: mode } } : {}),
    categories: [{ id: 'necessary', necessary: true }, { id: 'analytics' }, { id: 'marketing' }],
    services: [{ id: 'google-analytics', category: 'analytics' }, { id: 'google-ads', category: 'marketing' },
      { id: 'hubspot', category: 'marketing' }],
  });
  const requests = [
    'https://www.googletagmanager.com/gtag/js?id=G-ABC',                          // the tag itself
    'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC&gcs=G100&en=page_view',
    'https://www.googleadservices.com/pagead/conversion/123/?gcs=G100',
    'https://js.hs-scripts.com/1.js',                                             // not Google's
  ].map((url) => ({ url, initiator: 'https://www.shop.test/:9' }));
  const cookies = [{ name: '_ga', domain: '.shop.test', path: '/', expires: -1 }];
  const session = { isWafer: () => false, cookieWrites: new Map() };
  const run = (mode, allowed = ['necessary'], list = requests) => {
    const notices = [];
    const index = buildIndex(policy(mode), catalogue);
    const violations = analyse(index, session, { name: 'before', requests: list }, allowed, cookies,
      { undeclared: new Set() }, {}, notices);
    return { violations, notices };
  };
  const kinds = (list) => list.map((v) => `${v.kind} ${v.service || v.cookie}`).sort();

  // Advanced: the pings and the tags are notices; HubSpot and the _ga cookie are violations.
  let r = run('advanced');
  assert.deepEqual(kinds(r.violations), ['category hubspot', 'category google-analytics'].sort());
  assert.ok(r.violations.some((v) => v.cookie === '_ga'), 'a Google cookie before consent is a violation');
  assert.deepEqual(kinds(r.notices),
    ['cookieless-ping google-ads', 'cookieless-ping google-analytics', 'cookieless-ping google-analytics'].sort());
  const ping = r.notices.find((n) => n.gcs === 'G100' && n.service === 'google-analytics');
  assert.match(ping.message, /cookieless ping to https:\/\/region1\.google-analytics\.com\/g\/collect.*gcs=G100.*Consent Mode "advanced", as the policy chose/);
  assert.match(ping.message, /IP address and user agent/);

  // Basic (and no key at all): the pings are violations of their own kind, the tag a category violation.
  for (const mode of ['basic', undefined]) {
    r = run(mode);
    assert.deepEqual(r.notices, []);
    assert.deepEqual(kinds(r.violations), ['category google-analytics', 'category google-analytics', 'category hubspot',
      'cookieless-ping google-ads', 'cookieless-ping google-analytics'].sort(), String(mode));
    const v = r.violations.find((x) => x.kind === 'cookieless-ping' && x.service === 'google-analytics');
    assert.match(v.message, /the policy chose Consent Mode "basic", in which nothing of Google's loads before consent/);
    assert.match(v.message, /initiated by https:\/\/www\.shop\.test\/:9/);
  }

  // A granted hit is no cookieless ping; with analytics allowed nothing of GA4 is reported.
  assert.equal(cookielessPing('https://region1.google-analytics.com/g/collect?gcs=G101', 'google-analytics'), null);
  assert.equal(cookielessPing('https://region1.google-analytics.com/g/collect?gcs=G110', 'google-analytics'), 'G110');
  assert.equal(cookielessPing('https://www.googleadservices.com/pagead/conversion/1/?gcs=G101', 'google-ads'), 'G101');
  assert.equal(cookielessPing('https://region1.google-analytics.com/g/collect?v=2', 'google-analytics'), null);
  assert.equal(cookielessPing('https://www.example.com/g/collect?gcs=G100', 'google-analytics'), null);
  r = run('basic', ['necessary', 'analytics'], requests.slice(0, 2));
  assert.deepEqual(r.violations, []);
  assert.deepEqual(r.notices, []);
});
