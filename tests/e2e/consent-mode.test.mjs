// consent-mode.test.mjs — Consent Mode "advanced" (policy consent.consent_mode)
// in headless Chromium against the real wafer-server, on the shop
// (demo/sites/kashop: GA4 and Google Ads, beside HubSpot, LinkedIn Insight
// and a YouTube embed), with the fakes of lib/fakes.mjs (gtag.js sends
// /g/collect with gcs and sets _ga only with analytics_storage granted).
//
// - Advanced, before any choice: gtag.js loads, its hit says denied (gcs=G100)
//   and carries no client id, no _ga or _gcl_au cookie is set (a page script
//   writing _ga is refused too), and HubSpot, LinkedIn and YouTube stay held.
// - Accepting analytics: the next page's hit is granted (G101) with a client
//   id and _ga is set; Google Ads still loads denied, the other marketing
//   services stay held.
// - Reject all: the Google tags keep loading denied, nothing else loads, no
//   Google cookie.
// "basic" (the default) is covered by consent.test.mjs and perservice.test.mjs:
// nothing of Google's loads before consent.
//
//   node --test tests/e2e/consent-mode.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './lib/harness.mjs';

const NOT_GOOGLE = ['hubspot', 'hubspot-forms', 'linkedin-insight', 'youtube'];
let h;

before(async () => {
  h = await startHarness();
  await h.setPolicy('kashop', (p) => {
    p.consent = { ...(p.consent || {}), consent_mode: 'advanced' };
  });
});
after(async () => {
  if (h) await h.stop();
});

// The /g/collect hits the page sent, as { gcs, cid }.
const collects = (v) => v.requests.filter((r) => /\/g\/collect\?/.test(r.url)).map((r) => {
  const u = new URL(r.url);
  return { gcs: u.searchParams.get('gcs'), cid: u.searchParams.get('cid'), phase: r.phase };
});
const requested = (v, service) => v.requests.some((r) => r.service === service);

test('advanced: Google tags load denied before any choice, no Google cookie, others held', async () => {
  const v = await h.visitor({ region: 'FR' });
  try {
    await v.open('kashop');
    assert.equal(await v.bannerVisible(), true, 'the banner asks');
    const consent = await v.page.evaluate(() => window.wafer.getConsent());
    assert.equal(consent.categories.analytics, false);
    assert.equal(consent.services['google-analytics'], false, 'GA4 loads without being allowed');

    // The stub's defaults come first, denied, before gtag.js ran.
    const first = await v.page.evaluate(() => {
      const a = window.dataLayer[0];
      return [a[0], a[1], a[2].analytics_storage, a[2].ad_storage];
    });
    assert.deepEqual(first, ['consent', 'default', 'denied', 'denied']);

    const runs = await v.runs();
    assert.ok(runs.includes('gtag:G-KASHOP0001'), `gtag.js for GA4 ran: ${runs}`);
    assert.ok(runs.includes('gtag:AW-KASHOP001'), `gtag.js for Ads ran: ${runs}`);
    const hits = collects(v);
    assert.ok(hits.length >= 1, 'a cookieless ping was sent');
    for (const hit of hits) {
      assert.equal(hit.gcs, 'G100', 'the hit says denied');
      assert.equal(hit.cid, null, 'no client id');
    }
    for (const s of NOT_GOOGLE) assert.equal(requested(v, s), false, `${s} stays held`);
    for (const name of ['hubspot-loader', 'linkedin-insight', 'hsforms-lib']) {
      assert.ok(!runs.includes(name), `${name} did not run`);
    }

    // No Google cookie: gtag.js set none, and a page script cannot either.
    await v.page.evaluate(() => {
      document.cookie = '_ga=GA1.1.1.1; Path=/';
      document.cookie = '_gcl_au=1.1.1.1; Path=/';
    });
    const names = await v.cookies();
    for (const c of names) assert.ok(!/^_ga|^_gcl_/.test(c), `no Google cookie before consent: ${names}`);
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

test('advanced: accepting analytics grants GA4 its cookies and granted hits', async () => {
  const v = await h.visitor({ region: 'FR' });
  try {
    await v.open('kashop');
    await v.step('accept-analytics');
    await v.page.evaluate(() => window.wafer.setCategories(['analytics']));
    await v.quiet();
    await v.step('next-page');
    await v.reload();
    const hits = collects(v).filter((x) => x.phase === 'next-page');
    assert.ok(hits.length >= 1, 'GA4 sent a hit on the next page');
    for (const hit of hits) {
      assert.equal(hit.gcs, 'G101', 'analytics granted, ads denied');
      assert.ok(hit.cid, 'with the client id from _ga');
    }
    const names = await v.cookies();
    assert.ok(names.includes('_ga'), `_ga set once analytics is granted: ${names}`);
    assert.ok(!names.some((c) => /^_gcl_/.test(c)), `no Ads cookie: ${names}`);
    const runs = await v.runs();
    assert.ok(runs.includes('gtag:AW-KASHOP001'), 'Google Ads still loads, denied');
    for (const s of NOT_GOOGLE) {
      assert.equal(v.requests.some((r) => r.service === s && r.phase === 'next-page'), false, `${s} stays held`);
    }
    assert.deepEqual(v.errors || [], []);
  } finally {
    await v.close();
  }
});

test('advanced: after "Reject all" the Google tags load denied and set no cookie', async () => {
  const v = await h.visitor({ region: 'FR' });
  try {
    await v.open('kashop');
    await v.click('reject');
    await v.step('after-reject');
    await v.reload();
    assert.equal(await v.bannerVisible(), false);
    const hits = collects(v).filter((x) => x.phase === 'after-reject');
    assert.ok(hits.length >= 1, 'the cookieless ping is still sent');
    for (const hit of hits) assert.equal(hit.gcs, 'G100');
    const names = await v.cookies();
    assert.ok(!names.some((c) => /^_ga|^_gcl_/.test(c)), `no Google cookie: ${names}`);
    for (const s of NOT_GOOGLE) assert.equal(requested(v, s), false, `${s} stays held`);
  } finally {
    await v.close();
  }
});
