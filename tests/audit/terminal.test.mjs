// wafer-audit under a real pseudo-terminal (tmux, Debian's package) at 60, 80
// and 120 columns: while it runs, the progress bar is one screen row that never
// wraps; when it ends, no stale progress line is left, no line is wider than the
// terminal (tmux joins wrapped rows with capture-pane -J: nothing may be
// joined), and the table folds its "allowed" column where it must.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, startAuditServer } from './lib/server.mjs';

let srv;
before(async () => {
  srv = await startAuditServer();
});
after(async () => {
  await srv?.stop();
});

const quote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const BAR = /\[[#-]{10,}\]/;

// Runs the CLI in a detached tmux session of `width` columns on a server of
// our own (its own socket, no user configuration), sampling the screen while
// it runs → { samples: [{ plain, joined }], final: { plain, joined } }.
async function inTerminal(width, args) {
  const sock = `wafer-audit-test-${process.pid}-${width}`;
  const tmux = (...a) => execFileSync('tmux', ['-u', '-L', sock, '-f', '/dev/null', ...a],
    { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  const command = `${[process.execPath, CLI, ...args].map(quote).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('start-server', ';', 'set-option', '-g', 'history-limit', '20000', ';',
    'new-session', '-d', '-s', 'audit', '-x', String(width), '-y', '40', command);
  const capture = (...o) => tmux('capture-pane', '-p', ...o, '-t', 'audit', '-S', '-').replace(/\n+$/, '');
  // The plain rows and the joined lines of one and the same screen (it changes while it runs).
  const screen = () => {
    for (;;) {
      const plain = capture(), joined = capture('-J');
      if (capture() === plain) return { plain, joined };
    }
  };
  const samples = [];
  try {
    for (let i = 0; i < 1200; i++) {  // At most 10 minutes.
      const s = screen();
      if (/\[exit \d+\]/.test(s.plain)) return { samples, final: s };
      samples.push(s);
      await sleep(500);
    }
    throw new Error(`wafer-audit did not finish at ${width} columns:\n${screen().plain}`);
  } finally {
    let socket = null;
    try {
      socket = tmux('display-message', '-p', '#{socket_path}').trim();
      tmux('kill-server');
    } catch { /* already gone */ }
    if (socket) rmSync(socket, { force: true });  // kill-server leaves the socket file.
  }
}

for (const width of [60, 80, 120]) {
  test(`the terminal output fits ${width} columns: progress on one row, no stale line, the table folded to fit`, async () => {
    const urls = [srv.url('kaleyra'), srv.url('preload-ga', '/?q=' + '漢字'.repeat(12))];
    const { samples, final } = await inTerminal(width, ['audit', ...urls, '--policy', srv.policies, '--route-fakes']);
    const where = `\n--- screen at ${width} columns ---\n${final.plain}`;
    assert.match(final.plain, /\[exit 1\]$/, where);
    // While it ran: the bar was drawn, always on a single row that did not wrap.
    const bars = samples.filter((s) => BAR.test(s.plain));
    assert.ok(bars.length > 0, `no progress bar seen at ${width} columns`);
    for (const s of bars) {
      assert.equal(s.plain.split('\n').filter((l) => BAR.test(l)).length, 1, `progress on more than one row:\n${s.plain}`);
      assert.equal(s.joined, s.plain, `the progress line wrapped:\n${s.plain}`);
    }
    // Long lines are cut to fit, by display width: the URL of wide characters shows as far as it fits.
    assert.ok(bars.some((s) => s.plain.split('\n').some((l) => BAR.test(l) && l.endsWith('…'))), 'the progress line was never cut');
    if (width > 60) assert.ok(bars.some((s) => s.plain.includes('漢字')), 'the wide-character URL never showed in the progress line');
    // At the end: nothing left of the bar, no wrapped line, the report complete.
    assert.doesNotMatch(final.plain, BAR, `stale progress line${where}`);
    assert.equal(final.joined, final.plain, `a line is wider than the terminal${where}`);
    const lines = final.plain.split('\n');
    assert.ok(lines.some((l) => /^ {2}phase +allowed +requests +cookies +result$/.test(l)), where);
    assert.ok(lines.some((l) => /^\d+ violation\(s\) on 1 of 2 URL\(s\)$/.test(l)), where);
    assert.ok(final.plain.includes('✗ [before] preload: line 9: unmarked <script> for'), where);
    const accepted = lines.filter((l) => /^ {2}accept-all /.test(l));
    assert.equal(accepted.length, 2, where);
    if (width >= 100) {
      assert.ok(accepted.some((l) => l.includes('necessary, analytics, functional, marketing, social')), `not on one line${where}`);
    } else {
      // Folded: the categories continue on rows of their own, under the column.
      const i = lines.indexOf(accepted[0]);
      assert.match(lines[i + 1], /^ {10,}[a-z][a-z, ]+$/, where);
    }
  });
}
