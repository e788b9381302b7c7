// html.js — markup given as a string: innerHTML, outerHTML,
// insertAdjacentHTML, setHTMLUnsafe, Range.createContextualFragment,
// iframe.srcdoc and document.write. A tracker in it is held before the
// browser can fetch it, whatever wrote the string.
//
// Most markup goes straight to the native call: without the start tag of an
// element that fetches, or without a tracker's host written in it, no tracker
// can come of it. Markup whose fetching elements are images and media is
// inserted by the native call and held right after it: they only start
// loading after the running script. Markup with an element that fetches as
// soon as it is connected (iframe, link, embed, object) is parsed by the
// browser, in the same context, into a detached element of this document,
// held, then put where the native call would have put it, with the same
// mutation records. Scripts parsed from a string never run, natively or here.
// document.write is rewritten instead: the parser reads what it writes.

import { BLOCKED, FETCHING, check, checkTree, registerAll } from './hold.js';
import { patchSetter, warn } from './monkey.js';
import { mentionsTracker } from './match.js';

const HTML = 'http://www.w3.org/1999/xhtml';
// Markup without the start tag of an element that fetches makes none: the
// native call goes ahead at once (the common case: text, <p>, <li>…).
export const FETCHES = /<(script|i?frame|img|image|input|link|embed|object|video|audio|source|track)[\s/>]/i;
// …and of one that fetches (or runs) as soon as it is inserted.
const LATE = /<(script|i?frame|link|embed|object|track)[\s/>]/i;
// Contexts that parse differently from a <div> (insertion modes).
const CONTEXTS = /^(html|head|body|frameset|table|tbody|thead|tfoot|tr|td|th|caption|colgroup|select)$/;
// Raw-text elements: their content makes no element.
const RAW = /^(title|textarea|style|xmp|iframe|noembed|noframes|noscript|script|plaintext)$/;

export function patchHtml(S) {
  const o = S.o_, E = Element.prototype, W = window;
  const inner = Object.getOwnPropertyDescriptor(E, 'innerHTML').set, unsafe = E.setHTMLUnsafe;
  const fragReplace = DocumentFragment.prototype.replaceChildren;
  const body = () => document.body || document.createElement('body');

  // Where `html` is parsed, for context `ctx`: 1 when the native call may
  // insert it and the trackers be held right after (images and media only
  // start loading after the running script); else a detached element of this
  // document that parses like `ctx` (same context, same scripting; iframes,
  // links, embeds and scripts do nothing until connected); null when the
  // native call may go ahead unchanged (no element can come of it that
  // fetches from a tracker, or it lands in another document).
  const container = (ctx, html, early) => {
    if (!ctx || !FETCHES.test(html) || !mentionsTracker(S.urls_, html, document.baseURI)) return null;
    const ns = ctx.namespaceURI, name = ctx.localName;
    if (ctx.ownerDocument !== document || (ns === HTML ? RAW.test(name) || name === 'template' : !/svg|MathML/.test(ns))) return null;
    // Images and media start loading only after the running script: the
    // native call may insert them, and they are held right after it.
    if (!early && !LATE.test(html)) return 1;
    const c = document.createElementNS(ns, ns !== HTML || CONTEXTS.test(name) ? name : 'div');
    // A form around the context ignores a nested <form>, as natively.
    if (ctx.closest('form')) o.appendChild.call(document.createElement('form'), c);
    return c;
  };
  // Runs `f` after the page's markup went in: whatever happens, the native
  // call is not made again.
  const done = (f) => {
    try {
      f();
    } catch (e) {
      warn(e);
    }
    return true;
  };
  // Holds what a native call just put between `a` and `b` (exclusive; null:
  // the ends) in `p`.
  const after = (p, a, b) => done(() => {
    for (let n = a ? a.nextSibling : p.firstChild; n && n !== b; n = n.nextSibling) checkTree(S, n);
  });
  // checkTree through templates' contents and open shadow roots (declarative
  // shadow DOM, setHTMLUnsafe).
  const deep = (n) => {
    const held = checkTree(S, n, 1);
    for (const el of n.querySelectorAll('*')) {
      if (el.content) held.push(...deep(el.content));
      if (el.shadowRoot) held.push(...deep(el.shadowRoot));
    }
    return held;
  };
  // Parses `html` into `c`; returns [nodes, held elements to register once
  // they are inserted].
  const parse = (c, html, isUnsafe) => {
    if (isUnsafe && /shadowrootmode/i.test(html)) {
      // Declarative shadow roots: held while they are still templates (a
      // closed one cannot be reached once attached), then attached.
      inner.call(c, html);
      deep(c);
      html = c.innerHTML;
    }
    (isUnsafe ? unsafe : inner).call(c, html);
    // Scripts parsed from a string never run, natively: nothing to hold.
    return [[...c.childNodes], isUnsafe ? deep(c) : checkTree(S, c, 1)];
  };
  // The context of markup put next to `el` (beforebegin, afterend, outerHTML).
  const outerContext = (el) => {
    const p = el.parentNode;
    return !p || p.nodeType === 9 ? null : p.nodeType === 1 && !(p.localName === 'html' && p.namespaceURI === HTML) ? p : body();
  };

  // Patches setter or method `name` of `C`: `run(target, markup, args)`
  // returns true when it did the work itself.
  const markup = (C, name, run) => {
    const d = C && Object.getOwnPropertyDescriptor(C.prototype, name);
    if (!d) return;
    const native = (el, args) => (d.set ? d.set : d.value).apply(el, args);
    const guarded = (el, html, args) => {
      try {
        return run(el, html, args, native);
      } catch (e) {
        warn(name, e);
      }
    };
    if (d.set) patchSetter(C, name, (el, v) => guarded(el, v, [v]));
    else {
      C.prototype[name] = function (...args) {
        if (!guarded(this, args[args.length - 1], args)) return native(this, args);
      };
    }
  };

  // innerHTML and setHTMLUnsafe, on an element or a shadow root.
  for (const C of [Element, W.ShadowRoot]) {
    for (const name of ['innerHTML', 'setHTMLUnsafe']) {
      markup(C, name, (el, html, args, native) => {
        // Declarative shadow roots (setHTMLUnsafe) are held before they are attached.
        const unsafe = name !== 'innerHTML', shadow = el.nodeType === 11;
        const c = container(shadow ? el.host : el, String(html), unsafe && /shadowrootmode/i.test(html));
        if (!c) return false;
        if (c === 1) {
          native(el, args);
          return done(() => el.querySelectorAll(FETCHING).forEach((x) => check(S, x)));  // All of it is new.
        }
        const [nodes, held] = parse(c, html, unsafe);
        (shadow ? fragReplace : o.replaceChildren).apply(el, nodes);
        return done(() => registerAll(S, held));
      });
    }
  }
  markup(Element, 'outerHTML', (el, html, args, native) => {
    const c = container(outerContext(el), String(html)), p = el.parentNode, a = el.previousSibling, b = el.nextSibling;
    if (!c) return false;
    if (c === 1) return native(el, args), after(p, a, b);
    const [nodes, held] = parse(c, html);
    o.replaceWith.apply(el, nodes);
    return done(() => registerAll(S, held));
  });
  markup(Element, 'insertAdjacentHTML', (el, html, args, native) => {
    const where = String(args[0]).toLowerCase(), i = ['beforebegin', 'afterbegin', 'beforeend', 'afterend'].indexOf(where);
    if (i < 0) return false;  // The native call throws.
    let ctx = i % 3 ? el : outerContext(el);
    if (ctx && ctx.localName === 'html' && ctx.namespaceURI === HTML) ctx = body();
    const c = container(ctx, String(html)), p = i % 3 ? el : el.parentNode;
    if (!c) return false;
    if (c === 1) {
      const bounds = [[el.previousSibling, el], [null, el.firstChild], [el.lastChild, null], [el, el.nextSibling]][i];
      return native(el, args), after(p, ...bounds);
    }
    const [nodes, held] = parse(c, html);
    const frag = document.createDocumentFragment();
    frag.append(...nodes);
    o.insertBefore.call(p, frag, [el, el.firstChild, null, el.nextSibling][i]);
    return done(() => registerAll(S, held));
  });

  // Range.createContextualFragment: scripts of the fragment run once it is
  // inserted, so the trackers are held now (the insertion registers them).
  const ccf = W.Range && Range.prototype.createContextualFragment;
  if (ccf) {
    Range.prototype.createContextualFragment = function (html) {
      const f = ccf.apply(this, arguments);
      try {
        if (FETCHES.test(html) && mentionsTracker(S.urls_, String(html), document.baseURI)) checkTree(S, f);
      } catch (e) {
        warn('createContextualFragment', e);
      }
      return f;
    };
  }

  // Holds the trackers of a tree in an inert document (markup to rewrite): a
  // held script's type is kept in data-wafer-type. True if any was held.
  const holdInert = (root) => {
    let any = false;
    for (const el of [root, ...root.querySelectorAll(FETCHING)]) {
      const t = el.getAttribute('type');
      if (check(S, el) === null) continue;
      any = true;
      if (el.localName === 'script' && t && t !== BLOCKED) o.setAttribute.call(el, 'data-wafer-type', t);
    }
    return any;
  };

  // iframe.srcdoc: a document of its own, where the stub does not run. Its
  // markup is rewritten with the trackers held; once the frame has loaded,
  // they are registered here and released like any other (same origin).
  const srcdocs = new WeakMap();
  S.srcdoc_ = (el, html, ret) => {
    let out = (html = String(html));
    if (srcdocs.get(el) !== html && FETCHES.test(html) && mentionsTracker(S.urls_, html, document.baseURI)) {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      if (holdInert(doc.documentElement)) {
        out = (doc.doctype ? '<!DOCTYPE html>' : '') + doc.documentElement.outerHTML;
        if (!srcdocs.has(el)) {
          el.addEventListener('load', () => {
            let d;
            try {
              d = el.contentDocument;
            } catch (e) {}
            if (d) checkTree(S, d.documentElement);  // Registers what the markup holds.
          });
        }
      }
      srcdocs.set(el, out);
    }
    if (!ret && out !== html) o.setAttribute.call(el, 'srcdoc', out);
    return out;
  };
  const srcdoc = patchSetter(W.HTMLIFrameElement, 'srcdoc', (el, v) => {
    const r = S.srcdoc_(el, v, 1);
    return r !== String(v) && (srcdoc.call(el, r), true);
  });

  // document.write while the page parses: start tags of fetching elements
  // are rewritten held before the parser (and its preload scanner) reads
  // them. A raw-text element (a script's text) left open by one call stays
  // open for the next call of the same script. A tag split over two calls
  // is left as it is.
  let state = {};
  const tpl = document.createElement('template');
  const TAG = /<([a-zA-Z][^\s/>]*)/y;
  const ATTR = /[\s/]*(?:[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)?/y;
  const rewrite = (html) => {
    const me = document.currentScript;
    if (state.s !== me) state = { s: me };
    let out = '', i = 0, m, j, name, t;
    while (i < html.length) {
      if (state.raw) {
        const end = new RegExp('</' + state.raw + '[\\s/>]', 'ig');
        end.lastIndex = i;
        if (state.raw === 'plaintext' || !(m = end.exec(html))) break;
        out += html.slice(i, m.index);
        i = m.index;
        state.raw = 0;
      }
      if ((j = html.indexOf('<', i)) < 0) break;
      out += html.slice(i, j);
      i = j;
      if (html.startsWith('<!--', i)) j = (j = html.indexOf('-->', i + 4)) < 0 ? html.length : j + 3;
      else if (/[!?/]/.test(html[i + 1])) j = (j = html.indexOf('>', i)) < 0 ? html.length : j + 1;
      else if ((TAG.lastIndex = i, m = TAG.exec(html))) {
        ATTR.lastIndex = TAG.lastIndex;
        do j = ATTR.lastIndex; while (ATTR.exec(html) && ATTR.lastIndex > j);
        if (html[(j = ATTR.lastIndex)] !== '>') break;  // Not closed in this call.
        t = html.slice(i, ++j);
        name = m[1].toLowerCase();
        if (/^(script|i?frame|img|image|input|link|embed|object|video|audio|source|track)$/.test(name)) {
          inner.call(tpl, t);
          const el = tpl.content.firstElementChild;
          if (el && holdInert(el)) {
            t = '<' + name + [...el.attributes].map((a) => ` ${a.name}="${a.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('') + '>';
          }
        }
        if (RAW.test(name)) state.raw = name;
        out += t;
        i = j;
        continue;
      } else j = i + 1;
      out += html.slice(i, j);
      i = j;
    }
    return out + html.slice(i);
  };
  for (const name of ['write', 'writeln']) {
    const f = Document.prototype[name];
    Document.prototype[name] = function (...args) {
      try {
        if (this === document) {
          const html = args.join(''), r = rewrite(html);
          if (r !== html) args = [r];
        }
      } catch (e) {
        warn(name, e);
      }
      return f.apply(this, args);
    };
  }
}
