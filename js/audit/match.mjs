// match.mjs — the policy's and the catalogue's URL and cookie patterns,
// matched with the rules of core (compiled_policy.h): a URL pattern is HOST
// or HOST/PATHGLOB; HOST is exact or "*.domain" (the domain and all its
// subdomains); PATHGLOB is matched against path + query without the leading
// slash; '*' matches any run of characters; a pattern without a path matches
// any path. A cookie pattern is a name where '*' matches any run.
//
// Written independently of js/src/stub/match.js on purpose: the audit is an
// oracle for the stub, not a copy of it.

export function globRe(p) {
  return new RegExp('^' + p.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
}

const cache = new Map();
function rule(pattern) {
  let r = cache.get(pattern);
  if (!r) {
    const i = pattern.indexOf('/');
    const host = (i < 0 ? pattern : pattern.slice(0, i)).toLowerCase();
    const sub = host.length > 2 && host.startsWith('*.');
    r = { sub, host: sub ? host.slice(2) : host, path: i < 0 ? null : globRe(pattern.slice(i + 1)) };
    cache.set(pattern, r);
  }
  return r;
}

// A URL string as a browser requests it, reduced to what a pattern reads
// (core/include/wafer/url.h): resolved against `base` by the URL standard,
// only http(s) and ws(s); the host without a trailing dot; the rest (path
// without its first "/", then "?query" if not empty) with escapes of
// printable ASCII other than "%" decoded and the others in upper case.
// null when the string is no such URL. tests/data/url-match/ is the table.
export function parseUrl(url, base) {
  let u;
  try {
    u = base == null ? new URL(url) : new URL(url, base);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return null;
  const rest = (u.pathname + u.search).slice(1).replace(/%([0-9a-fA-F]{2})/g, (escape, hex) => {
    const code = parseInt(hex, 16);
    return code > 0x20 && code < 0x7f && code !== 0x25 ? String.fromCharCode(code) : escape.toUpperCase();
  });
  return { host: u.hostname.toLowerCase().replace(/\.$/, ''), rest, href: u.href };
}

export function urlMatches(pattern, url, base) {
  const u = typeof url === 'string' ? parseUrl(url, base) : url;
  if (!u) return false;
  const r = rule(pattern);
  return (u.host === r.host || (r.sub && u.host.endsWith('.' + r.host))) && (!r.path || r.path.test(u.rest));
}

export function cookieMatches(pattern, name) {
  return globRe(pattern).test(name);
}

// True if `host` is `domain` or one of its subdomains.
export const within = (host, domain) => host === domain || host.endsWith('.' + domain);

// The policy's services (catalogue entries merged in) and the catalogue's
// other services, with lookups. A catalogue service that the policy does not
// declare is reported as undeclared, never as allowed.
export function buildIndex(policy, catalogue) {
  const cat = new Map(catalogue.map((s) => [s.id, s]));
  const categories = (policy?.categories || []).map((c) => ({ id: c.id, necessary: !!c.necessary, defaults: c.defaults || {} }));
  const services = (policy?.services || []).map((s) => {
    const c = cat.get(s.id);
    return {
      id: s.id,
      name: s.name || c?.name || s.id,
      category: s.category || c?.suggested_category,
      urls: [...(c?.urls || []), ...(s.urls || [])],
      cookies: [...(c?.cookies || []), ...(s.cookies || [])].map((k) => ({ ...k, first_party: k.first_party !== false })),
      gtag: s.gtag === true,
      declared: true,
    };
  });
  const declaredIds = new Set(services.map((s) => s.id));
  const others = catalogue.filter((s) => !declaredIds.has(s.id)).map((c) => ({
    id: c.id, name: c.name, category: c.suggested_category, urls: c.urls || [],
    cookies: (c.cookies || []).map((k) => ({ ...k, first_party: k.first_party !== false })), declared: false,
  }));
  const all = [...services, ...others];
  const domains = (policy?.site?.domains || []).map((d) => d.toLowerCase());
  return {
    policy, categories, services, others,
    siteId: policy?.site?.id,
    domains,
    consentCookie: policy?.consent?.cookie_name || 'wafer_consent',
    // First declared service whose URL patterns match, then the catalogue's.
    serviceOfUrl(url, base) {
      const u = parseUrl(url, base);
      if (!u) return null;
      return all.find((s) => s.urls.some((p) => urlMatches(p, u))) || null;
    },
    serviceOfCookie(name, firstParty = true) {
      return all.find((s) => s.cookies.some((k) => k.first_party === firstParty && cookieMatches(k.name, name)))
        || all.find((s) => s.cookies.some((k) => cookieMatches(k.name, name))) || null;
    },
    // A third-party cookie also belongs to a service whose URL host it lives on.
    serviceOfCookieDomain(domain) {
      const d = domain.replace(/^\./, '');
      return all.find((s) => s.urls.some((p) => {
        const r = rule(p);
        return within(d, r.host) || within(r.host, d);
      })) || null;
    },
    isFirstParty(host) {
      host = host.replace(/^\./, '').toLowerCase();
      return domains.some((d) => within(host, d));
    },
  };
}

// The categories allowed before any choice under `regime` (docs/policy.md:
// opt-in false, opt-out and notice true unless the category says otherwise).
export function defaultAllowed(index, regime) {
  return index.categories.filter((c) => c.necessary || (c.defaults[regime] ?? regime !== 'opt-in')).map((c) => c.id);
}
