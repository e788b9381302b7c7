// ui.js — the banner bundle, fetched only when something must be drawn (the
// banner, the preferences, a click-to-load placeholder): one language, chosen
// from <html lang>, then the browser's languages, among the bundled ones.
// Fail closed: if it cannot load, the caller releases nothing.

import { pageLanguages } from './facts.js';

export const BANNER_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl',
  'ar', 'bg', 'ca', 'cs', 'da', 'el', 'et', 'fi', 'ga', 'he', 'hr', 'hu', 'is', 'lt', 'lv', 'mt', 'nb', 'pl',
  'pt', 'pt-BR', 'ro', 'sk', 'sl', 'sv', 'tr', 'uk'];
// Tags whose readers get another bundle: Norwegian ("no", and Nynorsk, whose
// readers read Bokmål) → nb; the old code for Hebrew → he.
const ALIASES = { no: 'nb', nn: 'nb', iw: 'he' };

// The bundled language for this page: <html lang>, navigator.languages, the
// policy's first language, else English. A regional bundle (pt-BR) for its
// region, else the language's own (pt-PT, pt-AO → pt).
export function bannerLanguage(cfg) {
  for (const l of [...pageLanguages(), ...(cfg.languages || [])]) {
    const [lang, region] = String(l || '').toLowerCase().split(/[-_]/), base = ALIASES[lang] || lang;
    const variant = region && BANNER_LANGUAGES.find((b) => b.toLowerCase() === base + '-' + region);
    if (variant) return variant;
    if (BANNER_LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

// The page's CSP nonce, if the stub was given one.
const pageNonce = () => {
  for (const s of document.scripts) if (s.nonce && /\/wafer\.js(\?|$)/.test(s.src)) return s.nonce;
  return '';
};

let loading = null;

// Resolves to the banner's views (window.__wafer.ui_), loading the bundle once.
export function loadUi(S) {
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
      s.charset = 'utf-8';  // The bundle is UTF-8, whatever the page's encoding or a static host's headers.
      s.src = cfg.banner.replace('{lang}', bannerLanguage(cfg));
      s.onload = () => (S.ui_ ? resolve(S.ui_) : reject(new Error(s.src + ' ran without drawing anything')));
      s.onerror = () => reject(new Error('cannot load ' + s.src));
      (document.head || document.documentElement).appendChild(s);
    });
    loading.catch((e) => console.error('[wafer] banner unavailable, everything stays held:', e.message));
  }
  return loading;
}
