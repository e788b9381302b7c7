// gtm.test.mjs — Google Tag Manager under `necessary` with Consent Mode
// "advanced" (docs/integration.md "Google Tag Manager"), in headless Chromium
// against the real wafer-server. The shop's policy (kashop) gets
// `consent.consent_mode: "advanced"` and the catalogue's
// `google-tag-manager` service in its `necessary` category; its page is
// replaced by one with Wafer first in <head> and Google's GTM snippet as
// published (unmarked). The container is the fake of fakes/gtm.js: a GA4
// Google tag (built-in consent checks, trigger Initialization) and a HubSpot
// Custom HTML tag requiring ad_storage (triggers All Pages and wafer_consent).
//
// (a) first visit, no choice: gtm.js loads, GTM sees everything denied at
//     gtm.init_consent, GA4 sends cookieless pings only, no _ga, the HubSpot
//     tag is blocked by its consent check (and nothing of HubSpot's loads);
// (b) analytics accepted on that page: GA4 sets _ga and sends a granted hit,
//     the HubSpot tag stays blocked (analytics consent alone is not enough);
// (c) marketing accepted too: the HubSpot tag fires on the same page;
// (e) withdrawal: the update says denied, the cookies are gone;
// (d) returning visitor with analytics only: the stored grant is in the
//     dataLayer before the snippet's gtm.js event, so GTM's
//     gtm.init_consent already sees analytics_storage granted; HubSpot
//     stays blocked.
// (f) Google Ads allowed alone: ad_storage is granted (GTM's types are
//     coarser than Wafer's services), so GTM fires the HubSpot tag; the stub
//     holds the js.hs-scripts.com script it injects (HubSpot is refused): no
//     HubSpot request, no HubSpot cookie, until HubSpot is allowed on the
//     same page and that held script runs.
// And the Tag Manager template (integrations/gtm/template.tpl): its sandboxed
// code run as the container's Consent Initialization tag (plain versions of
// the template APIs, no GTM sandbox: integrations/gtm/README.md) sets the
// defaults, sends Wafer's state and follows a change.
// Last, the same page with "basic": gtm.js loads (the contradiction `wafer
// check` warns of), and Wafer drops the GA4 tag's pings.
//
//   node --test tests/e2e/gtm.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startHarness } from './lib/harness.mjs';

const CONTAINER = 'GTM-KASHOP1';
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/v1/sites/kashop/wafer.js"></script>
<title>Kashop with Google Tag Manager</title>
<!-- Google Tag Manager -->
<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','${CONTAINER}');</script>
<!-- End Google Tag Manager -->
</head>
<body><h1>Oak tables</h1></body>
</html>`;

let h;
before(async () => {
  h = await startHarness();
  await h.setPolicy('kashop', (p) => {
    p.consent = { ...(p.consent || {}), consent_mode: 'advanced' };
    p.services.push({ id: 'google-tag-manager', category: 'necessary' });
  });
});
after(async () => {
  if (h) await h.stop();
});

const visitor = () => h.visitor({ region: 'FR', html: () => PAGE });
const collects = (v, phase) => v.requests.filter((r) => /\/g\/collect\?/.test(r.url) && (!phase || r.phase === phase))
  .map((r) => {
    const u = new URL(r.url);
    return { gcs: u.searchParams.get('gcs'), cid: u.searchParams.get('cid'), en: u.searchParams.get('en') };
  });
const hubspotRequests = (v, phase) => v.requests.filter((r) => r.service === 'hubspot' && (!phase || r.phase === phase));
const HUBSPOT_COOKIES = /^(__hstc|hubspotutk|__hssc|__hssrc)$/;
// What the fake container saw and did, and the dataLayer as plain data.
const gtm = (v) => v.page.evaluate(() => {
  const G = window.__fakeGtm;
  const plain = (a) => (a && typeof a === 'object' && typeof a.length === 'number' && !Array.isArray(a)
    ? { args: Array.from(a) } : a);
  return G && {
    events: G.events, fired: G.fired, blocked: G.blocked, template: G.template,
    dataLayer: JSON.parse(JSON.stringify(window.dataLayer.map(plain))),
  };
});
const at = (g, event) => g.events.find((e) => e.event === event);
const consentCommands = (g, command) => g.dataLayer.filter((m) => m.args && m.args[0] === 'consent' && m.args[1] === command);

test('GTM under necessary, Consent Mode advanced: first visit, analytics, marketing, withdrawal on one page', async () => {
  const v = await visitor();
  try {
    // (a) First visit, no choice.
    await v.open('kashop');
    assert.equal(await v.bannerVisible(), true, 'the banner asks');
    assert.ok(v.requests.some((r) => r.service === 'google-tag-manager' && r.url.includes(CONTAINER)),
      'gtm.js loaded (necessary)');
    let runs = await v.runs();
    assert.ok(runs.includes('gtm:' + CONTAINER), `the container ran: ${runs}`);
    let g = await gtm(v);
    assert.deepEqual(g.events.filter((e) => e.event).map((e) => e.event).slice(0, 4),
      ['gtm.init_consent', 'gtm.init', 'gtm.js', 'wafer_consent'], JSON.stringify(g.events));
    const init = at(g, 'gtm.init_consent').consent;
    for (const t of ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization']) {
      assert.equal(init[t], 'denied', `${t} denied at gtm.init_consent`);
    }
    assert.deepEqual(g.fired.map((f) => f.tag), ['ga4'], 'only the GA4 tag fired');
    assert.ok(g.blocked.some((b) => b.tag === 'hubspot' && b.event === 'gtm.js' && b.missing.includes('ad_storage')),
      JSON.stringify(g.blocked));
    const pings = collects(v);
    assert.ok(pings.length >= 1, 'GA4 sent a ping');
    for (const p of pings) assert.deepEqual([p.gcs, p.cid], ['G100', null], 'cookieless: denied, no client id');
    assert.ok(!runs.includes('gtm-tag:hubspot'), 'the HubSpot tag did not run');
    assert.deepEqual(hubspotRequests(v), [], 'no request to HubSpot');
    let names = await v.cookies();
    assert.ok(!names.some((c) => c === '_ga' || /^_ga_/.test(c) || HUBSPOT_COOKIES.test(c)), `no tracker cookie: ${names}`);

    // (b) Analytics only, on the same page.
    await v.step('analytics');
    await v.page.evaluate(() => window.wafer.setCategories(['analytics']));
    await v.quiet();
    g = await gtm(v);
    const update = consentCommands(g, 'update').at(-1).args[2];
    assert.deepEqual([update.analytics_storage, update.ad_storage], ['granted', 'denied']);
    const granted = collects(v, 'analytics');
    assert.ok(granted.some((p) => p.gcs === 'G101' && p.cid), `GA4 sent a granted hit with a client id: ${JSON.stringify(granted)}`);
    names = await v.cookies();
    assert.ok(names.includes('_ga'), `_ga set once analytics is granted: ${names}`);
    const ga = (await v.cookieJar()).find((c) => c.name === '_ga');
    assert.ok(ga.expires < Date.now() / 1000 + 34128000 + 60, `_ga capped by the Google tag's settings: ${ga.expires}`);
    assert.ok(g.blocked.some((b) => b.tag === 'hubspot' && b.event === 'wafer_consent'),
      'the HubSpot tag was triggered again and blocked: analytics consent is not enough');
    assert.ok(!g.fired.some((f) => f.tag === 'hubspot'));
    assert.ok(!(await v.runs()).includes('gtm-tag:hubspot'));
    assert.deepEqual(hubspotRequests(v), []);
    assert.ok(!names.some((c) => HUBSPOT_COOKIES.test(c)), `no HubSpot cookie: ${names}`);

    // (c) Marketing too: the HubSpot tag fires on this page, no reload.
    const url = v.page.url();
    await v.step('marketing');
    await v.page.evaluate(() => window.wafer.setCategories(['analytics', 'marketing']));
    await v.quiet();
    g = await gtm(v);
    const hs = g.fired.find((f) => f.tag === 'hubspot');
    assert.ok(hs, JSON.stringify(g.fired));
    assert.equal(hs.event, 'wafer_consent');
    assert.equal(hs.consent.ad_storage, 'granted');
    runs = await v.runs();
    assert.ok(runs.includes('gtm-tag:hubspot') && runs.includes('hubspot-loader') && runs.includes('hs-analytics'),
      `the tag and HubSpot's code ran: ${runs}`);
    assert.ok(hubspotRequests(v, 'marketing').length >= 1);
    assert.equal(v.page.url(), url, 'same page');
    names = await v.cookies();
    assert.ok(names.includes('__hstc') && names.includes('hubspotutk'), `HubSpot's cookies: ${names}`);
    // HubSpot's privacy API, loaded by GTM or not: the consent Wafer gave it.
    const hsConsent = () => v.page.evaluate(() => window._hsp.filter((c) => c[0] === 'setHubSpotConsent').at(-1)[1]);
    assert.deepEqual(await hsConsent(), { analytics: true, advertisement: true, functionality: false });

    // (e) Withdrawal: denied in the dataLayer, cookies swept.
    await v.step('withdraw');
    await v.page.evaluate(() => window.wafer.withdraw());
    await v.quiet();
    g = await gtm(v);
    const last = consentCommands(g, 'update').at(-1).args[2];
    for (const t of ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization']) {
      assert.equal(last[t], 'denied', `${t} denied by the last update`);
    }
    assert.equal(g.events.filter((e) => e.command === 'update').at(-1).consent.analytics_storage, 'denied',
      'the container read it');
    names = await v.cookies();
    assert.ok(!names.some((c) => c === '_ga' || /^_ga_/.test(c) || HUBSPOT_COOKIES.test(c)), `cookies swept: ${names}`);
    assert.deepEqual(await hsConsent(), { analytics: false, advertisement: false, functionality: false });
    const queues = await v.page.evaluate(() => [window._hsq.at(-1), window._hsp.at(-1)]);
    assert.deepEqual(queues, [['doNotTrack'], ['revokeCookieConsent']], 'HubSpot told to stop and forget');
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

test('GTM: a returning visitor with analytics only is granted at gtm.init_consent, HubSpot stays blocked', async () => {
  const v = await visitor();
  try {
    await v.open('kashop');
    await v.page.evaluate(() => window.wafer.setCategories(['analytics']));
    await v.quiet();
    await v.step('return');
    await v.reload();
    assert.equal(await v.bannerVisible(), false);
    const g = await gtm(v);
    // The order in the dataLayer: the stub's default (denied) first, then the
    // stored choice's update, then the snippet's gtm.js event.
    const dl = g.dataLayer;
    const def = dl.findIndex((m) => m.args && m.args[0] === 'consent' && m.args[1] === 'default');
    const upd = dl.findIndex((m) => m.args && m.args[0] === 'consent' && m.args[1] === 'update');
    const js = dl.findIndex((m) => m.event === 'gtm.js');
    assert.ok(def === 0 && def < upd && upd < js, `default ${def} < update ${upd} < gtm.js ${js}`);
    assert.equal(dl[def].args[2].analytics_storage, 'denied');
    assert.equal(dl[upd].args[2].analytics_storage, 'granted');
    const init = at(g, 'gtm.init_consent').consent;
    assert.deepEqual([init.analytics_storage, init.ad_storage], ['granted', 'denied'], JSON.stringify(init));
    const ga = g.fired.find((f) => f.tag === 'ga4');
    assert.equal(ga.event, 'gtm.init');
    assert.equal(ga.consent.analytics_storage, 'granted');
    const hits = collects(v, 'return');
    assert.ok(hits.length >= 1 && hits.every((p) => p.gcs === 'G101' && p.cid), JSON.stringify(hits));
    assert.ok(g.blocked.some((b) => b.tag === 'hubspot' && b.event === 'gtm.js'));
    assert.ok(!g.fired.some((f) => f.tag === 'hubspot'));
    assert.deepEqual(hubspotRequests(v), []);
    assert.ok(!(await v.runs()).includes('gtm-tag:hubspot'));
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

// GTM's consent types are coarser than Wafer's services: allowing Google Ads
// alone grants ad_storage (the type Google Ads declares), so the HubSpot
// Custom HTML tag, which requires ad_storage, passes GTM's check and fires.
// HubSpot is still not allowed: the stub holds the script the tag injects by
// its URL (js.hs-scripts.com), so nothing of HubSpot's loads or is stored;
// allowing HubSpot later releases that same held script.
test('GTM: Google Ads alone grants ad_storage and GTM fires the HubSpot tag, but Wafer holds HubSpot\'s script', async () => {
  const v = await visitor();
  try {
    await v.open('kashop');
    await v.step('google-ads');
    await v.page.evaluate(() => window.wafer.setCategories([], { 'google-ads': true }));
    await v.quiet();
    const c = await v.page.evaluate(() => window.wafer.getConsent());
    assert.deepEqual([c.services['google-ads'], c.services.hubspot, c.categories.marketing], [true, false, false],
      JSON.stringify(c.services));
    assert.equal(c.consentMode.ad_storage, 'granted', 'ad_storage granted for Google Ads');
    let g = await gtm(v);
    const hs = g.fired.find((f) => f.tag === 'hubspot');
    assert.ok(hs, `GTM fired the HubSpot tag: ${JSON.stringify(g.fired)}`);
    assert.equal(hs.event, 'wafer_consent');
    assert.equal(hs.consent.ad_storage, 'granted');
    // Wait long enough for a script that got through to load and run.
    await v.page.waitForTimeout(1000);
    await v.quiet();
    const runs = await v.runs();
    assert.ok(runs.includes('gtm-tag:hubspot'), `the tag ran: ${runs}`);
    assert.ok(!runs.some((r) => /^(hubspot-loader|hs-)/.test(r)), `nothing of HubSpot's ran: ${runs}`);
    assert.deepEqual(hubspotRequests(v).map((r) => r.url), [], 'no request to a HubSpot host');
    const held = await v.page.evaluate(() => {
      const s = document.getElementById('hs-script-loader');
      return s && { type: s.type, src: s.getAttribute('src') };
    });
    assert.ok(held && held.type === 'javascript/blocked' && /js\.hs-scripts\.com/.test(held.src),
      `the tag's script is in the page, held: ${JSON.stringify(held)}`);
    let names = await v.cookies();
    assert.ok(!names.some((n) => HUBSPOT_COOKIES.test(n)), `no HubSpot cookie: ${names}`);

    // HubSpot allowed too, on the same page: the held script is released.
    await v.step('hubspot');
    await v.page.evaluate(() => window.wafer.setCategories([], { 'google-ads': true, hubspot: true }));
    await v.quiet();
    assert.ok((await v.runs()).includes('hubspot-loader'), 'the held HubSpot script ran once allowed');
    assert.ok(hubspotRequests(v, 'hubspot').length >= 1);
    names = await v.cookies();
    assert.ok(names.includes('__hstc'), `HubSpot's cookies now: ${names}`);
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

test('GTM: the template run as a Consent Initialization tag sends Wafer\'s state and follows changes', async () => {
  const tpl = readFileSync(join(ROOT, 'integrations', 'gtm', 'template.tpl'), 'utf8');
  const code = /___SANDBOXED_JS_FOR_WEB_TEMPLATE___\n([\s\S]*?)\n___WEB_PERMISSIONS___/.exec(tpl)[1];
  const v = await visitor();
  try {
    await v.context.addInitScript((c) => {
      window.__gtmTemplate = c;
    }, code);
    await v.open('kashop');
    let g = await gtm(v);
    assert.ok(g.fired.some((f) => f.tag === 'wafer-template' && f.event === 'gtm.init_consent'), JSON.stringify(g.fired));
    const [def, upd] = g.template;
    assert.equal(def[0], 'default');
    assert.equal(def[1].wait_for_update, 500);
    for (const t of ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage']) {
      assert.equal(def[1][t], 'denied', t);
    }
    // Wafer has decided before gtm.js loads: its state follows at once.
    assert.equal(upd[0], 'update');
    assert.deepEqual([upd[1].analytics_storage, upd[1].ad_storage], ['denied', 'denied']);
    assert.deepEqual(g.template.at(-1), ['success']);

    // A change on the page reaches the template through wafer.onChange.
    await v.page.evaluate(() => window.wafer.setCategories(['analytics']));
    await v.quiet();
    g = await gtm(v);
    const last = g.template.filter((c) => c[0] === 'update').at(-1)[1];
    assert.deepEqual([last.analytics_storage, last.ad_storage], ['granted', 'denied'], JSON.stringify(g.template));

    // Returning: the template's update on Consent Initialization grants analytics.
    await v.reload();
    g = await gtm(v);
    const back = g.template.find((c) => c[0] === 'update')[1];
    assert.deepEqual([back.analytics_storage, back.ad_storage], ['granted', 'denied']);
    const init = at(g, 'gtm.init_consent');
    assert.deepEqual([init.after.analytics_storage, init.after.ad_storage], ['granted', 'denied']);
    assert.ok(!g.fired.some((f) => f.tag === 'hubspot'));
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

// The misconfiguration `wafer check` warns of (wafer.policy.tag_manager_necessary):
// with "basic", gtm.js still loads under necessary and its Google tag runs
// denied, but Wafer drops that tag's requests (google-analytics may not load
// before consent in basic) and its cookie.
test('GTM under necessary with Consent Mode basic: gtm.js loads, Wafer drops the GA4 tag\'s pings', async () => {
  await h.setPolicy('kashop', (p) => {
    p.consent.consent_mode = 'basic';
  });
  const v = await visitor();
  try {
    await v.open('kashop');
    assert.ok(v.requests.some((r) => r.service === 'google-tag-manager'), 'gtm.js loaded: a request to Google before consent');
    const g = await gtm(v);
    assert.ok(g.fired.some((f) => f.tag === 'ga4'), 'the container fired its Google tag');
    assert.deepEqual(collects(v), [], 'no /g/collect request left the page');
    assert.ok(!(await v.cookies()).some((c) => c === '_ga'));
    assert.ok(!g.fired.some((f) => f.tag === 'hubspot'));
    assert.deepEqual(hubspotRequests(v), []);
  } finally {
    await v.close();
  }
});
