#!/usr/bin/env node
// cli.mjs — wafer-audit: proves in a real browser that tags stay blocked
// (`audit`) and proposes a policy for a site that has none (`scan`).
// docs/audit.md is the manual. Exit status: 0 clean, 1 violations, 2 usage.

import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from './catalogue.mjs';
import { launch, parseHostMap } from './browser.mjs';
import { audit } from './audit.mjs';
import { table, json, junit } from './report.mjs';
import { scanSite, scanSummary } from './scan.mjs';
import { displayWidth, fitWidth } from './terminal.mjs';

const USAGE = `usage:
  wafer-audit audit URL… --policy POLICY.json|DIR [--policy …] [--depth N] [--json OUT.json]
                         [--junit OUT.xml] [--route-fakes] [--region XX] [--allow-host HOST]… [--max-pages N]
                         [--host-map HOST=ADDR]…
  wafer-audit scan URL [--depth N] [--out POLICY.json] [--json REPORT.json] [--route-fakes] [--max-pages N]
                       [--host-map HOST=ADDR]…
  --host-map www.example.com=127.0.0.1  resolves HOST to ADDR (like curl --resolve; "*.example.com" for a domain)
exit status: 0 no violation, 1 violations (or the scan failed), 2 usage error`;

class Usage extends Error {}

function parse(argv) {
  const o = { urls: [], policies: [], allowHosts: [], hostMap: [], depth: 0 };
  const want = (i, name) => {
    if (i >= argv.length || argv[i].startsWith('--')) throw new Usage(`${name} needs a value`);
    return argv[i];
  };
  const int = (v, name) => {
    if (!/^\d+$/.test(v)) throw new Usage(`${name}: expected a whole number, got "${v}"`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--policy': o.policies.push(want(++i, a)); break;
      case '--depth': o.depth = int(want(++i, a), a); break;
      case '--max-pages': o.maxPages = int(want(++i, a), a); break;
      case '--json': o.json = want(++i, a); break;
      case '--junit': o.junit = want(++i, a); break;
      case '--out': o.out = want(++i, a); break;
      case '--region': o.region = want(++i, a); break;
      case '--allow-host': o.allowHosts.push(want(++i, a)); break;
      case '--route-fakes': o.routeFakes = true; break;
      case '--host-map': {
        const m = parseHostMap(want(++i, a));
        if (m.error) throw new Usage(`--host-map: ${m.error}`);
        o.hostMap.push(m);
        break;
      }
      case '-h': case '--help': o.help = true; break;
      default:
        if (a.startsWith('-')) throw new Usage(`unknown option ${a}`);
        try {
          const u = new URL(a);
          if (!/^https?:$/.test(u.protocol)) throw new Error();
        } catch {
          throw new Usage(`not an http(s) URL: ${a}`);
        }
        o.urls.push(a);
    }
  }
  return o;
}

function readPolicies(paths) {
  const files = paths.flatMap((p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new Usage(`--policy ${p}: no such file or directory`);
    }
    return st.isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => join(p, f)) : [p];
  });
  return files.map((f) => {
    try {
      return JSON.parse(readFileSync(f, 'utf8'));
    } catch (e) {
      throw new Usage(`--policy ${f}: ${e.message}`);
    }
  });
}

// The progress line on stderr: on a terminal one line, redrawn in place and
// cut to the terminal's width by display width (so it never wraps and leaves
// no stale line); otherwise one line per page.
function progress(enabled) {
  const tty = process.stderr.isTTY;
  let cur = '';
  return {
    url(url, i, n) {
      cur = `[${i + 1}/${n}] ${url}`;
      if (!enabled) return;
      if (!tty) process.stderr.write(`${cur}\n`);
    },
    // Page i of n, phase k of m.
    phase(name, i, n, k = 0, m = 1) {
      if (!enabled || !tty) return;
      const cols = process.stderr.columns || 80;
      const w = cols >= 60 ? 20 : 10, done = Math.round((w * (i + k / m)) / Math.max(n, 1));
      const text = `[${'#'.repeat(done)}${'-'.repeat(w - done)}] ${cur} ${name}`;
      // One column spare: a line that fills the last column wraps on some terminals.
      process.stderr.write(`\r\x1b[2K${displayWidth(text) < cols ? text : fitWidth(text, cols - 1)}`);
    },
    end() {
      if (enabled && tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

// The report's width: the terminal's, when stdout is one.
const outWidth = () => (process.stdout.isTTY ? process.stdout.columns || 80 : Infinity);

async function main(argv) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help') {
    process.stdout.write(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  if (cmd !== 'audit' && cmd !== 'scan') throw new Usage(`unknown command "${cmd}"`);
  const o = parse(rest);
  if (o.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!o.urls.length) throw new Usage('no URL given');
  const catalogue = loadCatalogue();
  const p = progress(true);
  if (cmd === 'audit') {
    if (!o.policies.length) throw new Usage('audit needs --policy POLICY.json (or a folder of policies)');
    if (o.out) throw new Usage('--out is for scan');
    const policies = readPolicies(o.policies);
    if (!policies.length) throw new Usage('no policy found');
    const browser = await launch({ resolveTest: true, hostMap: o.hostMap });
    let results;
    try {
      let urlI = 0, urlN = 1;
      results = await audit(browser, o.urls, policies, catalogue, {
        ...o,
        onUrl: (u, i, n) => { urlI = i; urlN = n; p.url(u, i, n); },
        onPhase: (name, k, m) => p.phase(name, urlI, urlN, k, m),
      });
    } finally {
      await browser.close().catch(() => {});
      p.end();
    }
    process.stdout.write(table(results, { width: outWidth() }));
    if (o.json) writeFileSync(o.json, json(results));
    if (o.junit) writeFileSync(o.junit, junit(results));
    return results.some((r) => r.violations.length) ? 1 : 0;
  }
  if (o.urls.length !== 1) throw new Usage('scan takes one URL');
  if (o.policies.length || o.junit) throw new Usage('--policy and --junit are for audit');
  const browser = await launch({ resolveTest: true, hostMap: o.hostMap });
  let r;
  try {
    r = await scanSite(browser, o.urls[0], catalogue, { ...o, onUrl: (u, i, n) => { p.url(u, i, n); p.phase('scan', i, n); } });
  } finally {
    await browser.close().catch(() => {});
    p.end();
  }
  const policy = JSON.stringify(r.policy, null, 2) + '\n';
  if (o.json) writeFileSync(o.json, JSON.stringify(r, null, 2) + '\n');
  if (o.out) {
    writeFileSync(o.out, policy);
    process.stdout.write(scanSummary(r) + `\nProposed policy written to ${o.out}; check it with: wafer check ${o.out}\n`);
  } else {
    process.stderr.write(scanSummary(r) + '\nProposed policy (stdout):\n');
    process.stdout.write(policy);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  if (e instanceof Usage) {
    process.stderr.write(`wafer-audit: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`wafer-audit: ${e.stack || e}\n`);
  process.exit(1);
});
