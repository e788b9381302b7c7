// audit.mjs — `wafer-audit audit`: every URL (or a same-origin crawl) in a
// fresh profile through the phases before → reject → each category alone →
// accept all → revisit → withdraw, driving Wafer through window.wafer; every
// third-party request and every cookie mapped to the policy's services.

import { buildIndex, defaultAllowed, parseUrl } from './match.mjs';
import { findUnmarkedTags } from './static.mjs';
import { newSession } from './browser.mjs';

const GOOGLE_SERVICES = new Set(['google-analytics', 'google-ads', 'google-tag-manager']);
const SLACK_MS = 60_000;

// UTC calendar months, the day clamped to the end of the month (docs/engine.md "Months").
export function addMonths(ms, n) {
  const d = new Date(ms);
  const m = d.getUTCMonth() + n, y = d.getUTCFullYear() + Math.floor(m / 12), mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, mm + 1, 0)).getUTCDate();
  return Date.UTC(y, mm, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

const short = (u, n = 110) => (u.length > n ? u.slice(0, n - 1) + '…' : u);
const days = (ms) => Math.round(ms / 86_400_000);
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

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

async function dataLayerOf(page) {
  return page.evaluate(() => {
    const dl = window.dataLayer;
    if (!Array.isArray(dl)) return null;
    return Array.from(dl, (e) => {
      try {
        if (e && typeof e === 'object' && (Array.isArray(e) || Object.prototype.toString.call(e) === '[object Arguments]')) {
          return { cmd: Array.from(e).slice(0, 2).map((x) => (typeof x === 'string' ? x : typeof x)) };
        }
        if (e && typeof e === 'object') return { event: typeof e.event === 'string' ? e.event : null };
      } catch (err) { /* exotic entry */ }
      return {};
    });
  });
}

const fmtEntry = (e) => (e.cmd ? `gtag(${e.cmd.map((x) => `'${x}'`).join(', ')}, …)` : `{event: '${e.event}'}`);

// (5) The first gtag('consent','default') must precede every 'config' and 'event'.
export function checkConsentMode(dl, googleInPlay) {
  if (!googleInPlay) return [];
  const isDefault = (e) => e.cmd && e.cmd[0] === 'consent' && e.cmd[1] === 'default';
  const isTag = (e) => (e.cmd && (e.cmd[0] === 'config' || e.cmd[0] === 'event')) || (e.event && !/^wafer_/.test(e.event));
  const d = dl ? dl.findIndex(isDefault) : -1;
  const t = dl ? dl.findIndex(isTag) : -1;
  if (d < 0) {
    return [{ kind: 'consent-mode', element: 'dataLayer', message: 'Consent Mode defaults missing: no gtag(\'consent\', \'default\', …) in window.dataLayer ' +
      'although the page uses Google tags; load wafer.js first in <head>' }];
  }
  if (t >= 0 && t < d) {
    return [{ kind: 'consent-mode', element: `dataLayer[${d}]`, message: `Consent Mode defaults set after a Google tag: dataLayer[${t}] is ${fmtEntry(dl[t])} ` +
      `but the first gtag('consent', 'default', …) is dataLayer[${d}]; move wafer.js above the Google tag snippet, first in <head>` }];
  }
  return [];
}

// Checks the requests and cookies of one phase → violations (deduplicated).
function analyse(index, s, phase, allowed, cookies, tracker, opts) {
  const out = [], seen = new Set();
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
      if (!allowed.includes(svc.category)) {
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
  const now = phase.at;
  for (const c of cookies) {
    const dom = c.domain.replace(/^\./, '');
    const first = index.isFirstParty(dom);
    const by = s.cookieWrites.get(c.name);
    const setBy = by ? ` — set by ${by}` : '';
    const id = `${c.name}|${dom}|${c.path}`;
    // (2) Lifetimes, first-party cookies only.
    if (first && c.expires > 0) {
      const exp = c.expires * 1000;
      if (exp > addMonths(now, 13) + SLACK_MS && !tracker.long.has(id)) {
        tracker.long.add(id);
        add(`l|${id}`, { kind: 'lifetime', cookie: c.name, domain: dom, expires: new Date(exp).toISOString(),
          message: `cookie ${c.name} (${dom}${c.path}) expires ${new Date(exp).toISOString().slice(0, 10)}, in ${days(exp - now)} days: more than 13 months${days(exp - now) >= 399 ? ' (Chromium caps cookies at 400 days: the site asked for at least that)' : ''}${setBy}` });
      }
      const prev = tracker.seen.get(id);
      if (prev && c.name !== index.consentCookie && exp > prev.expires + 500 && exp > addMonths(prev.first, 13) + SLACK_MS && !tracker.extended.has(id)) {
        tracker.extended.add(id);
        add(`e|${id}`, { kind: 'lifetime', cookie: c.name, domain: dom,
          message: `cookie ${c.name} (${dom}${c.path}) extended on revisit: expiry moved from ${iso(prev.expires)} to ${iso(exp)}` +
            `, beyond 13 months from its first placement${setBy}` });
      }
    }
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
  // Cookies gone in this phase: a later placement is a new one.
  const present = new Set(cookies.map((c) => `${c.name}|${c.domain.replace(/^\./, '')}|${c.path}`));
  for (const k of [...tracker.seen.keys()]) if (!present.has(k)) tracker.seen.delete(k);
  for (const c of cookies) {
    const id = `${c.name}|${c.domain.replace(/^\./, '')}|${c.path}`;
    if (c.expires > 0) {
      const prev = tracker.seen.get(id);
      tracker.seen.set(id, { first: prev ? prev.first : now, expires: Math.max(c.expires * 1000, prev ? prev.expires : 0) });
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

// Audits one URL: → { url, site, regime, phases: [{name, allowed, requests, cookies, violations}], links }
export async function auditUrl(browser, url, policy, catalogue, opts = {}) {
  const index = buildIndex(policy, catalogue);
  // The audited host is first party even when the policy does not list it (staging).
  const host = new URL(url).hostname.toLowerCase();
  if (!index.isFirstParty(host)) index.domains.push(host.replace(/^www\./, ''));
  const s = await newSession(browser, opts);
  const result = { url, site: index.siteId, regime: null, phases: [], links: [] };
  const tracker = { seen: new Map(), long: new Set(), extended: new Set(), undeclared: new Set() };
  const progress = opts.onPhase || (() => {});
  try {
    const page = await s.open();
    const total = 1 + phasePlan(index).length;
    const run = async (name, allowed, act) => {
      progress(name, result.phases.length, total);
      s.phase = name;
      const start = s.requests.length, at = Date.now();
      const extra = await act();
      await s.settle();
      const requests = s.requests.slice(start).map((r) => ({ ...r, initiator: s.initiatorOf(r.url) }));
      const cookies = await s.context.cookies();
      const state = await page.evaluate(() => (window.wafer && window.wafer.getConsent ? window.wafer.getConsent() : null)).catch(() => null);
      const phase = { name, at, requests };
      const allowedNow = typeof allowed === 'function' ? allowed(state) : allowed;
      const violations = [...(extra?.violations || []).map((v) => ({ phase: name, ...v })), ...analyse(index, s, phase, allowedNow, cookies, tracker, opts),
        ...(name === 'before' ? [] : stateCheck(index, state, allowedNow, name))];
      result.phases.push({ name, allowed: allowedNow, ...summarize(s, phase, cookies, index), violations });
      return state;
    };
    let html = '';
    let hasWafer = false;
    await run('before', (state) => {
      result.regime = state?.regime || policy?.regimes?.default || 'opt-in';
      return defaultAllowed(index, result.regime);
    }, async () => {
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
    // (5) Consent Mode order, on the first visit.
    const dl = await dataLayerOf(page).catch(() => null);
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
          await page.reload({ waitUntil: 'load', timeout: 30000 });
        });
      }
    }
  } catch (e) {
    result.phases.push({ name: 'error', allowed: [], requests: [], cookies: [],
      violations: [{ phase: 'error', kind: 'error', message: `audit failed: ${String(e.message || e).split('\n')[0]}` }] });
  } finally {
    await s.close();
  }
  result.violations = result.phases.flatMap((p) => p.violations);
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
      r = { url, site: null, phases: [{ name: 'before', allowed: [], requests: [], cookies: [],
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
