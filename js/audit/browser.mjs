// browser.mjs — one headless Chromium (playwright-core, Debian's chromium) and
// recording sessions: a fresh context (profile) that logs every request with
// its initiator (CDP Network.requestWillBeSent), every cookie write that
// reached the browser with the script that made it, and every Set-Cookie.

import { chromium } from 'playwright-core';
import { ROOT } from './catalogue.mjs';
import { isIPv4, isIPv6 } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// shared/TOOLCHAIN.md; *.test resolves to loopback (tests and local fixtures).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

// --host-map HOST=ADDR: HOST a host name or "*.domain", ADDR an IPv4 or IPv6
// address or a host name. Checked strictly: the pair becomes a Chromium
// resolver rule, where a comma or a space would start another rule.
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export function parseHostMap(text) {
  const i = text.indexOf('=');
  const host = (i < 0 ? '' : text.slice(0, i)).trim().toLowerCase().replace(/\.$/, '');
  const addr = (i < 0 ? '' : text.slice(i + 1)).trim().toLowerCase();
  if (!host || !addr) return { error: `expected HOST=ADDR (as www.example.com=127.0.0.1), got "${text}"` };
  if (host.length > 253 || !HOST.test(host)) return { error: `"${host}" is not a host name (or *.domain)` };
  const v6 = addr.replace(/^\[(.*)\]$/, '$1');
  if (isIPv6(v6)) return { host, addr: `[${v6}]` };
  if (!(isIPv4(addr) || (addr.length <= 253 && HOST.test(addr) && !addr.startsWith('*')))) {
    return { error: `"${addr}" is not an IP address or a host name` };
  }
  return { host, addr };
}

// True if `host` is covered by a --host-map entry.
export const mapped = (hostMap, host) => (hostMap || []).some((m) =>
  (m.host.startsWith('*.') ? host === m.host.slice(2) || host.endsWith(m.host.slice(1)) : host === m.host));

// opts: { resolveTest: *.test → 127.0.0.1, hostMap: [{ host, addr }] }
export async function launch({ resolveTest = false, hostMap = [] } = {}) {
  const args = [...FLAGS];
  const rules = hostMap.flatMap((m) => (m.host.startsWith('*.') ? [`MAP ${m.host.slice(2)} ${m.addr}`, `MAP ${m.host} ${m.addr}`]
    : [`MAP ${m.host} ${m.addr}`]));
  if (resolveTest) rules.push('MAP *.test 127.0.0.1');
  if (rules.length) args.push(`--host-resolver-rules=${rules.join(', ')}`);
  return chromium.launch({ executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium', headless: true, args });
}

const isLocal = (host, hostMap) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]' ||
  host.endsWith('.test') || host.endsWith('.localhost') || mapped(hostMap, host);

let fakes;
async function loadFakes() {
  fakes ||= await import(pathToFileURL(join(ROOT, 'tests', 'e2e', 'lib', 'fakes.mjs')).href);
  return fakes;
}

const WAFER_PATH = /\/v1\/sites\/[^/]+\/wafer\.js(\?|$)/;

// The scripts on the initiator's stack, innermost first ("URL:line").
function initiatorFrames(init) {
  const out = [];
  if (!init) return out;
  for (let st = init.stack; st; st = st.parent) {
    for (const c of st.callFrames || []) if (c.url) out.push(`${c.url}:${c.lineNumber + 1}`);
  }
  if (!out.length && init.url) out.push(init.lineNumber !== undefined ? `${init.url}:${init.lineNumber + 1}` : init.url);
  return out;
}

// Wafer's own scripts (the stub, the loader) re-insert the tags they release:
// the initiator is the first other script on the stack, else Wafer itself.
const isWaferScript = (f) => WAFER_PATH.test(f) || /\/v1\/[^ ]*(loader|engine)[^ ]*\.m?js/.test(f);
function pickFrame(frames, own = 'released by Wafer') {
  if (!frames.length) return null;
  const other = frames.find((f) => !isWaferScript(f.replace(/:\d+$/, '')));
  if (other === 'an inline script' && frames.some(isWaferScript)) return 'an inline script (released by Wafer)';
  return other || `${frames[0]} (${own})`;
}

// opts: { routeFakes, region, hostMap, siteHost (never answered by a fake) }
export async function newSession(browser, opts = {}) {
  const context = await browser.newContext({
    extraHTTPHeaders: opts.region ? { 'X-Wafer-Region': opts.region } : {},
  });
  const s = {
    context,
    page: null,
    requests: [],          // { url, frame, type, phase, initiator }
    cookieWrites: new Map(), // cookie name → "script URL:line" or "Set-Cookie from URL"
    waferOrigins: new Set(),
    phase: 'load',
  };
  const initiators = new Map();
  if (opts.routeFakes) {
    const { fakeResponse } = await loadFakes();
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (!/^https?:$/.test(u.protocol) || isLocal(u.hostname, opts.hostMap) || u.hostname === opts.siteHost) return route.continue();
      const r = fakeResponse(u.href);
      return route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
    });
  }
  context.on('request', (req) => {
    const url = req.url();
    if (WAFER_PATH.test(url)) s.waferOrigins.add(new URL(url).origin);
    let frame = null;
    try {
      frame = req.frame().url();
    } catch { /* service worker */ }
    s.requests.push({ url, frame, type: req.resourceType(), phase: s.phase, initiator: null, key: url });
  });
  context.on('response', async (res) => {
    try {
      for (const h of await res.headersArray()) {
        if (h.name.toLowerCase() === 'set-cookie') {
          const name = h.value.split('=')[0].trim();
          if (!s.cookieWrites.has(name)) s.cookieWrites.set(name, `Set-Cookie from ${res.url()}`);
        }
      }
    } catch { /* page gone */ }
  });
  // Cookie writes that got through (Wafer's guard wraps this setter): who made them.
  await context.exposeBinding('__waferAuditCookie', (_src, name, stack) => {
    // V8 frames: "at f (URL:line:col)"; an inline script inserted by a script has no URL.
    const frames = [...String(stack).matchAll(/(https?:\/\/[^\s)]+?|<anonymous>):(\d+):\d+/g)]
      .map((m) => (m[1] === '<anonymous>' ? 'an inline script' : `${m[1]}:${m[2]}`));
    s.cookieWrites.set(name, pickFrame(frames, 'Wafer') || 'an inline script');
  });
  await context.addInitScript(() => {
    // Room for every request of the page in Resource Timing (the audit reads the Google hits' gcs there).
    try {
      performance.setResourceTimingBufferSize(5000);
    } catch (e) { /* ignore */ }
    const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (!d || !d.set) return;
    const report = window.__waferAuditCookie;
    function set(v) {
      try {
        const o = {};
        Error.captureStackTrace(o, set);  // The stack below this setter.
        report(String(v).split('=')[0].trim(), o.stack);
      } catch (e) { /* ignore */ }
      d.set.call(this, v);
    }
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: d.enumerable, set,
      get() { return d.get.call(this); },
    });
  });
  s.open = async () => {
    s.page = await context.newPage();
    const cdp = await context.newCDPSession(s.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    cdp.on('Network.requestWillBeSent', (e) => initiators.set(e.request.url, pickFrame(initiatorFrames(e.initiator))));
    return s.page;
  };
  s.initiatorOf = (url) => initiators.get(url) || null;
  s.isWafer = (url) => {
    try {
      const u = new URL(url);
      return s.waferOrigins.has(u.origin) && u.pathname.startsWith('/v1/');
    } catch {
      return false;
    }
  };
  // Waits for Wafer's decision (when Wafer is on the page), the network to go
  // idle, and no new request for 500 ms.
  s.settle = async () => {
    const p = s.page;
    await p.waitForFunction(() => !window.wafer || (window.wafer.getConsent && window.wafer.getConsent()) ||
      document.getElementById('wafer-banner'), null, { timeout: 10000 }).catch(() => {});
    await p.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {});
    let last = -1;
    for (let i = 0; i < 20 && s.requests.length !== last; i++) {
      last = s.requests.length;
      await p.waitForTimeout(500);
    }
  };
  s.close = () => context.close().catch(() => {});
  return s;
}
