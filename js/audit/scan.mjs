// scan.mjs — `wafer-audit scan`: crawls a site as it is (no consent given),
// collects third-party requests and cookies with their lifetimes, matches them
// to the catalogue and proposes a policy that `wafer check` accepts.

import { buildIndex, parseUrl } from './match.mjs';
import { newSession } from './browser.mjs';
import { heldServices, markedElements, readElements } from './markup.mjs';

const LABELS = {
  necessary: ['Strictly necessary', 'Needed for the site to work and to keep your privacy choices. Always on.'],
  analytics: ['Analytics', 'Audience measurement: how visitors use the site.'],
  marketing: ['Marketing', 'Advertising and social media: these services may track you across sites.'],
  functional: ['Functional', 'Forms, chat and other features provided by third parties.'],
};
const CONSENT_MODE = {
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
  functional: ['functionality_storage'],
};

export function lifetimeOf(expiresSec, now = Date.now()) {
  if (!(expiresSec > 0)) return 'session';
  const s = Math.max(60, Math.round(expiresSec - now / 1000));
  if (s < 3600) return `${Math.round(s / 60)} minute${Math.round(s / 60) === 1 ? '' : 's'}`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} hours`;
  const d = Math.round(s / 86400);
  if (d < 60) return `${d} days`;
  return `${Math.round(d / 30.44)} months`;
}

// The registrable domain, approximately: the host without "www.".
const siteDomain = (host) => host.replace(/^www\./, '');

export async function scanSite(browser, startUrl, catalogue, opts = {}) {
  const start = new URL(startUrl);
  const domain = siteDomain(start.hostname.toLowerCase());
  const index = buildIndex({ site: { domains: [domain] }, categories: [], services: [] }, catalogue);
  const s = await newSession(browser, { ...opts, siteHost: start.hostname });
  const pages = [], held = { services: [], unknown: [] };
  try {
    const page = await s.open();
    const queue = [[start.href.split('#')[0], 0]], done = new Set();
    while (queue.length && pages.length < (opts.maxPages || 50)) {
      const [url, d] = queue.shift();
      if (done.has(url)) continue;
      done.add(url);
      opts.onUrl?.(url, pages.length, pages.length + queue.length + 1);
      s.phase = url;
      const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 }).catch((e) => ({ error: e }));
      await s.settle();
      pages.push({ url, status: res?.status?.() ?? null });
      await readHeld(page, res, url, index, held);
      if (d < (opts.depth || 0)) {
        const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href)).catch(() => []);
        for (const l of links) {
          const h = l.split('#')[0];
          if (h.startsWith(start.origin + '/') && !done.has(h)) queue.push([h, d + 1]);
        }
      }
    }
    const cookies = await s.context.cookies();
    const services = new Map(); // id → { service, evidence: [] }
    const note = (svc, what) => {
      if (!services.has(svc.id)) services.set(svc.id, { id: svc.id, name: svc.name, category: svc.category, evidence: [] });
      const e = services.get(svc.id).evidence;
      if (e.length < 5 && !e.includes(what)) e.push(what);
    };
    const unknownHosts = new Map();
    for (const r of s.requests) {
      const u = parseUrl(r.url);
      if (!u || index.isFirstParty(u.host) || s.isWafer(r.url)) continue;
      const svc = index.serviceOfUrl(r.url);
      if (svc) note(svc, r.url.split('?')[0]);
      else if (!unknownHosts.has(u.host)) unknownHosts.set(u.host, { host: u.host, example: r.url, initiator: s.initiatorOf(r.url) });
    }
    const cookieRows = cookies.map((c) => {
      const dom = c.domain.replace(/^\./, '');
      const first = index.isFirstParty(dom);
      const svc = first ? index.serviceOfCookie(c.name, true) : index.serviceOfCookie(c.name, false) || index.serviceOfCookieDomain(dom);
      if (svc) note(svc, `cookie ${c.name}`);
      return { name: c.name, domain: c.domain, path: c.path, firstParty: first, lifetime: lifetimeOf(c.expires),
        expires: c.expires > 0 ? new Date(c.expires * 1000).toISOString() : 'session',
        service: svc?.id || null, category: svc?.category || null, setBy: s.cookieWrites.get(c.name) || null };
    });
    noteHeld(services, held.services);
    const detected = [...services.values()];
    const used = ['analytics', 'marketing', 'functional'].filter((c) => detected.some((x) => x.category === c));
    const id = (domain.split('.')[0] || 'site').replace(/[^a-z0-9_-]/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 64) || 'site';
    const policy = {
      site: { id, domains: [domain], policy_url: `${start.origin}/privacy` },
      revision: 1,
      languages: ['en'],
      regimes: { default: 'opt-in' },
      categories: [
        { id: 'necessary', necessary: true, label: { en: LABELS.necessary[0] }, description: { en: LABELS.necessary[1] } },
        ...used.map((c) => ({ id: c, label: { en: LABELS[c][0] }, description: { en: LABELS[c][1] }, consent_mode: CONSENT_MODE[c] })),
      ],
      services: detected.map((x) => ({ id: x.id, category: x.category })),
    };
    proposeCookiePaths(policy, cookieRows);
    return {
      url: startUrl, pages, policy, services: detected, cookies: cookieRows,
      undeclaredCookies: cookieRows.filter((c) => !c.service),
      unknownHosts: [...unknownHosts.values()],
      heldUnknown: held.unknown,
    };
  } finally {
    await s.close();
  }
}

// Declared cookie paths (docs/policy.md): each service whose first-party
// cookies were seen on a path other than "/" gets those paths as
// `cookie_paths`, so that a refusal on any page deletes them there too.
export function proposeCookiePaths(policy, cookieRows) {
  for (const service of policy.services) {
    const paths = [...new Set(cookieRows
      .filter((c) => c.service === service.id && c.firstParty && c.path !== '/')
      .map((c) => c.path.replace(/\/+$/, '') || '/'))]
      .filter((p) => /^\/[\x21-\x7e]*$/.test(p) && !/[;,?#*]|\/\//.test(p) && p.length <= 256)
      .sort()
      .slice(0, 16);
    if (paths.length) service.cookie_paths = paths;
  }
  return policy;
}

export function scanSummary(r) {
  const l = [`Scanned ${r.pages.length} page(s) from ${r.url}`, '', 'Services detected (catalogue):'];
  if (!r.services.length) l.push('  none');
  for (const x of r.services) l.push(`  ${x.id.padEnd(20)} ${String(x.category).padEnd(11)} ${howFound(x).padEnd(25)} ${evidenceOf(x)}`);
  l.push('', 'Cookies seen:');
  if (!r.cookies.length) l.push('  none');
  for (const c of r.cookies) {
    l.push(`  ${c.name.padEnd(24)} ${(c.firstParty ? 'first' : 'third').padEnd(6)} ${c.lifetime.padEnd(10)} ${(c.service ? `${c.service} (${c.category})` : 'UNDECLARED: classify it').padEnd(28)} ${c.setBy || ''}`);
  }
  if (r.heldUnknown?.length) {
    l.push('', 'Held by markup, in no catalogue service (declare them as services of your own):');
    for (const h of r.heldUnknown) l.push(`  ${h.marker} at ${h.where}: ${h.text}`);
  }
  if (r.unknownHosts.length) {
    l.push('', 'Third-party hosts in no catalogue service (declare them as services of your own):');
    for (const h of r.unknownHosts) l.push(`  ${h.host.padEnd(32)} ${h.example}${h.initiator ? ` — initiated by ${h.initiator}` : ''}`);
  }
  return l.join('\n') + '\n';
}

// Tags held by markup on the page just opened (Wafer's, or another consent
// manager's): the raw HTML gives their lines, the DOM those scripts inserted.
async function readHeld(page, res, url, index, held) {
  const html = res && !res.error ? await res.text().catch(() => '') : '';
  const dom = await page.evaluate(readElements).catch(() => []);
  const found = heldServices(markedElements(html, url, dom), index, url);
  held.services.push(...found.services);
  held.unknown.push(...found.unknown);
}

// Adds the services found held by markup to those seen loading, marked so.
function noteHeld(services, found) {
  for (const h of found) {
    if (!services.has(h.id)) services.set(h.id, { id: h.id, name: h.name, category: h.category, evidence: [] });
    const x = services.get(h.id);
    x.heldByMarkup ||= [];
    if (x.heldByMarkup.length < 5 && !x.heldByMarkup.includes(h.evidence)) x.heldByMarkup.push(h.evidence);
  }
}

// "loaded", "held by markup", or both; then what showed it.
const howFound = (x) => [x.evidence.length && 'loaded', x.heldByMarkup && 'held by markup'].filter(Boolean).join(' + ');
const evidenceOf = (x) => [...x.evidence, ...(x.heldByMarkup || [])].join(', ');
