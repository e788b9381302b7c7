// match.js — the policy's URL and cookie patterns, matched as the engine does
// (compiled_policy.h: UrlMatches, GlobMatches). Pure: no DOM.
//
//   const m = compileUrls([['*.google-analytics.com', 0]]);
//   serviceOf(m, 'https://region1.google-analytics.com/g/collect');  // 0

// A glob ('*' = any run of characters) as an anchored RegExp.
export const glob = (p) => new RegExp('^' + p.replace(/\W/g, '\\$&').replace(/\\\*/g, '.*') + '$');

// [[pattern, service], …] → [{ h: host, w: wildcard, r: path RegExp|0, s }]
export const compileUrls = (list) =>
  list.map(([p, s]) => {
    const i = p.indexOf('/'), h = (i < 0 ? p : p.slice(0, i)).toLowerCase();
    return { w: h.startsWith('*.'), h: h.replace(/^\*\./, ''), r: i < 0 ? 0 : glob(p.slice(i + 1)), s };
  });

// The index of the first service whose pattern matches `url`, or -1.
export function serviceOf(rules, url, base) {
  let u;
  try {
    u = new URL(url, base);
  } catch (e) {
    return -1;
  }
  if (!/^https?:$/.test(u.protocol)) return -1;
  const host = u.hostname.replace(/\.$/, ''), rest = (u.pathname + u.search).slice(1);
  for (const m of rules) {
    if ((host === m.h || (m.w && host.endsWith('.' + m.h))) && (!m.r || m.r.test(rest))) return m.s;
  }
  return -1;
}

// [[cookie pattern, category], …] → name → category index or -1 (cached).
export function cookieMatcher(list) {
  const rules = list.map(([p, c]) => [glob(p), c]), cache = new Map();
  return (name) => {
    let c = cache.get(name);
    if (c === undefined) {
      c = -1;
      for (const [r, k] of rules) if (r.test(name)) { c = k; break; }
      cache.set(name, c);
    }
    return c;
  };
}
