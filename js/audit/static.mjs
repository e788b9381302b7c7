// static.mjs — tags written in the HTML that the browser's preload scanner
// fetches before any script can hold them (REFERENCE §7): a <script src>
// without type="text/plain", an <iframe src> or <img src> (instead of
// data-wafer-src), a <link href> preload, whose URL belongs to a tracker.
// Comments and <noscript> are skipped: with JavaScript on, nothing in them loads.

const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

export function attrs(text) {
  const out = {};
  let m;
  ATTR.lastIndex = 0;
  while ((m = ATTR.exec(text))) out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

// Blanks out comments and <noscript> bodies, keeping offsets and line breaks.
export function blank(html) {
  const keepLines = (s) => s.replace(/[^\n]/g, ' ');
  return html
    .replace(/<!--[\s\S]*?-->/g, keepLines)
    .replace(/<noscript\b[\s\S]*?<\/noscript\s*>/gi, keepLines)
    // Inline script bodies are code, not markup (a createElement snippet is held by the stub).
    .replace(/(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi, (all, a, body, z) => a + keepLines(body) + z);
}

const JS_TYPES = /^(|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript)$/i;

// → [{ line, tag, url, service, category, declared, text, fix }]
export function findUnmarkedTags(html, pageUrl, index) {
  const found = [];
  const clean = blank(html);
  const lines = html.split('\n');
  const lineOf = (pos) => html.slice(0, pos).split('\n').length;
  const re = /<(script|iframe|img|link)\b([^>]*)>/gi;
  let m;
  while ((m = re.exec(clean))) {
    const tag = m[1].toLowerCase(), a = attrs(m[2]);
    let url;
    if (tag === 'script') {
      if (!a.src || !JS_TYPES.test((a.type || '').trim())) continue;
      url = a.src;
    } else if (tag === 'link') {
      if (!a.href || !/\b(preload|prefetch|modulepreload|stylesheet|preconnect|dns-prefetch)\b/i.test(a.rel || '')) continue;
      url = a.href;
    } else {
      if (!a.src) continue;
      url = a.src;
    }
    const svc = index.serviceOfUrl(url.replace(/&amp;/g, '&'), pageUrl);
    if (!svc) continue;
    const line = lineOf(m.index);
    const original = html.slice(m.index, m.index + m[0].length);
    let fixed;
    const mark = ` data-wafer-service="${svc.id}"`;
    if (tag === 'script') {
      fixed = original.replace(/\s+type\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, '')
        .replace(/^<script\b/i, `<script type="text/plain"${mark}`);
    } else if (tag === 'link') {
      fixed = '(remove this <link>: Wafer loads the tag once it is allowed)';
    } else {
      fixed = original.replace(/\ssrc\s*=/i, ' data-wafer-src=').replace(new RegExp(`^<${tag}\\b`, 'i'), `<${tag}${mark}`);
    }
    found.push({
      line, tag, url, service: svc.id, category: svc.category, declared: svc.declared,
      text: lines[line - 1].trim(), original, fix: fixed,
    });
  }
  return found;
}
