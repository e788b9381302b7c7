// public_suffix_test.cc — registrable domains (libpsl) on a tiny list and on
// Debian's, with IDNA: Unicode hosts and rules meet as A-labels.

#include "wafer/public_suffix.h"

#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace wafer {
namespace {

// The published format: comments, blank lines, wildcards, exceptions, a
// Unicode rule, a rule followed by a comment, CRLF line ends.
constexpr char kTinyList[] =
    "// ===BEGIN ICANN DOMAINS===\n"
    "\n"
    "com\n"
    "uk\n"
    "co.uk\n"
    "// ck : https://en.wikipedia.org/wiki/.ck\n"
    "*.ck\n"
    "!www.ck\n"
    "jp\n"
    "*.kawasaki.jp\n"
    "!city.kawasaki.jp\n"
    "cn\n"
    "公司.cn\n"
    "  org   // leading spaces and a trailing comment\n"
    "net\r\n"
    "// com.evil is a comment, not a rule\n"
    "// ===BEGIN PRIVATE DOMAINS===\n"
    "github.io\n"
    "Blogspot.COM\n";

struct Case {
  const char* host;
  const char* suffix;
  const char* registrable;
};

TEST(PublicSuffixList, TinyListTable) {
  const PublicSuffixList psl = PublicSuffixList::Parse(kTinyList);
  const Case kCases[] = {
      {"co.uk", "co.uk", ""},
      {"uk", "uk", ""},
      {"example.co.uk", "co.uk", "example.co.uk"},
      {"www.example.co.uk", "co.uk", "example.co.uk"},
      {"www.shop.example.co.uk", "co.uk", "example.co.uk"},
      {"example.com", "com", "example.com"},
      {"a.b.example.com", "com", "example.com"},
      {"com", "com", ""},
      // Wildcard: every label under ck is a suffix…
      {"foo.ck", "foo.ck", ""},
      {"bar.foo.ck", "foo.ck", "bar.foo.ck"},
      {"a.bar.foo.ck", "foo.ck", "bar.foo.ck"},
      // …except www.ck.
      {"www.ck", "ck", "www.ck"},
      {"a.www.ck", "ck", "www.ck"},
      {"b.kawasaki.jp", "b.kawasaki.jp", ""},
      {"x.b.kawasaki.jp", "b.kawasaki.jp", "x.b.kawasaki.jp"},
      {"city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp"},
      {"www.city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp"},
      // A Unicode rule matches its A-label form, and a Unicode host is
      // converted to A-labels (例子 = xn--fsqu00a, 公司 = xn--55qx5d).
      {"例子.公司.cn", "xn--55qx5d.cn", "xn--fsqu00a.xn--55qx5d.cn"},
      {"xn--fsqu00a.xn--55qx5d.cn", "xn--55qx5d.cn", "xn--fsqu00a.xn--55qx5d.cn"},
      {"xn--55qx5d.cn", "xn--55qx5d.cn", ""},
      {"公司.cn", "xn--55qx5d.cn", ""},
      {"example.org", "org", "example.org"},
      {"example.net", "net", "example.net"},
      // The implicit "*" rule: an unlisted TLD is a suffix.
      {"example", "example", ""},
      {"test.example", "example", "test.example"},
      {"x.com.evil", "evil", "com.evil"},
      // Private section.
      {"github.io", "github.io", ""},
      {"kalido.github.io", "github.io", "kalido.github.io"},
      {"blogspot.com", "blogspot.com", ""},
      {"me.blogspot.com", "blogspot.com", "me.blogspot.com"},
      // Case-insensitive; degenerate hosts.
      {"WWW.Example.CO.UK", "co.uk", "example.co.uk"},
      {"", "", ""},
      {"a..b.com", "", ""},
      {".com", "", ""},
      {"example.com.", "", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(psl.PublicSuffix(c.host), c.suffix) << c.host;
    EXPECT_EQ(psl.RegistrableDomain(c.host), c.registrable) << c.host;
  }
}

TEST(PublicSuffixList, EmptyListUsesTheImplicitRule) {
  const PublicSuffixList psl = PublicSuffixList::Parse("");
  EXPECT_EQ(psl.PublicSuffix("www.example.co.uk"), "uk");
  EXPECT_EQ(psl.RegistrableDomain("www.example.co.uk"), "co.uk");
}

TEST(PublicSuffixList, LoadMissingFileIsNotFound) {
  absl::StatusOr<PublicSuffixList> psl = PublicSuffixList::Load("/nonexistent/psl.dat");
  EXPECT_EQ(psl.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(psl.status().message().find("/nonexistent/psl.dat"), std::string_view::npos);
}

TEST(PublicSuffixList, LoadsTheTextListToo) {
  absl::StatusOr<PublicSuffixList> psl =
      PublicSuffixList::Load("/usr/share/publicsuffix/public_suffix_list.dat");
  ASSERT_TRUE(psl.ok()) << psl.status() << " (apt-get install publicsuffix)";
  EXPECT_EQ(psl->RegistrableDomain("www.example.co.uk"), "example.co.uk");
  EXPECT_EQ(psl->RegistrableDomain("xn--55qx5d.cn"), "");
}

TEST(PublicSuffixList, DebianListTable) {
  absl::StatusOr<PublicSuffixList> psl = PublicSuffixList::Load(kDefaultPublicSuffixListPath);
  ASSERT_TRUE(psl.ok()) << psl.status() << " (apt-get install publicsuffix)";
  const Case kCases[] = {
      {"co.uk", "co.uk", ""},
      {"www.example.co.uk", "co.uk", "example.co.uk"},
      {"example.com", "com", "example.com"},
      {"a.b.example.com", "com", "example.com"},
      {"kalido-pro.com", "com", "kalido-pro.com"},
      {"www.kaleyra.com", "com", "kaleyra.com"},
      {"kallu.cc", "cc", "kallu.cc"},
      {"shop.example.fr", "fr", "example.fr"},
      {"www.ck", "ck", "www.ck"},
      {"foo.ck", "foo.ck", ""},
      {"city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp"},
      {"b.kawasaki.jp", "b.kawasaki.jp", ""},
      // Private section.
      {"github.io", "github.io", ""},
      {"kalido.github.io", "github.io", "kalido.github.io"},
      {"blogspot.com", "blogspot.com", ""},
      {"me.blogspot.com", "blogspot.com", "me.blogspot.com"},
      // Internationalised suffixes, as A-labels (what a policy's domains
      // are) and in Unicode: 公司.cn and рф are public suffixes.
      {"例子.公司.cn", "xn--55qx5d.cn", "xn--fsqu00a.xn--55qx5d.cn"},
      {"xn--55qx5d.cn", "xn--55qx5d.cn", ""},
      {"公司.cn", "xn--55qx5d.cn", ""},
      {"xn--p1ai", "xn--p1ai", ""},
      {"пример.рф", "xn--p1ai", "xn--e1afmkfd.xn--p1ai"},
      {"shop.xn--e1afmkfd.xn--p1ai", "xn--p1ai", "xn--e1afmkfd.xn--p1ai"},
      // Not listed: the implicit "*" rule.
      {"www.kalido.localhost", "localhost", "kalido.localhost"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(psl->PublicSuffix(c.host), c.suffix) << c.host;
    EXPECT_EQ(psl->RegistrableDomain(c.host), c.registrable) << c.host;
  }
}

}  // namespace
}  // namespace wafer
