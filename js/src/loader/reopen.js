// reopen.js — the floating button that reopens the preferences (policy
// banner.floating_button → the stub configuration's `reopen`). The loader
// draws it, not the banner bundle, so that it shows on every page once a
// choice is stored: a returning visitor never downloads the banner bundle.
// One #wafer-reopen host (open shadow root, constructed stylesheet, which
// `style-src 'self'` does not govern), inserted once and then only hidden or
// shown: fixed bottom-left, it takes no space and moves nothing.

// Its label in every bundled language: the string tables' `reopen`, put here
// by js/build.mjs (a returning visitor downloads no banner strings).
const LABELS = __WAFER_REOPEN__;
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM7.5 11a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm4 5a1.5 1.5 0 1 1 0 3 ' +
  '1.5 1.5 0 0 1 0-3zm5-1a1 1 0 1 1 0 2 1 1 0 0 1 0-2zM9 6a1 1 0 1 1 0 2 1 1 0 0 1 0-2z';
// The banner's colours and custom properties (docs/banner.md "Theming"):
// #1a1a1a on #fff and #f0f0f0 on #1e1e21, both far above 4.5:1.
const CSS = `:host{all:initial!important;display:contents!important}
button{--b:var(--wafer-bg,#fff);--c:var(--wafer-fg,#1a1a1a);--a:var(--wafer-accent,#0b57d0);position:fixed;z-index:var(--wafer-z,2147483000);
inset:auto;inset-block-end:12px;inset-inline-start:12px;box-sizing:border-box;width:44px;height:44px;margin:0;padding:0;border-radius:50%;border:2px solid var(--c);
color:var(--c);background:var(--b);cursor:pointer;display:grid;place-items:center;box-shadow:0 1px 6px rgba(0,0,0,.3);transition:transform .15s}
button:hover{transform:scale(1.08)}
button:focus-visible{outline:3px solid var(--a);outline-offset:2px}
button[hidden]{display:none}
svg{width:24px;height:24px;fill:currentColor}
@media(prefers-color-scheme:dark){button{--b:var(--wafer-bg-dark,#1e1e21);--c:var(--wafer-fg-dark,#f0f0f0);--a:var(--wafer-accent-dark,#9cc0fa)}}
@media(prefers-reduced-motion:reduce){button{transition:none}button:hover{transform:none}}
@media(forced-colors:active){button{border-color:ButtonText}}`;

let button = null, want = false;

// Shows the button (`on`, and the configuration asks for it) or hides it,
// labelled in `lang` (the engine's banner language); returns it when it shows
// (the banner gives it the focus back). `open(button)`: opens the preferences
// with the button as their opener.
export function reopen(cfg, on, open, lang) {
  want = on;
  if (!cfg.reopen) return null;
  if (!document.body) {
    document.addEventListener('DOMContentLoaded', () => reopen(cfg, want, open, lang), { once: true });
    return null;
  }
  if (!button) {
    if (!on) return null;
    const host = document.createElement('div'), root = host.attachShadow({ mode: 'open' });
    host.id = 'wafer-reopen';
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      return null;  // No constructable stylesheets: no button (links with data-wafer-open-preferences still work).
    }
    const shown = LABELS[lang] ? lang : LABELS[cfg.lang] ? cfg.lang : 'en', label = LABELS[shown];
    host.lang = shown;
    button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.title = label;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.append(document.createElementNS(svg.namespaceURI, 'path'));
    svg.firstChild.setAttribute('d', ICON);
    button.append(svg);
    button.addEventListener('click', () => open(button));
    root.append(button);
    document.body.append(host);
  }
  button.hidden = !on;
  return on ? button : null;
}
