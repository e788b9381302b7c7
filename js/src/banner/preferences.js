// preferences.js — the preferences dialog (modal): one switch per category,
// the necessary ones on and disabled, nothing else on unless the current
// decision allows it; each category lists its services and their cookies.
// Everything comes from the banner data (core RenderBannerData).

import { buttons, closeButton, el, link } from './dom.js';
import { cookieTable } from './table.js';

const service = (t, s, lang) => el('li', {},
  el('p', {}, el('strong', { text: s.name || s.id }), s.provider ? ' · ' + s.provider : ''),
  s.purpose && el('p', { text: s.purpose }),
  el('p', {}, link(s.privacy_url, t('policy_link'), t('policy_link') + ': ' + (s.name || s.id))),
  cookieTable(t, s, lang));

// view: { regime, gpc, allowed: [category index], stored }. Returns [backdrop, dialog].
export function preferences(t, data, view) {
  const lang = data.lang;
  const list = el('div', { class: 's' });
  (data.categories || []).forEach((c, i) => {
    const id = 'c' + i, services = (data.services || []).filter((s) => s.category === i);
    const on = el('input', {
      type: 'checkbox', role: 'switch', class: 'o', id, 'data-wafer-category': c.id,
      'aria-describedby': c.description ? id + 'd' : null,
    });
    on.checked = !!c.necessary || view.allowed.includes(i);
    on.disabled = !!c.necessary;
    list.append(el('section', { class: 'c' },
      el('div', { class: 'h' }, el('h3', {}, el('label', { for: id, text: c.label || c.id })),
        c.necessary && el('span', { text: t('always_on') }), on),
      c.description && el('p', { id: id + 'd', text: c.description }),
      services.length > 0 && el('details', {}, el('summary', { text: `${t('services')} (${services.length})` }),
        el('ul', {}, ...services.map((s) => service(t, s, lang))))));
  });
  const box = el('div', {
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
  return [el('div', { class: 'v' }), box];
}
