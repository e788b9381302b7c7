// perservice.test.mjs — issue 14 in headless Chromium against the real
// wafer-server: consent at the grain of a service, placeholders for
// everything that renders, and one language everywhere.
//
// - The shop (demo/sites/kashop: GA4; a HubSpot form; Google Ads, HubSpot
//   tracking, a YouTube embed and LinkedIn Insight all in "marketing"): the
//   YouTube placeholder releases YouTube only, the others stay held, and the
//   receipt the server stored names the service.
// - The form's container gets a themed placeholder; loading it draws the form.
// - Preferences per service: a category's checkbox is "mixed" in the
//   accessibility tree when its services differ; by mouse and by keyboard.
// - axe-core (0 violations) and keyboard-only flows for the preferences with
//   the services open and for the placeholders, in the first six bundled
//   languages and the two right-to-left ones (languages.test.mjs runs axe and
//   the keyboard on the first layer, the preferences and the placeholders in
//   all 32).
// - One language everywhere, the engine's: a <html lang="de"> page on a
//   [fr, en] policy (banner strings, the site's labels, the reopen button,
//   the receipt); a pt-BR page on a policy with Portuguese texts (those texts,
//   the Brazilian bundle); a Nynorsk page (Bokmål).
//
//   node --test tests/e2e/perservice.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startHarness } from './lib/harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const TALL = { viewport: { width: 1280, height: 1800 }, reducedMotion: 'reduce' };
// The marketing trackers of the shop that the YouTube placeholder must not start.
const MARKETING = ['google-ads', 'hubspot', 'linkedin-insight'];
let h;

before(async () => {
  h = await startHarness();
});
after(async () => {
  if (h) await h.stop();
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}`);
  });
}

// The focused element, looking into shadow roots.
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (!a) return null;
  const root = a.getRootNode();
  return {
    tag: a.localName, type: a.type || '', action: a.getAttribute('data-wafer-action'),
    category: a.getAttribute('data-wafer-category'), service: a.getAttribute('data-wafer-service'),
    load: a.getAttribute('data-wafer-load'), summary: a.localName === 'summary' ? a.textContent : null,
    host: root.host ? (root.host.id || root.host.getAttribute('data-wafer-blocked')) : '',
  };
});

async function tabTo(page, pred, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

const consent = (page) => page.evaluate(() => window.wafer.getConsent());
const inBanner = (page, selector) => page.locator(`#wafer-banner ${selector}`);
const placeholderOf = (page, service) => page.locator(`.wafer-placeholder[data-wafer-blocked="${service}"]`);
const requested = (v, service) => v.requests.filter((r) => r.service === service);
const ran = async (v, name) => (await v.runs()).includes(name);

// The accessibility tree's checked state of the checkbox named `name`
// (Chromium's, through the DevTools protocol: what a screen reader is told).
async function axChecked(page, name) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const node = nodes.find((n) => n.role && n.role.value === 'checkbox' && n.name && n.name.value === name);
  assert.ok(node, `no checkbox named ${name} in the accessibility tree`);
  const checked = (node.properties || []).find((p) => p.name === 'checked');
  return checked ? checked.value.value : undefined;
}

// The category checkbox's state in the preferences: [checked, indeterminate].
const categoryState = (page, id) => inBanner(page, `input[data-wafer-category="${id}"]`)
  .evaluate((b) => [b.checked, b.indeterminate]);

async function openPreferences(v) {
  await v.page.evaluate(() => { window.wafer.openPreferences(); });
  await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
}

describe('the shop: a placeholder grants only its own service', () => {
  test('"Load YouTube videos" releases YouTube only; the receipt names it; nothing stored', async () => {
    const v = await h.visitor({ region: 'FR', context: TALL });
    await v.open('kashop');
    assert.ok(await v.bannerVisible(), 'first visit: the banner asks');
    const ph = placeholderOf(v.page, 'youtube');
    await ph.waitFor();
    const text = await ph.evaluate((el) => el.shadowRoot.textContent);
    assert.match(text, /YouTube videos/, 'names the service');
    assert.match(text, /Plays the videos/, 'says what it does');
    assert.doesNotMatch(text, /videos is blocked/, 'no broken grammar');

    const said = await ph.evaluate((el) => el.shadowRoot.querySelector('.ph').textContent);
    await v.step('load once');
    await v.page.click('[data-wafer-load="youtube"]');
    await v.quiet();
    assert.ok(requested(v, 'youtube').some((r) => r.phase === 'load once'), 'the video was fetched');
    assert.ok(await v.page.getAttribute('iframe[data-wafer-service="youtube"]', 'src'), 'the frame has its src');
    assert.equal(await ph.count(), 0, 'the placeholder went');
    for (const s of [...MARKETING, 'google-analytics', 'hubspot-forms']) {
      assert.deepEqual(requested(v, s).map((r) => r.url), [], `${s} stays held`);
    }
    for (const run of ['gtag:AW-KASHOP001', 'hubspot-loader', 'linkedin-insight', 'gtag:G-KASHOP0001']) {
      assert.equal(await ran(v, run), false, `${run} did not run`);
    }
    const c = await consent(v.page);
    assert.equal(c.services.youtube, true);
    assert.equal(c.categories.marketing, false, 'the category stays refused');
    for (const s of MARKETING) assert.equal(c.services[s], false, `${s} refused`);
    assert.ok(await v.bannerVisible(), 'the banner still asks about the rest');
    assert.deepEqual(await v.page.evaluate(() => document.cookie), '', 'nothing stored: no consent cookie');

    // The receipt of that one-time consent, as the server keeps it.
    const [receipt] = await v.receiptsDone();
    assert.equal(receipt.method, 'once');
    assert.equal(receipt.status, 201);
    // What the visitor read: the placeholder's text (plain http: FNV-1a, receipt.js).
    let fnv = 0x811c9dc5;
    for (const b of new TextEncoder().encode(said)) fnv = Math.imul(fnv ^ b, 0x01000193) >>> 0;
    assert.equal(receipt.banner_hash, 'fnv1a:' + fnv.toString(16).padStart(8, '0'));
    const stored = await h.storedReceipts(receipt.consent_id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].method, 'once');
    assert.equal(stored[0].choices['service:youtube'], true, 'the receipt names the service');
    assert.equal(stored[0].choices.marketing, false);
    assert.equal(stored[0].language, 'en');
    assert.equal(stored[0].signature_valid, true);

    // Next page: asked again.
    await v.step('reload');
    await v.reload();
    await placeholderOf(v.page, 'youtube').waitFor();
    assert.deepEqual(requested(v, 'youtube').filter((r) => r.phase === 'reload'), []);
    assert.deepEqual(v.errors || [], []);
    await v.close();
  });

  test('"Always allow YouTube videos" stores YouTube alone; the other marketing tags stay held on every page', async () => {
    const v = await h.visitor({ region: 'FR', context: TALL });
    await v.open('kashop');
    const ph = placeholderOf(v.page, 'youtube');
    await ph.locator('input[type=checkbox]').check();
    await v.page.click('[data-wafer-load="youtube"]');
    await v.quiet();
    let c = await consent(v.page);
    assert.equal(c.method, 'allow');
    assert.equal(c.services.youtube, true);
    assert.ok(await v.bannerVisible(), 'the banner still asks about the rest');
    const [receipt] = await v.receiptsDone();
    assert.deepEqual([receipt.method, receipt.status], ['allow', 201]);
    const [stored] = await h.storedReceipts(receipt.consent_id);
    assert.equal(stored.choices['service:youtube'], true, 'the receipt names the service');
    assert.equal(stored.choices.marketing, false);

    for (const phase of ['reload 1', 'reload 2']) {
      await v.step(phase);
      await v.reload();
      assert.ok(requested(v, 'youtube').some((r) => r.phase === phase), `${phase}: the video loads`);
      for (const s of [...MARKETING, 'google-analytics', 'hubspot-forms']) {
        assert.deepEqual(requested(v, s).filter((r) => r.phase === phase).map((r) => r.url), [], `${phase}: ${s} held`);
      }
    }
    // Then "Reject all" on the banner: everything refused, YouTube too.
    await v.click('reject');
    c = await consent(v.page);
    assert.equal(c.method, 'reject-all');
    assert.equal(c.services.youtube, false);
    assert.equal(await v.page.getAttribute('iframe[data-wafer-service="youtube"]', 'src'), null, 'the video unloaded');
    await v.close();
  });

  test('the form\'s container gets a themed placeholder; loading it draws the form there', async () => {
    const v = await h.visitor({ region: 'FR', context: TALL });
    await v.open('kashop');
    const ph = placeholderOf(v.page, 'hubspot-forms');
    await ph.waitFor();
    assert.equal(await ph.evaluate((el) => el.parentElement.id), 'quote-form', 'inside the marked container');
    // Themed by the site's --wafer-* properties (demo/sites/kashop/style.css).
    const look = await ph.evaluate((el) => {
      const box = getComputedStyle(el.shadowRoot.querySelector('.ph'));
      const button = getComputedStyle(el.shadowRoot.querySelector('button'));
      return { bg: box.backgroundColor, font: box.fontFamily, radius: box.borderTopLeftRadius, button: button.backgroundColor };
    });
    assert.equal(look.bg, 'rgb(251, 247, 240)');
    assert.match(look.font, /Georgia/);
    assert.equal(look.radius, '14px');
    assert.equal(look.button, 'rgb(138, 59, 18)');
    assert.deepEqual(requested(v, 'hubspot-forms'), []);
    await ph.locator('input[type=checkbox]').check();
    await v.page.click('[data-wafer-load="hubspot-forms"]');
    await v.quiet();
    assert.equal(await v.page.locator('#quote-form form.hs-form').count(), 1, 'the form is drawn in the container');
    assert.equal(await ph.count(), 0, 'the placeholder went');
    assert.deepEqual((await v.runs()).filter((r) => r.startsWith('hsforms')), ['hsforms-lib', 'hsforms-create']);
    for (const s of MARKETING) assert.deepEqual(requested(v, s), [], `${s} stays held`);
    await v.close();
  });
});

describe('preferences per service', () => {
  test('a category is "mixed" when its services differ, in the accessibility tree too', async () => {
    const v = await h.visitor({ region: 'FR', context: TALL });
    await v.open('kashop');
    await v.page.click('#wafer-banner [data-wafer-action="customise"]');
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    // Marketing lists its four services, each with its own control and details.
    const section = inBanner(v.page, 'section:has(input[data-wafer-category="marketing"])');
    await section.locator('summary').click();
    assert.deepEqual(await section.locator('input[data-wafer-service]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-wafer-service'))),
      ['youtube', 'google-ads', 'hubspot', 'linkedin-insight']);
    assert.match(await section.textContent(), /Google Ads · Google.*Measures the results of Google ads/s);
    assert.ok(await section.locator('a[href="https://policies.google.com/privacy"]').count() > 0, 'privacy links');
    assert.ok(await section.locator('table').count() > 0, 'cookie tables');

    assert.deepEqual(await categoryState(v.page, 'marketing'), [false, false]);
    assert.equal(await axChecked(v.page, 'Marketing'), 'false');
    await section.locator('input[data-wafer-service="youtube"]').check();
    assert.deepEqual(await categoryState(v.page, 'marketing'), [false, true], 'mixed');
    assert.equal(await axChecked(v.page, 'Marketing'), 'mixed');
    assert.deepEqual(await axe(v.page), []);

    // A click on a mixed category turns all its services on; another, all off.
    await inBanner(v.page, 'input[data-wafer-category="marketing"]').click();
    assert.deepEqual(await categoryState(v.page, 'marketing'), [true, false]);
    assert.equal(await axChecked(v.page, 'Marketing'), 'true');
    assert.deepEqual(await section.locator('input[data-wafer-service]').evaluateAll((bs) => bs.map((b) => b.checked)), [true, true, true, true]);
    await inBanner(v.page, 'input[data-wafer-category="marketing"]').click();
    assert.deepEqual(await section.locator('input[data-wafer-service]').evaluateAll((bs) => bs.map((b) => b.checked)), [false, false, false, false]);

    // YouTube alone, saved.
    await section.locator('input[data-wafer-service="youtube"]').check();
    await v.step('saved');
    await v.page.click('#wafer-banner [data-wafer-action="save"]');
    await v.quiet();
    const c = await consent(v.page);
    assert.equal(c.method, 'custom');
    assert.equal(c.categories.marketing, false);
    assert.equal(c.services.youtube, true);
    for (const s of MARKETING) assert.equal(c.services[s], false);
    assert.ok(requested(v, 'youtube').some((r) => r.phase === 'saved'));
    for (const s of MARKETING) assert.deepEqual(requested(v, s), []);
    const [receipt] = await v.receiptsDone();
    const [stored] = await h.storedReceipts(receipt.consent_id);
    assert.equal(stored.choices['service:youtube'], true);

    // Reopened, the preferences show the stored choice: marketing mixed.
    await v.reload();
    await openPreferences(v);
    assert.deepEqual(await categoryState(v.page, 'marketing'), [false, true]);
    assert.equal(await inBanner(v.page, 'input[data-wafer-service="youtube"]').isChecked(), true);
    await v.close();
  });

  test('by keyboard: open a category\'s services, Space on one, Save', async () => {
    const v = await h.visitor({ region: 'FR', context: TALL });
    await v.open('kashop');
    await openPreferences(v);
    await tabTo(v.page, (f) => f.summary !== null && f.host === 'wafer-banner' && f.summary.startsWith('Services (4)'), 'marketing\'s services');
    await v.page.keyboard.press('Enter');
    await tabTo(v.page, (f) => f.service === 'linkedin-insight', 'the LinkedIn Insight control');
    await v.page.keyboard.press('Space');
    assert.deepEqual(await categoryState(v.page, 'marketing'), [false, true]);
    await tabTo(v.page, (f) => f.action === 'save', 'Save');
    await v.page.keyboard.press('Enter');
    await v.quiet();
    const c = await consent(v.page);
    assert.equal(c.services['linkedin-insight'], true);
    assert.equal(c.services['google-ads'], false);
    assert.equal(await ran(v, 'linkedin-insight'), true);
    assert.equal(await ran(v, 'gtag:AW-KASHOP001'), false);
    // The stub's cookie guard works per service: in the same category, a
    // cookie of LinkedIn Insight may be written, one of Google Ads may not.
    const written = await v.page.evaluate(() => {
      document.cookie = 'li_fat_id=test; Path=/';
      document.cookie = '_gcl_au=test; Path=/';
      document.cookie = '__hstc=test; Path=/';
      return document.cookie.split('; ').map((c) => c.split('=')[0]);
    });
    assert.ok(written.includes('li_fat_id'), String(written));
    assert.ok(!written.includes('_gcl_au') && !written.includes('__hstc'), String(written));
    await v.close();
  });
});

describe('in the first six bundled languages and the right-to-left ones', () => {
  const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'ar', 'he'];
  before(async () => {
    // The shop in every bundled language (its labels fall back to English).
    await h.setPolicy('kashop', (p) => {
      p.revision += 1;
      p.languages = LANGUAGES;
    });
  });

  for (const lang of LANGUAGES) {
    test(`${lang}: axe on the preferences with services open and on the placeholders; keyboard flows`, async () => {
      const v = await h.visitor({
        region: 'FR', context: { ...TALL, locale: lang },
        html: (page) => page.replace('<html lang="en">', `<html lang="${lang}">`),
      });
      await v.open('kashop');
      assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), lang, 'the engine picked the page\'s language');
      await placeholderOf(v.page, 'youtube').waitFor();
      await placeholderOf(v.page, 'hubspot-forms').waitFor();
      assert.equal(await placeholderOf(v.page, 'youtube').getAttribute('lang'), lang);
      assert.deepEqual(await axe(v.page), [], `${lang}: first layer and placeholders`);

      // Keyboard only: the form's placeholder, "Always allow" ticked, loaded.
      await v.page.focus('header a');
      const box = await tabTo(v.page, (f) => f.host === 'hubspot-forms' && f.type === 'checkbox', 'the form placeholder\'s "Always allow"');
      assert.equal(box.tag, 'input');
      await v.page.keyboard.press('Space');
      await tabTo(v.page, (f) => f.load === 'hubspot-forms', 'its Load button');
      await v.page.keyboard.press('Enter');
      await v.quiet();
      assert.equal(await v.page.locator('#quote-form form.hs-form').count(), 1, `${lang}: the form is drawn`);
      const c = await consent(v.page);
      assert.equal(c.services['hubspot-forms'], true);
      assert.equal(c.method, 'allow');
      assert.equal(c.language, lang);
      const receipts = await v.receiptsDone();
      assert.deepEqual(receipts.map((r) => [r.method, r.language, r.status]), [['allow', lang, 201]]);

      // Preferences, every category's services open, one category mixed.
      await openPreferences(v);
      for (const d of await inBanner(v.page, 'details').all()) await d.evaluate((x) => (x.open = true));
      await inBanner(v.page, 'input[data-wafer-service="youtube"]').check();
      assert.deepEqual(await categoryState(v.page, 'marketing'), [false, true]);
      assert.deepEqual(await axe(v.page), [], `${lang}: preferences with services open, one category mixed`);
      // Keyboard: to Save, Enter.
      await tabTo(v.page, (f) => f.action === 'save', 'Save');
      await v.page.keyboard.press('Enter');
      await v.quiet();
      const saved = await consent(v.page);
      assert.equal(saved.method, 'custom');
      assert.equal(saved.services.youtube, true);
      assert.equal(saved.services['hubspot-forms'], true, 'kept from the placeholder');
      for (const s of MARKETING) assert.deepEqual(requested(v, s), []);
      assert.deepEqual(v.errors || [], []);
      await v.close();
    });
  }
});

describe('one language everywhere', () => {
  // Kalido's policy has French and English texts; its page says <html lang="de">.
  const german = (page) => page.replace('<html lang="fr">', '<html lang="de">');

  test('a German page and a German browser: French everywhere, and the receipt says "fr"', async () => {
    const v = await h.visitor({ region: 'FR', context: { locale: 'de-DE' }, html: german });
    await v.open('kalido');
    assert.equal(await v.page.evaluate(() => document.documentElement.lang), 'de');
    assert.deepEqual(v.local.filter((u) => /\/banner\.[\w-]+\.js/.test(u)).map((u) => /banner\.([\w-]+)\.js/.exec(u)[1]), ['fr']);
    assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), 'fr');
    const layer = await inBanner(v.page, '[role="dialog"]').textContent();
    assert.match(layer, /Tout refuser/);
    assert.doesNotMatch(layer, /Alle ablehnen/);
    await v.page.click('#wafer-banner [data-wafer-action="customise"]');
    const prefs = await inBanner(v.page, '[aria-modal="true"]').textContent();
    assert.match(prefs, /Mesure d'audience/);
    assert.match(prefs, /Enregistrer mes choix/);
    await v.page.click('#wafer-banner [data-wafer-action="reject"]');
    await v.quiet();
    assert.equal((await consent(v.page)).language, 'fr');
    const [receipt] = await v.receiptsDone();
    assert.deepEqual([receipt.language, receipt.status], ['fr', 201]);
    const [stored] = await h.storedReceipts(receipt.consent_id);
    assert.equal(stored.language, 'fr');
    // The loader's reopen button, on the next page, says it in French too.
    await v.reload();
    assert.equal(await v.page.locator('#wafer-reopen button').getAttribute('aria-label'), 'Paramètres des cookies');
    assert.equal(await v.page.getAttribute('#wafer-reopen', 'lang'), 'fr');
    await v.close();
  });

  test('a German page and a browser that also reads English: English everywhere', async () => {
    const v = await h.visitor({ region: 'FR', context: { locale: 'de-DE' }, html: german });
    await v.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'languages',
      { get: () => ['de-DE', 'de', 'en-US', 'en'], configurable: true }));
    await v.open('kalido');
    assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), 'en');
    const layer = await inBanner(v.page, '[role="dialog"]').textContent();
    assert.match(layer, /Reject all/);
    await v.page.click('#wafer-banner [data-wafer-action="customise"]');
    assert.match(await inBanner(v.page, '[aria-modal="true"]').textContent(), /Audience measurement/);
    await v.page.click('#wafer-banner [data-wafer-action="accept"]');
    await v.quiet();
    const [receipt] = await v.receiptsDone();
    assert.deepEqual([receipt.language, receipt.status], ['en', 201]);
    await v.close();
  });
  // Kalido with Portuguese and Norwegian (Bokmål) texts too.
  const portugueseAndNorwegian = () => h.setPolicy('kalido', (p) => {
    p.revision += 1;
    for (const l of ['pt', 'nb']) if (!p.languages.includes(l)) p.languages.push(l);
    const analytics = p.categories.find((c) => c.id === 'analytics');
    analytics.label.pt = 'Medição de audiência';
    analytics.label.nb = 'Besøksstatistikk';
  });
  const page = (lang) => (text) => text.replace('<html lang="fr">', `<html lang="${lang}">`);
  const bundles = (v) => v.local.filter((u) => /\/banner\.[\w-]+\.js/.test(u)).map((u) => /banner\.([\w-]+)\.js/.exec(u)[1]);

  test('a pt-BR page on a policy with Portuguese texts: those texts in the Brazilian bundle; the receipt says "pt"', async () => {
    await portugueseAndNorwegian();
    const br = (await import('../../js/src/banner/strings/pt-BR.js')).default;
    const v = await h.visitor({ region: 'FR', context: { locale: 'pt-BR' }, html: page('pt-BR') });
    await v.open('kalido');
    assert.deepEqual(bundles(v), ['pt-BR'], 'the Brazilian bundle');
    assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), 'pt', 'the policy language it shows');
    assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), br.reject_all);
    await v.page.click('#wafer-banner [data-wafer-action="customise"]');
    const prefs = await inBanner(v.page, '[aria-modal="true"]').textContent();
    assert.match(prefs, /Medição de audiência/);
    assert.equal(await inBanner(v.page, '[data-wafer-action="save"]').textContent(), br.save);
    await v.page.click('#wafer-banner [data-wafer-action="reject"]');
    await v.quiet();
    assert.equal((await consent(v.page)).language, 'pt');
    const [receipt] = await v.receiptsDone();
    assert.deepEqual([receipt.language, receipt.status], ['pt', 201]);
    await v.reload();
    assert.equal(await v.page.locator('#wafer-reopen button').getAttribute('aria-label'), br.reopen);
    assert.equal(await v.page.getAttribute('#wafer-reopen', 'lang'), 'pt-BR');
    await v.close();
  });

  test('a Nynorsk page (nn) reads Bokmål; so does one that says "no"', async () => {
    await portugueseAndNorwegian();
    const nb = (await import('../../js/src/banner/strings/nb.js')).default;
    for (const lang of ['nn', 'no']) {
      const v = await h.visitor({ region: 'FR', context: { locale: 'nn-NO' }, html: page(lang) });
      await v.open('kalido');
      assert.deepEqual(bundles(v), ['nb'], lang);
      assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), 'nb');
      assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), nb.reject_all);
      await v.page.click('#wafer-banner [data-wafer-action="customise"]');
      assert.match(await inBanner(v.page, '[aria-modal="true"]').textContent(), /Besøksstatistikk/);
      await v.page.click('#wafer-banner [data-wafer-action="accept"]');
      await v.quiet();
      const [receipt] = await v.receiptsDone();
      assert.deepEqual([receipt.language, receipt.status], ['nb', 201], lang);
      await v.close();
    }
  });
});
