// cookie_paths_test.cc — declared cookie paths (policy services[].cookie_paths):
// how they are checked, compiled, and turned into blind deletions by the
// engine on refusal and withdrawal (docs/policy.md "Declared cookie paths").

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_policies.h"
#include "wafer/engine.h"
#include "wafer/policy.h"

namespace wafer {
namespace {

using testutil::CompileTestPolicy;
using testutil::TestPolicy;

constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

// GA4 with its cookies also on /blog and /shop/ (their own tags' cookie_path),
// and a concrete session cookie name; HubSpot with no declared path.
constexpr char kPolicy[] = R"json({
  "site": {"id": "paths", "domains": ["www.example.com"], "policy_url": "https://www.example.com/p"},
  "revision": 1,
  "languages": ["en"],
  "categories": [
    {"id": "necessary", "necessary": true, "label": {"en": "N"}},
    {"id": "analytics", "label": {"en": "A"}},
    {"id": "marketing", "label": {"en": "M"}}
  ],
  "services": [
    {"id": "google-analytics", "category": "analytics", "cookie_paths": ["/blog", "/shop/"],
     "cookies": [{"name": "_ga_G1", "lifetime": "2 years"}]},
    {"id": "hubspot", "category": "marketing"}
  ]
})json";

struct Page {
  std::string host = "www.example.com";
  std::string path = "/";
  std::string cookies;

  Facts facts() const {
    Facts f;
    f.now = kNow;
    f.region = "FR";
    f.host = host;
    f.path = path;
    f.cookies = cookies;
    f.fresh_id[0] = 7;
    return f;
  }
};

std::vector<std::string> Sorted(const std::vector<std::string_view>& v) {
  std::vector<std::string> out(v.begin(), v.end());
  std::sort(out.begin(), out.end());
  return out;
}

Decision Act(const TestPolicy& p, const Page& page, Action action) {
  Choice c;
  c.action = action;
  return Apply(p.policy(), page.facts(), c);
}

TEST(CookiePaths, CompiledWithAndWithoutTheTrailingSlash) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  const CompiledService& ga = p.policy().services[0];
  EXPECT_EQ(std::vector<std::string>(ga.cookie_paths.begin(), ga.cookie_paths.end()),
            (std::vector<std::string>{"/blog", "/blog/", "/shop/", "/shop"}));
  EXPECT_TRUE(p.policy().services[1].cookie_paths.empty());
}

TEST(CookiePaths, RejectAllDeletesDeclaredNamesBlindlyOnDeclaredPaths) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  Page page;  // On "/": the cookies on /blog are not in document.cookie.
  const Decision d = Act(p, page, Action::kRejectAll);
  // Every catalogue GA name without '*', and the declared _ga_G1.
  EXPECT_EQ(Sorted(d.delete_cookies), (std::vector<std::string>{"_ga", "_ga_G1", "_gid"}));
  EXPECT_EQ(Sorted(d.delete_domains), (std::vector<std::string>{"", "example.com", "www.example.com"}));
  EXPECT_EQ(Sorted(d.delete_paths), (std::vector<std::string>{"/", "/blog", "/blog/", "/shop", "/shop/"}));
}

TEST(CookiePaths, WithdrawalToo) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  Page page;
  page.path = "/about/team";
  page.cookies = "_ga=GA1.1.1; _ga_G1=GS1; _ga_OTHER=GS2";
  const Decision d = Act(p, page, Action::kWithdraw);
  EXPECT_EQ(Sorted(d.delete_cookies),
            (std::vector<std::string>{"_ga", "_ga_G1", "_ga_OTHER", "_gid"}));
  EXPECT_EQ(Sorted(d.delete_paths), (std::vector<std::string>{"/", "/about", "/about/team", "/blog",
                                                              "/blog/", "/shop", "/shop/"}));
}

TEST(CookiePaths, NothingBlindWhenTheServiceIsAllowed) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  const Decision d = Act(p, Page{}, Action::kAcceptAll);
  EXPECT_TRUE(d.delete_cookies.empty());
  EXPECT_TRUE(d.delete_paths.empty());
}

TEST(CookiePaths, AServiceWithoutDeclaredPathsIsNotDeletedBlindly) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  Page page;
  page.cookies = "__hstc=1";  // HubSpot's, visible: deleted on the page's own paths only.
  const Decision d = Act(p, page, Action::kRejectAll);
  EXPECT_TRUE(std::count(d.delete_cookies.begin(), d.delete_cookies.end(), "__hstc"));
  EXPECT_FALSE(std::count(d.delete_cookies.begin(), d.delete_cookies.end(), "hubspotutk"));
}

TEST(CookiePaths, AVisibleCookieOfARefusedServiceIsAlsoDeletedOnItsDeclaredPaths) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  Page first;
  const std::string rejected = Act(p, first, Action::kRejectAll).state;
  Page page;
  page.cookies = "_ga_X9=GS1; wafer_consent=" + rejected;
  const Decision d = Evaluate(p.policy(), page.facts());  // A later page view: no choice.
  EXPECT_EQ(Sorted(d.delete_cookies), (std::vector<std::string>{"_ga_X9"}));
  EXPECT_EQ(Sorted(d.delete_paths), (std::vector<std::string>{"/", "/blog", "/blog/", "/shop", "/shop/"}));
}

TEST(CookiePaths, NoBlindDeletionOnAPageViewWithoutAChoice) {
  TestPolicy p;
  ASSERT_TRUE(CompileTestPolicy(kPolicy, &p));
  const Decision d = Evaluate(p.policy(), Page{}.facts());
  EXPECT_TRUE(d.delete_cookies.empty());
}

struct BadPaths {
  const char* name;
  const char* paths;
  const char* code;
};

TEST(CookiePaths, PolicyErrors) {
  const BadPaths cases[] = {
      {"NotAnArray", R"("/blog")", "wafer.policy.type"},
      {"NotAString", R"([1])", "wafer.policy.type"},
      {"Relative", R"(["blog"])", "wafer.policy.format"},
      {"Empty", R"([""])", "wafer.policy.format"},
      {"Semicolon", R"(["/blog; Domain=evil.example"])", "wafer.policy.format"},
      {"Space", R"(["/my blog"])", "wafer.policy.format"},
      {"Query", R"(["/blog?x"])", "wafer.policy.format"},
      {"Star", R"(["/blog/*"])", "wafer.policy.format"},
      {"DoubleSlash", R"(["//blog"])", "wafer.policy.format"},
      {"Duplicate", R"(["/blog", "/blog"])", "wafer.policy.duplicate_id"},
      {"TooMany", R"(["/1","/2","/3","/4","/5","/6","/7","/8","/9","/10","/11","/12","/13","/14","/15","/16","/17"])",
       "wafer.policy.range"},
  };
  for (const BadPaths& c : cases) {
    SCOPED_TRACE(c.name);
    std::string json = kPolicy;
    const std::string from = R"("cookie_paths": ["/blog", "/shop/"])";
    json.replace(json.find(from), from.size(), std::string(R"("cookie_paths": )") + c.paths);
    std::vector<PolicyError> errors;
    EXPECT_FALSE(ParsePolicy(json, &errors).ok());
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(std::string(PolicyErrorCodeName(errors[0].code)), c.code) << errors[0].ToString();
    EXPECT_EQ(errors[0].path.rfind("services[0].cookie_paths", 0), 0u) << errors[0].ToString();
  }
}

}  // namespace
}  // namespace wafer
