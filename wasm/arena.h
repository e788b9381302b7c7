// arena.h — request scoping for the WASM engine's bump allocator (arena.cc).
#ifndef WAFER_WASM_ARENA_H_
#define WAFER_WASM_ARENA_H_

namespace wafer {
namespace wasm {

// Rewinds the arena to the mark: everything allocated since is reused.
void StartRequest();
// Moves the mark to the current top: what is allocated so far is kept.
void KeepAll();

}  // namespace wasm
}  // namespace wafer

#endif  // WAFER_WASM_ARENA_H_
