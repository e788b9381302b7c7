// server.mjs — the real wafer-server on a free loopback port, serving the
// demo sites and policies plus the broken fixture sites of tests/audit/fixtures
// (assembled in a temporary folder), and a runner for the wafer-audit CLI.
//
// Environment: WAFER_SERVER (default build/native/server/wafer-server),
// WAFER_CHROMIUM (default /usr/bin/chromium), WAFER_CLI (default build/native/core/wafer).

import { spawn } from 'node:child_process';
import { startServer } from '../../e2e/lib/harness.mjs';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI = join(ROOT, 'js', 'audit', 'cli.mjs');
export const WAFER = process.env.WAFER_CLI || join(ROOT, 'build', 'native', 'core', 'wafer');
const FIXTURES = join(ROOT, 'tests', 'audit', 'fixtures');

export async function startAuditServer() {
  const tmp = mkdtempSync(join(tmpdir(), 'wafer-audit-'));
  const policies = join(tmp, 'policies'), sites = join(tmp, 'sites');
  mkdirSync(policies);
  mkdirSync(sites);
  for (const base of [join(ROOT, 'demo'), FIXTURES]) {
    cpSync(join(base, 'policies'), policies, { recursive: true });
    cpSync(join(base, 'sites'), sites, { recursive: true, filter: (p) => !p.endsWith('README.md') });
  }
  const server = await startServer(policies, join(tmp, 'data'), 0, sites);
  const port = server.port, proc = server.proc;
  return {
    port, policies, tmp,
    url: (site, path = '/') => `http://www.${site}.test:${port}${path}`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((f) => proc.once('exit', f));
        proc.stopping = true;
        proc.kill('SIGTERM');
        await gone;
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// Runs `node js/audit/cli.mjs ARGS…` → { code, stdout, stderr }.
export function runCli(args, { timeout = 180000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (c) => (stdout += c));
    p.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`wafer-audit timed out after ${timeout} ms\n${stderr}`));
    }, timeout);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
