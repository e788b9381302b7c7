// placeholder.js — wafer.placeholder.js: click-to-load, in place of a refused
// iframe (before it; the loader hides the frame) or inside a container the
// site marked for a service that draws something
// (data-wafer-placeholder="hubspot-forms": a form, a chat, a map). It names
// the service and what it does, and loads only that service: for this page
// view, or from now on when the visitor ticks "Always allow …"
// (docs/banner.md "Placeholders"). The host
// (.wafer-placeholder[data-wafer-blocked="<service>"]) holds an open shadow
// root styled like the banner: the --wafer-* custom properties theme it.
//
// One file for every language, fetched by the loader (ui.js
// loadPlaceholder) only on a page that shows a placeholder, after the banner
// bundle: the strings, the site's data, the DOM helpers and the banner's
// styles are that bundle's (window.__wafer.ui_.kit_), so the per-language
// bundles carry none of this. It registers window.__wafer.ph_.

// What only placeholders need, on top of the banner's stylesheet (which
// themes .ph with the --wafer-* properties, as it does the banner).
export const CSS = `
:host(.wafer-placeholder){display:flex!important;box-sizing:border-box;max-width:100%}
.ph{position:static;flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:8px;
padding:16px;border:1px solid rgba(128,128,128,.6);border-radius:var(--r);text-align:center}
.ph p{margin:0}
.pt{font-weight:600}
.pp{font-size:.9em;color:var(--m);max-width:36em}
.pa{display:flex;align-items:center;gap:8px}
.pa input{width:20px;height:20px;margin:0;accent-color:var(--a)}
.ph .b{flex:none}
`;

const size = (v, fallback) => (v ? (/^\d+$/.test(v) ? v + 'px' : v) : fallback);
let count = 0, sheet = null;

// The placeholder's own rules after the banner's: a constructed stylesheet,
// or a <style nonce> where constructable stylesheets are missing.
const style = (root, nonce) => {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch (e) {
    const s = document.createElement('style');
    if (nonce) s.nonce = nonce;
    s.textContent = CSS;
    root.append(s);
  }
};

// Draws the placeholder for service `serviceIndex` before `target` (an
// iframe), or inside it when `inside`, and returns its host.
// `onLoad(service id, always, text)` loads the service.
function placeholder({ t, data, nonce, el, link, adopt }, target, serviceIndex, onLoad, inside) {
  const s = (data.services || [])[serviceIndex] || {}, name = s.name || s.id || '';
  const c = (data.categories || [])[s.category] || {};
  const id = 'w' + count++;
  const always = el('input', { type: 'checkbox', id: id + 'a' });
  const load = el('button', { type: 'button', class: 'b', 'data-wafer-load': s.id || '', text: t('load', { service: name }) });
  const box = el('div', { class: 'ph', role: 'group', 'aria-labelledby': id },
    el('p', { class: 'pt', id, text: name }),
    el('p', { text: t('blocked', { service: name, category: c.label || c.id || '' }) }),
    s.purpose && el('p', { class: 'pp', text: s.purpose }),
    el('p', {}, link(s.privacy_url, t('policy_link'), t('policy_link') + ': ' + name)),
    el('p', { class: 'pa' }, always, el('label', { for: id + 'a', text: t('always_allow', { service: name }) })),
    load);
  const host = el('div', { class: 'wafer-placeholder', 'data-wafer-blocked': s.id || '', lang: data.lang, dir: data.dir });
  const root = host.attachShadow({ mode: 'open' });
  adopt(root, nonce);
  style(root, nonce);
  root.append(box);
  load.addEventListener('click', () => onLoad(s.id, always.checked, box.textContent));
  if (inside) {
    target.prepend(host);
  } else {
    // The frame's box (margins, height), so that nothing below moves when it is drawn.
    const frame = getComputedStyle(target), height = target.getBoundingClientRect().height;
    host.style.cssText = `margin:${frame.display === 'none' ? '1em 0' : frame.margin};` +
      `width:${size(target.getAttribute('width'), '100%')};` +
      `min-height:${height ? height + 'px' : size(target.getAttribute('height'), '150px')}`;
    target.before(host);
  }
  return host;
}

const S = window.__wafer;
if (S && S.ui_) S.ph_ = (target, serviceIndex, onLoad, inside) => placeholder(S.ui_.kit_, target, serviceIndex, onLoad, inside);
