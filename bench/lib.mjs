// lib.mjs — what bench/loader_bench.mjs and bench/peers/peers_bench.mjs share:
// options, statistics, the trackers' fakes on loopback, Chromium with its
// host mapping, trace analysis, machine info and the wafer-server's start and
// stop. Each script keeps what it measures and how it reports it.

import { execFileSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from '../tests/e2e/lib/harness.mjs';
import { fakeResponse } from '../tests/e2e/lib/fakes.mjs';

// ---------------------------------------------------------------- options
export const argv = process.argv.slice(2);
export const opt = (name, dflt) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};

// ---------------------------------------------------------------- helpers
export const sleep = (ms) => new Promise((f) => setTimeout(f, ms));
export const finite = (xs) => xs.filter((x) => Number.isFinite(x));
export const median = (xs) => {
  const v = finite(xs).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const range = (xs) => {
  const v = finite(xs);
  return v.length ? [Math.min(...v), Math.max(...v)] : [NaN, NaN];
};
export const gz = (buf) => gzipSync(buf, { level: 9 }).length;
// A fixed-decimals formatter that prints — for a missing figure.
export const fixed = (digits) => (x) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
export const logger = (tag) => (...a) => console.error(`[${tag}]`, ...a);

// ---------------------------------------------------------------- servers
// js/dist built if it is not there (the wafer-server serves the stub from it).
export function ensureJsBuilt() {
  if (!existsSync(join(ROOT, 'js', 'dist', 'wafer.stub.js'))) {
    execFileSync(process.execPath, [join(ROOT, 'js', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

// Stops a wafer-server started by the harness (or spawned), without its
// exit handler reporting the stop as a crash.
export function stopWaferServer(srv) {
  if (!srv) return;
  srv.proc.stopping = true;
  srv.proc.removeAllListeners('exit');
  srv.proc.kill('SIGTERM');
}

// The trackers' fakes on one loopback port: TLS or plain HTTP by the first byte.
// respond(url) answers a request (default: the e2e fakes as they are).
export async function startFakes(tmp, respond = fakeResponse) {
  const key = join(tmp, 'key.pem');
  const cert = join(tmp, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=bench-fakes'], { stdio: 'ignore' });
  const hits = [];
  const handler = (scheme) => (req, res) => {
    const url = `${scheme}://${req.headers.host}${req.url}`;
    if (hits.length < 100000) hits.push(url);
    const r = respond(url);
    const headers = { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' };
    if (r.contentType) headers['Content-Type'] = r.contentType;
    // What Google and HubSpot send for their scripts (same for every variant).
    headers['Cache-Control'] = /javascript/.test(r.contentType || '') ? 'private, max-age=900' : 'no-store';
    req.resume();
    res.writeHead(r.status, headers);
    res.end(r.body || '');
  };
  const tlsServer = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, handler('https'));
  const plainServer = http.createServer(handler('http'));
  const front = net.createServer((sock) => {
    sock.setTimeout(30000, () => sock.destroy());
    sock.once('data', (buf) => {
      sock.pause();
      sock.unshift(buf);
      (buf[0] === 0x16 ? tlsServer : plainServer).emit('connection', sock);
      process.nextTick(() => sock.resume());
    });
    sock.on('error', () => {});
  });
  await new Promise((f) => front.listen(0, '127.0.0.1', f));
  return { port: front.address().port, hits, close: () => new Promise((f) => front.close(f)) };
}

// The body of a 200 response from a loopback server, uncompressed.
export function fetchRaw(port, host, path) {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, path, headers: { host, 'accept-encoding': 'identity' }, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: ${res.statusCode}`))));
    });
    r.setTimeout(10000, () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end();
  });
}

// ---------------------------------------------------------------- browser
export function launchChromium(fakesPort) {
  return chromium.launch({
    executablePath: process.env.WAFER_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic', '--ignore-certificate-errors',
      // navigator.webdriver false, as for real visitors (vanilla-cookieconsent hides its banner from bots).
      '--disable-blink-features=AutomationControlled',
      // *.test → the wafer-server (port from the URL); every other host → the fakes.
      `--host-resolver-rules=MAP *.test 127.0.0.1, MAP * 127.0.0.1:${fakesPort}, EXCLUDE localhost, EXCLUDE 127.0.0.1`],
  });
}

export const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

export function machineInfo(browser, runs) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model || '?', cores: cpus.length, mem_gb: Math.round(os.totalmem() / 2 ** 30),
    chromium: browser.version(), node: process.version, os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(), loadavg: loadavg(), runs,
  };
}

// ---------------------------------------------------------------- trace analysis
// Lighter for the long-task traces (no per-call V8 events): less tracing overhead in the tasks measured.
export const LT_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'];

// Main-thread time by owner from a Chromium trace (devtools.timeline events):
// every complete event on a renderer main thread that carries a script URL
// (EvaluateScript, v8.compile, FunctionCall, v8.evaluateModule, …) is charged
// to the URL's owner, counting only the outermost such event so nothing is
// counted twice. Long tasks: top-level RunTask events > 50 ms on the same
// thread, with the owners' time inside them. owners: [[name, owns(url)], …],
// the first that owns a URL gets it.
export function analyseTrace(buf, owners) {
  const events = JSON.parse(buf.toString('utf8'));
  const list = Array.isArray(events) ? events : events.traceEvents;
  const mains = new Set(list.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of list) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  const urlOf = (e) => e.args?.data?.url || e.args?.data?.scriptName || e.args?.fileName || e.args?.data?.stackTrace?.[0]?.url || '';
  const ownerOf = (u) => owners.find(([, owns]) => u && owns(u))?.[0] || null;
  const result = { self: {}, evaluate: {}, evaluateCpu: {}, codeCache: {}, longTasks: [] };
  for (const evs of byThread.values()) {
    evs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Attributed (outermost URL-bearing) events.
    const attributed = [];
    let openUntil = -1;
    for (const e of evs) {
      const u = urlOf(e);
      if (!u || e.ts < openUntil) continue;
      openUntil = e.ts + (e.dur || 0);
      const o = ownerOf(u);
      if (!o) continue;
      attributed.push({ o, ts: e.ts, dur: e.dur || 0, name: e.name, url: u });
      result.self[o] = (result.self[o] || 0) + (e.dur || 0) / 1000;
      if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule') {
        (result.evaluate[u] = result.evaluate[u] || []).push((e.dur || 0) / 1000);
        // Thread (CPU) time: what the script cost the main thread, whatever
        // else the machine was running (wall time counts preemption too).
        (result.evaluateCpu[u] = result.evaluateCpu[u] || []).push((e.tdur ?? e.dur ?? 0) / 1000);
        // V8's code-cache production, charged to the evaluation on the
        // second load of a script (Chromium caches code from the 2nd load).
        const cache = evs.filter((x) => x.name === 'v8.produceCache' && x.ts >= e.ts && x.ts + (x.dur || 0) <= e.ts + (e.dur || 0))
          .reduce((t, x) => t + (x.tdur ?? x.dur ?? 0), 0);
        (result.codeCache[u] = result.codeCache[u] || []).push(cache / 1000);
      }
    }
    let taskUntil = -1;
    for (const t of evs) {
      if (!/RunTask$/.test(t.name) || (t.dur || 0) <= 50000 || t.ts < taskUntil) continue;
      taskUntil = t.ts + t.dur;
      const inside = {};
      let top = null;
      for (const a of attributed) {
        if (a.ts >= t.ts && a.ts + a.dur <= t.ts + t.dur) {
          inside[a.o] = (inside[a.o] || 0) + a.dur / 1000;
          if (!top || a.dur > top.dur) top = a;
        }
      }
      result.longTasks.push({ ms: t.dur / 1000, inside,
        top: top ? `${top.name} ${top.url.replace(/^.*\//, '').replace(/\.[0-9a-f]{12}\./, '.')} ${(top.dur / 1000).toFixed(1)} ms` : '' });
    }
  }
  return result;
}

// traced(page, fn[, categories]): runs fn with the page traced, and returns
// analyseTrace of the trace.
export function tracer(browser, owners, defaultCategories) {
  return async (page, fn, categories = defaultCategories) => {
    await browser.startTracing(page, { categories });
    let buf;
    try {
      await fn();
    } finally {
      buf = await browser.stopTracing();
    }
    return analyseTrace(buf, owners);
  };
}
