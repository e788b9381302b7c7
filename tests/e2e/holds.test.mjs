// holds.test.mjs — issue 12: every way unmarked site code can reach a tracker
// (document.write, innerHTML, outerHTML, insertAdjacentHTML, setHTMLUnsafe,
// Range.createContextualFragment, DOMParser, template content, iframe srcdoc,
// attribute and property writes, new Image, new Audio), each on a page of its
// own (fixtures/holds/site/), in headless Chromium against the real server;
// and the declared cookie paths (policy `cookie_paths`).
//
// For every page: no tracker request (a request is logged when the renderer
// asks for it — CDP Network.requestWillBeSent and Page.frameRequestedNavigation
// — so one cancelled a moment later still counts), no tracker cookie and no
// tracker script run, before any choice, after "Reject all" (and a reload)
// and after withdrawal (and a reload); after "Accept all", every held tag is
// released exactly once, scripts in their order. Trackers answer at once and
// set their cookies (Set-Cookie and document.cookie), so a tag that slips
// through shows, whatever the timing.
//
//   node --test tests/e2e/holds.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from './lib/harness.mjs';
import { fakeResponse, serviceOfUrl } from './lib/fakes.mjs';

const FIXTURES = join(ROOT, 'tests', 'e2e', 'fixtures', 'holds');
const GA = (z) => `https://www.google-analytics.com/collect?v=1&z=${z}`;
const YT = (name) => `https://www.youtube.com/embed/${name}`;
const GTAG = (id) => `https://www.googletagmanager.com/gtag/js?id=${id}`;

// What each page holds. requests: tracker URLs requested exactly once after
// "Accept all" (`some`: at least once — media and prefetches may be asked
// for more than once by the browser); runs: the tag runs, in this order;
// never: tracker URLs that must never be requested, even after consent
// (scripts parsed from a string never run natively); maybe: allowed after
// consent, not required.
const PAGES = {
  'document-write': {
    requests: [GTAG('G-HOLDS0001'), GTAG('G-HOLDS0002'), GA('document-write')],
    runs: ['gtag:G-HOLDS0001', 'gtag:G-HOLDS0002'],
    local: ['local:written', 'after-write'],
    never: [GA('in-a-string')],
  },
  'inner-html': { requests: [YT('inner-html'), GA('inner-html')], never: [GTAG('G-NEVER0001')] },
  'outer-html': { requests: [YT('outer-html'), GA('outer-html')] },
  'insert-adjacent-html': { requests: [YT('adjacent'), GA('adjacent')] },
  'set-html-unsafe': { requests: [YT('unsafe'), GA('shadow')] },
  'contextual-fragment': {
    requests: [GTAG('G-HOLDS0001'), GTAG('G-HOLDS0002'), YT('fragment')],
    runs: ['gtag:G-HOLDS0001', 'gtag:G-HOLDS0002'],
    local: ['local:fragment'],
    unordered: true,  // Chromium runs a fragment's scripts async (script.async is true).
  },
  'dom-parser': { requests: [YT('dom-parser'), GA('dom-parser')] },
  template: { requests: [YT('template'), GTAG('G-HOLDS0001')], runs: ['gtag:G-HOLDS0001'], local: ['local:template'] },
  srcdoc: { requests: [GTAG('G-SRCDOC001'), GA('srcdoc'), YT('srcdoc')], frameRuns: ['gtag:G-SRCDOC001'] },
  attributes: {
    requests: [GTAG('G-ATTR00001'), GTAG('G-PROP00001'), YT('set-attribute'), YT('property'), GA('img-attribute'),
      GA('img-ns'), YT('embed'), YT('object'), GA('new-image')],
    some: [GA('preload'), GA('poster'), GA('source'), GA('new-audio')],
    maybe: [GA('prefetch')],  // A prefetch may be skipped by the browser.
    anyOf: [[GA('img-srcset'), GA('img-srcset-2x')]],
    runs: ['gtag:G-ATTR00001', 'gtag:G-PROP00001'],
    unordered: true,  // Script-inserted scripts are async: no order, as natively.
  },
};

let tmp, server, browser;

before(async () => {
  if (!process.env.WAFER_E2E_NO_BUILD) {
    execFileSync(process.execPath, [join(ROOT, 'js', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  tmp = mkdtempSync(join(tmpdir(), 'wafer-holds-'));
  mkdirSync(join(tmp, 'policies'));
  cpSync(join(FIXTURES, 'holds.json'), join(tmp, 'policies', 'holds.json'));
  cpSync(join(FIXTURES, 'site'), join(tmp, 'sites', 'holds'), { recursive: true });
  server = await startServer(join(tmp, 'policies'), join(tmp, 'data'), 0, join(tmp, 'sites'));
  browser = await chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1'],
  });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) {
    server.proc.stopping = true;
    server.proc.kill('SIGTERM');
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const isTracker = (url) => {
  const u = new URL(url);
  return /^(https?|wss?):$/.test(u.protocol) && !u.hostname.endsWith('.test') && u.hostname !== '127.0.0.1';
};

// A visitor in a fresh context. Every tracker request is answered at once by
// the fakes; YouTube's also sets its cookies. `v.asked`: tracker URLs the
// page asked for, with the phase, from the renderer's side (CDP) and from
// the network (route).
async function visitor() {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Wafer-Region': 'FR' } });
  const v = { context, asked: [], phase: 'load', errors: [] };
  // `via`: route (reached the network), net (CDP: the request was started),
  // nav (CDP: the renderer asked to navigate a frame there).
  const ask = (url, via) => {
    if (isTracker(url)) v.asked.push({ url, phase: v.phase, via });
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!isTracker(url)) return route.continue();
    ask(url, 'route');
    const r = fakeResponse(url);
    const headers = /youtube\.com/.test(url)
      ? { 'set-cookie': 'YSC=ysc1; Path=/; SameSite=None; Secure\nVISITOR_INFO1_LIVE=v1; Max-Age=15552000; Path=/; SameSite=None; Secure' }
      : {};
    return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body, headers });
  });
  v.page = await context.newPage();
  v.page.on('pageerror', (e) => v.errors.push(String(e)));
  const cdp = await context.newCDPSession(v.page);
  cdp.on('Network.requestWillBeSent', (e) => ask(e.request.url, 'net'));
  cdp.on('Page.frameRequestedNavigation', (e) => ask(e.url, 'nav'));
  await cdp.send('Network.enable');
  await cdp.send('Page.enable');
  v.open = async (path) => {
    await v.page.goto(`http://www.holds.test:${server.port}${path}`);
    await v.settle();
  };
  v.settle = async () => {
    await v.page.waitForFunction(() => window.wafer && (window.wafer.getConsent() || document.getElementById('wafer-banner')),
      null, { timeout: 10000 });
    await v.page.waitForLoadState('networkidle');
    await v.quiet();
  };
  // Until nothing new was asked for and nothing ran for 400 ms.
  v.quiet = async () => {
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = v.asked.length + ':' + (await v.runs()).length;
      if (now === last) return;
      last = now;
      await v.page.waitForTimeout(400);
    }
  };
  v.runs = () => v.page.evaluate(() => window.__runs || []);
  v.frameRuns = () => v.page.evaluate(() => [...document.querySelectorAll('iframe')].flatMap((f) => {
    try {
      return f.contentWindow.__runs || [];
    } catch (e) {
      return [];
    }
  }));
  v.cookies = () => context.cookies();
  return v;
}

// How many times `url` was asked for in `phase`: one request shows in up to
// three logs, so the most any single log saw.
const times = (v, url, phase) => Math.max(...['route', 'net', 'nav'].map((via) =>
  v.asked.filter((a) => a.url === url && a.phase === phase && a.via === via).length));

const TRACKER_COOKIE = /^(_ga|_ga_.*|_gid|_gat.*|YSC|VISITOR_INFO1_LIVE)$/;
const trackerRuns = (runs) => runs.filter((r) => r.startsWith('gtag:'));

// Nothing of a tracker since `phase` began (or at all: `all`).
async function expectNothing(v, where, { cookies = true } = {}) {
  const asked = v.asked.filter((a) => a.phase === v.phase).map((a) => a.url);
  assert.deepEqual(asked, [], `${where}: tracker requests`);
  assert.deepEqual(trackerRuns(await v.runs()), [], `${where}: tracker scripts ran`);
  assert.deepEqual(trackerRuns(await v.frameRuns()), [], `${where}: tracker scripts ran in a frame`);
  if (cookies) {
    const jar = (await v.cookies()).filter((c) => TRACKER_COOKIE.test(c.name));
    assert.deepEqual(jar.map((c) => `${c.name} (${c.domain}${c.path})`), [], `${where}: tracker cookies`);
  }
  assert.deepEqual(v.errors, [], `${where}: page errors`);
}

for (const [page, spec] of Object.entries(PAGES)) {
  describe(page, () => {
    test('nothing reaches a tracker before a choice, after "Reject all" and after a reload', async () => {
      const v = await visitor();
      await v.open(`/${page}.html`);
      await expectNothing(v, `${page} / first visit`);
      const runs = await v.runs();
      for (const name of spec.local || []) assert.ok(runs.includes(name), `${page}: the site's own ${name} ran; runs: ${runs}`);
      v.phase = 'reject';
      await v.page.evaluate(() => window.wafer.rejectAll());
      await v.quiet();
      await expectNothing(v, `${page} / rejected`);
      v.phase = 'reject reload';
      await v.page.reload();
      await v.settle();
      await expectNothing(v, `${page} / rejected, reloaded`);
      await v.context.close();
    });

    test('after "Accept all" each held tag is released once, in order; withdrawal stops and sweeps them', async () => {
      const v = await visitor();
      await v.open(`/${page}.html`);
      await expectNothing(v, `${page} / first visit`);
      const before = await v.runs();
      v.phase = 'accept';
      await v.page.evaluate(() => window.wafer.acceptAll());
      const want = [...spec.requests, ...(spec.some || [])];
      await v.page.waitForFunction(() => true);
      for (let i = 0; i < 50 && !want.every((u) => v.asked.some((a) => a.url === u)); i++) await v.page.waitForTimeout(200);
      await v.quiet();
      const asked = v.asked.filter((a) => a.phase === 'accept').map((a) => a.url);
      for (const url of spec.requests) {
        assert.equal(times(v, url, 'accept'), 1, `${page}: ${url} released once; asked: ${asked.join(' ')}`);
      }
      for (const url of spec.some || []) assert.ok(asked.includes(url), `${page}: ${url} released; asked: ${asked.join(' ')}`);
      for (const urls of spec.anyOf || []) assert.ok(urls.some((u) => asked.includes(u)), `${page}: one of ${urls} released`);
      for (const url of spec.never || []) assert.ok(!v.asked.some((a) => a.url === url), `${page}: ${url} must never load`);
      const known = new Set([...spec.requests, ...(spec.some || []), ...(spec.maybe || []), ...(spec.anyOf || []).flat()]);
      const other = asked.filter((u) => !known.has(u) && !/google-analytics\.com\/g\/collect/.test(u));
      assert.deepEqual(other, [], `${page}: unexpected tracker requests`);
      const runs = trackerRuns((await v.runs()).slice(before.length));
      const wantRuns = spec.runs || [];
      if (spec.unordered) assert.deepEqual([...runs].sort(), [...wantRuns].sort(), `${page}: runs`);
      else assert.deepEqual(runs, wantRuns, `${page}: released once, in order`);
      assert.deepEqual(trackerRuns(await v.frameRuns()), spec.frameRuns || [], `${page}: runs in the frame`);
      assert.deepEqual(v.errors, [], `${page}: page errors`);

      v.phase = 'withdraw';
      await v.page.evaluate(() => window.wafer.withdraw());
      await v.quiet();
      // YouTube's cookies are its own (third-party): out of a page's reach.
      const firstParty = (await v.cookies()).filter((c) => TRACKER_COOKIE.test(c.name) && c.domain.endsWith('holds.test'));
      assert.deepEqual(firstParty.map((c) => c.name), [], `${page}: first-party tracker cookies swept on withdrawal`);
      assert.deepEqual(v.asked.filter((a) => a.phase === 'withdraw').map((a) => a.url), [], `${page}: requests after withdrawal`);
      v.phase = 'withdrawn reload';
      await v.page.reload();
      await v.settle();
      await expectNothing(v, `${page} / withdrawn, reloaded`, { cookies: false });
      const jar = (await v.cookies()).filter((c) => TRACKER_COOKIE.test(c.name) && c.domain.endsWith('holds.test'));
      assert.deepEqual(jar.map((c) => c.name), [], `${page}: no first-party tracker cookie after withdrawal`);
      await v.context.close();
    });
  });
}

describe('declared cookie paths', () => {
  // Cookies an earlier visit (before Wafer) left on Path=/blog, host-only
  // and on the parent domain: invisible from "/", deleted blindly on the
  // declared path when the visitor refuses or withdraws.
  const leftovers = async (v) => {
    const url = `http://www.holds.test:${server.port}/blog/`;
    await v.context.addCookies([
      { name: '_ga', value: 'GA1.1.1.1', url },
      { name: '_ga_HOLDS0001', value: 'GS1.1.1', url },
      { name: '_gid', value: 'GA1.1.2.2', url },
      { name: '_ga', value: 'GA1.1.3.3', domain: '.holds.test', path: '/blog' },
      { name: '_ga_HOLDS0001', value: 'GS1.1.3', domain: '.holds.test', path: '/blog' },
    ]);
  };
  const gaCookies = async (v) => (await v.cookies()).filter((c) => /^_g/.test(c.name))
    .map((c) => `${c.name} ${c.domain}${c.path}`).sort();

  test('"Reject all" on another page deletes them', async () => {
    const v = await visitor();
    await leftovers(v);
    await v.open('/attributes.html');
    assert.equal((await gaCookies(v)).length, 5, 'the leftovers are there');
    await v.page.evaluate(() => window.wafer.rejectAll());
    await v.quiet();
    assert.deepEqual(await gaCookies(v), [], 'deleted on every declared path and domain');
    await v.context.close();
  });

  test('withdrawal deletes them too', async () => {
    const v = await visitor();
    await v.open('/template.html');
    await v.page.evaluate(() => window.wafer.acceptAll());
    await v.page.waitForFunction(() => document.cookie.includes('_ga='), null, { timeout: 10000 });
    await leftovers(v);
    assert.ok((await gaCookies(v)).length >= 6, 'the tag\'s cookies and the leftovers');
    await v.page.evaluate(() => window.wafer.withdraw());
    await v.quiet();
    assert.deepEqual(await gaCookies(v), [], 'deleted on every declared path and domain');
    await v.context.close();
  });
});
