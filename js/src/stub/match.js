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

// The index of the first service whose pattern matches `url`, or -1.
export function serviceOf(rules, url, base) {
  const p = urlParts(url, base);
  if (p) {
    for (const m of rules) {
      if ((p[0] === m.h || (m.w && p[0].endsWith('.' + m.h))) && (!m.r || m.r.test(p[1]))) return m.s;
    }
  }
  return -1;
}

// [[cookie pattern, category], …] → name → category index or -1 (cached).
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
