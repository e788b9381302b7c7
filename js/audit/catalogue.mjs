// catalogue.mjs — the built-in catalogue, read from `wafer catalogue`
// (WAFER_CLI, else build/native/core/wafer in this checkout, else the Node
// CLI of the npm package wafer-consent (cli/wafer-cli.cjs beside js/, run with
// this Node), else `wafer` on PATH).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function waferCli() {
  if (process.env.WAFER_CLI) return process.env.WAFER_CLI;
  const local = join(ROOT, 'build', 'native', 'core', 'wafer');
  return existsSync(local) ? local : 'wafer';
}

// [file, args]: how to run the CLI (the package's Node CLI runs under this Node).
export function waferCommand() {
  if (process.env.WAFER_CLI) return [process.env.WAFER_CLI, []];
  const local = join(ROOT, 'build', 'native', 'core', 'wafer');
  if (existsSync(local)) return [local, []];
  const packaged = join(ROOT, 'cli', 'wafer-cli.cjs');
  if (existsSync(packaged)) return [process.execPath, [packaged]];
  return ['wafer', []];
}

let cached;
export function loadCatalogue() {
  if (cached) return cached;
  if (process.env.WAFER_CATALOGUE) return (cached = JSON.parse(readFileSync(process.env.WAFER_CATALOGUE, 'utf8')));
  const [file, args] = waferCommand();
  const out = execFileSync(file, [...args, 'catalogue'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return (cached = JSON.parse(out));
}
