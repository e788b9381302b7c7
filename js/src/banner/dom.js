// dom.js — building blocks of the banner's views. Every policy text goes in
// as a text node (textContent, `append(string)`), never as HTML; links only
// take http(s) URLs.

// Creates `tag` with attributes `props` ("text": its textContent; null and
// false skipped) and children `kids` (nodes or strings; other values skipped).
export function el(tag, props, ...kids) {
  const n = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (v == null || v === false) continue;
    if (k === 'text') n.textContent = v;
    else n.setAttribute(k, v);
  }
  n.append(...kids.filter((k) => (typeof k === 'string' ? k : k && k.nodeType)));
  return n;
}

// `url` if it is http(s), else null (no javascript: links from a policy).
export const safeUrl = (url) => (/^https?:\/\//i.test(url || '') ? url : null);

// A link opening in a new tab, or null without a usable URL.
export const link = (url, text, label) =>
  safeUrl(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', 'aria-label': label, text }) : null;

// The string `key`, the policy's override first, with `{name}` filled in from
// `vars`, each value bidi-isolated (U+2068 … U+2069): an English service name
// in an Arabic sentence keeps its own direction and its neighbours theirs.
export const texts = (strings, data) => (key, vars) =>
  String((data.texts || {})[key] ?? strings[key] ?? key)
    .replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? '\u2068' + vars[k] + '\u2069' : m));

// A cookie lifetime ({months}, {seconds} or {session}) in the visitor's language.
export function lifetime(l, lang, t) {
  if (!l || l.session) return t('session');
  let n = l.months, unit = 'month';
  if (n == null) {
    const s = +l.seconds || 0;
    [n, unit] = s >= 86400 ? [s / 86400, 'day'] : s >= 3600 ? [s / 3600, 'hour'] : s >= 60 ? [s / 60, 'minute'] : [s, 'second'];
  }
  try {
    return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(n);
  } catch (e) {
    return Math.round(n) + ' ' + unit;
  }
}

// The buttons of a view, all alike (equal prominence): [action, string key] pairs.
export const buttons = (t, ...list) => el('div', { class: 'w' },
  ...list.filter(Boolean).map(([action, key]) =>
    el('button', { type: 'button', class: 'b', 'data-wafer-action': action, text: t(key) })));

// The × button: closing (= refusal on a first visit in the opt-in regime).
export const closeButton = (t, describedBy) =>
  el('button', { type: 'button', class: 'x', 'data-wafer-action': 'close', 'aria-label': t('close'), 'aria-describedby': describedBy }, '×');
