// wasm_bench.mjs — the WASM engine's speed per call, against native, in one run.
//
//   node bench/wasm_bench.mjs [--seconds 3] [--native build/bench/bench/engine_bench]
//                             [--wasm build/wasm/wasm/wafer-engine.wasm]
//
// 1. Runs the native benchmark with --write_inputs to get the very bytes it
//    measures (the compiled 10-service policy, the page view's facts and the
//    native decision).
// 2. Loads the WASM engine with its own loader (wafer-engine.mjs beside the
//    .wasm), checks that it answers byte for byte what native answers, and
//    times wafer_evaluate two ways:
//      loader  engine.evaluate(facts): copies the facts in and the decision
//              out, as the browser loader does on every page view;
//      raw     wafer_alloc + wafer_evaluate(ptr, n) on facts already in linear
//              memory (no copy in or out).
// 3. Runs the native BM_WirePath (DecodeFacts + Evaluate + EncodeDecision,
//    exactly what one wafer_evaluate call does) with --benchmark_format=json.
// Prints calls/s for each and the ratio native ÷ WASM; the budget is WASM
// within 2× native per call (loader path). Exits 1 when over budget or when
// the outputs differ. Runs one thing at a time, so the figures don't compete.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_RATIO = 2.0;

function parseArgs(argv) {
  const opts = {
    seconds: 3,
    native: join(root, 'build/bench/bench/engine_bench'),
    wasm: join(root, 'build/wasm/wasm/wafer-engine.wasm'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (key === '--seconds') opts.seconds = Number(value());
    else if (key === '--native') opts.native = resolve(value());
    else if (key === '--wasm') opts.wasm = resolve(value());
    else throw new Error(`wasm_bench: unknown argument ${argv[i]}`);
  }
  return opts;
}

// Calls fn() in batches until `seconds` have passed; returns calls per second.
function rate(fn, seconds) {
  for (let i = 0; i < 20000; i++) fn();  // Warm up: let the tiers settle.
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let calls = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 2000; i++) fn();
    calls += 2000;
    now = process.hrtime.bigint();
  }
  return calls / (Number(now - start) / 1e9);
}

// The raw exports, instantiated with the same imports the loader provides.
async function rawExports(wasmBytes) {
  let memory;
  const imports = {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: {
      proc_exit(code) { throw new WebAssembly.RuntimeError(`wafer engine aborted (${code})`); },
      environ_sizes_get(countPtr, sizePtr) {
        const view = new DataView(memory.buffer);
        view.setUint32(countPtr, 0, true);
        view.setUint32(sizePtr, 0, true);
        return 0;
      },
      environ_get() { return 0; },
    },
  };
  const { instance } = await WebAssembly.instantiate(wasmBytes, imports);
  const x = instance.exports;
  memory = x.memory;
  x._initialize?.();
  return x;
}

function copyIn(x, bytes) {
  const ptr = x.wafer_alloc(bytes.length);
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

function nativeRate(binary, seconds) {
  const run = spawnSync(binary, [
    '--benchmark_format=json',
    '--benchmark_filter=^(BM_WirePath|BM_Evaluate)$',
    `--benchmark_min_time=${seconds}`,
  ], { encoding: 'utf8', maxBuffer: 16 << 20 });
  // Exit status 1 only says Evaluate() missed its own budget; the JSON is whole.
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`wasm_bench: ${binary} failed (${run.error ?? run.status}): ${run.stderr}`);
  }
  const report = JSON.parse(run.stdout);
  const find = (name) => report.benchmarks.find((b) => b.name === name)?.items_per_second;
  return { wire: find('BM_WirePath'), evaluate: find('BM_Evaluate'), context: report.context };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'wafer-bench-'));
  let policy, facts, expected;
  try {
    execFileSync(opts.native, [`--write_inputs=${dir}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    policy = readFileSync(join(dir, 'policy.wfp'));
    facts = readFileSync(join(dir, 'facts.bin'));
    expected = readFileSync(join(dir, 'decision.bin'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const wasmBytes = readFileSync(opts.wasm);
  const loaderUrl = pathToFileURL(join(dirname(opts.wasm), 'wafer-engine.mjs'));
  const { loadEngine } = await import(loaderUrl.href);
  const engine = await loadEngine(wasmBytes);
  if (!engine.loadPolicy(policy)) throw new Error('wasm_bench: the engine refused the policy');
  const first = engine.evaluate(facts);
  const identical = Buffer.compare(Buffer.from(first), expected) === 0;

  const x = await rawExports(wasmBytes);
  const policyPtr = copyIn(x, policy);
  if (x.wafer_load_policy(policyPtr, policy.length) !== 1) throw new Error('raw: policy refused');
  x.wafer_free(policyPtr);
  const factsPtr = copyIn(x, facts);
  const n = facts.length;

  const loader = rate(() => engine.evaluate(facts), opts.seconds);
  // Each request starts with wafer_alloc (it rewinds the engine's arena); the
  // facts copied in once stay in place, since every rewind returns the same
  // address and nothing below it is reused.
  const raw = rate(() => {
    const len = x.wafer_evaluate(factsPtr, n);
    if (x.wafer_alloc(n) !== factsPtr) throw new Error('raw: the arena moved the input');
    return len;
  }, opts.seconds);
  const native = nativeRate(opts.native, opts.seconds);

  const ratio = native.wire / loader;
  console.log(`inputs: policy ${policy.length} B, facts ${facts.length} B, decision ${expected.length} B`);
  console.log(`wasm output identical to native: ${identical ? 'yes' : 'NO'}`);
  console.log(`wasm (loader, engine.evaluate):  ${fmt(loader)} calls/s`);
  console.log(`wasm (raw wafer_evaluate):       ${fmt(raw)} calls/s`);
  console.log(`native (DecodeFacts+Evaluate+EncodeDecision): ${fmt(native.wire)} calls/s`);
  console.log(`native (Evaluate only):          ${fmt(native.evaluate)} decisions/s`);
  console.log(`ratio native/wasm per call: ${ratio.toFixed(2)}x loader, ` +
              `${(native.wire / raw).toFixed(2)}x raw (budget ${BUDGET_RATIO.toFixed(1)}x)`);
  console.log(`node ${process.version}, ${native.context.num_cpus} CPUs at ` +
              `${native.context.mhz_per_cpu} MHz, ${new Date().toISOString()}`);
  if (!identical || ratio > BUDGET_RATIO) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e.stack ?? String(e));
  process.exitCode = 2;
});
