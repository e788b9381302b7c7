// public_suffix.cc — the Public Suffix List algorithm (publicsuffix.org/list).
//
// Rules are kept as written (the list has Unicode rules; they are compared
// byte for byte after ASCII lower-casing, so a punycode host only matches a
// punycode rule). The implicit default rule "*" makes an unlisted TLD a
// public suffix.

#include "wafer/public_suffix.h"

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wafer {
namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The labels' start offsets: "a.b.c" → {0, 2, 4}. Empty if a label is empty.
std::vector<size_t> LabelStarts(std::string_view host) {
  std::vector<size_t> starts;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    const size_t end = dot == std::string_view::npos ? host.size() : dot;
    if (end == start) return {};
    starts.push_back(start);
    if (dot == std::string_view::npos) return starts;
    start = dot + 1;
  }
}

}  // namespace

absl::StatusOr<PublicSuffixList> PublicSuffixList::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError("cannot read the Public Suffix List at " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::NotFoundError("cannot read the Public Suffix List at " + path);
  return Parse(text.str());
}

PublicSuffixList PublicSuffixList::Parse(std::string_view text) {
  PublicSuffixList list;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    // A rule is the line's first whitespace-delimited word.
    size_t begin = 0;
    while (begin < line.size() && (line[begin] == ' ' || line[begin] == '\t')) ++begin;
    size_t end = begin;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r') ++end;
    std::string_view rule = line.substr(begin, end - begin);
    if (rule.empty() || rule.substr(0, 2) == "//") continue;
    if (rule.back() == '.') rule.remove_suffix(1);
    if (rule.empty()) continue;
    if (rule[0] == '!') {
      if (rule.size() > 1) list.exceptions_.insert(AsciiLower(rule.substr(1)));
    } else if (rule.substr(0, 2) == "*.") {
      if (rule.size() > 2) list.wildcards_.insert(AsciiLower(rule.substr(2)));
    } else {
      list.rules_.insert(AsciiLower(rule));
    }
  }
  return list;
}

std::string PublicSuffixList::PublicSuffix(std::string_view host_in) const {
  const std::string host = AsciiLower(host_in);
  const std::vector<size_t> starts = LabelStarts(host);
  if (starts.empty()) return "";
  // An exception rule wins over every other rule: its suffix is the rule
  // minus its leftmost label.
  for (size_t i = 0; i < starts.size(); ++i) {
    if (exceptions_.count(host.substr(starts[i])) != 0) {
      return i + 1 < starts.size() ? host.substr(starts[i + 1]) : "";
    }
  }
  // Otherwise the matching rule with the most labels; the leftmost candidate
  // is the longest, so the first match wins.
  for (size_t i = 0; i < starts.size(); ++i) {
    const std::string candidate = host.substr(starts[i]);
    if (rules_.count(candidate) != 0) return candidate;
    if (i + 1 < starts.size() && wildcards_.count(host.substr(starts[i + 1])) != 0) {
      return candidate;
    }
  }
  return host.substr(starts.back());  // The implicit "*" rule.
}

std::string PublicSuffixList::RegistrableDomain(std::string_view host_in) const {
  const std::string host = AsciiLower(host_in);
  const std::string suffix = PublicSuffix(host);
  if (suffix.empty() || suffix.size() >= host.size()) return "";
  // The suffix plus the label before it.
  const size_t dot = host.size() - suffix.size() - 1;
  const size_t start = dot == 0 ? std::string::npos : host.rfind('.', dot - 1);
  return start == std::string::npos ? host : host.substr(start + 1);
}

}  // namespace wafer
