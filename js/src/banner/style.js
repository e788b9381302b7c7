// style.js — the banner's CSS, adopted by its shadow roots as a constructed
// stylesheet (no <style> element, so `style-src 'self'` does not block it).
// Themable with --wafer-* custom properties (docs/banner.md "Theming"); they
// inherit through the shadow boundary, so a site sets them on :root.
// Placeholders (.ph) take these too, and their own rules from
// wafer.placeholder.js (placeholder.js).

export const CSS = `
:host(:not(.wafer-placeholder)){all:initial!important;display:contents!important}
*{box-sizing:border-box}
.l,.p,.n,.ph{--b:var(--wafer-bg,#fff);--c:var(--wafer-fg,#1a1a1a);--m:var(--wafer-muted,#595959);--a:var(--wafer-accent,#0b57d0);
--k:var(--wafer-button-bg,var(--c));--t:var(--wafer-button-fg,var(--b));--r:var(--wafer-radius,10px);
font:var(--wafer-font-size,15px)/1.5 var(--wafer-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
color:var(--c);background:var(--b);z-index:var(--wafer-z,2147483000);position:fixed;text-align:start}
@media(prefers-color-scheme:dark){.l,.p,.n,.ph{--b:var(--wafer-bg-dark,#1e1e21);--c:var(--wafer-fg-dark,#f0f0f0);
--m:var(--wafer-muted-dark,#b8b8b8);--a:var(--wafer-accent-dark,#9cc0fa)}}
.l{inset:auto 0 0;margin:0 auto;max-width:var(--wafer-max-width,60rem);max-height:85vh;overflow:auto;padding:18px 20px 16px;
border-radius:var(--r) var(--r) 0 0;box-shadow:0 -2px 24px rgba(0,0,0,.3);outline:1px solid rgba(128,128,128,.35);animation:u .2s ease-out}
@media(min-width:40em){.l{inset:auto 16px 16px;border-radius:var(--r)}}
.v{position:fixed;inset:0;background:rgba(0,0,0,.55);z-index:var(--wafer-z,2147483000)}
.p{inset:auto 0 0;margin:0 auto;display:flex;flex-direction:column;width:100%;max-height:92vh;padding-top:18px;
border-radius:var(--r) var(--r) 0 0;outline:1px solid rgba(128,128,128,.35)}
@media(min-width:40em){.p{inset:0;margin:auto;height:fit-content;width:min(40rem,calc(100vw - 32px));max-height:min(88vh,50rem);border-radius:var(--r)}}
.s{overflow:auto;padding:0 20px}
.p>h2,.p>p{margin-inline:20px}
.p>.w{padding:4px 20px 16px;margin:0;border-top:1px solid rgba(128,128,128,.35)}
h2{margin:0 0 8px;font-size:1.2em;line-height:1.3;padding-inline-end:40px}
h3{margin:0;font-size:1em}
p{margin:0 0 10px}
a,summary{color:var(--a);text-decoration:underline;cursor:pointer}
.g{font-weight:600}
.w{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.b{flex:1 1 11em;min-height:44px;font:inherit;font-weight:600;line-height:1.25;padding:10px 16px;border:2px solid var(--k);
border-radius:calc(var(--r)*.6);background:var(--k);color:var(--t);cursor:pointer}
.p .b{flex-basis:9em}
.b:hover{text-decoration:underline}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
[tabindex="-1"]:focus{outline:none}
.x{position:absolute;top:8px;inset-inline-end:8px;width:40px;height:40px;border:0;border-radius:50%;background:none;color:var(--c);
font:24px/1 sans-serif;cursor:pointer}
.c{border-top:1px solid rgba(128,128,128,.35);padding:12px 0}
.h{display:flex;align-items:center;justify-content:space-between;gap:12px;margin-bottom:4px}
.h span{font-size:.9em;color:var(--m);margin-inline-start:auto}
.o{appearance:none;-webkit-appearance:none;flex:none;width:46px;height:26px;margin:0;border-radius:13px;border:2px solid var(--m);cursor:pointer;
background:radial-gradient(circle at 11px 50%,var(--m) 7px,transparent 8px) var(--b)}
.o:checked{border-color:var(--a);background:radial-gradient(circle at 31px 50%,var(--b) 7px,transparent 8px) var(--a)}
.o:indeterminate{border-color:var(--a);background:radial-gradient(circle,var(--a) 7px,transparent 8px) var(--b)}
.o:disabled{cursor:default;opacity:.7}
[dir=rtl] .o{transform:scaleX(-1)}
details{margin-top:4px}
ul{list-style:none;margin:6px 0 0;padding:0}
li{margin:0 0 10px;padding:8px 10px;border-inline-start:3px solid rgba(128,128,128,.45);container-type:inline-size}
li p{margin:2px 0}
.s p,label{unicode-bidi:plaintext}
table{width:100%;border-collapse:collapse;font-size:.9em;margin-top:6px}
caption{text-align:start;font-weight:600}
th,td{text-align:start;vertical-align:top;padding:3px 0;padding-inline-end:8px;border-bottom:1px solid rgba(128,128,128,.35);overflow-wrap:break-word}
.k{display:none}
@container (width<30em){thead{position:absolute;clip-path:inset(50%)}table,caption,tr,td{display:block}
tr{padding:4px 0;border-bottom:1px solid rgba(128,128,128,.35)}td{border:0;padding:0}.k{display:inline;font-weight:600;margin-inline-end:.5em}}
.n{inset:auto;inset-block-end:64px;inset-inline-start:12px;max-width:min(24rem,calc(100vw - 24px));padding:10px 14px;border-radius:var(--r);box-shadow:0 2px 12px rgba(0,0,0,.3);outline:1px solid rgba(128,128,128,.35)}
.n:empty{display:none}
li .h{margin:0}
@keyframes u{from{transform:translateY(12px);opacity:0}}
@media(prefers-reduced-motion:reduce){.l{animation:none}}
@media(forced-colors:active){.o:checked{background:Highlight}}
`;

let sheet = null;

// Gives `root` (a shadow root) the banner's styles: a shared constructed
// stylesheet, or a <style nonce> where constructable stylesheets are missing.
export function adoptStyles(root, nonce) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    const s = document.createElement('style');
    if (nonce) s.nonce = nonce;
    s.textContent = CSS;
    root.prepend(s);
  }
}
