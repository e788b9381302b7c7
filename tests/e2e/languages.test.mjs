// languages.test.mjs — issue 14, items 4–6: every bundled banner language
// (one per string table, two of them right to left), where the focus goes
// when the banner closes, and a cookie table whose words never break.
//
//   node --test tests/e2e/languages.test.mjs
//
// One wafer-server and one Chromium for all languages: each language is the
// same demo page (Kaleyra: five categories, cookie tables, three embeds held
// behind placeholders) with its <html lang> rewritten on the way (and
// dir="rtl" for Arabic and Hebrew, as such a page has), its policy listing
// every bundled language (the engine picks among the policy's languages:
// docs/engine.md "Language"; the labels fall back to English).
//
// In every language: the bundle of that language is the one fetched, its
// strings are the ones shown, the layout follows its direction; axe-core
// finds nothing on the first layer, the preferences (every category's
// services open) and the placeholders; the keyboard-only flows work (Tab to
// "Reject all" + Enter; Tab to "Customise" + Enter, Space on a switch, Tab to
// "Save" + Enter; Esc refuses) and the focus lands on the reopen button, never
// on <body>; no word of the cookie table is split across lines at 320 to
// 1920 px, and the table never overflows its box.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, forward, startHarness } from './lib/harness.mjs';
import { policyOf } from './lib/sites.mjs';
import { axe, brokenWords, focused, tabTo } from './lib/a11y.mjs';

const STRINGS = join(ROOT, 'js', 'src', 'banner', 'strings');
const ALL = readdirSync(STRINGS).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
// WAFER_E2E_LANGS=ar,he: only those (while working on them).
const LANGUAGES = process.env.WAFER_E2E_LANGS ? ALL.filter((l) => process.env.WAFER_E2E_LANGS.split(',').includes(l)) : ALL;
const RTL = ['ar', 'he'];
const WIDTHS = [320, 375, 480, 600, 768, 1280, 1920];
const SITE = 'kaleyra', REGION = 'DE';
const STILL = { reducedMotion: 'reduce' };
let h, tables;

before(async () => {
  h = await startHarness();
  tables = {};
  for (const l of ALL) tables[l] = (await import(pathToFileURL(join(STRINGS, l + '.js')))).default;
  await h.setPolicy(SITE, (p) => {
    p.revision += 1;
    p.languages = ['en', ...ALL.filter((l) => l !== 'en')];
  });
});
after(async () => {
  if (h) await h.stop();
});

// A visitor whose pages say <html lang="`lang`"> (`dir`: also dir="…").
async function visitor(lang, dir = '', opts = {}) {
  const v = await h.visitor({ region: REGION, ...opts, context: { ...STILL, ...(opts.context || {}) } });
  await v.context.route((url) => url.hostname.endsWith('.test') && !url.pathname.startsWith('/v1/'), async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const r = await forward(h.port, route.request(), true);
    const headers = { ...r.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    const body = r.body.toString().replace(/<html lang="[^"]*"/, `<html lang="${lang}"${dir ? ` dir="${dir}"` : ''}`);
    return route.fulfill({ status: r.status, headers, body });
  });
  return v;
}

// Opens the page and waits for the banner only (the other tests wait for the
// trackers to settle too: here no tracker may run before a choice).
async function show(v) {
  v.page = await v.context.newPage();
  v.page.on('pageerror', (e) => (v.errors = v.errors || []).push(String(e)));
  await v.page.goto(h.url(SITE));
  await inBanner(v.page, '[data-wafer-action="reject"]').waitFor();
}
const decided = (page, method) =>
  page.waitForFunction((m) => window.wafer.getConsent() && window.wafer.getConsent().method === m, method, { timeout: 10000 });

const inBanner = (page, selector) => page.locator(`#wafer-banner ${selector}`);
const consent = (page) => page.evaluate(() => window.wafer.getConsent());
const bundles = (v) => v.local.map((u) => /\/banner\.([A-Za-z-]+)\.js/.exec(u)).filter(Boolean).map((m) => m[1]);
const preferencesOpen = (page) => inBanner(page, '[role="dialog"][aria-modal="true"]').waitFor();

// The focus is on the reopen button (not on <body>).
async function onReopen(page, what) {
  const f = await focused(page);
  assert.ok(!f.body, `${what}: focus left on <body>`);
  assert.equal(f.host, 'wafer-reopen', `${what}: focus on the reopen button, not ${JSON.stringify(f)}`);
}

// In the page, at the current width: the cookie tables' words broken across
// lines (headers — or, on a phone, the labels each cell carries — and values)
// and tables wider than their box.
const measure = (page) => page.evaluate(`(() => {
  const brokenWords = ${brokenWords};
  const root = document.getElementById('wafer-banner').shadowRoot, out = [];
  for (const table of root.querySelectorAll('table')) {
    const stacked = getComputedStyle(table).display !== 'table';
    const cells = [...table.querySelectorAll(stacked ? 'td' : 'th, td')];
    out.push(...brokenWords(cells).map((w) => (stacked ? 'stacked ' : 'table ') + w));
    const box = table.parentElement, width = table.getBoundingClientRect().width;
    if (width > box.clientWidth + 1) out.push('table ' + Math.round(width) + 'px wide in ' + box.clientWidth + 'px');
  }
  out.push(...brokenWords(root.querySelectorAll('.b')).map((w) => 'button ' + w));
  return out;
})()`);

describe('every banner language', () => {
  test('32 or more languages, two of them right to left', () => {
    assert.ok(ALL.length >= 32, ALL.join(' '));
    for (const l of RTL) assert.ok(ALL.includes(l), l);
    for (const l of ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv',
      'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'nb', 'is', 'ca', 'tr', 'uk', 'pt-BR']) {
      assert.ok(ALL.includes(l), `no ${l}.js`);
    }
    for (const l of ALL) assert.ok(tables[l].reopen, `${l}.js: the reopen button's label`);
  });

  for (const lang of LANGUAGES) {
    const rtl = RTL.includes(lang), dir = rtl ? 'rtl' : '';
    describe(lang, () => {
      test('first layer and placeholders: bundle, strings, direction; axe; Tab to "Reject all" + Enter', async () => {
        const t = tables[lang];
        const v = await visitor(lang, dir);
        await show(v);
        assert.deepEqual(bundles(v), [lang], 'the one bundle fetched');
        assert.deepEqual([await v.page.getAttribute('#wafer-banner', 'lang'), await v.page.getAttribute('#wafer-banner', 'dir')],
          [lang, rtl ? 'rtl' : 'ltr']);
        assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), t.reject_all);
        assert.equal(await inBanner(v.page, '[data-wafer-action="accept"]').textContent(), t.accept_all);
        assert.equal(await inBanner(v.page, '#wc').textContent(), t.close_means_reject);
        // Mirrored: × at the inline end (left in RTL), the title starting at the other side.
        const look = await inBanner(v.page, '.l').evaluate((l) => {
          const x = l.querySelector('.x').getBoundingClientRect(), box = l.getBoundingClientRect();
          return { direction: getComputedStyle(l).direction, xAtLeft: x.left - box.left < box.right - x.right };
        });
        assert.deepEqual(look, { direction: rtl ? 'rtl' : 'ltr', xAtLeft: rtl });
        // The embeds' placeholders, in the visitor's language, drawn alongside.
        const ph = v.page.locator('.wafer-placeholder');
        await ph.first().waitFor();
        assert.equal(await ph.first().getAttribute('lang'), lang);
        const label = await ph.first().locator('button').textContent();
        for (const part of t.load.split('{service}')) assert.ok(label.includes(part), `"${label}" from "${t.load}"`);
        assert.deepEqual(await axe(v.page), [], `${lang}: first layer and placeholders`);

        await v.step('keyboard reject');
        await tabTo(v.page, (f) => f.action === 'reject', 'Reject all');
        await v.page.keyboard.press('Enter');
        await v.quiet();
        assert.equal((await consent(v.page)).method, 'reject-all');
        assert.deepEqual(v.requests.filter((r) => r.phase === 'keyboard reject').map((r) => r.url), [], 'nothing tracked');
        await onReopen(v.page, 'after "Reject all"');
        // The reopen button follows the page's direction: bottom right on a right-to-left page.
        const fab = await v.page.locator('#wafer-reopen button').boundingBox();
        assert.equal(fab.x > 640, rtl, `reopen button at x=${fab.x}`);
        assert.equal(await v.page.locator('#wafer-reopen button').getAttribute('aria-label'), tables[lang].reopen);
        assert.equal(await v.page.getAttribute('#wafer-reopen', 'lang'), lang);
        assert.equal(await ph.count(), 3, 'the placeholders stay');
        assert.deepEqual(v.errors || [], []);
        await v.close();
      });

      test('preferences: axe with every service open; no word broken at 320–1920 px; Customise, Space, Save', async () => {
        const t = tables[lang];
        const v = await visitor(lang, dir);
        await show(v);
        await tabTo(v.page, (f) => f.action === 'customise', 'Customise');
        await v.page.keyboard.press('Enter');
        await preferencesOpen(v.page);
        assert.equal((await focused(v.page)).host, 'wafer-banner', 'focus moved into the preferences');
        assert.equal(await inBanner(v.page, '#pt').textContent(), t.preferences_title);
        for (const s of await inBanner(v.page, 'details summary').all()) await s.click();
        assert.deepEqual(await inBanner(v.page, 'th').allTextContents(),
          Array(await inBanner(v.page, 'table').count()).fill([t.cookie_name, t.provider, t.purpose, t.lifetime]).flat());
        assert.deepEqual(await axe(v.page), [], `${lang}: preferences`);

        const size = v.page.viewportSize();
        for (const width of WIDTHS) {
          await v.page.setViewportSize({ width, height: 800 });
          assert.deepEqual(await measure(v.page), [], `${lang} at ${width}px`);
        }
        await v.page.setViewportSize(size);

        await tabTo(v.page, (f) => f.category === 'analytics', 'the analytics switch');
        await v.page.keyboard.press('Space');
        await tabTo(v.page, (f) => f.action === 'save', 'Save');
        await v.page.keyboard.press('Enter');
        await decided(v.page, 'custom');
        const c = await consent(v.page);
        assert.deepEqual([c.categories.analytics, c.categories.marketing], [true, false]);
        await onReopen(v.page, 'after Save');
        assert.deepEqual(v.errors || [], []);
        await v.close();
      });

      test('Esc on the first layer refuses; the focus goes to the reopen button', async () => {
        const v = await visitor(lang, dir);
        await show(v);
        assert.equal((await focused(v.page)).host, 'wafer-banner', 'focus moved into the banner');
        await v.page.keyboard.press('Escape');
        await decided(v.page, 'closed');
        assert.equal((await consent(v.page)).categories.analytics, false);
        await onReopen(v.page, 'after Esc');
        await v.close();
      });
    });
  }
});

describe('which bundle a page gets', () => {
  // <html lang> → the bundle fetched (the engine's answer, among the policy's
  // 32 languages): regional variants, Norwegian, old codes.
  const cases = [['pt-BR', 'pt-BR'], ['pt-br', 'pt-BR'], ['pt-PT', 'pt'], ['pt', 'pt'], ['no', 'nb'], ['nn-NO', 'nb'],
    ['nb-NO', 'nb'], ['iw', 'he'], ['de-AT', 'de'], ['sr', 'en']];
  test(cases.map(([a, b]) => `${a} → ${b}`).join(', '), async () => {
    for (const [page, bundle] of cases) {
      const v = await visitor(page);
      await show(v);
      assert.deepEqual(bundles(v), [bundle], `<html lang="${page}">`);
      assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), tables[bundle].reject_all);
      await v.close();
    }
  });
});

describe('focus when the banner closes (never on <body>)', () => {
  test('first visit: Customise, then Esc or × on the preferences → the reopen button', async () => {
    for (const how of ['Escape', '×']) {
      const v = await visitor('en');
      await v.open(SITE);
      await tabTo(v.page, (f) => f.action === 'customise', 'Customise');
      await v.page.keyboard.press('Enter');
      await preferencesOpen(v.page);
      if (how === 'Escape') await v.page.keyboard.press('Escape');
      else {
        await tabTo(v.page, (f) => f.action === 'close', '×');
        await v.page.keyboard.press('Enter');
      }
      await v.quiet();
      assert.equal((await consent(v.page)).method, 'closed', how);
      await onReopen(v.page, how);
      await v.close();
    }
  });

  test('first visit: a footer link opens the preferences over the banner → focus back on the link', async () => {
    const v = await visitor('en');
    await v.open(SITE);
    await v.page.focus('header [data-wafer-open-preferences]');
    await v.page.keyboard.press('Enter');
    await preferencesOpen(v.page);
    await v.page.keyboard.press('Escape');
    await v.quiet();
    assert.equal((await consent(v.page)).method, 'closed', 'Esc refuses while no choice exists');
    const f = await focused(v.page);
    assert.ok(f.opener && f.tag === 'a', `focus back on the link, not ${JSON.stringify(f)}`);
    await v.close();
  });

  test('returning visitor: reopen button and link take the focus back', async () => {
    const v = await visitor('en');
    await v.open(SITE);
    await v.click('reject');
    await v.reload();
    await v.page.locator('#wafer-reopen button').focus();
    await v.page.keyboard.press('Enter');
    await preferencesOpen(v.page);
    await v.page.keyboard.press('Escape');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    await onReopen(v.page, 'reopen button, Esc');
    await v.page.focus('header [data-wafer-open-preferences]');
    await v.page.keyboard.press('Enter');
    await preferencesOpen(v.page);
    await tabTo(v.page, (f) => f.action === 'close', '×');
    await v.page.keyboard.press('Enter');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    assert.ok((await focused(v.page)).opener, 'link, ×');
    assert.equal((await consent(v.page)).method, 'reject-all', 'closing a reopened dialog changes nothing');
    await v.close();
  });

  test('wafer.openPreferences() from script: back to the control that called it, else the reopen button', async () => {
    const v = await visitor('en');
    await v.open(SITE);
    await v.click('accept');
    // Nothing focused: the reopen button.
    await v.page.evaluate(() => document.activeElement && document.activeElement.blur());
    await v.page.evaluate(() => window.wafer.openPreferences());
    await preferencesOpen(v.page);
    await v.page.keyboard.press('Escape');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    await onReopen(v.page, 'openPreferences() with nothing focused');
    // A button of the page's own that calls it.
    await v.page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'own';
      b.textContent = 'Privacy settings';
      b.addEventListener('click', () => window.wafer.openPreferences());
      document.querySelector('main').prepend(b);
    });
    await v.page.focus('#own');
    await v.page.keyboard.press('Enter');
    await preferencesOpen(v.page);
    await v.page.keyboard.press('Escape');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    assert.equal((await focused(v.page)).id, 'own', 'focus back on the page\'s button');
    await v.close();
  });

  test('no reopen button (floating_button: false): the page\'s first focusable element', async () => {
    await h.setPolicy(SITE, (p) => {
      p.banner = { ...(p.banner || {}), floating_button: false };
    });
    try {
      const v = await visitor('en');
      await v.open(SITE);
      await v.page.keyboard.press('Escape');
      await v.quiet();
      assert.equal((await consent(v.page)).method, 'closed');
      const [f, first] = await Promise.all([focused(v.page), v.page.evaluate(() => document.querySelector('a[href]').textContent)]);
      assert.ok(!f.body && f.tag === 'a', `focus on a link, not ${JSON.stringify(f)}`);
      assert.equal(await v.page.evaluate(() => document.activeElement.textContent), first, 'the first one');
      await v.close();
    } finally {
      const original = policyOf(SITE);
      await h.setPolicy(SITE, (p) => Object.assign(p, original, { banner: original.banner }));
    }
  });
});
