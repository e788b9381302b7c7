// ui.js — the banner bundle, fetched only when something must be drawn (the
// banner, the preferences, a click-to-load placeholder): one language, the
// engine's (decision.bannerLanguage: docs/engine.md "Language"), or, when the
// engine could not load, the one the server rendered for a visitor it knows
// nothing of (the configuration's `lang`). Fail closed: if it cannot load,
// the caller releases nothing.

// The page's CSP nonce, if the stub was given one.
const pageNonce = () => {
  for (const s of document.scripts) if (s.nonce && /\/wafer\.js(\?|$)/.test(s.src)) return s.nonce;
  return '';
};

let loading = null;

// Resolves to the banner's views (window.__wafer.ui_), loading the bundle in
// `lang` once (a page shows one language).
export function loadUi(S, lang) {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const cfg = S.cfg;
      if (S.ui_) return resolve(S.ui_);
      if (!cfg.banner) return reject(new Error('no banner URL in the configuration'));
      const s = document.createElement('script');
      S.ok_.add(s);  // Wafer's own: the stub lets it through.
      s.async = true;
      const nonce = pageNonce();
      if (nonce) s.nonce = nonce;
      // No language at all only when the compiled policy is unreadable: the
      // fail-closed notice then shows in English.
      s.src = cfg.banner.replace('{lang}', lang || cfg.lang || 'en');
      s.onload = () => (S.ui_ ? resolve(S.ui_) : reject(new Error(s.src + ' ran without drawing anything')));
      s.onerror = () => reject(new Error('cannot load ' + s.src));
      (document.head || document.documentElement).appendChild(s);
    });
    loading.catch((e) => console.error('[wafer] banner unavailable, everything stays held:', e.message));
  }
  return loading;
}
