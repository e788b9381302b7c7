// static.test.mjs — a site without the Wafer server (issue 3 §1, "a static
// build for sites without the backend"): `wafer bundle` writes wafer.js, the
// loader, the engine and the banners into a folder that a plain static HTTP
// server (a few lines of node:http here, not wafer-server) serves next to the
// site's page. In headless Chromium, with tracker hosts routed to the fakes:
// nothing reaches a tracker before consent, and after wafer.acceptAll() the
// held tag runs exactly once, also after a reload.
//
//   node --test tests/e2e/static.test.mjs
//
// Needs the `wafer` CLI (WAFER_CLI, default build/native/core/wafer),
// build/wasm/wasm/wafer-engine.wasm and /usr/bin/chromium (WAFER_CHROMIUM).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/harness.mjs';
import { fakeResponse, serviceOfUrl } from './lib/fakes.mjs';

const SITE = 'kalido';
const TAG = 'gtag:G-KALIDO0001';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
};

let tmp, out, server, port, browser;

// Serves `routes` (URL path prefix → folder) and the demo page, as any static
// host would: files as they are, a content type by extension, nothing else.
function serveStatic(routes, page) {
  return http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
      return res.end(page);
    }
    for (const [prefix, dir] of Object.entries(routes)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      return res.end(readFileSync(file));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
}

before(async () => {
  if (!process.env.WAFER_E2E_NO_BUILD) {
    execFileSync(process.execPath, [join(ROOT, 'js', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const cli = process.env.WAFER_CLI || join(ROOT, 'build', 'native', 'core', 'wafer');
  if (!existsSync(cli)) throw new Error(`${cli} not built (scripts/build.sh native)`);
  tmp = mkdtempSync(join(tmpdir(), 'wafer-static-'));
  out = join(tmp, 'out');
  // Site-relative URLs: the bundle is served by the site's own host.
  execFileSync(cli, ['bundle', join(ROOT, 'demo', 'policies', SITE + '.json'),
    '--js', join(ROOT, 'js', 'dist'), '--engine', join(ROOT, 'build', 'wasm', 'wasm'),
    '--out', out, '--base-url', '/wafer'], { stdio: ['ignore', 'ignore', 'pipe'] });

  // The demo page as a site owner would change it: the script tag points at
  // the static wafer.js instead of the server's route.
  const original = readFileSync(join(ROOT, 'demo', 'sites', SITE, 'index.html'), 'utf8');
  const page = original.replace(`/v1/sites/${SITE}/wafer.js`, '/wafer/wafer.js');
  assert.notEqual(page, original, 'the demo page loads wafer.js');
  server = serveStatic({ '/wafer/': out, '/': join(ROOT, 'demo', 'sites', SITE) }, page);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  browser = await chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await new Promise((resolve) => server.close(resolve));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// A fresh visitor: every request off the site's host goes to the fakes and
// is logged; requests to the site are logged apart.
async function visitor() {
  const context = await browser.newContext();
  const v = { context, trackers: [], local: [], errors: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).hostname.endsWith('.test')) {
      v.local.push(url);
      return route.continue();
    }
    v.trackers.push({ url, service: serviceOfUrl(url) });
    const r = fakeResponse(url);
    return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
  });
  v.page = await context.newPage();
  v.page.on('pageerror', (e) => v.errors.push(String(e)));
  v.runs = () => v.page.evaluate(() => window.__runs || []);
  // Waits for Wafer's decision or its banner, then for the network to rest.
  v.open = async () => {
    await v.page.goto(`http://www.${SITE}.test:${port}/`);
    await v.page.waitForFunction(() => window.wafer && (window.wafer.getConsent() || document.getElementById('wafer-banner')),
      null, { timeout: 10000 });
    await v.page.waitForLoadState('networkidle');
  };
  return v;
}

describe('static bundle (no Wafer server)', () => {
  test('holds the tag until consent, then runs it exactly once', async () => {
    const v = await visitor();
    await v.open();
    // The first layer is drawn (buttons in the banner's open shadow root).
    await v.page.waitForSelector('#wafer-banner [data-wafer-action="accept"]', { state: 'visible', timeout: 5000 });
    assert.deepEqual(v.trackers, [], 'no tracker request before consent');
    assert.deepEqual(await v.runs(), [], 'no tag ran before consent');
    assert.ok(!(await v.context.cookies()).some((c) => /^_ga/.test(c.name)), 'no _ga cookie before consent');
    // The banner came from the bundle, in the page's language, with the site's data.
    assert.ok(v.local.some((u) => u.endsWith('/wafer/banner.fr.js')), `banner.fr.js fetched: ${v.local}`);
    assert.ok(!v.local.some((u) => u.includes('/v1/')), `nothing asked of a Wafer server: ${v.local}`);

    await v.page.evaluate(() => window.wafer.acceptAll());
    await v.page.waitForFunction((tag) => (window.__runs || []).includes(tag), TAG, { timeout: 10000 });
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(300);
    assert.deepEqual(await v.runs(), [TAG], 'the tag ran once');
    assert.ok(v.trackers.every((t) => t.service === 'google-analytics'), `only GA: ${JSON.stringify(v.trackers)}`);
    assert.ok(v.trackers.length > 0, 'GA was fetched after consent');
    assert.equal((await v.page.evaluate(() => window.wafer.getConsent())).categories.analytics, true);

    // The choice is kept in the browser: the next page runs the tag at once,
    // once, without the banner.
    await v.page.reload();
    await v.page.waitForFunction((tag) => (window.__runs || []).includes(tag), TAG, { timeout: 10000 });
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(300);
    assert.deepEqual(await v.runs(), [TAG], 'the tag ran once after the reload');
    assert.equal(await v.page.$('#wafer-banner'), null, 'no banner for a returning visitor');
    assert.deepEqual(v.errors, [], 'no page error');
    await v.context.close();
  });

  test('reject keeps every tracker out', async () => {
    const v = await visitor();
    await v.open();
    await v.page.evaluate(() => window.wafer.rejectAll());
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(500);
    assert.deepEqual(v.trackers, [], 'no tracker request after reject');
    assert.deepEqual(await v.runs(), []);
    await v.page.reload();
    await v.page.waitForLoadState('networkidle');
    await v.page.waitForTimeout(500);
    assert.deepEqual(v.trackers, [], 'no tracker request after reject and reload');
    assert.deepEqual(v.errors, [], 'no page error');
    await v.context.close();
  });
});
