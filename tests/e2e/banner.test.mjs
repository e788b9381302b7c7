// banner.test.mjs — issue 4: the banner and the preferences in headless
// Chromium against the real wafer-server: axe-core on every demo site (first
// layer, preferences, opt-out notice), keyboard-only flows, no layout shift,
// a strict CSP, dark mode and a phone, policy overrides rendered as text,
// the language bundle a visitor downloads, and fail-closed when it cannot.
//
//   node --test tests/e2e/banner.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startHarness } from './lib/harness.mjs';
import { SITES, policyOf, regimeFor } from './lib/sites.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const STILL = { reducedMotion: 'reduce' };  // No entry animation while measuring.
let h;

before(async () => {
  h = await startHarness();
});
after(async () => {
  if (h) await h.stop();
});

// axe-core on the whole document, open shadow roots included.
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}`);
  });
}

// The element that has the focus, looking into shadow roots.
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (!a) return null;
  const root = a.getRootNode();
  return {
    tag: a.localName, action: a.getAttribute('data-wafer-action'), category: a.getAttribute('data-wafer-category'),
    host: root.host ? root.host.id : '', opener: a.hasAttribute('data-wafer-open-preferences'),
  };
});

// Presses Tab until `pred(focused element)`; fails after `max` presses.
async function tabTo(page, pred, what, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

const inBanner = (page, selector) => page.locator(`#wafer-banner ${selector}`);
const consent = (page) => page.evaluate(() => window.wafer.getConsent());
const bannerBundles = (v) => v.local.filter((u) => /\/banner\.[a-z]{2}\.js/.test(u));

for (const site of Object.keys(SITES)) {
  const spec = SITES[site];
  const policy = policyOf(site);
  describe(`${site}: accessibility`, () => {
    test('axe: 0 violations on the first layer and the preferences', async () => {
      const v = await h.visitor({ region: spec.region, context: STILL });
      await v.open(site);
      await inBanner(v.page, '[data-wafer-action="accept"]').waitFor();
      assert.deepEqual(await axe(v.page), [], `${site} first layer`);
      await v.click('customise');
      await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
      // Every category's services open too.
      for (const d of await inBanner(v.page, 'details summary').all()) await d.click();
      assert.deepEqual(await axe(v.page), [], `${site} preferences`);
      await v.close();
    });

    test('keyboard only: Tab to "Reject all", Enter → necessary only, nothing tracked', async () => {
      const v = await h.visitor({ region: spec.region });
      await v.open(site);
      await v.step('keyboard reject');
      await tabTo(v.page, (f) => f.action === 'reject', 'Reject all');
      await v.page.keyboard.press('Enter');
      await v.quiet();
      const c = await consent(v.page);
      assert.equal(c.method, 'reject-all');
      const necessary = policy.categories.filter((x) => x.necessary).map((x) => x.id);
      assert.deepEqual(Object.keys(c.categories).filter((k) => c.categories[k]), necessary);
      assert.ok(!(await v.bannerVisible()), 'banner gone');
      const refused = v.requests.filter((r) => r.phase === 'keyboard reject');
      assert.deepEqual(refused.map((r) => r.url), [], 'no tracker request after the refusal');
      await v.close();
    });
  });
}

describe('keyboard', () => {
  test('preferences by keyboard: Customise, Space on analytics, Save', async () => {
    const v = await h.visitor({ region: 'FR' });
    await v.open('kallu');
    await tabTo(v.page, (f) => f.action === 'customise', 'Customise');
    await v.page.keyboard.press('Enter');
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    const f = await focused(v.page);
    assert.equal(f.host, 'wafer-banner', 'focus moved into the preferences');
    await tabTo(v.page, (x) => x.category === 'analytics', 'the analytics switch');
    await v.page.keyboard.press('Space');
    await tabTo(v.page, (x) => x.action === 'save', 'Save');
    await v.page.keyboard.press('Enter');
    await v.quiet();
    const c = await consent(v.page);
    assert.equal(c.method, 'custom');
    assert.equal(c.categories.analytics, true);
    assert.equal(c.categories.marketing, false);
    await v.close();
  });

  test('Esc on the first layer refuses (method "closed"); the text says so', async () => {
    const v = await h.visitor({ region: 'FR' });
    await v.open('kalido');
    const said = await inBanner(v.page, '#wc').textContent();
    assert.match(said, /Échap/, 'close_means_reject shown, in French');
    assert.equal((await focused(v.page)).host, 'wafer-banner', 'focus moved into the banner');
    await v.page.keyboard.press('Escape');
    await v.quiet();
    const c = await consent(v.page);
    assert.equal(c.method, 'closed');
    assert.equal(c.categories.analytics, false);
    assert.ok(!(await v.bannerVisible()));
    await v.close();
  });

  test('reopen from a footer link by keyboard: focus trapped, Esc closes, focus restored', async () => {
    const v = await h.visitor({ region: 'DE' });
    await v.open('kaloom');
    await v.click('accept');
    const loaded = bannerBundles(v).length;
    await v.page.focus('footer [data-wafer-open-preferences]');
    await v.page.keyboard.press('Enter');
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    // The current decision is reflected: everything was accepted.
    for (const box of await inBanner(v.page, 'input[data-wafer-category]').all()) assert.ok(await box.isChecked());
    assert.ok(await inBanner(v.page, '[data-wafer-action="withdraw"]').isVisible(), 'withdraw offered');
    for (let i = 0; i < 25; i++) {
      await v.page.keyboard.press(i % 3 ? 'Tab' : 'Shift+Tab');
      assert.equal((await focused(v.page)).host, 'wafer-banner', 'focus stays in the dialog');
    }
    await v.page.keyboard.press('Escape');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    assert.equal((await consent(v.page)).method, 'accept-all', 'Esc on a reopened dialog changes nothing');
    const f = await focused(v.page);
    assert.ok(f.opener && f.tag === 'a', 'focus back on the footer link');
    assert.equal(bannerBundles(v).length, loaded, 'the bundle is fetched once a page');
    await v.close();
  });
});

describe('behaviour', () => {
  test('first visit fetches one bundle in the page\'s language; a returning visitor fetches none', async () => {
    const v = await h.visitor({ region: 'FR' });
    await v.open('kalido');
    assert.deepEqual(bannerBundles(v).map((u) => u.replace(/^.*\//, '')), ['banner.fr.js']);
    assert.equal(await v.page.getAttribute('#wafer-banner', 'lang'), 'fr');
    assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), 'Tout refuser');
    await v.click('accept');
    v.local.length = 0;
    await v.reload();
    assert.ok(!(await v.bannerVisible()));
    assert.deepEqual(bannerBundles(v), [], 'returning visitor: no banner bundle');
    assert.ok(v.local.some((u) => /wafer\.js/.test(u)), 'the stub was fetched');
    // The documented attribute opens the preferences, fetching the bundle on the click.
    await v.page.click('footer [data-wafer-open-preferences]');
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    assert.equal(bannerBundles(v).length, 1);
    await v.close();
  });

  test('reopen button after a choice; withdraw from the preferences', async () => {
    const v = await h.visitor({ region: 'FR' });
    await v.open('kallu');
    await v.click('accept');
    await v.page.locator('#wafer-reopen button').waitFor();
    const box = await v.page.locator('#wafer-reopen button').boundingBox();
    assert.ok(box.width <= 48 && box.x < 40, 'small, bottom-left');
    assert.equal(await v.page.locator('#wafer-reopen button').getAttribute('aria-label'), 'Cookie settings');
    await v.page.click('#wafer-reopen button');
    await inBanner(v.page, '[data-wafer-action="withdraw"]').click();
    await v.quiet();
    const c = await consent(v.page);
    assert.equal(c.method, 'withdraw');
    assert.equal(c.categories.analytics, false);
    await v.close();
  });

  test('reopen button on a returning visit: drawn by the loader, no bundle until clicked; axe clean', async () => {
    const v = await h.visitor({ region: 'FR', context: STILL });
    await v.open('kallu');
    await v.click('accept');
    v.local.length = 0;
    await v.reload();
    assert.ok(!(await v.bannerVisible()));
    const fab = v.page.locator('#wafer-reopen button');
    await fab.waitFor();
    assert.deepEqual(bannerBundles(v), [], 'the button needs no banner bundle');
    const look = await fab.evaluate((b) => {
      const s = getComputedStyle(b), r = b.getBoundingClientRect();
      return { position: s.position, w: r.width, h: r.height, left: r.left, bottom: Math.round(innerHeight - r.bottom) };
    });
    assert.deepEqual(look, { position: 'fixed', w: 44, h: 44, left: 12, bottom: 12 }, '44 × 44, fixed bottom-left');
    assert.equal(await fab.getAttribute('aria-label'), 'Cookie settings');
    assert.deepEqual(await axe(v.page), [], 'page with the reopen button');
    assert.deepEqual(bannerBundles(v), [], 'still no banner bundle');
    await fab.click();
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    assert.equal(bannerBundles(v).length, 1, 'the bundle comes with the click');
    assert.ok(!(await fab.isVisible()), 'hidden while the preferences show');
    assert.ok(await inBanner(v.page, '[data-wafer-action="withdraw"]').isVisible(), 'a stored choice: withdraw offered');
    await v.page.keyboard.press('Escape');
    await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
    assert.ok(await fab.isVisible(), 'back after the preferences close');
    assert.equal((await focused(v.page)).host, 'wafer-reopen', 'focus back on the button');
    assert.equal(await v.page.locator('#wafer-reopen').count(), 1, 'inserted once');
    await v.close();
  });

  test('reopen button: the page\'s language, strict CSP, dark mode', async () => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
    const v = await h.visitor({ region: 'FR', csp, context: { colorScheme: 'dark', ...STILL } });
    await v.context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await v.open('kalido');
    await v.click('reject');
    v.local.length = 0;
    await v.reload();
    const fab = v.page.locator('#wafer-reopen button');
    await fab.waitFor();
    assert.deepEqual(bannerBundles(v), []);
    assert.equal(await fab.getAttribute('aria-label'), 'Paramètres des cookies');
    const look = await fab.evaluate((b) => {
      const s = getComputedStyle(b);
      return { position: s.position, bg: s.backgroundColor, fg: s.color };
    });
    assert.deepEqual(look, { position: 'fixed', bg: 'rgb(30, 30, 33)', fg: 'rgb(240, 240, 240)' });
    assert.deepEqual((await v.page.evaluate(() => window.__csp)).filter((x) => /^style/.test(x)), [], 'no style blocked');
    await v.close();

    // axe cannot be injected under that CSP: dark mode again without it.
    const w = await h.visitor({ region: 'FR', context: { colorScheme: 'dark', ...STILL } });
    await w.open('kalido');
    await w.click('reject');
    await w.reload();
    await w.page.locator('#wafer-reopen button').waitFor();
    assert.deepEqual(await axe(w.page), [], 'dark, with the reopen button');
    await w.close();
  });

  test('no reopen button when the policy turns floating_button off', async () => {
    await h.setPolicy('kallu', (p) => {
      p.banner = { ...(p.banner || {}), floating_button: false };
    });
    try {
      const v = await h.visitor({ region: 'FR' });
      await v.open('kallu');
      await v.click('accept');
      assert.equal((await consent(v.page)).method, 'accept-all');
      assert.equal(await v.page.locator('#wafer-reopen').count(), 0, 'none after the choice');
      await v.reload();
      assert.equal((await consent(v.page)).method, 'accept-all');
      assert.equal(await v.page.locator('#wafer-reopen').count(), 0, 'none on the next page');
      // The footer link still opens the preferences.
      await v.page.click('footer [data-wafer-open-preferences]');
      await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
      await v.page.keyboard.press('Escape');
      await inBanner(v.page, '[role="dialog"]').waitFor({ state: 'detached' });
      assert.equal(await v.page.locator('#wafer-reopen').count(), 0, 'none after the preferences close');
      await v.close();
    } finally {
      const original = policyOf('kallu');
      await h.setPolicy('kallu', (p) => Object.assign(p, original, { banner: original.banner }));
    }
  });

  test('opt-out regime: notice, "Do Not Sell or Share", GPC line; axe clean', async () => {
    const v = await h.visitor({ region: 'US-CA', gpc: true, context: STILL });
    await v.open('kaizenify');
    assert.equal(regimeFor(policyOf('kaizenify'), 'US-CA'), 'opt-out');
    assert.match(await inBanner(v.page, '.g').textContent(), /Global Privacy Control/);
    assert.ok(await inBanner(v.page, '.g').isVisible(), 'GPC line visible');
    assert.ok(await inBanner(v.page, '[data-wafer-action="opt-out"]').isVisible());
    assert.deepEqual(await axe(v.page), [], 'opt-out notice');
    await v.close();

    const w = await h.visitor({ region: 'US-CA', context: STILL });
    await w.open('kaizenify');
    assert.equal(await inBanner(w.page, '.g').count(), 0, 'no GPC line without GPC');
    assert.deepEqual(await axe(w.page), [], 'opt-out notice without GPC');
    await inBanner(w.page, '[data-wafer-action="opt-out"]').click();
    await w.quiet();
    const c = await consent(w.page);
    assert.equal(c.method, 'opt-out');
    assert.equal(c.categories.marketing, false);
    await w.close();
  });

  test('no layout shift from the banner (CLS 0)', async () => {
    for (const site of Object.keys(SITES)) {
      const v = await h.visitor({ region: SITES[site].region });
      await v.context.addInitScript(() => {
        window.__shifts = [];
        const name = (n) => (n ? n.localName + (n.id ? '#' + n.id : '') + (n.className ? '.' + n.className : '') : '?');
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!e.hadRecentInput) window.__shifts.push(`${e.value.toFixed(4)} at ${Math.round(e.startTime)}ms: ${e.sources.map((x) => name(x.node)).join(', ')}`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await v.open(site);
      await v.click('customise');
      await v.page.waitForTimeout(300);  // Let the observer deliver its entries.
      assert.deepEqual(await v.page.evaluate(() => window.__shifts), [], `${site}: layout shifts`);
      await v.close();
    }
  });

  test('strict CSP (no unsafe-inline): banner visible and styled', async () => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
    const v = await h.visitor({ region: 'FR', csp });
    await v.context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await v.open('kalido');
    const look = await inBanner(v.page, '.l').evaluate((n) => {
      const s = getComputedStyle(n);
      return { position: s.position, bg: s.backgroundColor };
    });
    assert.deepEqual(look, { position: 'fixed', bg: 'rgb(255, 255, 255)' });
    const violations = await v.page.evaluate(() => window.__csp);
    assert.deepEqual(violations.filter((x) => /^style/.test(x)), [], 'no style blocked');
    await v.click('reject');
    assert.equal((await consent(v.page)).method, 'reject-all');
    await v.close();
  });

  test('dark mode and a phone', async () => {
    const v = await h.visitor({ region: 'FR', context: { colorScheme: 'dark', viewport: { width: 375, height: 700 }, ...STILL } });
    await v.open('kalido');
    const look = await inBanner(v.page, '.l').evaluate((n) => {
      const s = getComputedStyle(n), r = n.getBoundingClientRect();
      return { bg: s.backgroundColor, left: r.left, width: r.width, bottom: Math.round(innerHeight - r.bottom) };
    });
    assert.equal(look.bg, 'rgb(30, 30, 33)');
    assert.deepEqual([look.left, look.width, look.bottom], [0, 375, 0], 'a bottom sheet on a phone');
    assert.deepEqual(await axe(v.page), [], 'dark first layer');
    await v.click('customise');
    await inBanner(v.page, '[role="dialog"][aria-modal="true"]').waitFor();
    assert.deepEqual(await axe(v.page), [], 'dark preferences');
    await v.close();
  });

  test('policy overrides appear, and policy text is never parsed as HTML', async () => {
    const evil = 'Kallu <img src=x onerror="window.__xss=1"> cookies';
    await h.setPolicy('kallu', (p) => {
      p.banner = { texts: { en: { title: evil, reject_all: 'No, thanks' } } };
      p.categories.find((c) => c.id === 'analytics').label.en = '<b>Stats</b><img src=x onerror="window.__xss=2">';
    });
    try {
      const v = await h.visitor({ region: 'FR' });
      await v.open('kallu');
      assert.equal(await inBanner(v.page, 'h2').textContent(), evil);
      assert.equal(await inBanner(v.page, '[data-wafer-action="reject"]').textContent(), 'No, thanks');
      await v.click('customise');
      assert.equal(await inBanner(v.page, 'label[for]').nth(1).textContent(), '<b>Stats</b><img src=x onerror="window.__xss=2">');
      const html = await v.page.evaluate(() => ({
        imgs: document.getElementById('wafer-banner').shadowRoot.querySelectorAll('img, b').length,
        xss: window.__xss,
      }));
      assert.deepEqual(html, { imgs: 0, xss: undefined });
      await v.close();
    } finally {
      const original = policyOf('kallu');
      await h.setPolicy('kallu', (p) => Object.assign(p, original, { banner: original.banner }));
    }
  });

  test('the banner bundle cannot load: nothing released, the reason logged', async () => {
    const v = await h.visitor({ region: 'US-CA' });  // Opt-out: without the banner, trackers would run.
    await v.context.route(/\/banner\.[a-z]{2}\.js/, (r) => r.fulfill({ status: 503, body: 'down' }));
    const page = (v.page = await v.context.newPage());
    const logged = page.waitForEvent('console', (m) => /banner unavailable/.test(m.text()));
    await page.goto(h.url('kaizenify'));
    await logged;
    await page.waitForLoadState('networkidle');
    await v.quiet();
    assert.deepEqual(v.requests.map((r) => r.url), [], 'no tracker requested');
    assert.equal(await page.evaluate(() => window.wafer.getConsent()), null);
    assert.deepEqual(await v.runs(), []);
    await v.close();
  });
});
