// cookie_header_test.cc — ParseCookieHeader(): document.cookie as the engine reads it.

#include "wafer/cookie_header.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace wafer {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs AsPairs(const std::vector<CookiePair>& in) {
  Pairs out;
  for (const CookiePair& p : in) out.emplace_back(std::string(p.name), std::string(p.value));
  return out;
}

struct HeaderCase {
  const char* name;
  const char* header;
  Pairs want;
};

const HeaderCase kHeaderCases[] = {
    {"Empty", "", {}},
    {"OnlySpaces", "   \t ", {}},
    {"OnePair", "_ga=GA1.1.123.456", {{"_ga", "GA1.1.123.456"}}},
    {"DocumentCookieForm",
     "_ga=GA1.1.1; wafer_consent=V0M; _gcl_au=1.1.9",
     {{"_ga", "GA1.1.1"}, {"wafer_consent", "V0M"}, {"_gcl_au", "1.1.9"}}},
    {"HeaderExample", "_ga=GA1.1.1; wafer_consent=V0M; x",
     {{"_ga", "GA1.1.1"}, {"wafer_consent", "V0M"}, {"", "x"}}},
    {"NoSpaceAfterSemicolon", "a=1;b=2", {{"a", "1"}, {"b", "2"}}},
    {"TrimsSpacesAndTabs", "  a = 1 ;\tb\t=\t2\t", {{"a", "1"}, {"b", "2"}}},
    {"PairWithoutEqualsHasEmptyName", "lonely", {{"", "lonely"}}},
    {"EmptyValue", "a=", {{"a", ""}}},
    {"EmptyName", "=v", {{"", "v"}}},
    {"OnlyEquals", "=", {{"", ""}}},
    {"EmptyPairsSkipped", ";;  ; a=1;; ;", {{"a", "1"}}},
    {"ValueKeepsFurtherEquals", "a=b=c==", {{"a", "b=c=="}}},
    {"QuotedValueUnquoted", "a=\"quoted value\"", {{"a", "quoted value"}}},
    {"EmptyQuotedValue", "a=\"\"", {{"a", ""}}},
    {"OnlyOnePairOfQuotesStripped", "a=\"\"x\"\"", {{"a", "\"x\""}}},
    {"LoneQuoteKept", "a=\"", {{"a", "\""}}},
    {"UnbalancedQuoteKept", "a=\"abc", {{"a", "\"abc"}}},
    {"QuotesInsideKept", "a=x\"y\"", {{"a", "x\"y\""}}},
    {"SpacesInsideValueKept", "a=hello world", {{"a", "hello world"}}},
    {"DuplicatesKeptInOrder", "wafer_consent=A; wafer_consent=B",
     {{"wafer_consent", "A"}, {"wafer_consent", "B"}}},
    {"NamesAreCaseSensitive", "A=1; a=2", {{"A", "1"}, {"a", "2"}}},
    {"TrailingSemicolon", "a=1;", {{"a", "1"}}},
    {"LeadingSemicolon", ";a=1", {{"a", "1"}}},
    {"Base64urlValue", "wafer_consent=V0MBAAECAwQ-_w", {{"wafer_consent", "V0MBAAECAwQ-_w"}}},
};

TEST(ParseCookieHeader, Cases) {
  for (const HeaderCase& c : kHeaderCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(AsPairs(ParseCookieHeader(c.header)), c.want) << "header: " << c.header;
  }
}

TEST(ParseCookieHeader, ViewsPointIntoTheHeader) {
  const std::string header = "_ga=GA1.1.1; lonely; b=\"q\"";
  const std::vector<CookiePair> pairs = ParseCookieHeader(header);
  ASSERT_EQ(pairs.size(), 3u);
  const char* begin = header.data();
  const char* end = header.data() + header.size();
  for (const CookiePair& p : pairs) {
    if (!p.name.empty()) {
      EXPECT_GE(p.name.data(), begin);
      EXPECT_LE(p.name.data() + p.name.size(), end);
    }
    EXPECT_GE(p.value.data(), begin);
    EXPECT_LE(p.value.data() + p.value.size(), end);
  }
  EXPECT_EQ(pairs[0].name.data(), begin);
  EXPECT_EQ(pairs[2].value.data(), header.data() + header.find('q'));
}

TEST(ParseCookieHeader, ReadsAtMostMaxPairs) {
  std::string header;
  for (size_t i = 0; i < kMaxCookiePairs + 100; ++i) {
    header += "c" + std::to_string(i) + "=" + std::to_string(i) + "; ";
  }
  const std::vector<CookiePair> pairs = ParseCookieHeader(header);
  ASSERT_EQ(pairs.size(), kMaxCookiePairs);
  EXPECT_EQ(pairs.front().name, "c0");
  EXPECT_EQ(pairs.back().name, "c" + std::to_string(kMaxCookiePairs - 1));
  EXPECT_EQ(pairs.back().value, std::to_string(kMaxCookiePairs - 1));
}

TEST(ParseCookieHeader, EmptyPairsDoNotCountTowardsTheCap) {
  std::string header(10000, ';');
  header += "a=1";
  EXPECT_EQ(AsPairs(ParseCookieHeader(header)), (Pairs{{"a", "1"}}));
}

TEST(ParseCookieHeader, HostileBytesDoNotCrash) {
  std::string header;
  for (int i = 0; i < 256; ++i) header.push_back(static_cast<char>(i));
  header += header;
  const std::vector<CookiePair> pairs = ParseCookieHeader(header);
  EXPECT_FALSE(pairs.empty());
  for (const CookiePair& p : pairs) {
    EXPECT_EQ(p.name.find(';'), std::string_view::npos);
    EXPECT_EQ(p.value.find(';'), std::string_view::npos);
  }
}

}  // namespace
}  // namespace wafer
