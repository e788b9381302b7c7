# size_report.cmake — prints the WASM engine's sizes and checks the budget.
#   cmake -DWASM=<.wasm> -DLOADER=<.mjs> -DBUDGET=<bytes> -P size_report.cmake
# Over budget is a loud warning, not an error: the build still succeeds. With
# WAFER_SIZE_REPORT=brief in the environment (scripts/build.sh demo) it is one
# informational line instead.

function(wafer_sizes file raw_var gzip_var)
  file(SIZE ${file} raw)
  execute_process(COMMAND gzip -9 -c ${file} COMMAND wc -c
                  OUTPUT_VARIABLE gz OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip -9 ${file} failed")
  endif()
  set(${raw_var} ${raw} PARENT_SCOPE)
  set(${gzip_var} ${gz} PARENT_SCOPE)
endfunction()

wafer_sizes(${WASM} wasm_raw wasm_gz)
message(STATUS "wasm engine: ${wasm_raw} bytes raw, ${wasm_gz} bytes gzip -9 (budget ${BUDGET})")
if(LOADER AND EXISTS ${LOADER})
  wafer_sizes(${LOADER} js_raw js_gz)
  message(STATUS "wasm loader: ${js_raw} bytes raw, ${js_gz} bytes gzip -9 (wafer-engine.mjs)")
endif()
if(wasm_gz GREATER BUDGET AND "$ENV{WAFER_SIZE_REPORT}" STREQUAL "brief")
  # scripts/build.sh demo: the miss is known and tracked (README.md's figures,
  # bench/README.md); one line, no warning block.
  math(EXPR over "${wasm_gz} - ${BUDGET}")
  message(STATUS "wasm engine: ${over} bytes over its ${BUDGET}-byte budget, a known miss tracked in README.md (figures) and bench/")
elseif(wasm_gz GREATER BUDGET)
  math(EXPR over "${wasm_gz} - ${BUDGET}")
  string(REPEAT "!" 72 bar)
  message(STATUS "${bar}")
  message(STATUS "!!! WASM ENGINE OVER BUDGET: ${wasm_gz} bytes gzip -9 > ${BUDGET} (+${over} bytes)")
  message(STATUS "${bar}")
  message(WARNING "wafer-engine.wasm is ${over} bytes over its gzip budget of ${BUDGET}")
endif()
