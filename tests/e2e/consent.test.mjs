// consent.test.mjs — issue 3 §11: every demo site through every phase, in
// headless Chromium against the real wafer-server, with every tracker host
// routed to a fake that behaves like the real tag (lib/fakes.mjs).
//
// After every step: no request to a tracker whose category is not allowed, no
// cookie of a refused service, allowed tags ran exactly once per page view and
// in document order, refused iframes show a click-to-load placeholder.
//
//   node --test tests/e2e/        (needs build/native/server/wafer-server,
//                                  build/wasm/wasm and /usr/bin/chromium)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './lib/harness.mjs';
import {
  SITES, MAIN_COOKIE, allCategories, categoryOf, defaultCategories, necessaryCategories, policyOf, regimeFor,
} from './lib/sites.mjs';
import { COOKIES } from './lib/fakes.mjs';

const MONTH = 31 * 24 * 3600 * 1000;
let h;

before(async () => {
  h = await startHarness();
});
after(async () => {
  if (h) await h.stop();
});

// Checks the page after a step. `allowed`: the category ids that may run;
// `services`: services allowed on their own besides.
// `cookies`: also require the main cookie of every allowed service that ran.
async function expectState(v, site, allowed, step, { cookies = false, services = [] } = {}) {
  const spec = SITES[site], policy = policyOf(site);
  const ok = (service) => allowed.includes(categoryOf(policy, service)) || services.includes(service);
  const where = `${site} / ${step}`;

  for (const r of v.requests.filter((x) => x.phase === v.phase)) {
    assert.ok(r.service, `${where}: request to an unknown tracker ${r.url}`);
    assert.ok(ok(r.service), `${where}: ${r.service} (${categoryOf(policy, r.service)}) requested ${r.url} but only [${allowed}] allowed`);
  }

  // On this page: an allowed tag ran exactly once; a refused one did not run
  // since the step began (it may have run before, e.g. under opt-out before
  // the visitor rejected; the guards stop it from then on).
  const runs = await v.runs();
  const since = runs.slice(v.mark || 0);
  for (const [service, names] of Object.entries(spec.services)) {
    for (const name of names) {
      const n = runs.filter((x) => x === name).length;
      if (ok(service)) assert.equal(n, 1, `${where}: ${name} (${service}) ran ${n} times; runs: ${runs}`);
      else {
        assert.ok(n <= 1 && !since.includes(name), `${where}: refused ${name} (${service}) ran; runs: ${runs}`);
      }
    }
  }
  for (const [a, b] of spec.order) {
    if (runs.includes(a) && runs.includes(b)) {
      assert.ok(runs.indexOf(a) < runs.indexOf(b), `${where}: ${a} must run before ${b}; runs: ${runs}`);
    }
  }

  const names = await v.cookies();
  for (const [service, patterns] of Object.entries(COOKIES)) {
    if (!policy.services.some((s) => s.id === service) || ok(service)) continue;
    const bad = names.filter((n) => patterns.some((p) => p.test(n)));
    assert.deepEqual(bad, [], `${where}: cookies of refused ${service} present`);
  }
  if (cookies) {
    for (const service of Object.keys(spec.services)) {
      if (ok(service) && MAIN_COOKIE[service]) {
        assert.ok(names.includes(MAIN_COOKIE[service]), `${where}: ${MAIN_COOKIE[service]} of ${service} missing; cookies: ${names}`);
      }
    }
  }

  for (const service of spec.iframes || []) {
    const state = await v.page.evaluate((s) => {
      const f = document.querySelector(`iframe[data-wafer-service="${s}"]`);
      return { src: f.getAttribute('src'), placeholder: !!document.querySelector(`.wafer-placeholder[data-wafer-blocked="${s}"]`) };
    }, service);
    if (ok(service)) assert.ok(state.src && !state.placeholder, `${where}: ${service} iframe not loaded`);
    else assert.ok(!state.src, `${where}: refused ${service} iframe has a src`);
    if (!ok(service) && v.decided !== false) {
      assert.ok(state.placeholder, `${where}: refused ${service} iframe has no placeholder`);
    }
  }
  assert.deepEqual(v.errors || [], [], `${where}: page errors`);
}

const step = (v, name) => v.step(name);

for (const site of Object.keys(SITES)) {
  const spec = SITES[site];
  const policy = policyOf(site);
  const first = defaultCategories(policy, spec.region);
  const optIn = regimeFor(policy, spec.region) === 'opt-in';
  const trackerCookies = async (v) => {
    const names = await v.cookies();
    return names.filter((n) => Object.values(COOKIES).flat().some((p) => p.test(n)));
  };
  const accepted = async (v) => {
    await v.open(site);
    await step(v, 'accept');
    await v.click('accept');
    await step(v, 'accepted reload');
    await v.reload();
    await expectState(v, site, allCategories(policy), 'accepted, reloaded', { cookies: true });
  };

  describe(site, () => {
    test('first visit, no action: nothing beyond the regime\'s defaults; banner shown', async () => {
      const v = await h.visitor({ region: spec.region });
      await v.open(site);
      assert.ok(await v.bannerVisible(), 'banner shown');
      await expectState(v, site, first, 'first visit');
      const dl = await v.page.evaluate(() => Array.from(window.dataLayer[0]));
      assert.deepEqual(dl.slice(0, 2), ['consent', 'default'], 'Consent Mode default is the first dataLayer command');
      if (optIn) {
        assert.equal(dl[2].analytics_storage, 'denied');
        assert.equal(dl[2].ad_storage, 'denied');
        assert.deepEqual(await trackerCookies(v), []);
      }
      assert.equal(await v.page.evaluate(() => window.disableHubSpotCookieBanner), true);
      await v.close();
    });

    test('reject all + reload: necessary only', async () => {
      const v = await h.visitor({ region: spec.region });
      await v.open(site);
      await step(v, 'reject');
      await v.click('reject');
      await expectState(v, site, necessaryCategories(policy), 'rejected');
      await step(v, 'rejected reload');
      await v.reload();
      assert.ok(!(await v.bannerVisible()), 'banner hidden after a choice');
      await expectState(v, site, necessaryCategories(policy), 'rejected, reloaded');
      assert.deepEqual(await trackerCookies(v), []);
      assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['reject-all', 201]], 'receipt stored');
      assert.equal(v.receipts[0].site, site);
      assert.match(v.receipts[0].consent_id, /^[0-9a-f]{32}$/);
      assert.ok((await v.cookies()).includes(policy.consent?.cookie_name || 'wafer_consent'), 'consent cookie stored');
      await v.close();
    });

    test('accept all + reload: every tag runs once, in order, with its cookies', async () => {
      const v = await h.visitor({ region: spec.region });
      await v.open(site);
      await step(v, 'accept');
      await v.click('accept');
      await expectState(v, site, allCategories(policy), 'accepted');
      await step(v, 'accepted reload');
      await v.reload();
      assert.ok(!(await v.bannerVisible()), 'banner hidden');
      await expectState(v, site, allCategories(policy), 'accepted, reloaded', { cookies: true });
      assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['accept-all', 201]], 'receipt stored');
      const consent = await v.page.evaluate(() => window.wafer.getConsent());
      assert.equal(consent.method, 'accept-all');
      assert.ok(Object.values(consent.categories).every(Boolean));
      if (spec.services['google-analytics']) {
        // gtag.js got cookie_expires + cookie_update:false: _ga ends 13 months after first placement.
        const hits = await v.page.evaluate(() => window.__fakeGtag.hits);
        assert.ok(hits.length && hits.every((x) => x.update === false && x.expires <= 397 * 86400), JSON.stringify(hits));
        const ga = (await v.cookieJar()).find((c) => c.name === '_ga');
        assert.ok(ga.expires - Date.now() / 1000 <= 397 * 86400, '_ga lives at most 13 months');
      }
      for (const service of spec.iframes || []) {
        assert.ok(v.requests.some((r) => r.service === service), `${service} iframe loaded`);
      }
      await v.close();
    });

    test('analytics only + reload', async () => {
      const v = await h.visitor({ region: spec.region });
      await v.open(site);
      await step(v, 'custom');
      await v.click('customise');
      await v.page.check('#wafer-banner input[data-wafer-category="analytics"]');
      await v.click('save');
      await step(v, 'custom reload');
      await v.reload();
      const allowed = [...necessaryCategories(policy), 'analytics'];
      await expectState(v, site, allowed, 'analytics only, reloaded');
      const consent = await v.page.evaluate(() => window.wafer.getConsent());
      assert.equal(consent.method, 'custom');
      assert.equal(consent.categories.analytics, true);
      assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['custom', 201]], 'receipt stored');
      await v.close();
    });

    test('withdraw + reload: tracker cookies gone at once and stay gone', async () => {
      const v = await h.visitor({ region: spec.region });
      await accepted(v);
      await step(v, 'withdraw');
      await v.page.evaluate(() => window.wafer.withdraw());
      await v.quiet();
      assert.deepEqual(await trackerCookies(v), [], 'swept on withdrawal');
      await step(v, 'withdrawn reload');
      await v.reload();
      await expectState(v, site, necessaryCategories(policy), 'withdrawn, reloaded');
      assert.deepEqual(await trackerCookies(v), []);
      assert.equal((await v.page.evaluate(() => window.wafer.getConsent())).method, 'withdraw');
      assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['accept-all', 201], ['withdraw', 201]]);
      await v.close();
    });

    test('13 months later: consent lapsed, capped cookies deleted', async () => {
      const v = await h.visitor({ region: spec.region });
      await accepted(v);
      const before = (await v.cookieJar()).find((c) => c.name === '_ga');
      await v.shiftClock(13 * MONTH);
      await step(v, '13 months later');
      await v.reload();
      assert.ok(await v.bannerVisible(), 'banner asks again');
      const consent = await v.page.evaluate(() => window.wafer.getConsent());
      assert.equal(consent.reason, 'consent-lapsed');
      await expectState(v, site, first, '13 months later');
      if (optIn) assert.deepEqual(await trackerCookies(v), []);
      const ga = (await v.cookieJar()).find((c) => c.name === '_ga');
      if (before && ga) assert.notEqual(ga.value, before.value, '_ga placed anew, not extended');
      await v.close();
    });

    test('revision bumped: the stored choice no longer applies', async () => {
      const v = await h.visitor({ region: spec.region });
      await accepted(v);
      await h.setPolicy(site, (p) => {
        p.revision += 1;
      });
      try {
        await step(v, 'new revision');
        await v.reload();
        assert.ok(await v.bannerVisible(), 'banner asks again');
        assert.equal((await v.page.evaluate(() => window.wafer.getConsent())).reason, 'revision-changed');
        await expectState(v, site, first, 'new revision');
        if (optIn) assert.deepEqual(await trackerCookies(v), []);
      } finally {
        await h.setPolicy(site, (p) => {
          p.revision = policy.revision;
        });
      }
      await v.close();
    });

    test('GPC on in an opt-out region (US-CA)', async () => {
      const v = await h.visitor({ region: 'US-CA', gpc: true });
      await v.open(site);
      const allowed = defaultCategories(policy, 'US-CA', true);
      await expectState(v, site, allowed, 'GPC');
      assert.ok(await v.bannerVisible());
      if (regimeFor(policy, 'US-CA') !== 'opt-in') {
        const consent = await v.page.evaluate(() => window.wafer.getConsent());
        assert.equal(consent.gpcHonoured, true);
        assert.equal(consent.method, 'gpc');
        assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.gpc, r.status]), [['gpc', true, 201]]);
        const dl = await v.page.evaluate(() => Array.from(window.dataLayer[0]));
        assert.equal(dl[2].ad_storage, 'denied', 'GPC default: ad_storage denied');
      }
      await step(v, 'GPC reload');
      await v.reload();
      await expectState(v, site, allowed, 'GPC, reloaded');
      await v.close();
    });

    if (spec.iframes) {
      test('click-to-load: a refused embed names its service and loads only it', async () => {
        // An opt-in visitor (Kaizenify's US visitors have the embeds on by default).
        const v = await h.visitor({ region: optIn ? spec.region : 'FR' });
        await v.open(site);
        const [service, ...others] = spec.iframes;
        const category = categoryOf(policy, service);
        const ph = `.wafer-placeholder[data-wafer-blocked="${service}"]`;
        const label = await v.page.locator(ph).evaluate((el) => el.shadowRoot.textContent);
        // The service's name as the banner data gives it (the stub's config carries no names).
        const data = await (await fetch(`http://127.0.0.1:${h.port}/v1/sites/${site}/banner.en.js`)).text();
        const name = new RegExp(`"id":"${service}","name":"([^"]*)"`).exec(data)[1];
        assert.ok(label.includes(name), `placeholder names ${name}: ${label}`);
        // Unticked "Always allow": this page view only, recorded, not stored.
        await step(v, 'click to load once');
        await v.page.click(`[data-wafer-load="${service}"]`);
        await v.quiet();
        const consent = await v.page.evaluate(() => window.wafer.getConsent());
        assert.equal(consent.services[service], true);
        assert.equal(consent.categories[category], false, 'its category stays refused');
        for (const other of others) assert.equal(consent.services[other], false, `${other} stays refused`);
        await expectState(v, site, necessaryCategories(policy), 'loaded once', { services: [service] });
        assert.ok(v.requests.some((r) => r.service === service && r.phase === 'click to load once'));
        assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['once', 201]]);
        await step(v, 'reload after once');
        await v.reload();
        await expectState(v, site, necessaryCategories(policy), 'reloaded after once');
        // Ticked: stored for this service alone; the banner still asks about the rest.
        await step(v, 'click to load always');
        await v.page.locator(ph).locator('input[type=checkbox]').check();
        await v.page.click(`[data-wafer-load="${service}"]`);
        await v.quiet();
        await expectState(v, site, necessaryCategories(policy), 'always allowed', { services: [service] });
        assert.equal(await v.bannerVisible(), true, 'the banner still asks');
        assert.deepEqual((await v.receiptsDone()).map((r) => [r.method, r.status]), [['once', 201], ['allow', 201]]);
        await step(v, 'reload after always');
        await v.reload();
        await expectState(v, site, necessaryCategories(policy), 'reloaded after always', { services: [service] });
        await v.close();
      });
    }

    test('engine file unavailable: everything stays held, the visitor can still choose', async () => {
      const v = await h.visitor({ region: spec.region, engineDown: true });
      v.decided = false;
      await v.open(site);
      assert.ok(await v.bannerVisible(), 'banner shown');
      await expectState(v, site, [], 'engine unavailable');
      await step(v, 'engine unavailable, accept');
      await v.click('accept');
      await expectState(v, site, [], 'engine unavailable, accepted');
      assert.deepEqual(await v.cookies(), [], 'nothing stored');
      assert.deepEqual(v.receipts, []);
      await v.close();
    });
  });
}
