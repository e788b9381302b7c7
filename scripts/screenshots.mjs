// screenshots.mjs — renders the banner on the real demo pages into
// docs/screenshots/*.png: light and dark, English, French and Arabic (right
// to left), phone and desktop, the first layer, the preferences (with a
// category's services open and chosen one by one), the opt-out notice and the
// click-to-load placeholders (embeds, and a form's container themed by the
// site). The README's "Banner" section shows some.
//
// The Arabic shots are Kallu's and Kashop's (English, left-to-right) pages
// served as <html lang="ar"> — the banner lays itself out right to left
// whatever the page's direction — with their policies given Arabic texts
// ("ar" added to their languages, the categories' labels and descriptions),
// as an Arabic site would write them; the services' and cookies' purposes are
// the catalogue's own Arabic.
//
//   node js/build.mjs && node scripts/screenshots.mjs [NAME…]   # only the shots whose file name contains a NAME
//
// Starts wafer-server as the e2e tests do (WAFER_SERVER: the binary, default
// build/native/server/wafer-server; it must serve /v1/sites/<id>/banner.<lang>.js)
// and drives /usr/bin/chromium (WAFER_CHROMIUM) with playwright-core. Every
// host but the demo sites' is refused: no tracker is contacted.

import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { ROOT, forward, startServer } from '../tests/e2e/lib/harness.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const DESKTOP = { viewport: { width: 1024, height: 640 } };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
const TALL = { viewport: { width: 1024, height: 900 } };

// [file, site, region, context options, what to show]
const SHOTS = [
  ['kalido-fr-desktop-light', 'kalido', 'FR', { ...DESKTOP, colorScheme: 'light' }, 'banner'],
  ['kalido-fr-desktop-light-preferences', 'kalido', 'FR', { ...DESKTOP, colorScheme: 'light' }, 'preferences'],
  ['kalido-fr-phone-dark', 'kalido', 'FR', { ...PHONE, colorScheme: 'dark' }, 'banner'],
  ['kaloom-en-desktop-dark', 'kaloom', 'CA', { ...DESKTOP, colorScheme: 'dark' }, 'banner'],
  ['kaloom-en-desktop-dark-preferences', 'kaloom', 'CA', { ...DESKTOP, colorScheme: 'dark' }, 'preferences'],
  ['kallu-en-phone-light', 'kallu', 'DE', { ...PHONE, colorScheme: 'light' }, 'banner'],
  ['kallu-en-phone-light-preferences', 'kallu', 'DE', { ...PHONE, colorScheme: 'light' }, 'preferences'],
  ['kaizenify-en-desktop-light-opt-out-gpc', 'kaizenify', 'US-CA', { ...DESKTOP, colorScheme: 'light' }, 'banner', { gpc: true }],
  ['kaleyra-en-desktop-light-placeholders', 'kaleyra', 'DE', { ...DESKTOP, colorScheme: 'light' }, 'rejected'],
  ['kaleyra-en-phone-dark-preferences', 'kaleyra', 'DE', { ...PHONE, colorScheme: 'dark' }, 'preferences'],
  ['kashop-en-desktop-light-preferences-services', 'kashop', 'FR', { ...TALL, colorScheme: 'light' }, 'services'],
  ['kashop-en-desktop-light-form-placeholder', 'kashop', 'FR', { ...DESKTOP, colorScheme: 'light' }, 'form'],
  // Right to left (last: the server restarts with the Arabic texts first).
  ['kallu-ar-desktop-light', 'kallu', 'DE', { ...DESKTOP, colorScheme: 'light' }, 'banner', { lang: 'ar' }],
  ['kallu-ar-desktop-light-preferences', 'kallu', 'DE', { ...DESKTOP, colorScheme: 'light' }, 'preferences', { lang: 'ar', table: true }],
  ['kallu-ar-phone-light', 'kallu', 'DE', { ...PHONE, colorScheme: 'light' }, 'banner', { lang: 'ar' }],
  ['kallu-ar-phone-dark-preferences', 'kallu', 'DE', { ...PHONE, colorScheme: 'dark' }, 'preferences', { lang: 'ar' }],
  ['kashop-ar-desktop-light-preferences-services', 'kashop', 'FR', { ...TALL, colorScheme: 'light' }, 'services', { lang: 'ar' }],
  ['kashop-ar-desktop-light-form-placeholder', 'kashop', 'FR', { ...DESKTOP, colorScheme: 'light' }, 'form', { lang: 'ar' }],
];

// The categories' labels and descriptions in Arabic, per site.
const ARABIC = {
  kallu: {
    necessary: ['ضرورية للغاية', 'تسجيل الدخول والأمان وخياراتكم بشأن ملفات تعريف الارتباط. مفعّلة دائمًا.'],
    analytics: ['التحليلات', 'يتعرّف Google Analytics على جهازكم ويتتبّع كيفية تنقّلكم في الموقع.'],
    marketing: ['الإعلانات', 'يتعرّف Google Ads على الزوار ويقيس نتائج حملاتنا الإعلانية.'],
  },
  kashop: {
    necessary: ['ضرورية للغاية', 'سلة مشترياتكم وأمان الدفع وخياراتكم بشأن ملفات تعريف الارتباط. مفعّلة دائمًا.'],
    analytics: ['قياس الجمهور', 'كيف يستخدم الزوار المتجر، لكي نحسّنه.'],
    functional: ['ميزات المتجر', 'نموذج الاتصال.'],
    marketing: ['التسويق', 'قياس الإعلانات وتتبّع العملاء المحتملين وفيديوهات منتجاتنا.'],
  },
};

// The site's policy with its texts in Arabic too.
function arabic(file, site) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  p.languages.push('ar');
  for (const c of p.categories) [c.label.ar, c.description.ar] = ARABIC[site][c.id];
  writeFileSync(file, JSON.stringify(p, null, 2));
}

const tmp = mkdtempSync(join(tmpdir(), 'wafer-shots-'));
cpSync(join(ROOT, 'demo', 'policies'), join(tmp, 'policies'), { recursive: true });
let server = await startServer(join(tmp, 'policies'), join(tmp, 'data'));
const browser = await chromium.launch({
  executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP *.test 127.0.0.1',
    // A page fulfilled by a route (the right-to-left shots) counts as public: let it reach loopback.
    '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks'],
});
mkdirSync(OUT, { recursive: true });
try {
  const only = process.argv.slice(2);
  for (const [file, site, region, options, what, extra = {}] of SHOTS) {
    if (only.length && !only.some((n) => file.includes(n))) continue;
    if (extra.lang === 'ar' && !server.arabic) {
      for (const site of Object.keys(ARABIC)) arabic(join(tmp, 'policies', site + '.json'), site);
      server.proc.stopping = true;
      server.proc.kill('SIGTERM');
      await new Promise((f) => server.proc.once('exit', f));
      server = await startServer(join(tmp, 'policies'), join(tmp, 'data'), server.port);
      server.arabic = true;
    }
    const context = await browser.newContext({
      ...options, reducedMotion: 'reduce', extraHTTPHeaders: { 'X-Wafer-Region': region },
    });
    if (extra.gpc) {
      await context.addInitScript(() =>
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
    }
    await context.route('**/*', async (route) => {
      const req = route.request();
      if (!new URL(req.url()).hostname.endsWith('.test')) return route.abort();
      if (!extra.lang || req.resourceType() !== 'document') return route.continue();
      // The page in the shot's language.
      const r = await forward(server.port, req, true);
      const headers = { ...r.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      const body = r.body.toString().replace(/<html lang="[^"]*"/, `<html lang="${extra.lang}"`);
      return route.fulfill({ status: r.status, headers, body });
    });
    const page = await context.newPage();
    await page.goto(`http://www.${site}.test:${server.port}/`);
    await page.locator('#wafer-banner [data-wafer-action]').first().waitFor();
    if (what === 'preferences') {
      await page.click('#wafer-banner [data-wafer-action="customise"]');
      await page.locator('#wafer-banner details').first().evaluate((d) => (d.open = true)).catch(() => {});
      // The cookie table in view (the list scrolls inside the dialog).
      if (extra.table) await page.locator('#wafer-banner table').first().evaluate((t) => t.scrollIntoView({ block: 'end' }));
    } else if (what === 'services') {
      // Marketing's services open, YouTube on alone: the category shows "mixed".
      await page.click('#wafer-banner [data-wafer-action="customise"]');
      const section = page.locator('#wafer-banner section:has(input[data-wafer-category="marketing"])');
      await section.locator('summary').click();
      await section.locator('input[data-wafer-service="youtube"]').check();
      await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    } else if (what === 'rejected') {
      await page.click('#wafer-banner [data-wafer-action="reject"]');
      await page.locator('#wafer-reopen button').waitFor();
      await page.locator('.wafer-placeholder').first().waitFor();
    } else if (what === 'form') {
      await page.click('#wafer-banner [data-wafer-action="reject"]');
      await page.locator('#wafer-reopen button').waitFor();
      const form = page.locator('.wafer-placeholder[data-wafer-blocked="hubspot-forms"]');
      await form.waitFor();
      await page.evaluate(() => document.getElementById('contact').scrollIntoView({ block: 'center' }));
    }
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.screenshot({ path: join(OUT, file + '.png') });
    console.log(`[screenshots] docs/screenshots/${file}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  server.proc.stopping = true;
  server.proc.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
