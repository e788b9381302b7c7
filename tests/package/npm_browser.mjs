// npm_browser.mjs — the browser half of tests/package/npm_test.sh: a site
// built from the installed package alone, in headless Chromium.
//
//   node tests/package/npm_browser.mjs SITE
//
// SITE is the site owner's folder: public/wafer/ (written by `npx wafer
// bundle`) and node_modules/wafer-consent/. A plain static server (node:http,
// an allow-list of files made at start: no wafer-server) serves public/ and
// the package's index.js, with a page carrying Google Analytics and HubSpot
// the way docs/integration.md says, an unmarked gtag.js injected by a site
// script, and a module that imports the ESM API from the package (an import
// map, as a bundler would resolve it). Every host but the site's goes to
// tests/e2e's fakes and is logged. Asserts, for a new visitor each:
//   banner  no tracker request, no tag run, no GA/HubSpot cookie before the
//           choice; after the banner's "Accept all": GA and HubSpot run (once
//           each), their cookies are set, onConsent saw the change;
//   api     the same, released by acceptAll() imported from 'wafer-consent';
//   reject  rejectAll() from the package: nothing, also after a reload and
//           after a client-side route change whose view injects a HubSpot
//           form script (which, after "Accept all", runs at once, the reopen
//           button staying).
// Exit status 0 when every assertion holds.

import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { COOKIES, fakeResponse, serviceOfUrl } from '../e2e/lib/fakes.mjs';

const site = process.argv[2];
if (!site) {
  console.error('usage: node tests/package/npm_browser.mjs SITE');
  process.exit(2);
}
const HOST = 'www.kaloom.test';  // a domain of demo/policies/kaloom.json
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/wafer/wafer.js"></script>
<title>npm package test</title>
<script type="text/plain" data-wafer-service="google-analytics" async
        src="https://www.googletagmanager.com/gtag/js?id=G-KALOOM0001"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', 'G-KALOOM0001');
</script>
<script type="importmap">{"imports": {"wafer-consent": "/node_modules/wafer-consent/index.js"}}</script>
<script type="module">
  import * as waferConsent from 'wafer-consent';
  window.esm = { api: waferConsent, seen: [] };
  waferConsent.onConsent((c) => window.esm.seen.push({ method: c.method, analytics: c.categories.analytics,
    marketing: c.categories.marketing, hubspot: c.services.hubspot }));
</script>
</head>
<body>
<h1>Kaloom</h1>
<script>
  // A site script injecting a tag, unmarked (the stub holds it by its URL).
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://www.googletagmanager.com/gtag/js?id=G-KALOOM0002';
  document.body.appendChild(s);
</script>
<script type="text/plain" data-wafer-service="hubspot" id="hs-script-loader" async defer
        src="//js.hs-scripts.com/1234567.js"></script>
</body>
</html>
`;

// URL path → file, made once: nothing outside these files can be served.
function allowList() {
  const files = new Map();
  const add = (dir, prefix) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) add(file, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, file);
    }
  };
  add(join(site, 'public'), '/');
  const pkg = join(site, 'node_modules', 'wafer-consent');
  files.set('/node_modules/wafer-consent/index.js', join(pkg, 'index.js'));
  return files;
}

const files = allowList();
const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
    return res.end(PAGE);
  }
  const file = files.get(path);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('not found');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://${HOST}:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1'],
});

const TRACKED = [...COOKIES['google-analytics'], ...COOKIES.hubspot];
async function visitor() {
  const context = await browser.newContext();
  const v = { context, trackers: [], local: [], errors: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).hostname === HOST) {
      v.local.push(url);
      return route.continue();
    }
    v.trackers.push({ url, service: serviceOfUrl(url) });
    const r = fakeResponse(url);
    return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
  });
  v.page = await context.newPage();
  v.page.on('pageerror', (e) => v.errors.push(String(e)));
  // Shown when a step fails.
  v.page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
  v.page.on('pageerror', (e) => log.push(`pageerror: ${e}`));
  v.page.on('requestfailed', (r) => log.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  v.runs = () => v.page.evaluate(() => window.__runs || []);
  v.cookies = async () => (await context.cookies()).map((c) => c.name).filter((n) => TRACKED.some((re) => re.test(n)));
  v.open = async () => {
    await v.page.goto(`${origin}/`);
    await v.page.waitForFunction(() => window.esm && window.wafer && window.wafer.getConsent(), null, { timeout: 15000 });
    await v.page.waitForLoadState('networkidle');
  };
  v.held = async (when) => {
    assert.deepEqual(v.trackers, [], `${when}: no tracker request`);
    assert.deepEqual(await v.runs(), [], `${when}: no tag ran`);
    assert.deepEqual(await v.cookies(), [], `${when}: no GA/HubSpot cookie`);
  };
  v.released = async (when) => {
    await v.page.waitForFunction(() => {
      const r = window.__runs || [];
      return r.includes('gtag:G-KALOOM0001') && r.includes('gtag:G-KALOOM0002') && r.includes('hs-analytics');
    }, null, { timeout: 15000 });
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(300);
    const runs = await v.runs();
    for (const tag of ['gtag:G-KALOOM0001', 'gtag:G-KALOOM0002', 'hubspot-loader', 'hs-analytics']) {
      assert.equal(runs.filter((r) => r === tag).length, 1, `${when}: ${tag} ran once (${runs})`);
    }
    const names = await v.cookies();
    assert.ok(names.includes('_ga'), `${when}: _ga set (${names})`);
    assert.ok(names.includes('__hstc'), `${when}: __hstc set (${names})`);
    const services = new Set(v.trackers.map((t) => t.service));
    assert.ok(services.has('google-analytics') && services.has('hubspot'), `${when}: GA and HubSpot fetched`);
    const c = await v.page.evaluate(() => window.esm.api.getConsent());
    assert.equal(c.categories.analytics, true);
    assert.equal(c.categories.marketing, true);
    const seen = await v.page.evaluate(() => window.esm.seen);
    assert.deepEqual(seen.at(-1), { method: 'accept-all', analytics: true, marketing: true, hubspot: true },
      `${when}: onConsent saw the choice (${JSON.stringify(seen)})`);
    assert.ok(seen.length >= 2 && seen[0].analytics === false, `${when}: onConsent saw the first decision (${JSON.stringify(seen)})`);
  };
  // A client-side route change as a router makes one (history.pushState, no
  // page load), whose view injects a HubSpot form script, unmarked.
  v.route = () => v.page.evaluate(() => {
    history.pushState({}, '', '/contact');
    const main = document.createElement('main');
    main.innerHTML = '<h2>Contact</h2><div id="form"></div>';
    document.body.appendChild(main);
    const s = document.createElement('script');
    s.src = 'https://js.hsforms.net/forms/embed/v2.js';
    document.head.appendChild(s);
  });
  return v;
}

let failed = false;
let log = [];
async function step(name, fn) {
  log = [];
  try {
    await fn();
    console.log(`[npm] browser ok - ${name}`);
  } catch (e) {
    failed = true;
    console.error(`[npm] browser FAIL - ${name}\n${e.stack || e}\n  page log:\n    ${log.join('\n    ') || '(empty)'}`);
  }
}

try {
  await step('banner: held until "Accept all", then GA and HubSpot run once', async () => {
    const v = await visitor();
    await v.open();
    const accept = v.page.locator('#wafer-banner [data-wafer-action="accept"]');
    await accept.waitFor({ state: 'visible', timeout: 10000 });
    await v.held('before the choice');
    assert.ok(v.local.some((u) => u.endsWith('/wafer/banner.en.js')), 'the banner came from the bundle');
    assert.ok(!v.local.some((u) => u.includes('/v1/')), 'nothing asked of a Wafer server');
    await accept.click();
    await v.released('after the banner\'s Accept all');
    // A route change needs nothing: what the new view injects is judged at once.
    assert.ok(await v.page.$('#wafer-reopen'), 'the reopen button shows after the choice');
    await v.route();
    await v.page.waitForFunction(() => (window.__runs || []).includes('hsforms-lib'), null, { timeout: 15000 });
    assert.ok(await v.page.$('#wafer-reopen'), 'the reopen button stays after the route change');
    assert.deepEqual(v.errors, [], 'no page error');
    await v.context.close();
  });
  await step('ESM API: held until acceptAll() from wafer-consent', async () => {
    const v = await visitor();
    await v.open();
    await v.held('before the choice');
    const c = await v.page.evaluate(() => window.esm.api.acceptAll());
    assert.equal(c.method, 'accept-all');
    await v.released('after acceptAll()');
    assert.deepEqual(v.errors, [], 'no page error');
    await v.context.close();
  });
  await step('ESM API: rejectAll() keeps every tracker out, also after a reload', async () => {
    const v = await visitor();
    await v.open();
    const c = await v.page.evaluate(() => window.esm.api.rejectAll());
    assert.equal(c.categories.analytics, false);
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(500);
    await v.held('after rejectAll()');
    await v.page.reload();
    await v.page.waitForFunction(() => window.esm && window.wafer.getConsent(), null, { timeout: 15000 });
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(500);
    await v.held('after rejectAll() and a reload');
    await v.route();
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(500);
    await v.held('after a client-side route change injecting a HubSpot form script');
    assert.equal(await v.page.$('#wafer-banner'), null, 'no banner after the choice');
    assert.deepEqual(v.errors, [], 'no page error');
    await v.context.close();
  });
} finally {
  await browser.close().catch(() => {});
  await new Promise((resolve) => server.close(resolve));
}
process.exit(failed ? 1 : 0);
