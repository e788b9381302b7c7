// catalogue.mjs — the built-in catalogue, read from `wafer catalogue`
// (WAFER_CLI, else build/native/core/wafer in this checkout, else `wafer` on PATH).

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

let cached;
export function loadCatalogue() {
  if (cached) return cached;
  if (process.env.WAFER_CATALOGUE) return (cached = JSON.parse(readFileSync(process.env.WAFER_CATALOGUE, 'utf8')));
  const out = execFileSync(waferCli(), ['catalogue'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return (cached = JSON.parse(out));
}
