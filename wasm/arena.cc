// arena.cc — the WASM engine's allocator: a bump arena, reset per request.
//
// Every call into the engine is short and single-threaded, and nothing it
// allocates outlives the next call except the loaded policy. So instead of a
// general malloc (emmalloc is about 2.5 KB of code) memory is taken from the
// top of a bump arena and never freed one block at a time; engine_abi.cc
// rewinds the arena to just above the loaded policy when a new request
// starts (see wafer::wasm::StartRequest). free() is a no-op.
//
// NOTE: each wafer_load_policy keeps its policy for the module's life; load
// one policy per page.

#include "arena.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" unsigned char __heap_base;

namespace wafer {
namespace wasm {
namespace {

constexpr uintptr_t kAlign = 16;
constexpr size_t kPage = 65536;

uintptr_t g_top = 0;   // Next free byte.
uintptr_t g_mark = 0;  // Requests rewind to here (just above the policy).

uintptr_t Base() {
  return (reinterpret_cast<uintptr_t>(&__heap_base) + kAlign - 1) & ~(kAlign - 1);
}

}  // namespace

void StartRequest() { g_top = g_mark != 0 ? g_mark : Base(); }
void KeepAll() { g_mark = g_top; }

}  // namespace wasm
}  // namespace wafer

using wafer::wasm::g_top;
using wafer::wasm::kAlign;
using wafer::wasm::kPage;

extern "C" {

// Each block is preceded by a 16-byte header holding its size (for realloc).
void* malloc(size_t n) {
  if (g_top == 0) g_top = wafer::wasm::Base();
  const uintptr_t block = g_top + kAlign;
  const uintptr_t end = block + ((n + kAlign - 1) & ~(kAlign - 1));
  const size_t have = __builtin_wasm_memory_size(0) * kPage;
  if (end > have &&
      __builtin_wasm_memory_grow(0, (end - have + kPage - 1) / kPage) == static_cast<size_t>(-1)) {
    return nullptr;
  }
  *reinterpret_cast<size_t*>(block - kAlign) = n;
  g_top = end;
  return reinterpret_cast<void*>(block);
}

void free(void*) {}

void* calloc(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size) return nullptr;
  void* p = malloc(n * size);
  if (p != nullptr) memset(p, 0, n * size);
  return p;
}

void* realloc(void* p, size_t n) {
  void* q = malloc(n);
  if (p != nullptr && q != nullptr) {
    const size_t old = *reinterpret_cast<size_t*>(reinterpret_cast<uintptr_t>(p) - kAlign);
    memcpy(q, p, old < n ? old : n);
  }
  return q;
}

}  // extern "C"
