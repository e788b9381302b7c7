// wire.h — the byte codec shared by every compact format Wafer speaks.
//
// The compiled policy, the consent cookie, the facts the loader hands the
// engine and the decision it gets back are all sequences of:
//   u8      one byte
//   varint  unsigned LEB128, at most 10 bytes (64 bits)
//   str     varint length, then that many bytes (no terminator)
// This header is shared by the native build and the WASM engine, so it uses
// nothing heavier than std::string and std::string_view.
//
//   wafer::internal::WireWriter w;
//   w.U8(1); w.Varint(1700000000); w.Str("analytics");
//   wafer::internal::WireReader r(w.bytes());
//   uint8_t v; uint64_t t; std::string_view id;
//   bool ok = r.U8(&v) && r.Varint(&t) && r.Str(&id) && r.AtEnd();

#ifndef WAFER_CORE_SRC_INTERNAL_WIRE_H_
#define WAFER_CORE_SRC_INTERNAL_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace wafer {
namespace internal {

class WireWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Str(std::string_view s) {
    Varint(s.size());
    out_.append(s.data(), s.size());
  }
  void Raw(std::string_view s) { out_.append(s.data(), s.size()); }

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what WireWriter wrote. Every method returns false, and leaves the
// reader failed, when the input is truncated or malformed; callers chain
// reads with && and check once.
class WireReader {
 public:
  explicit WireReader(std::string_view in) : in_(in) {}

  bool U8(uint8_t* v) {
    if (pos_ >= in_.size()) return Fail();
    *v = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Fail();
      const uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && b > 1) return Fail();
      result |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *v = result;
        return true;
      }
    }
    return Fail();
  }
  // Reads a varint that must not exceed `max`.
  bool Bounded(uint64_t max, uint64_t* v) { return Varint(v) && (*v <= max || Fail()); }
  bool Str(std::string_view* s) {
    uint64_t n = 0;
    if (!Varint(&n) || n > in_.size() - pos_) return Fail();
    *s = in_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return true;
  }
  bool Raw(size_t n, std::string_view* s) {
    if (n > in_.size() - pos_) return Fail();
    *s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  bool AtEnd() const { return ok_ && pos_ == in_.size(); }
  bool ok() const { return ok_; }
  size_t position() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  bool Fail() {
    ok_ = false;
    pos_ = in_.size();
    return false;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace internal
}  // namespace wafer

#endif  // WAFER_CORE_SRC_INTERNAL_WIRE_H_
