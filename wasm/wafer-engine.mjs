// wafer-engine.mjs — loads wafer-engine.wasm and speaks its byte ABI.
//
// The engine is a standalone WebAssembly module with a plain C ABI
// (wasm/engine_abi.cc): bytes in, bytes out. This loader has no
// dependencies and no eval; it runs unchanged in browsers and Node 20.
//
//   import { loadEngine } from './wafer-engine.mjs';
//   // Browser: a URL (fetched); Node: the bytes (Node's fetch reads no files).
//   const engine = await loadEngine(new URL('./wafer-engine.wasm', import.meta.url));
//   const engine = await loadEngine(await readFile('wafer-engine.wasm'));
//   engine.loadPolicy(compiledPolicyBytes);      // true if readable
//   const decision = engine.evaluate(factsBytes); // Uint8Array, "WD" …
//
// Byte layouts: core/include/wafer/engine_wire.h.

// Imports a standalone Emscripten module may ask for. Anything else is a
// build mistake and fails the load.
function makeImports(getMemory) {
  return {
    env: {
      // Views on memory.buffer are re-made after every call, so growth
      // needs no bookkeeping here.
      emscripten_notify_memory_growth() {},
    },
    wasi_snapshot_preview1: {
      // abort() and a failed allocation end here.
      proc_exit(code) {
        throw new WebAssembly.RuntimeError(`wafer engine aborted (${code})`);
      },
      // libc's environment: always empty.
      environ_sizes_get(countPtr, sizePtr) {
        const view = new DataView(getMemory().buffer);
        view.setUint32(countPtr, 0, true);
        view.setUint32(sizePtr, 0, true);
        return 0;
      },
      environ_get() {
        return 0;
      },
    },
  };
}

async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  const response = typeof Response !== 'undefined' && source instanceof Response
    ? source : await fetch(source);
  if (!response.ok) throw new Error(`wafer engine: ${response.status} fetching ${response.url}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

// Compiles and instantiates the engine. `source` is the module's bytes
// (ArrayBuffer or typed array), a compiled WebAssembly.Module, a Response, or
// a URL to fetch.
export async function loadEngine(source) {
  const module = await compile(source);
  let memory;
  const imports = makeImports(() => memory);
  for (const { module: ns, name } of WebAssembly.Module.imports(module)) {
    if (typeof imports[ns]?.[name] !== 'function') {
      throw new Error(`wafer engine: unexpected import ${ns}.${name}`);
    }
  }
  const instance = await WebAssembly.instantiate(module, imports);
  const exports = instance.exports;
  memory = exports.memory;
  exports._initialize?.();  // Static constructors (a reactor module).
  return new Engine(exports);
}

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (typeof data === 'string') return new TextEncoder().encode(data);
  throw new TypeError('wafer engine: expected bytes');
}

export class Engine {
  #x;

  constructor(exports) {
    this.#x = exports;
  }

  // Loads a compiled policy. Returns false if it is unreadable; every
  // decision then fails closed until a readable one is loaded.
  loadPolicy(policy) {
    return this.#call(this.#x.wafer_load_policy, policy) === 1;
  }

  // Decides for one page view: encoded facts in, encoded decision out.
  evaluate(facts) {
    return this.#output(this.#call(this.#x.wafer_evaluate, facts));
  }

  // Applies a visitor's choice: encoded facts and choice in, decision out.
  apply(facts, choice) {
    return this.#output(this.#call(this.#x.wafer_apply, facts, choice));
  }

  // What the loaded policy names (engine_wire.h "PolicyInfo"); empty when no
  // readable policy is loaded.
  policyInfo() {
    return this.#output(this.#x.wafer_policy_info());
  }

  // One pattern against one URL or cookie name (engine_abi.cc wafer_match,
  // "WU" bytes): 1, 0, or -1 when malformed. For the conformance tests.
  match(bytes) {
    return this.#call(this.#x.wafer_match, bytes);
  }

  // Copies each input into linear memory, calls fn(ptr, len, ptr, len, …)
  // and frees the inputs.
  #call(fn, ...inputs) {
    const x = this.#x;
    const args = [];
    try {
      for (const input of inputs) {
        const bytes = asBytes(input);
        const ptr = x.wafer_alloc(bytes.length);
        if (!ptr) throw new RangeError('wafer engine: out of memory');
        args.push(ptr, bytes.length);
        new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      }
      return fn(...args);
    } finally {
      for (let i = 0; i < args.length; i += 2) x.wafer_free(args[i]);
    }
  }

  // A copy of the last output (`n` bytes at wafer_output()).
  #output(n) {
    const ptr = this.#x.wafer_output() >>> 0;
    return new Uint8Array(this.#x.memory.buffer, ptr, n >>> 0).slice();
  }
}
