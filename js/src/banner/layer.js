// layer.js — the first layer: title, text, policy link and "Accept all",
// "Reject all", "Customise" alike (EDPB taskforce: reject on the first layer,
// same look); × and Esc refuse, and the text says so. Opt-out regime: the
// notice, "Do Not Sell or Share" and, when honoured, the GPC line.
// A non-modal dialog (WAI-ARIA): the page stays usable behind it.

import { buttons, closeButton, el, link } from './dom.js';

// view: { regime, gpc, unavailable }
export function firstLayer(t, data, view) {
  const optIn = view.regime === 'opt-in' || view.unavailable;
  return el('div', {
    class: 'l', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'wt', 'aria-describedby': 'wd',
    tabindex: '-1', lang: data.lang, dir: data.dir,
  },
  el('h2', { id: 'wt', text: t('title') }),
  el('p', { id: 'wd', text: t(view.unavailable ? 'unavailable' : optIn ? 'text' : 'opt_out_text') }),
  view.gpc && el('p', { class: 'g', text: t('gpc') }),
  optIn && el('p', { id: 'wc', text: t('close_means_reject') }),
  el('p', {}, link(data.policy_url, t('policy_link'))),
  buttons(t, ['accept', 'accept_all'], ['reject', 'reject_all'], ['customise', 'customise'],
    view.regime === 'opt-out' && !view.unavailable && ['opt-out', 'opt_out']),
  closeButton(t, optIn ? 'wc' : null));
}
