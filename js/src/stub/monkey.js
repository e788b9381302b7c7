// monkey.js — elements created by other scripts (gtag, GTM, HubSpot's loader)
// are prepared on insertion, before any observer can see them, so the stub
// patches every way a URL reaches an element (the URL attributes' setters,
// setAttribute, `new Audio(url)`; `new Image()` goes through `src`) and every
// way a node reaches the document (the insertion methods, Range.insertNode,
// importNode and adoptNode, for nodes a parser made elsewhere: fragments,
// templates, DOMParser documents). A patch that cannot be installed is
// skipped with a warning.

import { URL_ATTRS, checkTree, heldUrl, holdElement, kindOf, registerAll } from './hold.js';

export const warn = (...a) => console.warn('wafer:', ...a);

// Holds `el` if its URL attribute `name` = `value` carries a URL that must
// be held; returns true when it did. (The common case, no tracker, costs one
// host test.)
function holdUrl(S, el, name, value) {
  const u = heldUrl(S, name, value);
  if (u === null || S.ok_.has(el)) return false;
  holdElement(S, el, name, value, u);
  return true;
}
// The same for any attribute of any element (setAttribute).
const holdAttr = (S, el, name, value) => URL_ATTRS.includes(name) && kindOf(el) >= 0 &&
  (el.localName !== 'script' || name === 'src') && holdUrl(S, el, name, value);

// Replaces the setter of `prop` on `C.prototype`: `set(element, value)`
// returns true when it took the write over. The getter stays native.
export function patchSetter(C, prop, set) {
  try {
    const d = Object.getOwnPropertyDescriptor(C.prototype, prop);
    Object.defineProperty(C.prototype, prop, {
      ...d,
      set(v) { set(this, v) || d.set.call(this, v); },
    });
    return d.set;
  } catch (e) {
    warn(prop, e);
  }
}

// Wraps methods `names` of `proto`: `before(this, args)` runs first and may
// return a list of held elements, registered once the method returned.
export function wrap(S, proto, names, before) {
  for (const name of names) {
    const f = proto && proto[name];
    if (!f) continue;
    S.o_[name] = S.o_[name] || f;
    proto[name] = function (...args) {
      let held = [];
      try {
        held = before(this, args) || [];
      } catch (e) {
        warn(name, e);
      }
      const r = f.apply(this, args);
      registerAll(S, held);
      return r;
    };
  }
}

export function patchElements(S) {
  const o = S.o_, E = Element.prototype, W = window;
  const setAttribute = (o.setAttribute = E.setAttribute);
  const attribute = (el, name, value, f, args) => {
    const n = String(name).toLowerCase();
    if (holdAttr(S, el, n, String(value))) return;
    if (n === 'type' && S.blockedType_.has(el)) return void S.blockedType_.set(el, String(value));
    if (n === 'srcdoc' && el.localName === 'iframe' && S.srcdoc_) value = S.srcdoc_(el, value, 1);
    args[args.length - 1] = value;
    return f.apply(el, args);
  };
  E.setAttribute = function (name, value) {
    return attribute(this, name, value, setAttribute, [name, value]);
  };
  const setAttributeNS = E.setAttributeNS;
  E.setAttributeNS = function (ns, name, value) {
    return ns ? setAttributeNS.apply(this, arguments) : attribute(this, name, value, setAttributeNS, [ns, name, value]);
  };
  // The URL properties: "Class prop prop…" lines.
  for (const line of ['Script src type', 'IFrame src', 'Frame src', 'Image src srcset', 'Input src', 'Link href imageSrcset',
    'Embed src', 'Object data', 'Media src', 'Video poster', 'Source src srcset', 'Track src']) {
    const [c, ...props] = line.split(' '), C = W['HTML' + c + 'Element'];
    if (!C) continue;
    for (const p of props) {
      const a = p.toLowerCase();
      patchSetter(C, p, p === 'type'
        ? (el, v) => S.blockedType_.has(el) && S.blockedType_.set(el, String(v))
        : (el, v) => holdUrl(S, el, a, String(v)));
    }
  }
  // new Audio(url) sets its src without the setter.
  const A = W.Audio;
  if (A) {
    W.Audio = function Audio(src) {
      const a = new A();
      if (src !== undefined) a.src = src;
      return a;
    };
    W.Audio.prototype = A.prototype;
  }
  // Insertion: neutralise what is about to be inserted, register it after.
  const nodes = (self, args) => args.flatMap((a) => (a && a.nodeType ? checkTree(S, a) : []));
  wrap(S, Node.prototype, ['appendChild', 'insertBefore', 'replaceChild'], nodes);
  wrap(S, E, ['append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement', 'replaceChildren'], nodes);
  wrap(S, Document.prototype, ['replaceChildren'], nodes);
  wrap(S, W.Range && Range.prototype, ['insertNode', 'surroundContents'], nodes);
  // Nodes of another document (DOMParser, templates) taken into this one.
  for (const name of ['importNode', 'adoptNode']) {
    const f = Document.prototype[name];
    Document.prototype[name] = function () {
      const n = f.apply(this, arguments);
      try {
        if (this === document) checkTree(S, n);
      } catch (e) {
        warn(name, e);
      }
      return n;
    };
  }
}
