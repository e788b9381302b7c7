// table.js — a service's cookies: name, provider, purpose, lifetime. No word
// is broken: headers wrap between words only, and where the four columns
// cannot fit (a phone) each cookie becomes a block whose cells carry their
// own label (style.js, container query on the list item). Every value is
// bidi-isolated (<bdi>): an English purpose keeps its direction in an Arabic
// table. Cookie names are identifiers: left to right in any language,
// wrapping only after a "_", "-" or "." that follows a letter.

import { el, lifetime } from './dom.js';

const COLUMNS = ['cookie_name', 'provider', 'purpose', 'lifetime'];

// "__hs_cookie_cat_pref" → <wbr>__hs_<wbr>cookie_<wbr>cat_<wbr>pref
const name = (n) => el('bdi', { dir: 'ltr' },
  ...String(n).split(/(?<=[^_.-][_.-]+)(?=[^_.-])/).flatMap((part) => [el('wbr'), part]));

// The table of service `s`'s cookies, or null when it declares none.
export const cookieTable = (t, s, lang) => s.cookies && s.cookies.length > 0 && el('table', {},
  el('caption', { text: t('cookies') }),
  el('thead', {}, el('tr', {}, ...COLUMNS.map((k) => el('th', { scope: 'col', text: t(k) })))),
  el('tbody', {}, ...s.cookies.map((c) => el('tr', {},
    ...[name(c.name), c.provider || s.provider, c.purpose, lifetime(c.lifetime, lang, t)].map((v, i) =>
      el('td', {}, el('span', { class: 'k', 'aria-hidden': 'true', text: t(COLUMNS[i]) }), i ? el('bdi', {}, v) : v))))));
