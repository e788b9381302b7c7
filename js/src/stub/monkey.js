// monkey.js — elements created by other scripts (gtag, GTM, HubSpot's loader)
// are prepared on insertion, before any observer can see them, so the stub
// patches the ways a URL reaches them (`src` setters and setAttribute, for
// elements made by createElement or `new Image()`) and the insertion methods
// (for elements a parser made: fragments, templates, cloneNode). A patch that
// cannot be installed is skipped with a warning.

import { checkTree, heldService, holdElement, kindOf } from './hold.js';

export const warn = (...a) => console.warn('wafer:', ...a);

// Holds `el` if `url` must be held; returns true when it did.
const holdSrc = (S, el, url) => !S.ok_.has(el) && heldService(S, url) >= 0 && (holdElement(S, el, url), true);

export function patchElements(S) {
  const o = S.o_, E = Element.prototype;
  const setAttribute = (o.setAttribute = E.setAttribute);
  E.setAttribute = function (name, value) {
    const n = String(name).toLowerCase();
    if (n === 'src' && kindOf(this) >= 0 && holdSrc(S, this, String(value))) return;
    if (n === 'type' && S.blockedType_.has(this)) return void S.blockedType_.set(this, String(value));
    return setAttribute.call(this, name, value);
  };
  const patch = (C, prop, set) => {
    try {
      const d = Object.getOwnPropertyDescriptor(C.prototype, prop);
      Object.defineProperty(C.prototype, prop, {
        ...d,  // The native getter; the setter below.
        set(v) { set(this, String(v)) || d.set.call(this, v); },
      });
    } catch (e) {
      warn(prop, e);
    }
  };
  for (const C of [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement]) patch(C, 'src', (el, v) => holdSrc(S, el, v));
  patch(HTMLScriptElement, 'type', (el, v) => S.blockedType_.has(el) && S.blockedType_.set(el, v));
  // Insertion: neutralise what is about to be inserted.
  const wrap = (proto, names) => {
    for (const name of names) {
      const f = (o[name] = proto[name]);
      proto[name] = function (...args) {
        try {
          for (const a of args) if (a && a.nodeType) checkTree(S, a);
        } catch (e) {
          warn(name, e);
        }
        return f.apply(this, args);
      };
    }
  };
  wrap(Node.prototype, ['appendChild', 'insertBefore', 'replaceChild']);
  wrap(E, ['append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement']);
}
