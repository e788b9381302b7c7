// placeholder.js — click-to-load in place of a refused iframe, naming the
// service and the category it needs. It lives in the page (the tests and
// sites find it by [data-wafer-placeholder]); styles are set through the
// CSSOM, which a strict CSP allows.

import { el } from './dom.js';

const size = (v, fallback) => (v ? (/^\d+$/.test(v) ? v + 'px' : v) : fallback);

// Draws the placeholder before `frame` (kept hidden by the loader) and returns it.
// `onLoad(categoryId)` grants the category.
export function placeholder(t, data, frame, serviceIndex, categoryIndex, onLoad) {
  const s = (data.services || [])[serviceIndex] || {}, c = (data.categories || [])[categoryIndex] || {};
  const name = s.name || s.id || '';
  const button = el('button', { type: 'button', 'data-wafer-load': s.id || '', text: t('load', { service: name }) });
  const ph = el('div', { class: 'wafer-placeholder', 'data-wafer-placeholder': s.id || '', lang: data.lang, dir: data.dir },
    el('p', { text: t('blocked', { service: name, category: c.label || c.id || '' }) }), button);
  // The frame's box (margins, height), so that nothing below moves when it is drawn.
  const box = getComputedStyle(frame), height = frame.getBoundingClientRect().height;
  ph.style.cssText = 'box-sizing:border-box;display:flex;flex-direction:column;align-items:center;justify-content:center;' +
    'gap:.75em;padding:1em;background:#f1f1f1;color:#111;border:1px solid #767676;border-radius:6px;' +
    'font:15px/1.4 system-ui,sans-serif;text-align:center;max-width:100%;' +
    `margin:${box.display === 'none' ? '1em 0' : box.margin};width:${size(frame.getAttribute('width'), '100%')};` +
    `min-height:${height ? height + 'px' : size(frame.getAttribute('height'), '150px')}`;
  ph.firstChild.style.margin = '0';
  button.style.cssText = 'font:inherit;font-weight:600;padding:.5em 1.2em;border:2px solid #111;border-radius:6px;' +
    'background:#111;color:#fff;cursor:pointer';
  button.addEventListener('click', () => onLoad(c.id));
  frame.before(ph);
  return ph;
}
