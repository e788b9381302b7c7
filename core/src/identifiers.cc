// identifiers.cc — identifier and language-tag formats (identifiers.h).

#include "wafer/identifiers.h"

#include <cstddef>
#include <string_view>

namespace wafer {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLower(c) || IsUpper(c) || IsDigit(c); }

// [first][rest]{0,max_size-1} with first in [a-z0-9] or [a-z].
bool IsId(std::string_view s, bool letter_first, size_t max_size) {
  if (s.empty() || s.size() > max_size) return false;
  if (!(IsLower(s[0]) || (!letter_first && IsDigit(s[0])))) return false;
  for (char c : s) {
    if (!IsLower(c) && !IsDigit(c) && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

bool IsSiteId(std::string_view s) { return IsId(s, false, 64); }
bool IsCategoryId(std::string_view s) { return IsId(s, true, 32); }
bool IsServiceId(std::string_view s) { return IsId(s, false, 64); }

bool IsLanguageTag(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsLower(s[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    size_t j = i + 1;
    while (j < s.size() && IsAlnum(s[j])) ++j;
    if (j - i - 1 < 2 || j - i - 1 > 8) return false;
    i = j;
  }
  return true;
}

}  // namespace wafer
