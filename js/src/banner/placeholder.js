// placeholder.js — click-to-load, in place of a refused iframe (before it;
// the loader hides the frame) or inside a container the site marked for a
// service that draws something (data-wafer-placeholder="hubspot-forms": a
// form, a chat, a map). It names the service and what it does, and loads
// only that service: for this page view, or from now on when the visitor
// ticks "Always allow …" (docs/banner.md "Placeholders"). The host
// (.wafer-placeholder[data-wafer-blocked="<service>"]) holds an open shadow
// root styled like the banner: the --wafer-* custom properties theme it.

import { el, link } from './dom.js';
import { adoptStyles } from './style.js';

const size = (v, fallback) => (v ? (/^\d+$/.test(v) ? v + 'px' : v) : fallback);
let count = 0;

// Draws the placeholder for service `serviceIndex` before `target` (an
// iframe), or inside it when `inside`, and returns its host.
// `onLoad(service id, always, text)` loads the service.
export function placeholder(t, data, nonce, target, serviceIndex, onLoad, inside) {
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
  adoptStyles(root, nonce);
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
