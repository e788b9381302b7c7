// cookies.js — writes of tracker cookies through document.cookie and
// cookieStore.set are dropped unless the engine's decision allows the
// cookie's service to run (its own choice, else its category's). Deletions
// always pass. Set-Cookie headers are out of reach (first-party trackers set
// theirs from JS).

const isDeletion = (v) => {
  const m = /;\s*max-age\s*=\s*(-?\d+)/i.exec(v);
  if (m) return +m[1] <= 0;
  const e = /;\s*expires\s*=\s*([^;]+)/i.exec(v);
  return !!e && Date.parse(e[1]) < Date.now();
};

// True if a write of cookie `name` (raw `document.cookie` value `v`) must be
// dropped now. Only a tracker cookie's attributes are looked at (≤ 2 µs a write).
export const cookieRefused = (S, name, v) => {
  const s = S.cookieService_(name);
  return s >= 0 && !(S.decided_ && S.svcs_[s]) && !isDeletion(v);
};

export function guardCookies(S) {
  const d = (S.o_.cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie'));
  Object.defineProperty(document, 'cookie', {
    ...d,
    get: d.get,  // Throws if the browser has no Document.prototype.cookie: no guard then, warned.
    // The setter:
    set(v) {
      v = String(v);
      if (!cookieRefused(S, v.slice(0, v.indexOf('=')).trim(), v)) d.set.call(document, v);
    },
  });
  const C = window.CookieStore && CookieStore.prototype;
  if (C && C.set) {
    const set = C.set;
    C.set = function (a) {
      const o = a.name ? a : { name: a };  // set(options) or set(name, value)
      const del = o.expires != null && +new Date(o.expires) < Date.now() ? ';max-age=0' : '';
      return cookieRefused(S, String(o.name), del) ? Promise.resolve() : set.apply(this, arguments);
    };
  }
}
