// pre.js — the Node CLI's glue, run before the module starts (emcc --pre-js).
// wafer-cli.cjs finds everything beside itself, wherever it was copied:
//   wafer-cli.wasm            the compiled CLI (read here: Emscripten 3.1.6
//                             would fetch() it, which Node 20 refuses for paths)
//   public_suffix_list.dafsa  the default --psl, named to the program in its
//                             (Emscripten) environment: WAFER_CLI_DEFAULT_PSL
// Nothing else: arguments, exit status, stdin/stdout/stderr and files are the
// process's own (-sNODERAWFS).
Module['wasmBinary'] = require('fs').readFileSync(require('path').join(__dirname, 'wafer-cli.wasm'));
Module['preRun'] = [function () {
  ENV['WAFER_CLI_DEFAULT_PSL'] = require('path').join(__dirname, 'public_suffix_list.dafsa');
}];
