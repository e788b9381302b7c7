// peers_bench.mjs — Wafer side by side with vanilla-cookieconsent 3.1.0,
// Klaro 0.7.22 and tarteaucitron 1.34.0 (installed from npm into
// bench/peers/node_modules) and a page with no consent manager, in headless
// Chromium (issue 7): bytes, time to decision, main-thread cost, layout shift,
// and the leak table (issue 3's end-to-end scenarios, run for every CMP).
//
//   node bench/peers/peers_bench.mjs [--runs 15] [--json FILE] [--skip timing|leaks]
//
// Prints Markdown on stdout (progress on stderr). A benchmark, not a test: it
// exits non-zero only when it cannot run.
//
// Serving: the same page (bench/peers/pages.mjs) per CMP. Wafer's page is
// served by the real wafer-server (policy bench/peers/policies/bench.json)
// with its stub, loader, engine and banner; the baseline and the peers' pages
// by a static server on loopback (peers' files from bench/peers/node_modules
// under /peers/<package>/, Brotli/gzip, `max-age=31536000, immutable` like a
// versioned CDN URL; pages and config files `no-cache` + ETag). Both on
// http://www.bench.test:<port>. Tracker hosts: for the timings, Chromium
// resolves every other host to one loopback port speaking HTTP and HTTPS that
// answers with the e2e fakes (tests/e2e/lib/fakes.mjs) — no request routing,
// so the HTTP cache works; for the leak table, Playwright routes them to the
// same fakes and logs every request per browser context.
//
// One change to the fakes (here, not in tests/e2e): gtag.js starts with
// analytics/ad storage granted, as Google's tag does when the page sets no
// Consent Mode default; a `consent default` command still denies them.
//
// Environment: WAFER_SERVER, WAFER_CHROMIUM (tests/e2e/lib/harness.mjs).

import { createHash } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer } from '../../tests/e2e/lib/harness.mjs';
import { COOKIES, fakeResponse, serviceOfUrl } from '../../tests/e2e/lib/fakes.mjs';
import {
  LT_CATEGORIES, argv, ensureJsBuilt, fetchRaw, finite, fixed, gz, launchChromium, loadavg, logger, machineInfo, median,
  opt, range, sleep, startFakes, stopWaferServer, tracer,
} from '../lib.mjs';
import {
  CMPS, GA_INJECTED_ID, KLARO_CONFIG, PEER_PACKAGES, STYLE_CSS, VANILLA_CONFIG, expressible, renderPage,
} from './pages.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- options
if (argv.includes('--help')) {
  console.log('usage: node bench/peers/peers_bench.mjs [--runs N (15)] [--json FILE] [--skip timing|leaks] [--cmps wafer,vanilla,klaro,tac]');
  process.exit(0);
}
const RUNS = Math.max(3, Math.min(100, Number(opt('runs', 15)) || 15));
const JSON_OUT = opt('json', '');
const SKIP = opt('skip', '');
const log = logger('peers');

// ---------------------------------------------------------------- the CMPs as the bench drives them
// banner: the element that is the first-layer banner; ready: the CMP's API
// can be called; owns: a URL is the CMP's (bytes, trace attribution);
// blockMain: the CMP's main script (the "unavailable" scenario); act: its own API.
const V = {
  baseline: { banner: null, ready: () => true, owns: () => false },
  wafer: {
    banner: '#wafer-banner',
    ready: () => !!(window.wafer && (window.wafer.getConsent() || document.getElementById('wafer-banner'))),
    // Everything wafer-server serves under /v1/ (stub, loader, engine, policy file, banner) but the receipts.
    owns: (u) => /^https?:\/\/[^/]+\/v1\/(?!consents)/.test(u),
    blockMain: /\/v1\/sites\/bench\/wafer\.js/,
    act: {
      all: () => window.wafer.acceptAll(),
      reject: () => window.wafer.rejectAll(),
      analytics: () => window.wafer.setCategories(['analytics']),
      withdraw: () => window.wafer.withdraw(),
    },
  },
  vanilla: {
    banner: '#cc-main .cm',
    // Its API is ready once run() has read the stored consent (banner drawn, or consent valid).
    ready: () => !!(window.CookieConsent && (document.getElementById('cc-main') || window.CookieConsent.validConsent())),
    owns: (u) => /\/peers\/vanilla-cookieconsent\/|\/vanilla-config\.js/.test(u),
    blockMain: /\/peers\/vanilla-cookieconsent\/dist\/cookieconsent\.umd\.js/,
    act: {
      all: () => window.CookieConsent.acceptCategory('all'),
      reject: () => window.CookieConsent.acceptCategory([]),
      analytics: () => window.CookieConsent.acceptCategory(['analytics']),
      withdraw: () => window.CookieConsent.acceptCategory([]),  // no separate withdrawal: necessary only
    },
  },
  klaro: {
    banner: '#klaro .cookie-notice:not(.cookie-notice-hidden)',
    ready: () => !!(window.klaro && window.klaro.getManager && document.getElementById('klaro')),
    owns: (u) => /\/peers\/klaro\/|\/klaro-config\.js/.test(u),
    blockMain: /\/peers\/klaro\/dist\/klaro\.js/,
    act: {
      all: () => { const m = window.klaro.getManager(); m.changeAll(true); m.saveAndApplyConsents(); },
      reject: () => { const m = window.klaro.getManager(); m.changeAll(false); m.saveAndApplyConsents(); },
      analytics: () => {
        const m = window.klaro.getManager();
        m.changeAll(false);
        m.updateConsent('google-analytics', true);
        m.saveAndApplyConsents();
      },
      withdraw: () => { const m = window.klaro.getManager(); m.changeAll(false); m.saveAndApplyConsents(); },
    },
  },
  tac: {
    banner: '#tarteaucitronAlertBig',
    ready: () => !!(window.tarteaucitron && window.tarteaucitron.userInterface && document.getElementById('tarteaucitronRoot')),
    owns: (u) => /\/peers\/tarteaucitronjs\//.test(u),
    blockMain: /\/peers\/tarteaucitronjs\/tarteaucitron\.js/,
    act: {
      all: () => window.tarteaucitron.userInterface.respondAll(true),
      reject: () => window.tarteaucitron.userInterface.respondAll(false),
      // Per service (tarteaucitron files HubSpot under "analytic" too): its own "Allow" button for gtag.
      analytics: () => {
        const ui = window.tarteaucitron.userInterface;
        ui.respondAll(false);
        ui.respond(document.getElementById('gtagAllowed') || { id: 'gtagAllowed' }, true);
      },
      withdraw: () => window.tarteaucitron.userInterface.respondAll(false),
    },
  },
};
// --cmps wafer,klaro: only these (development); the no-CMP baseline always runs.
const PEERS = ['wafer', 'vanilla', 'klaro', 'tac'].filter((v) => !opt('cmps', '') || opt('cmps', '').split(',').includes(v));
const ALL = ['baseline', ...PEERS];

// ---------------------------------------------------------------- helpers
// The gtag fake with Google's default (no Consent Mode command: storage granted).
function fake(url) {
  const r = fakeResponse(url);
  if (/googletagmanager\.com\/gtag\/js/.test(url) && r.body) {
    const patched = String(r.body).replace('consent: {}', "consent: { analytics_storage: 'granted', ad_storage: 'granted' }");
    if (patched === r.body) throw new Error('tests/e2e/fakes/gtag.js changed: cannot set its default consent');
    r.body = patched;
  }
  return r;
}

// ---------------------------------------------------------------- servers
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.gif': 'image/gif' };

// The baseline's and the peers' pages, and the peers' files.
function peerPages() {
  const pages = new Map();
  for (const cmp of ['baseline', 'vanilla', 'klaro', 'tac']) {
    pages.set(`/${cmp}.html`, renderPage(cmp));
    for (const x of ['youtube', 'pixel', 'inject']) pages.set(`/${cmp}-${x}.html`, renderPage(cmp, [x]));
  }
  pages.set('/style.css', STYLE_CSS);
  pages.set('/vanilla-config.js', VANILLA_CONFIG);
  pages.set('/klaro-config.js', KLARO_CONFIG);
  return pages;
}

async function startStatic() {
  const pages = peerPages();
  const nm = realpathSync(join(HERE, 'node_modules'));
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let body = null;
    let immutable = false;
    if (pages.has(u.pathname)) body = Buffer.from(pages.get(u.pathname));
    else if (u.pathname.startsWith('/peers/')) {
      const rel = normalize(decodeURIComponent(u.pathname.slice('/peers/'.length)));
      const pkg = rel.split(sep)[0];
      const file = join(nm, rel);
      if (PEER_PACKAGES.includes(pkg) && file.startsWith(nm + sep) && existsSync(file) && statSync(file).isFile()) {
        body = readFileSync(file);
        immutable = true;
      }
    }
    req.resume();
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const etag = '"' + createHash('sha256').update(body).digest('hex').slice(0, 16) + '"';
    const headers = {
      'Content-Type': TYPES[extname(u.pathname)] || 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag, Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    const ae = String(req.headers['accept-encoding'] || '');
    const enc = /\bbr\b/.test(ae) ? 'br' : /\bgzip\b/.test(ae) ? 'gzip' : '';
    if (enc && body.length > 256) {
      const key = enc + ':' + etag;
      if (!cache.has(key)) cache.set(key, enc === 'br' ? brotliCompressSync(body) : gzipSync(body, { level: 9 }));
      body = cache.get(key);
      headers['Content-Encoding'] = enc;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((f) => server.listen(0, '127.0.0.1', f));
  return { port: server.address().port, pages, close: () => new Promise((f) => server.close(f)) };
}

// Wafer's pages in a sites folder for wafer-server (site "bench").
function waferSites(tmp) {
  const dir = join(tmp, 'sites', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wafer.html'), renderPage('wafer'));
  for (const x of ['youtube', 'pixel', 'inject']) writeFileSync(join(dir, `wafer-${x}.html`), renderPage('wafer', [x]));
  writeFileSync(join(dir, 'style.css'), STYLE_CSS);
  return join(tmp, 'sites');
}

// ---------------------------------------------------------------- page instrumentation (init script)
function instrument(bannerSelector) {
  const B = (window.__bench = { banner: null, bannerFrame: null, runs: [], shifts: [] });
  const runs = [];
  runs.push = function (x) {
    B.runs.push([String(x), performance.now()]);
    return Array.prototype.push.call(this, x);
  };
  window.__runs = runs;
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (!e.hadRecentInput) B.shifts.push([e.startTime, e.value]);
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) { /* no layout-shift entries */ }
  if (!bannerSelector) return;
  const visible = () => {
    const el = document.querySelector(bannerSelector);
    if (!el) return false;
    const shown = (box) => {
      const cs = getComputedStyle(box);
      const r = box.getBoundingClientRect();
      return cs.display !== 'none' && cs.visibility === 'visible' && r.width > 0 && r.height > 0;
    };
    if (!el.shadowRoot) return shown(el);
    // Wafer: the dialog inside the open shadow root (else any element drawn in it).
    const dialog = el.shadowRoot.querySelector('[role=dialog],[role=alertdialog],[role=region]');
    if (dialog) return shown(dialog);
    return Array.from(el.shadowRoot.querySelectorAll('*')).some((x) => x.tagName !== 'STYLE' && shown(x));
  };
  let mo = null;
  const check = () => {
    if (B.banner !== null || !visible()) return;
    B.banner = performance.now();
    requestAnimationFrame(() => (B.bannerFrame = performance.now()));
    if (mo) mo.disconnect();
  };
  mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  const t0 = performance.now();
  const poll = () => {
    check();
    if (B.banner === null && performance.now() - t0 < 10000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const resources = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
  name: e.name, start: e.startTime, end: e.responseEnd, transfer: e.transferSize, blocking: e.renderBlockingStatus || '',
  initiator: e.initiatorType,
})));
const isGtag = (u) => /googletagmanager\.com\/gtag\/js\?id=G-BENCH00001/.test(u);

// ---------------------------------------------------------------- main
const tmp = mkdtempSync(join(os.tmpdir(), 'wafer-peers-'));
let server = null;
let stat = null;
let fakes = null;
let browser = null;
const cleanup = async () => {
  if (browser) await browser.close().catch(() => {});
  if (fakes) await fakes.close().catch(() => {});
  if (stat) await stat.close().catch(() => {});
  stopWaferServer(server);
  rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().then(() => process.exit(143)));

const started = Date.now();
const R = { machine: {}, bytes: {}, timing: {}, trace: {}, leaks: {}, failures: [] };
try {
  if (!existsSync(join(HERE, 'node_modules', 'klaro'))) throw new Error('bench/peers/node_modules missing: npm ci --prefix bench/peers --ignore-scripts');
  ensureJsBuilt();
  server = await startServer(join(HERE, 'policies'), join(tmp, 'data'), 0, waferSites(tmp));
  stat = await startStatic();
  // The trackers' fakes (lib.mjs), with fake() for gtag.js's default consent.
  fakes = await startFakes(tmp, fake);
  const hostOf = (cmp) => `www.bench.test:${cmp === 'wafer' ? server.port : stat.port}`;
  const portOf = (cmp) => (cmp === 'wafer' ? server.port : stat.port);
  const url = (cmp, extra = '') => `http://${hostOf(cmp)}/${cmp}${extra ? '-' + extra : ''}.html`;
  browser = await launchChromium(fakes.port);
  R.machine = {
    ...machineInfo(browser, RUNS),
    peers: Object.fromEntries(PEER_PACKAGES.map((p) => [p, JSON.parse(readFileSync(join(HERE, 'node_modules', p, 'package.json'), 'utf8')).version])),
  };
  const newCtx = (opts = {}) => browser.newContext({ ignoreHTTPSErrors: true, ...opts });

  if (!SKIP.includes('timing')) await timing();
  if (!SKIP.includes('leaks')) await leaks();
  R.seconds = (Date.now() - started) / 1000;
  R.machine.loadavg_end = loadavg();
  report(R);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(R, null, 1));

  // ============================================================== timing
  async function timing() {
    const T = {};
    for (const v of ALL) {
      T[v] = { bannerCold: [], bannerWarm: [], frameCold: [], cls: [], clsWindow: [], wire: [], wireWarmNew: [],
        retWarm: [], retCold: [], hsWarm: [], hsCold: [], retWarmWire: [], retColdWire: [], resources: null };
    }
    const waitBanner = (page) => page.waitForFunction(() => window.__bench.bannerFrame !== null, null, { timeout: 12000 });
    const clsUpTo = (b, until) => b.shifts.filter(([t]) => t <= until).reduce((s, [, x]) => s + x, 0);
    const returning = async (v, page, bucket, hsBucket, wireBucket) => {
      await page.goto(url(v), { waitUntil: 'load', timeout: 20000 });
      await page.waitForFunction(() => window.__bench.runs.some((r) => r[0] === 'gtag:G-BENCH00001') &&
        window.__bench.runs.some((r) => r[0] === 'hubspot-loader'), null, { timeout: 12000 });
      const rs = await resources(page);
      bucket.push(rs.find((r) => isGtag(r.name))?.start);
      hsBucket.push(rs.find((r) => /hs-scripts\.com\//.test(r.name))?.start);
      if (wireBucket) wireBucket.push(rs.filter((r) => V[v].owns(r.name)).reduce((s, r) => s + r.transfer, 0));
    };
    const phaseEnd = Date.now() + Math.max(120_000, RUNS * 40_000);
    let n = 0;
    for (let i = 0; i < RUNS && Date.now() < phaseEnd; i++, n++) {
      const order = ALL.slice(i % ALL.length).concat(ALL.slice(0, i % ALL.length));
      for (const v of order) {
        const ctx = await newCtx();
        let ctx2 = null;
        try {
          await ctx.addInitScript(instrument, V[v].banner);
          const page = await ctx.newPage();
          await page.goto(url(v), { waitUntil: 'load', timeout: 20000 });
          if (V[v].banner) {
            // New visitor, empty cache.
            await waitBanner(page);
            await sleep(1000);  // layout shifts caused by the banner's entrance
            const b = await page.evaluate(() => window.__bench);
            T[v].bannerCold.push(b.banner);
            T[v].frameCold.push(b.bannerFrame);
            T[v].cls.push(clsUpTo(b, b.banner + 1000));
            T[v].clsWindow.push(b.banner + 1000);
            const rs = await resources(page);
            T[v].wire.push(rs.filter((r) => V[v].owns(r.name)).reduce((s, r) => s + r.transfer, 0));
            if (!T[v].resources) T[v].resources = rs.filter((r) => V[v].owns(r.name));
            // New visitor, warm cache: same browser cache, no cookies or storage.
            await page.evaluate(() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* */ } });
            await ctx.clearCookies();
            await page.goto(url(v), { waitUntil: 'load', timeout: 20000 });
            await waitBanner(page);
            T[v].bannerWarm.push(await page.evaluate(() => window.__bench.banner));
            const rs2 = await resources(page);
            T[v].wireWarmNew.push(rs2.filter((r) => V[v].owns(r.name)).reduce((s, r) => s + r.transfer, 0));
            await page.waitForFunction(V[v].ready, null, { timeout: 12000 });
            await page.evaluate(V[v].act.all);
            await page.waitForFunction(() => window.__bench.runs.some((r) => r[0] === 'hubspot-loader'), null, { timeout: 12000 });
            await sleep(150);  // consent cookie, receipt
          } else {
            await page.waitForFunction(() => window.__bench.runs.some((r) => r[0] === 'hubspot-loader'), null, { timeout: 12000 });
            await sleep(1000);
            const b = await page.evaluate(() => window.__bench);
            const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
            T[v].cls.push(clsUpTo(b, load + 1000));
          }
          const state = await ctx.storageState();
          await returning(v, page, T[v].retWarm, T[v].hsWarm, T[v].retWarmWire);
          ctx2 = await newCtx({ storageState: state });
          await ctx2.addInitScript(instrument, null);
          await returning(v, await ctx2.newPage(), T[v].retCold, T[v].hsCold, T[v].retColdWire);
        } catch (e) {
          R.failures.push(`timing ${v} run ${i}: ${String(e).split('\n')[0]}`);
        } finally {
          await ctx.close();
          if (ctx2) await ctx2.close();
        }
      }
      log(`timing run ${i + 1}/${RUNS} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    R.timing = T;
    R.timingRuns = n;

    // ---------------- bytes: gzip -9 of every CMP resource of a first visit, and of its render-blocking part
    const pageBytes = async (v) => (v === 'wafer' ? fetchRaw(server.port, hostOf('wafer'), '/wafer.html') : Buffer.from(stat.pages.get(`/${v}.html`)));
    const basePage = gz(await pageBytes('baseline'));
    for (const v of PEERS) {
      try {
      const rs = T[v].resources || [];
      const files = [];
      for (const r of rs) {
        const u = new URL(r.name);
        try {
          const body = await fetchRaw(portOf(v), u.host, u.pathname + u.search);
          files.push({ path: u.pathname.replace(/\.[0-9a-f]{12,}\./, '.'), gzip: gz(body), raw: body.length, blocking: r.blocking === 'blocking', initiator: r.initiator });
        } catch (e) {
          R.failures.push(`bytes ${v} ${u.pathname}: ${e.message}`);
        }
      }
      R.bytes[v] = {
        files,
        total: files.reduce((s, f) => s + f.gzip, 0),
        sync: files.filter((f) => f.blocking).reduce((s, f) => s + f.gzip, 0),
        pageDelta: gz(await pageBytes(v)) - basePage,
      };
      } catch (e) {
        R.failures.push(`bytes ${v}: ${String(e).split('\n')[0]}`);
      }
    }

    // ---------------- traces at 4× CPU: first visit (until the banner) and returning visit (until HubSpot ran)
    const owners = PEERS.map((v) => [v, V[v].owns]);
    const TR = {};
    for (const v of PEERS) TR[v] = { self: [], selfFirst: [], ltCaused: [], ltCausedMs: [], ltInside: [], ltAll: [] };
    const traced = tracer(browser, owners, LT_CATEGORIES);
    const traceEnd = Date.now() + Math.max(90_000, RUNS * 36_000);
    for (let i = 0; i < RUNS && Date.now() < traceEnd; i++) {
      for (const v of (i % 2 ? PEERS.slice().reverse() : PEERS)) {
        const ctx = await newCtx();
        try {
          await ctx.addInitScript(instrument, V[v].banner);
          const page = await ctx.newPage();
          const cdp = await ctx.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
          const a1 = await traced(page, async () => {
            await page.goto(url(v), { waitUntil: 'load', timeout: 30000 });
            await page.waitForFunction(() => window.__bench.bannerFrame !== null, null, { timeout: 20000 });
            await sleep(300);
          });
          await page.waitForFunction(V[v].ready, null, { timeout: 12000 });
          await page.evaluate(V[v].act.all);
          await page.waitForFunction(() => window.__bench.runs.some((r) => r[0] === 'hubspot-loader'), null, { timeout: 20000 });
          await sleep(150);
          const a2 = await traced(page, async () => {
            await page.goto(url(v), { waitUntil: 'load', timeout: 30000 });
            await page.waitForFunction(() => window.__bench.runs.some((r) => r[0] === 'hubspot-loader'), null, { timeout: 20000 });
            await sleep(300);
          });
          const tasks = a1.longTasks.concat(a2.longTasks);
          const touched = tasks.filter((t) => (t.inside[v] || 0) > 0);
          const caused = touched.filter((t) => t.ms - t.inside[v] <= 50);
          TR[v].self.push((a1.self[v] || 0) + (a2.self[v] || 0));
          TR[v].selfFirst.push(a1.self[v] || 0);
          TR[v].ltCaused.push(caused.length);
          TR[v].ltCausedMs.push(caused.reduce((s, t) => s + t.ms, 0));
          TR[v].ltInside.push(touched.reduce((s, t) => s + t.inside[v], 0));
          TR[v].ltAll.push(tasks.reduce((s, t) => s + t.ms, 0));
        } catch (e) {
          R.failures.push(`trace ${v} run ${i}: ${String(e).split('\n')[0]}`);
        } finally {
          await ctx.close();
        }
      }
      log(`trace run ${i + 1}/${RUNS} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    R.trace = TR;
  }

  // ============================================================== leaks
  async function leaks() {
    const trackerCookie = (c) => {
      for (const [svc, res] of Object.entries(COOKIES)) if (res.some((re) => re.test(c.name))) return svc;
      if (c.name === 'YSC' && /youtube/.test(c.domain)) return 'youtube';
      return null;
    };
    // A visitor: fresh context, every non-.test request logged and answered by the fakes.
    const visitor = async (v, { block = null } = {}) => {
      const ctx = await newCtx();
      const s = { ctx, reqs: [], phase: 'load', page: null, errors: [] };
      await ctx.addInitScript(instrument, V[v].banner);
      await ctx.route('**/*', async (route) => {
        const u = route.request().url();
        const host = new URL(u).hostname;
        if (host.endsWith('.test') || host === '127.0.0.1') {
          if (block && block.test(u)) return route.abort('failed');
          return route.continue();
        }
        s.reqs.push({ url: u, service: serviceOfUrl(u) || 'unknown:' + host, phase: s.phase });
        const r = fake(u);
        return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
      });
      s.page = await ctx.newPage();
      s.page.on('pageerror', (e) => s.errors.push(String(e).split('\n')[0]));
      // Waits for the CMP (bounded), then until no tracker request for 600 ms (at least 1.2 s after load).
      s.settle = async () => {
        await s.page.waitForLoadState('load');
        const t0 = Date.now();
        await s.page.waitForFunction(V[v].ready, null, { timeout: 5000 }).catch(() => {});
        let last = -1;
        while (Date.now() - t0 < 8000) {
          const nreq = s.reqs.length;
          if (nreq === last && Date.now() - t0 >= 1200) break;
          last = nreq;
          await sleep(600);
        }
      };
      s.open = async (path) => {
        await s.page.goto(path, { waitUntil: 'load', timeout: 20000 });
        await s.settle();
      };
      s.reload = async () => {
        await s.page.reload({ waitUntil: 'load', timeout: 20000 });
        await s.settle();
      };
      s.act = async (what) => {
        await s.page.waitForFunction(V[v].ready, null, { timeout: 10000 });
        await s.page.evaluate(V[v].act[what]);
        await sleep(300);
        await s.settle();
      };
      s.cookies = async () => (await ctx.cookies()).map((c) => ({ name: c.name, domain: c.domain, service: trackerCookie(c) })).filter((c) => c.service);
      s.bannerShown = () => s.page.evaluate(() => window.__bench.banner !== null);
      s.runs = () => s.page.evaluate(() => (window.__runs ? Array.from(window.__runs) : []));
      s.close = () => ctx.close();
      return s;
    };
    const reqsIn = (s, phases, pred = () => true) => s.reqs.filter((r) => phases.includes(r.phase) && pred(r));
    const summarizeReqs = (rs) => {
      const by = {};
      for (const r of rs) {
        const host = new URL(r.url).hostname;
        const gcs = /\/g\/collect/.test(r.url) ? ` /g/collect gcs=${new URL(r.url).searchParams.get('gcs')}` : '';
        const k = `${r.service} (${host}${gcs})`;
        by[k] = (by[k] || 0) + 1;
      }
      return Object.entries(by).map(([k, n]) => `${n}× ${k}`);
    };
    const cookieList = (cs) => cs.map((c) => `${c.name}@${c.domain}`);
    const marketing = (svc) => /^hubspot|^youtube/.test(svc);

    const SC = [
      ['first', 'first visit, no action'],
      ['reject', 'reject + reload'],
      ['analytics', 'accept analytics only + reload (marketing must stay off)'],
      ['withdraw', 'accept all, then withdraw + reload: tracker cookies gone (incl. on .bench.test)'],
      ['inject', 'gtag.js injected with createElement by a site script, before consent'],
      ['youtube', 'YouTube iframe, before consent'],
      ['pixel', 'HubSpot pixel (img), before consent'],
      ['down', 'CMP main script unavailable (network error): fail closed or open?'],
      ['engine', 'Wafer engine (WASM) unavailable (network error)'],
    ];
    R.leakScenarios = SC;
    for (const v of ['baseline', ...PEERS]) {
      R.leaks[v] = {};
      for (const [id] of SC) {
        if (v === 'baseline' && !['first', 'inject', 'youtube', 'pixel'].includes(id)) continue;
        if (id === 'engine' && v !== 'wafer') continue;
        const block = id === 'down' ? V[v].blockMain : id === 'engine' ? /\/v1\/engine\// : null;
        const s = await visitor(v, { block });
        const res = { leak: false, requests: [], cookies: [], notes: [] };
        try {
          const page = ['inject', 'youtube', 'pixel'].includes(id) ? url(v, id) : url(v);
          await s.open(page);
          if (id === 'first' || id === 'inject' || id === 'youtube' || id === 'pixel' || id === 'down' || id === 'engine') {
            let rs = reqsIn(s, ['load']);
            if (id === 'youtube') rs = rs.filter((r) => r.service === 'youtube');
            if (id === 'pixel') rs = rs.filter((r) => /bench=pixel/.test(r.url));
            if (id === 'inject') rs = rs.filter((r) => r.url.includes(GA_INJECTED_ID) || /\/g\/collect/.test(r.url) || r.service === 'google-analytics');
            let cs = await s.cookies();
            if (id === 'youtube') cs = cs.filter((c) => c.service === 'youtube');
            if (id === 'pixel') cs = [];
            res.requests = summarizeReqs(rs);
            res.cookies = cookieList(cs);
            res.leak = rs.length > 0 || cs.length > 0;
            if (v !== 'baseline') {
              const ex = expressible(v, id);
              if (!ex.ok) res.notes.push('cannot hold it: ' + ex.why);
              else if (ex.how) res.notes.push(ex.how);
            }
            if (id === 'down' || id === 'engine') {
              res.banner = v === 'baseline' ? null : await s.bannerShown();
              res.notes.push(res.banner ? 'banner shown: the visitor can still choose' : 'no banner: the visitor cannot choose');
            }
          } else if (id === 'reject') {
            s.phase = 'after';
            await s.act('reject');
            await s.reload();
            const rs = reqsIn(s, ['after']);
            const cs = await s.cookies();
            res.requests = summarizeReqs(rs);
            res.cookies = cookieList(cs);
            res.leak = rs.length > 0 || cs.length > 0;
            const before = reqsIn(s, ['load']);
            if (before.length) res.notes.push('before the choice: ' + summarizeReqs(before).join(', '));
          } else if (id === 'analytics') {
            s.phase = 'after';
            await s.act('analytics');
            await s.reload();
            const rs = reqsIn(s, ['after'], (r) => marketing(r.service));
            const cs = (await s.cookies()).filter((c) => marketing(c.service));
            res.requests = summarizeReqs(rs);
            res.cookies = cookieList(cs);
            res.leak = rs.length > 0 || cs.length > 0;
            const runs = await s.runs();
            const ga = runs.filter((r) => r === 'gtag:G-BENCH00001').length;
            res.notes.push(`GA ${ga ? 'ran' : 'did NOT run'} after the reload (allowed)`);
          } else if (id === 'withdraw') {
            s.phase = 'accepted';
            await s.act('all');
            await s.reload();
            const had = cookieList(await s.cookies());
            s.phase = 'after';
            await s.act('withdraw');
            const right = cookieList(await s.cookies());
            await s.reload();
            const rs = reqsIn(s, ['after']);
            const cs = await s.cookies();
            res.requests = summarizeReqs(rs);
            res.cookies = cookieList(cs);
            res.leak = rs.length > 0 || cs.length > 0;
            res.notes.push(`tracker cookies before withdrawal: ${had.join(', ') || 'none'}; right after it: ${right.join(', ') || 'none'}`);
          }
          if (s.errors.length) res.notes.push('page errors: ' + [...new Set(s.errors)].slice(0, 2).join('; '));
        } catch (e) {
          res.error = String(e).split('\n')[0];
          R.failures.push(`leak ${v} ${id}: ${res.error}`);
        } finally {
          await s.close();
        }
        R.leaks[v][id] = res;
        log(`leak ${v} ${id}: ${res.error ? 'ERROR ' + res.error : res.leak ? 'LEAK ' + res.requests.concat(res.cookies).join('; ') : 'clean'}`);
      }
    }
  }
} finally {
  await cleanup();
}

// ---------------------------------------------------------------- report
function report(r) {
  const m = r.machine;
  const f1 = fixed(1);
  const f3 = fixed(3);
  const ms = (xs) => {
    const [lo, hi] = range(xs);
    const n = finite(xs).length;
    return Number.isFinite(lo) ? `${f1(median(xs))} (${f1(lo)}–${f1(hi)}${n < (r.timingRuns || 0) ? `, n=${n}` : ''})` : '—';
  };
  const ratio = (a, w) => (Number.isFinite(a) && Number.isFinite(w) && w > 0 ? `${(a / w).toFixed(2)}×` : '—');
  const kb = (b) => (Number.isFinite(b) ? `${(b / 1024).toFixed(1)} KB` : '—');
  const labels = { wafer: 'Wafer', vanilla: 'vanilla-cookieconsent ' + (m.peers?.['vanilla-cookieconsent'] || ''),
    klaro: 'Klaro ' + (m.peers?.klaro || ''), tac: 'tarteaucitron ' + (m.peers?.tarteaucitronjs || ''), baseline: 'no CMP' };

  console.log(`## Consent managers side by side (bench/peers/peers_bench.mjs)\n`);
  console.log(`${m.date}; ${m.cpu}, ${m.cores} cores, ${m.mem_gb} GB, ${m.os}; Chromium ${m.chromium} headless; Node ${m.node}; ` +
    `load average ${m.loadavg} at the start, ${m.loadavg_end} at the end; ${r.seconds.toFixed(0)} s. Loopback HTTP, fresh browser context per run.\n`);

  if (r.timing && r.timing.baseline) {
    const T = r.timing;
    const B = r.bytes;
    const trace = r.trace;
    const n = r.timingRuns;
    console.log(`Medians of ${n} runs per CMP (min–max in brackets), times in ms after navigation start; "× Wafer" = the peer's median ÷ Wafer's (for times and bytes, > 1× means Wafer is lower).\n`);
    const cols = PEERS;
    console.log(`| what | ${cols.map((c) => labels[c]).join(' | ')} | no CMP |`);
    console.log(`|---|${cols.map(() => '---|').join('')}---|`);
    const row = (what, vals, base = '') => console.log(`| ${what} | ${vals.join(' | ')} | ${base} |`);
    const withRatio = (get, fmt) => cols.map((c) => {
      const x = get(c);
      const rt = c === 'wafer' || !T.wafer ? '—' : ratio(x, get('wafer'));
      return rt === '—' ? fmt(x) : `${fmt(x)} — ${rt}`;
    });
    const bytesOf = (c, k) => B[c]?.[k];
    row('first visit: everything the CMP adds, gzip -9 (its files)', withRatio((c) => bytesOf(c, 'total'), kb));
    row('… files', cols.map((c) => (B[c]?.files || []).map((f) => `${f.path.replace(/^.*\//, '')} ${f.gzip}`).join(', ') || '—'));
    row('… synchronous part: render-blocking files (Resource Timing `renderBlockingStatus`), gzip -9', withRatio((c) => bytesOf(c, 'sync'), kb));
    row('… inline in the page: gzip -9 of the page − gzip -9 of the no-CMP page', cols.map((c) => `${bytesOf(c, 'pageDelta') ?? '—'} B`));
    row('first visit: CMP bytes on the wire (transferSize, compressed, with headers)', withRatio((c) => median(T[c].wire), kb));
    row('new visitor, empty cache: banner visible', withRatio((c) => median(T[c].bannerCold), () => '').map((s, i) => ms(T[cols[i]].bannerCold) + s));
    row('new visitor, warm cache (second new-visitor visit): banner visible', withRatio((c) => median(T[c].bannerWarm), () => '').map((s, i) => ms(T[cols[i]].bannerWarm) + s));
    const base = { warm: median(T.baseline.retWarm), cold: median(T.baseline.retCold) };
    row('returning visitor, warm cache: gtag.js requested (tags released)', withRatio((c) => median(T[c].retWarm), () => '').map((s, i) => ms(T[cols[i]].retWarm) + s), ms(T.baseline.retWarm));
    row('… later than with no CMP (difference of medians)', withRatio((c) => median(T[c].retWarm) - base.warm, (x) => `+${f1(x)}`), '0');
    row('returning visitor, empty cache: gtag.js requested', withRatio((c) => median(T[c].retCold), () => '').map((s, i) => ms(T[cols[i]].retCold) + s), ms(T.baseline.retCold));
    row('… later than with no CMP (difference of medians)', withRatio((c) => median(T[c].retCold) - base.cold, (x) => `+${f1(x)}`), '0');
    const hsBase = { warm: median(T.baseline.hsWarm), cold: median(T.baseline.hsCold) };
    row('returning visitor, warm cache: HubSpot loader requested (marketing released)', withRatio((c) => median(T[c].hsWarm), () => '').map((s, i) => ms(T[cols[i]].hsWarm) + s), ms(T.baseline.hsWarm));
    row('… later than with no CMP', withRatio((c) => median(T[c].hsWarm) - hsBase.warm, (x) => `+${f1(x)}`), '0');
    row('returning visitor, empty cache: HubSpot loader requested', withRatio((c) => median(T[c].hsCold), () => '').map((s, i) => ms(T[cols[i]].hsCold) + s), ms(T.baseline.hsCold));
    row('… later than with no CMP', withRatio((c) => median(T[c].hsCold) - hsBase.cold, (x) => `+${f1(x)}`), '0');
    row('layout shift up to 1 s after the banner (sum of layout-shift values)', cols.map((c) => `${f3(median(T[c].cls))} (max ${f3(range(T[c].cls)[1])})`), `${f3(median(T.baseline.cls))} (to load + 1 s)`);
    if (trace && Object.keys(trace).length) {
      const tn = Math.max(...Object.values(trace).map((t) => t.self.length));
      row(`CPU 4× (n=${tn}), first visit to banner + returning visit: CMP main-thread script time`, withRatio((c) => median(trace[c].self), () => '').map((s, i) => ms(trace[cols[i]].self) + s));
      row('… of which the first visit', cols.map((c) => ms(trace[c].selfFirst)));
      row('… CMP script time inside long tasks (> 50 ms)', cols.map((c) => ms(trace[c].ltInside)));
      row('… long tasks caused by the CMP (task − CMP time ≤ 50 ms): count (max), total ms', cols.map((c) =>
        `${median(trace[c].ltCaused)} (max ${Math.max(0, ...trace[c].ltCaused)}), ${f1(median(trace[c].ltCausedMs))}`));
      row('… all long tasks on the page, total ms (context)', cols.map((c) => ms(trace[c].ltAll)));
    }
    console.log('');
    if (PEERS.includes('tac')) {
      console.log('tarteaucitron with `googleConsentMode: true` (its README\'s setting) loads gtag.js on every page, consent or not ' +
        '(Consent Mode "denied" before consent): its gtag.js rows are not a consent decision; the HubSpot rows are, for every CMP.\n');
    }
  }

  if (r.leaks && r.leaks.baseline) {
    console.log('### Leak table: tracker requests and tracker cookies where the visitor\'s choice forbids them\n');
    console.log('One run per cell, each in a fresh browser context; every request to a non-loopback host is logged (Playwright routing to the same fakes). ' +
      '**clean** = no tracker request and no tracker cookie where forbidden; otherwise what was seen (N× service (host), cookie@domain).\n');
    const cols = PEERS;
    console.log(`| scenario | ${cols.map((c) => labels[c]).join(' | ')} | no CMP (control) |`);
    console.log(`|---|${cols.map(() => '---|').join('')}---|`);
    const cell = (x) => {
      if (!x) return 'n/a';
      if (x.error) return `error: ${x.error.replace(/\|/g, '/')}`;
      const parts = [];
      parts.push(x.leak ? '**LEAK**: ' + x.requests.concat(x.cookies).join(', ') : '**clean**');
      for (const nt of x.notes) parts.push(nt);
      return parts.map((p) => p.replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('<br>').replace(/\|/g, '/');
    };
    for (const [id, label] of r.leakScenarios) {
      console.log(`| ${label} | ${cols.map((c) => cell(r.leaks[c][id])).join(' | ')} | ${cell(r.leaks.baseline?.[id])} |`);
    }
    console.log('');
    const notes = [
      'The fakes set GA and HubSpot cookies on the parent domain (`Domain=bench.test`, shown as `.bench.test`), as the real tags do on `www.` sites.',
      'Withdrawal: `wafer.withdraw()`; vanilla-cookieconsent and Klaro have no separate withdrawal, so "necessary only" (`acceptCategory([])`; `changeAll(false)` + `saveAndApplyConsents()`); tarteaucitron `respondAll(false)`.',
      'Klaro deletes the cookies a service lists; cookies set on another domain than the page\'s need `[regexp, path, domain]` in its config (dist/config.js comment) — listed by name here, as its example does for most services.',
      'tarteaucitron: `googleConsentMode: true` (README) loads gtag.js before any choice and after a refusal, with Consent Mode denied (`gcs=G100`: cookieless pings, no `_ga`); "analytics only" is its per-service "Allow" for gtag (it files HubSpot under "analytic" too).',
      '"no banner" in the unavailable rows: nothing to choose with until the script loads again; "clean" there means the tags stayed held (fail closed).',
    ];
    for (const n of notes) console.log('- ' + n);
    console.log('');
  }
  if (r.failures.length) {
    console.log(`${r.failures.length} run(s) failed and are left out of the figures:\n`);
    for (const f of r.failures.slice(0, 30)) console.log('    ' + f);
    console.log('');
  }
}
