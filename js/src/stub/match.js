// match.js — the policy's URL and cookie patterns, matched as the engine does
// (compiled_policy.h: UrlMatches, GlobMatches; url.h for how a URL is read).
// Pure: no DOM. tests/data/url-match/ is the table both must pass.
//
//   const m = compileUrls([['*.google-analytics.com', 0]]);
//   serviceOf(m, 'https://region1.google-analytics.com/g/collect');  // 0

// A glob ('*' = any run of characters) as an anchored RegExp.
export const glob = (p) => new RegExp('^' + p.replace(/\W/g, '\\$&').replace(/\\\*/g, '.*') + '$');

// [[pattern, service], …] → [{ h: host, w: wildcard, r: path RegExp|0, s }]
export const compileUrls = (list) =>
  list.map(([p, s]) => {
    const i = p.indexOf('/'), h = (i < 0 ? p : p.slice(0, i)).toLowerCase(), w = /^\*\../.test(h);
    return { w, h: w ? h.slice(2) : h, r: i < 0 ? 0 : glob(p.slice(i + 1)), s };
  });

// `url` as the engine reads it (core/include/wafer/url.h): [host, rest] of
// the URL the browser would request, or 0 when it reaches no host over
// http(s) or ws(s). The browser's own parser resolves it; escapes of
// printable ASCII are decoded in the rest, the others upper-cased.
export function urlParts(url, base) {
  let u, r;
  try {
    u = new URL(url, base);
  } catch (e) {
    return 0;
  }
  if (!/^(http|ws)s?:$/.test(u.protocol)) return 0;
  r = (u.pathname + u.search).slice(1);
  if (r.includes('%')) {
    r = r.replace(/%([\da-f]{2})/gi, (m, h) => ((h = parseInt(h, 16)) > 32 && h < 127 && h != 37 ? String.fromCharCode(h) : m.toUpperCase()));
  }
  return [u.hostname.replace(/\.$/, ''), r];
}

// True if `host` is a pattern's host (or under a "*." one).
const ruled = (rules, host) => rules.some((m) => host === m.h || (m.w && host.endsWith('.' + m.h)));

// Without the URL parser, when the host is plain to read: the host of a
// relative URL is the base's; an http(s)/ws(s) URL with a lower-risk ASCII
// authority (letters, digits, '-', '.', a last label starting with a letter,
// a port) has that host. Anything else (tabs, leading spaces, backslashes,
// escapes, userinfo, numbers, non-ASCII) goes to the parser. Only used to
// dismiss URLs whose host no pattern names: the parser decides the rest.
let baseSeen, baseHost;
const hostOfBase = (base) => {
  if (base !== baseSeen) {
    const p = urlParts(base);
    baseSeen = base;
    baseHost = p ? p[0] : '';
  }
  return baseHost;
};
function plainHost(url, base) {
  if (!/^(?:[\0- ]|[a-z][\w+.-]*:|[/\\]{2})|[\t\n\r]/i.test(url)) return hostOfBase(base);
  const m = /^(?:https?|wss?):\/\/((?:[a-z\d-]*\.)*[a-z][a-z\d-]*)\.?(?::\d*)?(?=[/?#]|$)(?!.*[\t\n\r])/i.exec(url);
  return m ? m[1].toLowerCase() : undefined;
}

// False when markup `html` cannot carry a URL to a pattern's host, so that
// none of its elements needs a look: no pattern host is written in it (case
// and tabs or newlines aside), nothing could spell one otherwise (escapes,
// character references, non-ASCII letters that map to ASCII), no pattern is
// a numeric host, and the base is no pattern's host (relative URLs).
export function mentionsTracker(rules, html, base) {
  let re = rules.re;
  if (re === undefined) {
    re = rules.re = rules.some((m) => /\d$/.test(m.h)) ? 0
      : RegExp(rules.map((m) => m.h.replace(/\W/g, '\\$&')).join('|') || '$^');
  }
  return !re || /[^\0-\x7f]|%[\da-f]{2}|&(#|period;)/i.test(html) ||
    re.test(html.replace(/[\t\n\r]/g, '').toLowerCase()) || ruled(rules, hostOfBase(base));
}

// The index of the first service whose pattern matches `url`, or -1.
export function serviceOf(rules, url, base) {
  const h = plainHost(url, base);
  if (h !== undefined && !ruled(rules, h)) return -1;
  const p = urlParts(url, base);
  if (p) {
    for (const m of rules) {
      if ((p[0] === m.h || (m.w && p[0].endsWith('.' + m.h))) && (!m.r || m.r.test(p[1]))) return m.s;
    }
  }
  return -1;
}

// [[cookie pattern, service index], …] (the configuration's `cookies`) →
// name → the index of the first service whose pattern matches, or -1 (cached).
// The patterns are compiled on the first call (the first cookie write), not
// at start-up.
export function cookieMatcher(list) {
  let rules;
  const cache = new Map();
  return (name) => {
    let c = cache.get(name);
    if (c === undefined) {
      c = -1;
      for (const [r, k] of rules || (rules = list.map(([p, k]) => [glob(p), k]))) if (r.test(name)) { c = k; break; }
      cache.set(name, c);
    }
    return c;
  };
}
