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
    const i = p.indexOf('/'), h = (i < 0 ? p : p.slice(0, i)).toLowerCase(), w = h[0] === '*';
    return { w, h: w ? h.slice(2) : h, r: i < 0 ? 0 : glob(p.slice(i + 1)), s };
  });

// The index of the first service whose pattern matches `url`, or -1.
export function serviceOf(rules, url, base) {
  let u;
  try {
    u = new URL(url, base);
  } catch (e) {
    return -1;
  }
  if (!/^https?:/.test(u.href)) return -1;
  const host = u.hostname.replace(/\.$/, ''), rest = (u.pathname + u.search).slice(1);
  for (const m of rules) {
    if ((host === m.h || (m.w && host.endsWith('.' + m.h))) && (!m.r || m.r.test(rest))) return m.s;
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
