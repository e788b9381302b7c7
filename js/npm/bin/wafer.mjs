#!/usr/bin/env node
// wafer — the command of the npm package wafer-consent. Needs only Node:
//
//   wafer check|compile|evaluate|catalogue|bundle …   the C++ core compiled to
//       WebAssembly for Node (cli/wafer-cli.cjs), the same arguments, output
//       and exit status as the native `wafer`; this wrapper only fills what
//       has a home inside the package: --psl (cli/public_suffix_list.dafsa)
//       and, for bundle, --js and --engine (dist/), each unless given.
//       After a successful bundle it writes integrity.json into --out (the
//       sha384 of every file written) and prints the script tag with its
//       integrity attribute.
//   wafer audit|scan …   wafer-audit (js/audit/cli.mjs) in headless Chromium;
//       needs the optional peer dependency playwright-core (exit 2 without it).

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = dirname(dirname(fileURLToPath(import.meta.url)));
const CLI = join(PKG, 'cli', 'wafer-cli.cjs');
const PSL = join(PKG, 'cli', 'public_suffix_list.dafsa');
const DIST = join(PKG, 'dist');
const argv = process.argv.slice(2);

// The native parser's grammar (core/cli/wafer_main.cc): these options take
// the next argument as their value wherever they appear; the first other
// argument not starting with "-" is the command. Options the user gave are
// never overridden; ours go first, so that a trailing option still reads as
// the user wrote it.
const VALUED = new Set(['-o', '--format', '--psl', '--js', '--engine', '--out', '--base-url', '--receipts', '--region']);
function parse(args) {
  const given = new Map();
  let command = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help' || a === 'help') return { command: 'help', given };
    if (VALUED.has(a)) {
      if (i + 1 < args.length) given.set(a, args[i + 1]);
      i++;
    } else if (!(a.length > 1 && a[0] === '-') && command === null) {
      command = a;
    }
  }
  return { command, given };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
function exitLike(code, signal) {
  if (signal) {
    for (const s of SIGNALS) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
}

async function audit() {
  try {
    createRequire(join(PKG, 'js', 'audit', 'browser.mjs')).resolve('playwright-core');
  } catch {
    process.stderr.write(
      `wafer ${argv[0]}: needs playwright-core, an optional dependency of wafer-consent that is not installed.\n` +
      '  npm install playwright-core\n' +
      'and a Chromium: Debian\'s /usr/bin/chromium (apt-get install chromium), or another one named by\n' +
      'WAFER_CHROMIUM=/path/to/chrome (docs/audit.md).\n');
    process.exit(2);
  }
  // cli.mjs runs on import, reading process.argv.
  process.argv = [process.argv[0], join(PKG, 'js', 'audit', 'cli.mjs'), ...argv];
  await import(pathToFileURL(join(PKG, 'js', 'audit', 'cli.mjs')).href);
}

// integrity.json in the bundle's folder: "sha384-…" of each file bundle wrote.
function integrity(out, base) {
  const names = readdirSync(out).filter((f) =>
    /^(wafer\.js|wafer\.loader\.js|wafer\.placeholder\.js|wafer-engine\.wasm|banner\.[A-Za-z-]+\.js)$/.test(f)).sort();
  const files = {};
  for (const f of names) files[f] = 'sha384-' + createHash('sha384').update(readFileSync(join(out, f))).digest('base64');
  writeFileSync(join(out, 'integrity.json'), JSON.stringify({ algorithm: 'sha384', files }, null, 2) + '\n');
  const url = base.replace(/(.)\/+$/, '$1');
  const cors = /^https?:\/\//i.test(url) ? ' crossorigin="anonymous"' : '';
  process.stdout.write(`wrote ${join(out, 'integrity.json')} (sha384 of each file)\n` +
    `with Subresource Integrity (update the pages after every bundle: the hash changes with the policy):\n` +
    `  <script src="${url}/wafer.js" integrity="${files['wafer.js']}"${cors}></script>\n`);
}

if (argv[0] === 'audit' || argv[0] === 'scan') {
  await audit();
} else {
  if (!existsSync(CLI)) {
    process.stderr.write(`wafer: ${CLI} is missing: this copy of wafer-consent is incomplete\n`);
    process.exit(1);
  }
  const { command, given } = parse(argv);
  const extra = [];
  if (!given.has('--psl')) extra.push('--psl', PSL);
  if (command === 'bundle') {
    if (!given.has('--js')) extra.push('--js', DIST);
    if (!given.has('--engine')) extra.push('--engine', DIST);
  }
  const child = spawn(process.execPath, [CLI, ...extra, ...argv], { stdio: 'inherit' });
  for (const sig of SIGNALS) process.on(sig, () => child.kill(sig));
  child.on('error', (e) => {
    process.stderr.write(`wafer: cannot run ${CLI}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (code === 0 && command === 'bundle' && given.has('--out') && given.has('--base-url')) {
      try {
        integrity(resolve(given.get('--out')), given.get('--base-url'));
      } catch (e) {
        process.stderr.write(`wafer: integrity.json not written: ${e.message}\n`);
        process.exit(1);
      }
    }
    exitLike(code, signal);
  });
}
