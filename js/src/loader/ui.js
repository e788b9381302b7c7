// ui.js — the banner bundle, fetched only when something must be drawn (the
// banner, the preferences, a click-to-load placeholder): one language, the
// engine's (decision.bannerLanguage: docs/engine.md "Language"), or, when the
// engine could not load, the one the server rendered for a visitor it knows
// nothing of (the configuration's `lang`). Placeholders also need
// wafer.placeholder.js (the same for every language), fetched only on a page
// that shows one. Fail closed: if either cannot load, the caller releases
// nothing.

// The page's CSP nonce, if the stub was given one.
const pageNonce = () => {
  for (const s of document.scripts) if (s.nonce && /\/wafer\.js(\?|$)/.test(s.src)) return s.nonce;
  return '';
};

// Inserts Wafer's script `src`; resolves once it ran and `ready()` is true.
const inject = (S, src, ready) => new Promise((resolve, reject) => {
  if (!src) return reject(new Error('no script URL in the configuration'));
  const s = document.createElement('script');
  S.ok_.add(s);  // Wafer's own: the stub lets it through.
  s.async = true;
  const nonce = pageNonce();
  if (nonce) s.nonce = nonce;
  s.charset = 'utf-8';  // UTF-8, whatever the page's encoding or a static host's headers.
  s.src = src;
  s.onload = () => (ready() ? resolve() : reject(new Error(src + ' ran without drawing anything')));
  s.onerror = () => reject(new Error('cannot load ' + src));
  (document.head || document.documentElement).appendChild(s);
});

let loading = null, drawing = null;

// Resolves to the banner's views (window.__wafer.ui_), loading the bundle in
// `lang` once (a page shows one language).
export function loadUi(S, lang) {
  if (!loading) {
    const cfg = S.cfg;
    // No language at all only when the compiled policy is unreadable: the
    // fail-closed notice then shows in English.
    loading = S.ui_ ? Promise.resolve() : cfg.banner
      ? inject(S, cfg.banner.replace('{lang}', lang || cfg.lang || 'en'), () => S.ui_)
      : Promise.reject(new Error('no banner URL in the configuration'));
    loading = loading.then(() => S.ui_);
    loading.catch((e) => console.error('[wafer] banner unavailable, everything stays held:', e.message));
  }
  return loading;
}

// Resolves to the placeholder drawer, `draw(target, service index, onLoad,
// inside)` (wafer.placeholder.js: window.__wafer.ph_), with the banner bundle
// in `lang` for its strings and styles.
export function loadPlaceholder(S, lang) {
  if (!drawing) {
    drawing = loadUi(S, lang).then(() => S.ph_ || inject(S, S.cfg.placeholder, () => S.ph_)).then(() => S.ph_);
    drawing.catch((e) => console.error('[wafer] placeholders unavailable, embeds stay held:', e.message));
  }
  return drawing;
}
