// harness.mjs — the real wafer-server on a free loopback port, one headless
// Chromium, and fresh browser contexts whose tracker hosts are routed to the
// fakes (fakes.mjs). Every request is logged with the service it belongs to.
//
//   const h = await startHarness();
//   const v = await h.visitor({ region: 'FR' });
//   await v.open('kalido');
//   ...
//   await h.stop();
//
// Environment: WAFER_SERVER (the server binary, default
// build/native/server/wafer-server), WAFER_CHROMIUM (default /usr/bin/chromium),
// WAFER_E2E_NO_BUILD=1 (do not rebuild js/dist first).

import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { fakeResponse, serviceOfUrl } from './fakes.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

// Headless flags (shared/TOOLCHAIN.md); *.test resolves to loopback.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
  // A page fulfilled by a route (visitor opts.csp) counts as public: let it reach loopback.
  '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks'];

// The admin API's token on the test server (GET /v1/admin/receipts/<consent id>).
// wafer-server refuses an admin token shorter than 32 random characters
// outside --demo: the tests run it as a site would.
export const ADMIN_TOKEN = randomBytes(24).toString('base64url');

export function policyOf(site, dir = join(ROOT, 'demo', 'policies')) {
  return JSON.parse(readFileSync(join(dir, site + '.json'), 'utf8'));
}

// Bundles js/src into js/dist (esbuild takes well under a second), so the
// tests always run the current sources; WAFER_E2E_NO_BUILD=1 uses js/dist as is.
function buildJs() {
  if (process.env.WAFER_E2E_NO_BUILD) return;
  execFileSync(process.execPath, [join(ROOT, 'js', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

// Starts the real wafer-server on a loopback port (0: any free one) over the
// policies in `policies`, serving `sites`; resolves once it listens.
export async function startServer(policies, data, port = 0, sites = join(ROOT, 'demo', 'sites')) {
  const bin = process.env.WAFER_SERVER || join(ROOT, 'build', 'native', 'server', 'wafer-server');
  if (!existsSync(bin)) throw new Error(`${bin} not built (scripts/build.sh native)`);
  const proc = spawn(bin, ['--listen', `127.0.0.1:${port}`, '--policies', policies,
    '--sites', sites, '--engine', join(ROOT, 'build', 'wasm', 'wasm'),
    '--js', join(ROOT, 'js', 'dist'), '--data', data, '--geo-header', 'X-Wafer-Region',
    '--rate-limit', '0', '--quiet', '--poll-ms', '200', '--admin-token', ADMIN_TOKEN],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const bound = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('wafer-server did not start:\n' + out)), 15000);
    const look = (chunk) => {
      out += chunk;
      const m = /listening on [^\s:"]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    proc.stdout.on('data', look);
    proc.stderr.on('data', look);
    proc.on('exit', (code, signal) => {
      reject(new Error(`wafer-server exited (${code ?? signal}):\n${out}`));
      if (!proc.stopping) console.error(`[e2e] wafer-server exited (${code ?? signal}):\n${out}`);
    });
  });
  return { proc, port: bound, log: () => out };
}

export async function startHarness() {
  buildJs();
  const tmp = mkdtempSync(join(tmpdir(), 'wafer-e2e-'));
  const policies = join(tmp, 'policies');
  cpSync(join(ROOT, 'demo', 'policies'), policies, { recursive: true });
  let server = await startServer(policies, join(tmp, 'data'));
  const stopServer = async () => {
    server.proc.stopping = true;
    server.proc.kill('SIGTERM');
    await new Promise((f) => (server.proc.exitCode !== null || server.proc.signalCode !== null ? f() : server.proc.once('exit', f)));
  };
  const browser = await chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
  });
  const h = {
    port: server.port,
    browser,
    policies,
    url: (site, path = '/') => `http://www.${site}.test:${server.port}${path}`,
    // Rewrites a site's policy in the server's policy folder and restarts the
    // server on the same port (WAFER_E2E_SIGHUP=1: asks it to reload with
    // SIGHUP instead), then waits until the new policy is served.
    async setPolicy(site, edit) {
      const p = policyOf(site, policies);
      edit(p);
      writeFileSync(join(policies, site + '.json'), JSON.stringify(p, null, 2));
      if (process.env.WAFER_E2E_SIGHUP) server.proc.kill('SIGHUP');
      else {
        // Restart on the same port (same origins, same data folder).
        await stopServer();
        server = await startServer(policies, join(tmp, 'data'), h.port);
      }
      const want = `"revision":${p.revision}`;
      for (let i = 0; i < 100; i++) {
        const r = await fetch(`http://127.0.0.1:${server.port}/v1/sites/${site}/wafer.js`);
        if ((await r.text()).includes(want)) return;
        await new Promise((f) => setTimeout(f, 100));
      }
      throw new Error(`server did not reload ${site}`);
    },
    visitor: (opts) => visitor(h, opts),
    // The receipts the server stored for a consent id (admin API).
    async storedReceipts(consentId) {
      const r = await fetch(`http://127.0.0.1:${server.port}/v1/admin/receipts/${consentId}`,
        { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return r.status === 404 ? [] : (await r.json()).receipts;
    },
    async stop() {
      await browser.close().catch(() => {});
      await stopServer();
      rmSync(tmp, { recursive: true, force: true });
    },
    serverLog: () => server.log(),
  };
  return h;
}

// Sends a browser request to the server on loopback, keeping its Host header
// (`plain`: asks for an uncompressed answer).
export function forward(port, req, plain = false) {
  return new Promise((resolve, reject) => {
    const u = new URL(req.url());
    const headers = { ...req.headers(), host: u.host };
    if (plain) delete headers['accept-encoding'];
    // agent: false — no keep-alive socket survives a server restart.
    const r = http.request({ host: '127.0.0.1', port, method: req.method(), path: u.pathname + u.search, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject);
    r.end(req.postDataBuffer() || undefined);
  });
}

// A visitor: a fresh browser context (its own cookies and storage).
// opts: { region, gpc, engineDown, context (more Playwright context options:
// colorScheme, viewport, reducedMotion, locale…), csp (a Content-Security-Policy
// header added to the site's pages), html (text → text: rewrites the site's
// pages, e.g. their <html lang>) }
async function visitor(h, opts = {}) {
  const context = await h.browser.newContext({
    ...(opts.context || {}),
    extraHTTPHeaders: opts.region ? { 'X-Wafer-Region': opts.region } : {},
  });
  if (opts.gpc) {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
  }
  const v = {
    context,
    requests: [],   // { url, service, phase }
    local: [],      // URLs fetched from the server (pages, Wafer's scripts, engine)
    receipts: [],   // parsed POST /v1/consents bodies
    phase: 'load',
    page: null,
  };
  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    const host = new URL(url).hostname;
    if (host.endsWith('.test') || host === '127.0.0.1') {
      v.local.push(url);
      if ((opts.csp || opts.html) && req.resourceType() === 'document') {
        const res = await forward(h.port, req, true);
        const headers = { ...res.headers };
        if (opts.csp) headers['content-security-policy'] = opts.csp;
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        const body = opts.html ? opts.html(res.body.toString('utf8')) : res.body;
        return route.fulfill({ status: res.status, headers, body });
      }
      if (opts.engineDown && /\/v1\/engine\//.test(url)) return route.fulfill({ status: 404, body: 'gone' });
      if (/\/v1\/consents$/.test(url) && req.method() === 'POST') {
        let body;
        try {
          body = JSON.parse(req.postData());
        } catch (e) {
          body = { unreadable: req.postData() };
        }
        v.receipts.push(body);
        // Forwarded from Node (which does not know *.test) to see the server's answer.
        const res = await forward(h.port, req).catch((e) => ({ status: 599, body: String(e) }));
        body.status = res.status;  // 201: stored.
        return route.fulfill({ status: res.status, contentType: 'application/json', body: res.body });
      }
      return route.continue();
    }
    v.requests.push({ url, service: serviceOfUrl(url), phase: v.phase });
    const r = fakeResponse(url);
    return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
  });
  // Moves the page's clock: Date and Date.now run `ms` ahead on the next loads.
  v.shiftClock = (ms) => context.addInitScript((offset) => {
    const D = Date;
    class Shifted extends D {
      constructor(...a) {
        if (a.length) super(...a);
        else super(D.now() + offset);
      }
      static now() {
        return D.now() + offset;
      }
    }
    window.Date = Shifted;
  }, ms);
  v.open = async (site, path = '/') => {
    if (!v.page) {
      v.page = await context.newPage();
      v.page.on('pageerror', (e) => (v.errors = v.errors || []).push(String(e)));
    }
    v.mark = 0;
    await v.page.goto(h.url(site, path));
    await v.settle();
    return v.page;
  };
  v.reload = async () => {
    v.mark = 0;
    await v.page.reload();
    await v.settle();
  };
  // Starts a step on the current page: requests and runs are counted from here.
  v.step = async (name) => {
    v.phase = name;
    v.mark = v.page ? (await v.runs()).length : 0;
  };
  // Waits until no tracker request and no tag run happened for 300 ms.
  v.quiet = async () => {
    let last = '';
    for (let i = 0; i < 40; i++) {
      const now = v.requests.length + ':' + (await v.runs()).length;
      if (now === last) return;
      last = now;
      await v.page.waitForTimeout(300);
    }
  };
  // Waits for Wafer's decision (or its fail-closed banner) and for the tags
  // it released to finish loading.
  v.settle = async () => {
    await v.page.waitForFunction(() => window.wafer && (window.wafer.getConsent() || document.getElementById('wafer-banner')),
      null, { timeout: 10000 });
    await v.page.waitForLoadState('networkidle');
    await v.quiet();
  };
  v.click = async (action) => {
    await v.page.click(`#wafer-banner [data-wafer-action="${action}"]`);
    await v.quiet();
  };
  // The receipts sent so far, once the server answered each.
  v.receiptsDone = async () => {
    for (let i = 0; i < 50 && v.receipts.some((r) => r.status === undefined); i++) await v.page.waitForTimeout(100);
    return v.receipts;
  };
  v.bannerVisible = async () => (await v.page.$('#wafer-banner')) !== null;
  v.runs = () => v.page.evaluate(() => window.__runs || []);
  v.cookies = async () => (await context.cookies()).map((c) => c.name);
  v.cookieJar = () => context.cookies();
  v.close = () => context.close();
  return v;
}
