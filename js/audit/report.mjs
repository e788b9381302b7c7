// report.mjs — the readable table, the JSON report and JUnit XML.

import { displayWidth, padWidth, wrapWidth } from './terminal.mjs';

const TABLE_MAX = 80;  // Without a terminal to measure, the table fits 80 columns.
const HEAD = ['phase', 'allowed', 'requests', 'cookies', 'result'];

// Lays out one URL's phase table in `width` columns: one line a phase when it
// fits; else the "allowed" column folds after its commas; else, on very narrow
// terminals, one block a phase.
function phaseTable(rows, width) {
  const cells = rows.map((r) => [r[0], r[1].length ? r[1].join(', ') : '—', r[2], r[3], r[4]]);
  const w = HEAD.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]))));
  const fixed = 2 + w.reduce((a, n, i) => (i === 1 ? a : a + n), 0) + 2 * (HEAD.length - 1);
  const longestItem = Math.max(displayWidth(HEAD[1]), ...rows.flatMap((r) => r[1].map((c) => displayWidth(c) + 1)));
  const line = (c, ws) => ('  ' + c.map((x, j) => (j === c.length - 1 ? x : padWidth(x, ws[j]))).join('  ')).replace(/\s+$/, '');
  if (fixed + w[1] <= width || fixed + longestItem <= width) {
    const aw = Math.min(w[1], width - fixed);
    const ws = w.map((n, i) => (i === 1 ? aw : n));
    const out = [line(HEAD, ws), line(ws.map((n) => '-'.repeat(n)), ws)];
    for (const c of cells) {
      const folded = wrapWidth(c[1], aw);
      out.push(line([c[0], folded[0], c[2], c[3], c[4]], ws));
      for (const more of folded.slice(1)) out.push(line(['', more, '', '', ''], ws));
    }
    return out;
  }
  const out = [];
  for (const c of cells) {
    out.push(...wrapWidth(`  ${c[0]}: ${c[4]} (${c[2]} third-party requests, ${c[3]} cookies)`, width, '      '));
    out.push(...wrapWidth(`    allowed: ${c[1]}`, width, '      '));
  }
  return out;
}

// The human-readable report. `width`: the terminal's columns (Infinity when
// stdout is not a terminal: then the table fits 80 columns and messages stay
// on one line each, for grep and CI logs).
export function table(results, { width = Infinity } = {}) {
  const tw = Number.isFinite(width) ? Math.max(20, width) : TABLE_MAX;
  const wrap = (text, indent) => (Number.isFinite(width) ? wrapWidth(text, tw, indent) : [text]);
  const lines = [];
  for (const r of results) {
    lines.push('', ...wrap(`${r.url}  (policy ${r.site ?? '—'}${r.regime ? `, ${r.regime}` : ''})`, '  '));
    lines.push(...phaseTable(r.phases.map((p) => [p.name, p.allowed, String(p.requests.length), String(p.cookies.length),
      p.violations.length ? `${p.violations.length} ✗` : 'ok']), tw));
    for (const v of r.violations) lines.push(...wrap(`  ✗ [${v.phase}] ${v.kind}: ${v.message}`, '      '));
    for (const v of r.notices || []) lines.push(...wrap(`  note [${v.phase}] ${v.kind}: ${v.message}`, '      '));
  }
  const n = results.reduce((a, r) => a + r.violations.length, 0);
  lines.push('', ...wrap(n ? `${n} violation(s) on ${results.filter((r) => r.violations.length).length} of ${results.length} URL(s)`
    : `no violations on ${results.length} URL(s)`, ''));
  return lines.join('\n') + '\n';
}

export function json(results, extra = {}) {
  return JSON.stringify({
    version: 1, generated: new Date().toISOString(), ...extra,
    summary: {
      urls: results.length,
      phases: results.reduce((a, r) => a + r.phases.length, 0),
      violations: results.reduce((a, r) => a + r.violations.length, 0),
      notices: results.reduce((a, r) => a + (r.notices || []).length, 0),
    },
    results,
  }, null, 2) + '\n';
}

const esc = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c])
  // XML 1.0 forbids most control characters.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

// What a violation is about, for its test case's name: the cookie, the tag's
// line, the request (without its query), the dataLayer entry, the category.
export function elementOf(v) {
  if (v.element) return v.element;
  if (v.cookie) return `cookie ${v.cookie}${v.domain ? ` (${v.domain})` : ''}`;
  if (v.line) return `line ${v.line}${v.tag ? ` <${v.tag}>` : ''}`;
  if (v.url) {
    try {
      const u = new URL(v.url);
      return `request ${u.host}${u.pathname}`;
    } catch { return `request ${v.url}`; }
  }
  if (v.category) return `category ${v.category}`;
  return '';
}

// One <testsuite> per URL; in it one <testcase> per violation, named after its
// phase, kind and element (so CI lists each as a failure of its own), and one
// passing <testcase> per phase without violations.
export function junit(results) {
  const cases = results.map((r) => {
    const list = [], names = new Set();
    for (const p of r.phases) {
      if (!p.violations.length) list.push({ name: p.name });
      for (const v of p.violations) {
        const base = `${p.name} ${v.kind}${elementOf(v) ? `: ${elementOf(v)}` : ''}`;
        let name = base;
        for (let i = 2; names.has(name); i++) name = `${base} (${i})`;
        names.add(name);
        list.push({ name, v });
      }
    }
    return list;
  });
  const total = cases.reduce((a, l) => a + l.length, 0);
  const failed = cases.reduce((a, l) => a + l.filter((c) => c.v).length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="wafer-audit" tests="${total}" failures="${failed}">`];
  results.forEach((r, i) => {
    const list = cases[i];
    out.push(`  <testsuite name="${esc(r.url)}" tests="${list.length}" failures="${list.filter((c) => c.v).length}">`);
    for (const c of list) {
      if (!c.v) {
        out.push(`    <testcase classname="${esc(r.url)}" name="${esc(c.name)}"/>`);
        continue;
      }
      out.push(`    <testcase classname="${esc(r.url)}" name="${esc(c.name)}">`,
        `      <failure message="${esc(c.v.message)}" type="${esc(c.v.kind)}">${esc(`${c.v.phase} ${c.v.kind}: ${c.v.message}`)}</failure>`,
        '    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
