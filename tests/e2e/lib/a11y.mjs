// a11y.mjs — what the accessibility tests look at in a page: axe-core's
// violations (open shadow roots included), the focused element (looking into
// shadow roots), Tab until an element has the focus, and words broken across
// lines.
//
//   assert.deepEqual(await axe(page), []);
//   await tabTo(page, (f) => f.action === 'reject', 'Reject all');

import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

// axe-core's violations on the whole document, one line each.
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' > ')).join(' | ')}`);
  });
}

// The element that has the focus, looking into shadow roots: its tag, its
// data-wafer-action / data-wafer-category, the id of its shadow host, whether
// it opens the preferences, its id; `body: true` when nothing has it.
export const focused = (page) => page.evaluate(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  if (!a || a === document.body) return { body: true };
  const root = a.getRootNode();
  return {
    tag: a.localName, action: a.getAttribute('data-wafer-action'), category: a.getAttribute('data-wafer-category'),
    host: root.host ? root.host.id : '', opener: a.hasAttribute('data-wafer-open-preferences'), id: a.id,
  };
});

// Presses Tab until `pred(focused element)`; fails after `max` presses.
export async function tabTo(page, pred, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && pred(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

// In the page: the words of the visible text under `elements` that are split
// across two lines (a word ends at a space, after a hyphen or slash, or at an
// element boundary such as <wbr>). Each problem: `"word" in <tag>`.
export function brokenWords(elements) {
  const out = [];
  for (const e of elements) {
    if (!e.getClientRects().length) continue;
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /[^\s\-\u2010/]+[-\u2010/]?/g;
      for (let m = re.exec(n.data); m; m = re.exec(n.data)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = [...r.getClientRects()].filter((x) => x.width > 0).map((x) => x.top);
        if (tops.length && Math.max(...tops) - Math.min(...tops) > 2) out.push(`"${m[0]}" in <${e.localName}>`);
      }
    }
  }
  return out;
}
