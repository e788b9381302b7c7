// preferences.js — the preferences dialog (modal): a control per category,
// the necessary ones on and disabled, nothing else on unless the current
// decision allows it; each category opens to its services, each with its
// own control (name, provider, purpose, privacy link, cookies). A category's
// control is a checkbox with a mixed state when its services differ
// (`indeterminate`: "mixed" in the accessibility tree, which a switch cannot
// say); ticking it sets all its services. Everything comes from the banner
// data (core RenderBannerData).

import { buttons, closeButton, el, link } from './dom.js';
import { cookieTable } from './table.js';

// A service: its own control (none in a necessary category: always on).
const service = (t, s, j, on, lang, fixed) => {
  const id = 's' + j, name = s.name || s.id;
  return el('li', {},
    el('div', { class: 'h' },
      el('label', { for: fixed ? null : id }, el('strong', { text: name }), s.provider ? ' · ' + s.provider : ''),
      !fixed && on),
    s.purpose && el('p', { id: id + 'd', text: s.purpose }),
    el('p', {}, link(s.privacy_url, t('policy_link'), t('policy_link') + ': ' + name)),
    cookieTable(t, s, lang));
};

// A category's control follows its services: all on, all off, or mixed.
const sync = (box, boxes) => {
  const n = boxes.filter((b) => b.checked).length;
  box.indeterminate = n > 0 && n < boxes.length;
  box.checked = n > 0 && n === boxes.length;
};

// view: { regime, gpc, allowed: [category index], services: [service index],
// stored }. Returns [backdrop, dialog].
export function preferences(t, data, view) {
  const lang = data.lang, services = data.services || [], allowed = view.services || [];
  const list = el('div', { class: 's' });
  (data.categories || []).forEach((c, i) => {
    const id = 'c' + i, fixed = !!c.necessary;
    const mine = services.map((s, j) => [s, j]).filter(([s]) => s.category === i);
    const box = el('input', {
      type: 'checkbox', class: 'o', id, 'data-wafer-category': c.id,
      'aria-describedby': c.description ? id + 'd' : null,
    });
    box.checked = fixed || view.allowed.includes(i);
    box.disabled = fixed;
    const boxes = mine.map(([s, j]) => {
      const b = el('input', {
        type: 'checkbox', class: 'o', id: 's' + j, 'data-wafer-service': s.id,
        'aria-describedby': s.purpose ? 's' + j + 'd' : null,
      });
      b.checked = fixed || allowed.includes(j);
      b.addEventListener('change', () => sync(box, boxes));
      return b;
    });
    if (boxes.length && !fixed) sync(box, boxes);
    box.addEventListener('change', () => boxes.forEach((b) => (b.checked = box.checked)));
    list.append(el('section', { class: 'c' },
      el('div', { class: 'h' }, el('h3', {}, el('label', { for: id, text: c.label || c.id })),
        fixed && el('span', { text: t('always_on') }), box),
      c.description && el('p', { id: id + 'd', text: c.description }),
      mine.length > 0 && el('details', {}, el('summary', { text: `${t('services')} (${mine.length})` }),
        el('ul', {}, ...mine.map(([s, j], k) => service(t, s, j, boxes[k], lang, fixed))))));
  });
  const dialog = el('div', {
    class: 'p', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pt', 'aria-describedby': 'pd',
    tabindex: '-1', lang, dir: data.dir,
  },
  el('h2', { id: 'pt', text: t('preferences_title') }),
  el('p', { id: 'pd', text: t('preferences_text') }),
  view.gpc && el('p', { class: 'g', text: t('gpc') }),
  el('p', {}, link(data.policy_url, t('policy_link'))),
  list,
  buttons(t, ['accept', 'accept_all'], ['reject', 'reject_all'], ['save', 'save'],
    view.regime === 'opt-out' && ['opt-out', 'opt_out'], view.stored && ['withdraw', 'withdraw']),
  closeButton(t));
  return [el('div', { class: 'v' }), dialog];
}

// What the dialog says now: the categories whose control is on, and each
// service's own choice where it differs from its category's (a mixed
// category counts as refused, its services on listed one by one).
export function chosen(root) {
  const granted = [], services = {};
  for (const box of root.querySelectorAll('input[data-wafer-category]')) {
    const on = box.checked && !box.indeterminate;
    if (on) granted.push(box.getAttribute('data-wafer-category'));
    const section = box.closest('section');
    for (const s of section.querySelectorAll('input[data-wafer-service]')) {
      if (s.checked !== on) services[s.getAttribute('data-wafer-service')] = s.checked;
    }
  }
  return [granted, services];
}
