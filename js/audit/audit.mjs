// audit.mjs — `wafer-audit audit`: every URL (or a same-origin crawl) in a
// fresh profile through the phases before → reject → each category alone →
// accept all → revisit → withdraw, driving Wafer through window.wafer; every
// third-party request and every cookie mapped to the policy's services.

import { buildIndex, defaultAllowed, parseUrl } from './match.mjs';
import { findUnmarkedTags } from './static.mjs';
import { newSession } from './browser.mjs';
import { checkConsentMode, checkLateDefaults, readDataLayer } from './consent-mode.mjs';
import { checkLifetimes, newLifetimeTracker, addMonths } from './lifetime.mjs';
import { checkMarkup, markedElements, readElements } from './markup.mjs';

export { addMonths, checkConsentMode };

const GOOGLE_SERVICES = new Set(['google-analytics', 'google-ads', 'google-tag-manager']);

const short = (u, n = 110) => (u.length > n ? u.slice(0, n - 1) + '…' : u);

// Google's collection endpoints (REFERENCE §2): GA4 hits and Ads conversion
// and remarketing pings.
const GOOGLE_COLLECT = [
  /^https?:\/\/([\w-]+\.)*google-analytics\.com\/(g|j)\/collect/,
  /^https?:\/\/([\w-]+\.)*analytics\.google\.com\/g\/collect/,
  /^https?:\/\/www\.google\.com\/(g\/collect|pagead\/1p-)/,
  /^https?:\/\/stats\.g\.doubleclick\.net\//,
  /^https?:\/\/www\.googleadservices\.com\/pagead\/conversion/,
  /^https?:\/\/([\w-]+\.)*doubleclick\.net\/(pagead|activity)/,
];

// A cookieless ping: a request to one of Google's collection endpoints that
// carries denied consent — gcs=G1xy (x ad_storage, y analytics_storage) with
// the service's own storage type denied (analytics for google-analytics, ads
// for google-ads, either for another service). Returns the gcs, or null.
export function cookielessPing(url, serviceId) {
  if (!GOOGLE_COLLECT.some((re) => re.test(url))) return null;
  let gcs = null;
  try {
    gcs = new URL(url).searchParams.get('gcs');
  } catch (e) {
    return null;
  }
  const m = /^G1([01])([01])$/.exec(gcs || '');
  if (!m) return null;
  const [ad, analytics] = [m[1], m[2]];
  const denied = serviceId === 'google-analytics' ? analytics === '0'
    : serviceId === 'google-ads' ? ad === '0' : ad === '0' || analytics === '0';
  return denied ? gcs : null;
}

// The policy's Consent Mode implementation (docs/policy.md "consent").
export const consentModeOf = (policy) => (policy?.consent?.consent_mode === 'advanced' ? 'advanced' : 'basic');

// Google's tags that read Consent Mode (gtag.js): in "advanced" they load
// before consent, with their types denied.
const isConsentModeTag = (svc) => svc.gtag || svc.id === 'google-analytics' || svc.id === 'google-ads';

// The phases after "before": [name, method, args, allowed categories].
function phasePlan(index) {
  const necessary = index.categories.filter((c) => c.necessary).map((c) => c.id);
  const all = index.categories.map((c) => c.id);
  const plan = [['reject', 'rejectAll', [], necessary]];
  for (const c of index.categories) if (!c.necessary) plan.push([`accept:${c.id}`, 'setCategories', [[c.id]], [...necessary, c.id]]);
  plan.push(['accept-all', 'acceptAll', [], all]);
  plan.push(['revisit', null, [], all]);
  plan.push(['withdraw', 'withdraw', [], necessary]);
  return plan;
}

// Checks the requests and cookies of one phase → violations (deduplicated);
// what is expected but worth knowing goes to `notices`.
export function analyse(index, s, phase, allowed, cookies, tracker, opts, notices = []) {
  const out = [], seen = new Set();
  const advanced = consentModeOf(index.policy) === 'advanced';
  const note = (key, v) => {
    if (seen.has(key)) return;
    seen.add(key);
    notices.push({ phase: phase.name, ...v });
  };
  const add = (key, v) => {
    // Undeclared parties do not depend on the phase: reported once per URL.
    if (v.kind === 'undeclared') {
      if (tracker.undeclared.has(key)) return;
      tracker.undeclared.add(key);
    }
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ phase: phase.name, ...v });
    }
  };
  const allowHost = (u) => (opts.allowHosts || []).some((p) => {
    const h = p.replace(/^\*\./, '');
    return u.host === h || (p.startsWith('*.') && u.host.endsWith('.' + h));
  });
  for (const r of phase.requests) {
    const u = parseUrl(r.url);
    if (!u || index.isFirstParty(u.host) || s.isWafer(r.url) || allowHost(u)) continue;
    const svc = index.serviceOfUrl(r.url);
    const by = r.initiator ? ` — initiated by ${r.initiator}` : '';
    const path = r.url.split('?')[0];
    if (svc && svc.declared) {
      const gcs = allowed.includes(svc.category) ? null : cookielessPing(r.url, svc.id);
      if (gcs) {
        // Consent Mode's denied hits: the policy's choice under "advanced"
        // (a notice), a leak under "basic".
        const what = `cookieless ping to ${short(r.url)} (service ${svc.id}, category ${svc.category}, gcs=${gcs}: ` +
          `consent denied) while ${svc.category} is not allowed`;
        const v = { kind: 'cookieless-ping', service: svc.id, category: svc.category, url: r.url, gcs, initiator: r.initiator };
        if (advanced) {
          note(`p|${svc.id}|${path}`, { ...v, message: `${what}: Consent Mode "advanced", as the policy chose — no cookie, ` +
            `but Google receives the page's address, the browser's IP address and user agent${by}` });
        } else {
          add(`p|${svc.id}|${path}`, { ...v, message: `${what}: the policy chose Consent Mode "basic", in which nothing of ` +
            `Google's loads before consent — a Google tag runs outside Wafer's hold${by}` });
        }
      } else if (!allowed.includes(svc.category) && advanced && isConsentModeTag(svc)) {
        note(`t|${svc.id}|${path}`, { kind: 'cookieless-ping', service: svc.id, category: svc.category, url: r.url,
          initiator: r.initiator, message: `request to ${short(r.url)} (service ${svc.id}) while ${svc.category} is not ` +
            `allowed: a Google tag loaded with its Consent Mode types denied, as the policy's "advanced" chose${by}` });
      } else if (!allowed.includes(svc.category)) {
        add(`c|${svc.id}|${path}`, { kind: 'category', service: svc.id, category: svc.category, url: r.url, initiator: r.initiator,
          message: `request to ${short(r.url)} (service ${svc.id}, category ${svc.category}) while ${svc.category} is not allowed${by}` });
      }
    } else if (svc) {
      add(`u|${svc.id}`, { kind: 'undeclared', service: svc.id, url: r.url, initiator: r.initiator,
        message: `undeclared third party: request to ${short(r.url)} is catalogue service "${svc.id}" (${svc.name}), which the policy does not declare${by}` });
    } else {
      add(`u||${u.host}`, { kind: 'undeclared', url: r.url, initiator: r.initiator,
        message: `undeclared third party: request to ${short(r.url)} (host ${u.host}) matches no service of the policy or the catalogue${by}` });
    }
  }
  for (const c of cookies) {
    const dom = c.domain.replace(/^\./, '');
    const first = index.isFirstParty(dom);
    const by = s.cookieWrites.get(c.name);
    const setBy = by ? ` — set by ${by}` : '';
    const id = `${c.name}|${dom}|${c.path}`;
    if (first && c.name === index.consentCookie) continue;
    const svc = first ? index.serviceOfCookie(c.name, true)
      : index.serviceOfCookie(c.name, false) || index.serviceOfCookieDomain(dom);
    if (svc && svc.declared) {
      if (!allowed.includes(svc.category)) {
        add(`cc|${id}`, { kind: 'category', service: svc.id, category: svc.category, cookie: c.name, domain: dom,
          message: `cookie ${c.name} (${dom}, service ${svc.id}, category ${svc.category}) present while ${svc.category} is not allowed${setBy}` });
      }
    } else if (svc) {
      add(`uc|${id}`, { kind: 'undeclared', service: svc.id, cookie: c.name, domain: dom,
        message: `undeclared cookie ${c.name} (${dom}) of catalogue service "${svc.id}" (${svc.name}), which the policy does not declare${setBy}` });
    } else if (!first) {
      add(`uc|${id}`, { kind: 'undeclared', cookie: c.name, domain: dom,
        message: `undeclared third-party cookie ${c.name} (${dom}) matches no service of the policy or the catalogue${setBy}` });
    }
  }
  return out;
}

function stateCheck(index, state, allowed, phase) {
  if (!state || !state.categories) return [];
  const wrong = index.categories.filter((c) => !!state.categories[c.id] !== allowed.includes(c.id));
  return wrong.map((c) => ({ kind: 'state', phase, category: c.id,
    message: `Wafer reports ${c.id} ${state.categories[c.id] ? 'allowed' : 'refused'} after ${phase}; expected ${allowed.includes(c.id) ? 'allowed' : 'refused'}` }));
}

const summarize = (s, phase, cookies, index) => ({
  requests: phase.requests.filter((r) => {
    const u = parseUrl(r.url);
    return u && !index.isFirstParty(u.host) && !s.isWafer(r.url);
  }).map((r) => ({ url: r.url, service: index.serviceOfUrl(r.url)?.id || null, initiator: r.initiator, type: r.type })),
  cookies: cookies.map((c) => ({ name: c.name, domain: c.domain, path: c.path,
    expires: c.expires > 0 ? new Date(c.expires * 1000).toISOString() : 'session',
    service: (index.isFirstParty(c.domain) ? index.serviceOfCookie(c.name, true) : index.serviceOfCookie(c.name, false))?.id || null,
    setBy: s.cookieWrites.get(c.name) || null })),
});

// A failed navigation, said plainly: a host that does not resolve gets the --host-map hint.
function failure(e, url) {
  const text = String(e.message || e).split('\n')[0];
  if (/ERR_NAME_NOT_RESOLVED/.test(text)) {
    const host = new URL(url).hostname;
    return `audit failed: ${host} does not resolve (net::ERR_NAME_NOT_RESOLVED); to audit a local copy or a staging server ` +
      `under this name, map it: --host-map ${host}=127.0.0.1`;
  }
  return `audit failed: ${text}`;
}

// Consent Mode order in every phase: the first default before any tag (on the
// first visit), each later default after a tag (reported once), each default
// after Wafer's update (reported once, in the phase where it changes most).
function consentModeOrder(late, dl, phase, pageUrls) {
  for (const v of checkLateDefaults(dl, pageUrls)) {
    const had = late.get(v.key);
    if (!had || v.effect > had.v.effect) late.set(v.key, { v, phase: phase.name });
  }
}

// Audits one URL: → { url, site, regime, phases: [{name, allowed, requests, cookies, violations, notices}], violations, notices }
export async function auditUrl(browser, url, policy, catalogue, opts = {}) {
  const index = buildIndex(policy, catalogue);
  // The audited host is first party even when the policy does not list it (staging).
  const host = new URL(url).hostname.toLowerCase();
  if (!index.isFirstParty(host)) index.domains.push(host.replace(/^www\./, ''));
  const s = await newSession(browser, { ...opts, siteHost: host });
  const result = { url, site: index.siteId, regime: null, phases: [], links: [] };
  const tracker = { undeclared: new Set() };
  const lifetimes = newLifetimeTracker();
  const late = new Map();
  const progress = opts.onPhase || (() => {});
  try {
    const page = await s.open();
    const total = 1 + phasePlan(index).length;
    const run = async (name, allowed, act, choice = false) => {
      progress(name, result.phases.length, total);
      s.phase = name;
      const start = s.requests.length, at = Date.now();
      const extra = await act();
      await s.settle();
      const requests = s.requests.slice(start).map((r) => ({ ...r, initiator: s.initiatorOf(r.url) }));
      const cookies = await s.context.cookies();
      const end = Date.now();
      const state = await page.evaluate(() => (window.wafer && window.wafer.getConsent ? window.wafer.getConsent() : null)).catch(() => null);
      const phase = { name, at, end, choice, requests };
      const allowedNow = typeof allowed === 'function' ? allowed(state) : allowed;
      const life = checkLifetimes(index, lifetimes, cookies, phase, {
        isFirstParty: (h) => index.isFirstParty(h), isWaferUrl: (u) => s.isWafer(u), setBy: (n) => s.cookieWrites.get(n) });
      const cmNotices = [];
      const violations = [...(extra?.violations || []).map((v) => ({ phase: name, ...v })),
        ...analyse(index, s, phase, allowedNow, cookies, tracker, opts, cmNotices),
        ...life.violations.map((v) => ({ phase: name, ...v })),
        ...(name === 'before' ? [] : stateCheck(index, state, allowedNow, name))];
      const dl = await page.evaluate(readDataLayer).catch(() => null);
      // The page's own requests (Resource Timing: beacons and pixels included), else those since it was opened.
      const pageUrls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => null) ||
        s.requests.slice(s.pageStart).map((r) => r.url);
      consentModeOrder(late, dl, phase, pageUrls);
      result.phases.push({ name, allowed: allowedNow, ...summarize(s, phase, cookies, index), violations,
        notices: [...cmNotices, ...life.notices.map((v) => ({ phase: name, ...v }))] });
      return { state, dl };
    };
    let html = '';
    let hasWafer = false;
    const first = await run('before', (state) => {
      result.regime = state?.regime || policy?.regimes?.default || 'opt-in';
      return defaultAllowed(index, result.regime);
    }, async () => {
      s.pageStart = s.requests.length;  // The page the phase ends on: its dataLayer, its hits.
      const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
      html = res ? await res.text().catch(() => '') : '';
      const violations = [];
      if (res && !res.ok()) violations.push({ kind: 'http', message: `HTTP ${res.status()} for ${url}` });
      // (4) Unmarked tags in the HTML.
      for (const t of findUnmarkedTags(html, page.url(), index)) {
        violations.push({ kind: 'preload', line: t.line, tag: t.tag, service: t.service, url: t.url,
          message: `line ${t.line}: unmarked <${t.tag}> for ${t.declared ? 'service' : 'undeclared catalogue service'} ${t.service} ` +
            `is fetched by the preload scanner before consent: ${short(t.text, 160)} — change it to: ${short(t.fix, 200)}`,
          text: t.text, fix: t.fix });
      }
      return { violations };
    });
    hasWafer = await page.evaluate(() => !!(window.wafer && window.wafer.getConsent && window.wafer.getConsent())).catch(() => false);
    const before = result.phases[0];
    // (6) Wafer markings that disagree with the policy: in the HTML, and those scripts inserted.
    const dom = await page.evaluate(readElements).catch(() => []);
    before.violations.push(...checkMarkup(index, markedElements(html, page.url(), dom), catalogue, page.url())
      .map((v) => ({ phase: 'before', ...v })));
    // (5) Consent Mode order, on the first visit.
    const dl = first.dl;
    // Only where the page uses Google tags: queued commands, a Google tag in the
    // HTML (marked up or not) or a request of a Google service.
    const googleInPlay = (dl || []).some((e) => e.cmd && (e.cmd[0] === 'config' || e.cmd[0] === 'event')) ||
      /googletagmanager\.com\/(gtag\/js|gtm\.js)/.test(html) ||
      before.requests.some((r) => GOOGLE_SERVICES.has(index.serviceOfUrl(r.url)?.id));
    before.violations.push(...checkConsentMode(dl, googleInPlay).map((v) => ({ phase: 'before', ...v })));
    if (!hasWafer) {
      before.violations.push({ phase: 'before', kind: 'wafer-missing',
        message: 'Wafer did not decide on this page (window.wafer.getConsent() stayed null): is wafer.js the first script in <head>? The consent phases were skipped' });
    }
    if (opts.depth > 0) {
      const origin = new URL(page.url()).origin;
      result.links = [...new Set(await page.$$eval('a[href]', (as) => as.map((a) => a.href)).catch(() => []))]
        .map((h) => h.split('#')[0]).filter((h) => h.startsWith(origin + '/'));
    }
    if (hasWafer) {
      for (const [name, method, args, allowed] of phasePlan(index)) {
        await run(name, allowed, async () => {
          if (method) {
            await page.evaluate(({ method, args }) => Promise.race([window.wafer[method](...args),
              new Promise((f) => setTimeout(f, 10000))]), { method, args });
          }
          s.pageStart = s.requests.length;
          await page.reload({ waitUntil: 'load', timeout: 30000 });
        }, !!method);
      }
    }
  } catch (e) {
    result.phases.push({ name: 'error', allowed: [], requests: [], cookies: [], notices: [],
      violations: [{ phase: 'error', kind: 'error', message: failure(e, url) }] });
  } finally {
    await s.close();
  }
  for (const { v, phase } of late.values()) {
    const p = result.phases.find((x) => x.name === phase);
    const { index: i, key: _k, effect: _e, ...rest } = v;
    if (p) p.violations.push({ phase, ...rest, dataLayerIndex: i });
  }
  result.violations = result.phases.flatMap((p) => p.violations);
  result.notices = result.phases.flatMap((p) => p.notices || []);
  return result;
}

// Picks the policy whose site domains cover the URL's host (or the only one).
export function policyFor(url, policies) {
  if (policies.length === 1) return policies[0];
  const host = new URL(url).hostname;
  return policies.find((p) => buildIndex(p, []).isFirstParty(host)) || null;
}

// Audits every URL, crawling same-origin links to `depth`.
export async function audit(browser, urls, policies, catalogue, opts = {}) {
  const queue = urls.map((u) => [u, 0]), done = new Set(), results = [];
  const max = opts.maxPages || 50;
  while (queue.length && results.length < max) {
    const [url, d] = queue.shift();
    if (done.has(url)) continue;
    done.add(url);
    const policy = policyFor(url, policies);
    opts.onUrl?.(url, results.length, results.length + queue.length + 1);
    let r;
    if (!policy) {
      r = { url, site: null, notices: [], phases: [{ name: 'before', allowed: [], requests: [], cookies: [], notices: [],
        violations: [{ phase: 'before', kind: 'usage', message: `no policy covers ${new URL(url).hostname}` }] }], links: [] };
      r.violations = r.phases[0].violations;
    } else {
      r = await auditUrl(browser, url, policy, catalogue, { ...opts, depth: d < (opts.depth || 0) ? 1 : 0 });
    }
    results.push(r);
    for (const l of r.links || []) if (!done.has(l)) queue.push([l, d + 1]);
    delete r.links;
  }
  return results;
}
