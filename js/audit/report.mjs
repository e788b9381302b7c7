// report.mjs — the readable table, the JSON report and JUnit XML.

export function table(results) {
  const lines = [];
  for (const r of results) {
    lines.push('', `${r.url}  (policy ${r.site ?? '—'}${r.regime ? `, ${r.regime}` : ''})`);
    const rows = [['phase', 'allowed', '3rd-party req', 'cookies', 'violations']];
    for (const p of r.phases) {
      rows.push([p.name, p.allowed.join(',') || '—', String(p.requests.length), String(p.cookies.length),
        p.violations.length ? `${p.violations.length} ✗` : 'ok']);
    }
    const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
    for (const [i, row] of rows.entries()) {
      lines.push('  ' + row.map((c, j) => c.padEnd(w[j])).join('  '));
      if (i === 0) lines.push('  ' + w.map((n) => '-'.repeat(n)).join('  '));
    }
    for (const v of r.violations) lines.push(`  ✗ [${v.phase}] ${v.kind}: ${v.message}`);
  }
  const n = results.reduce((a, r) => a + r.violations.length, 0);
  lines.push('', n ? `${n} violation(s) on ${results.filter((r) => r.violations.length).length} of ${results.length} URL(s)`
    : `no violations on ${results.length} URL(s)`);
  return lines.join('\n') + '\n';
}

export function json(results, extra = {}) {
  return JSON.stringify({
    version: 1, generated: new Date().toISOString(), ...extra,
    summary: {
      urls: results.length,
      phases: results.reduce((a, r) => a + r.phases.length, 0),
      violations: results.reduce((a, r) => a + r.violations.length, 0),
    },
    results,
  }, null, 2) + '\n';
}

const esc = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c])
  // XML 1.0 forbids most control characters.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

// One testsuite per URL, one testcase per phase.
export function junit(results) {
  const total = results.reduce((a, r) => a + r.phases.length, 0);
  const failed = results.reduce((a, r) => a + r.phases.filter((p) => p.violations.length).length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="wafer-audit" tests="${total}" failures="${failed}">`];
  for (const r of results) {
    const f = r.phases.filter((p) => p.violations.length).length;
    out.push(`  <testsuite name="${esc(r.url)}" tests="${r.phases.length}" failures="${f}">`);
    for (const p of r.phases) {
      out.push(`    <testcase classname="${esc(r.url)}" name="${esc(p.name)}">`);
      if (p.violations.length) {
        out.push(`      <failure message="${esc(`${p.violations.length} violation(s): ${p.violations[0].message}`)}" type="${esc(p.violations[0].kind)}">` +
          esc(p.violations.map((v) => `${v.kind}: ${v.message}`).join('\n')) + '</failure>');
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
