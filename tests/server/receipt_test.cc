// Receipts: strict parsing, verification against the compiled policy,
// signing; and the small helpers (IP truncation, user-agent family, base64url).

#include "receipt.h"

#include <string>

#include "gtest/gtest.h"
#include "test_support.h"
#include "util.h"
#include "wafer/engine.h"

namespace wafer {
namespace server {
namespace {

using testing::MakeState;
using testing::RandomConsentId;
using testing::ReceiptBody;
using testing::Shop;
using testing::StateSpec;

std::string ValidBody() {
  std::string id = RandomConsentId();
  return ReceiptBody("shop", id, MakeState(Shop(), id, StateSpec{}));
}

// Replaces the first occurrence of `from` in `s` by `to`.
std::string Edit(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(ReceiptRequest, ParsesAValidBody) {
  ReceiptRequest req;
  ReceiptError err;
  ASSERT_TRUE(ParseReceiptRequest(ValidBody(), &req, &err)) << err.ToJson();
  EXPECT_EQ(req.site, "shop");
  EXPECT_EQ(req.revision, 1u);
  EXPECT_EQ(req.method, "accept-all");
  EXPECT_EQ(req.choices.size(), 3u);
  EXPECT_FALSE(req.gpc);
}

TEST(ReceiptRequest, RejectsBadShapesWithCodeAndPath) {
  const std::string good = ValidBody();
  struct Case {
    std::string name, body, code, path;
  };
  const Case cases[] = {
      {"not json", "{nope", "wafer.receipt.syntax", ""},
      {"empty", "", "wafer.receipt.syntax", ""},
      {"array", "[1,2]", "wafer.receipt.type", ""},
      {"invalid utf-8", "{\"site\":\"\xff\"}", "wafer.receipt.syntax", ""},
      {"unknown key", Edit(good, "{\"site\"", "{\"extra\":1,\"site\""), "wafer.receipt.unknown_key", "extra"},
      {"missing key", Edit(good, ",\"gpc\":false", ""), "wafer.receipt.missing", "gpc"},
      {"revision as string", Edit(good, "\"revision\":1", "\"revision\":\"1\""), "wafer.receipt.type", "revision"},
      {"revision float", Edit(good, "\"revision\":1", "\"revision\":1.5"), "wafer.receipt.type", "revision"},
      {"revision zero", Edit(good, "\"revision\":1", "\"revision\":0"), "wafer.receipt.range", "revision"},
      {"revision negative", Edit(good, "\"revision\":1", "\"revision\":-4"), "wafer.receipt.range", "revision"},
      {"revision huge", Edit(good, "\"revision\":1", "\"revision\":99999999999"), "wafer.receipt.range", "revision"},
      {"gpc as string", Edit(good, "\"gpc\":false", "\"gpc\":\"no\""), "wafer.receipt.type", "gpc"},
      {"choice not bool", Edit(good, "\"analytics\":true", "\"analytics\":\"yes\""), "wafer.receipt.type", "choices.analytics"},
      {"choices array", Edit(good, "\"choices\":{", "\"choices\":[],\"x\":{"), "wafer.receipt.unknown_key", "x"},
      {"bad category id", Edit(good, "\"analytics\":true", "\"Analytics!\":true"), "wafer.receipt.format", "choices"},
      {"site null", Edit(good, "\"site\":\"shop\"", "\"site\":null"), "wafer.receipt.type", "site"},
      {"site format", Edit(good, "\"site\":\"shop\"", "\"site\":\"../etc\""), "wafer.receipt.format", "site"},
      {"consent id short", Edit(good, "\"consent_id\":\"", "\"consent_id\":\"0"), "wafer.receipt.range", "consent_id"},
      {"method unknown", Edit(good, "accept-all", "accept-some"), "wafer.receipt.format", "method"},
      {"method none", Edit(good, "accept-all", "none"), "wafer.receipt.format", "method"},
      {"regime unknown", Edit(good, "opt-in", "opt-sideways"), "wafer.receipt.format", "regime"},
      {"language", Edit(good, "\"language\":\"en\"", "\"language\":\"e\""), "wafer.receipt.range", "language"},
      {"language format", Edit(good, "\"language\":\"en\"", "\"language\":\"en_US!\""), "wafer.receipt.format", "language"},
      {"banner hash", Edit(good, "sha256:", "sha256 <script>"), "wafer.receipt.format", "banner_hash"},
      {"state chars", Edit(good, "\"state\":\"", "\"state\":\"%%%"), "wafer.receipt.format", "state"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ReceiptRequest req;
    ReceiptError err;
    EXPECT_FALSE(ParseReceiptRequest(c.body, &req, &err));
    EXPECT_EQ(err.status, 400);
    EXPECT_EQ(err.code, c.code) << err.ToJson();
    EXPECT_EQ(err.path, c.path) << err.ToJson();
    EXPECT_FALSE(err.message.empty());
  }
}

struct Verified {
  bool ok;
  ReceiptError err;
  Receipt receipt;
};

Verified Verify(const std::string& body) {
  Verified v{};
  ReceiptRequest req;
  if (!ParseReceiptRequest(body, &req, &v.err)) return v;
  v.ok = VerifyReceiptRequest(req, Shop().view, "hash", NowMs(), &v.receipt, &v.err);
  return v;
}

TEST(ReceiptVerify, AcceptsAStateThatMatchesItsClaims) {
  std::string id = RandomConsentId();
  Verified v = Verify(ReceiptBody("shop", id, MakeState(Shop(), id, {})));
  ASSERT_TRUE(v.ok) << v.err.ToJson();
  EXPECT_EQ(v.receipt.choices, R"({"analytics":true,"marketing":true,"necessary":true})");
  EXPECT_EQ(v.receipt.state_hash.size(), 64u);
  EXPECT_GT(v.receipt.expires_at, v.receipt.given_at);
}

TEST(ReceiptVerify, AcceptsAStateWrittenByTheEngine) {
  // The loader's path: Apply() a choice, post the state it returns.
  Facts facts;
  facts.now = NowMs() / 1000;
  facts.region = "FR";
  std::string id = RandomConsentId();
  for (int i = 0; i < 16; ++i) facts.fresh_id[i] = static_cast<uint8_t>(std::stoi(id.substr(2 * i, 2), nullptr, 16));
  Choice choice;
  choice.action = Action::kCustom;
  choice.granted = {"analytics"};
  Decision d = Apply(Shop().view, facts, choice);
  ASSERT_TRUE(d.state_changed);
  Verified v = Verify(ReceiptBody("shop", id, d.state, "custom",
                                  R"({"necessary":true,"analytics":true,"marketing":false})"));
  ASSERT_TRUE(v.ok) << v.err.ToJson();
  EXPECT_EQ(v.receipt.method, "custom");
}

TEST(ReceiptVerify, RejectsStatesThatDisagree) {
  std::string id = RandomConsentId();
  std::string state = MakeState(Shop(), id, {});
  std::string reject = MakeState(Shop(), id, {Method::kRejectAll});
  std::string other_id = RandomConsentId();
  std::string tampered = state;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  std::string blog_state = MakeState(testing::Blog(), id, {Method::kAcceptAll, Regime::kOptIn, {}, 0, 3});
  struct Case {
    std::string name, body, code, path;
    int status = 400;
  };
  const Case cases[] = {
      {"tampered", ReceiptBody("shop", id, tampered), "wafer.receipt.state_invalid", "state"},
      {"another site's state", ReceiptBody("shop", id, blog_state), "wafer.receipt.state_invalid", "state"},
      {"truncated", ReceiptBody("shop", id, state.substr(0, state.size() - 4)), "wafer.receipt.state_invalid", "state"},
      {"other consent id", ReceiptBody("shop", other_id, state), "wafer.receipt.state_mismatch", "consent_id"},
      {"method", ReceiptBody("shop", id, state, "reject-all"), "wafer.receipt.state_mismatch", "method"},
      {"choices", ReceiptBody("shop", id, reject, "reject-all"), "wafer.receipt.state_mismatch", "choices.analytics"},
      {"missing granted choice", ReceiptBody("shop", id, state, "accept-all", R"({"necessary":true})"),
       "wafer.receipt.state_mismatch", "choices.analytics"},
      {"unknown category", ReceiptBody("shop", id, state, "accept-all", R"({"necessary":true,"analytics":true,"marketing":true,"social":true})"),
       "wafer.receipt.unknown_category", "choices.social"},
      {"regime", ReceiptBody("shop", id, state, "accept-all", R"({"necessary":true,"analytics":true,"marketing":true})", 1, "notice"),
       "wafer.receipt.state_mismatch", "regime"},
      {"stale revision", ReceiptBody("shop", id, state, "accept-all", R"({"necessary":true,"analytics":true,"marketing":true})", 7),
       "wafer.receipt.stale_revision", "revision", 409},
      {"future", ReceiptBody("shop", id, MakeState(Shop(), id, {Method::kAcceptAll, Regime::kOptIn, {}, NowMs() / 1000 + 3 * 86400})),
       "wafer.receipt.state_invalid", "state"},
      {"lapsed", ReceiptBody("shop", id, MakeState(Shop(), id, {Method::kAcceptAll, Regime::kOptIn, {}, NowMs() / 1000 - 500 * 86400})),
       "wafer.receipt.state_invalid", "state"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Verified v = Verify(c.body);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.err.status, c.status);
    EXPECT_EQ(v.err.code, c.code) << v.err.ToJson();
    EXPECT_EQ(v.err.path, c.path) << v.err.ToJson();
  }
}

TEST(ReceiptSignature, CoversEveryField) {
  std::string id = RandomConsentId();
  Verified v = Verify(ReceiptBody("shop", id, MakeState(Shop(), id, {})));
  ASSERT_TRUE(v.ok);
  Receipt r = v.receipt;
  r.receipt_id = "00112233445566778899aabbccddeeff";
  r.server_time_ms = 1767225600123;
  r.ip = "203.0.113.0/24";
  r.ua_family = "firefox";
  const std::string key(32, 'k');
  r.signature = SignReceipt(r, key);
  EXPECT_EQ(r.signature.size(), 43u);  // 32 bytes, base64url, no padding
  EXPECT_TRUE(ReceiptSignatureValid(r, key));
  EXPECT_FALSE(ReceiptSignatureValid(r, std::string(32, 'x')));
  std::vector<std::function<void(Receipt*)>> edits = {
      [](Receipt* x) { x->choices = R"({"analytics":false,"marketing":true,"necessary":true})"; },
      [](Receipt* x) { x->method = "reject-all"; },
      [](Receipt* x) { x->server_time_ms += 1; },
      [](Receipt* x) { x->ip = "203.0.114.0/24"; },
      [](Receipt* x) { x->banner_hash = "sha256:0000"; },
      [](Receipt* x) { x->gpc = true; },
      [](Receipt* x) { x->policy_hash = "other"; },
      [](Receipt* x) { x->revision = 2; },
      [](Receipt* x) { x->expires_at += 1; },
      [](Receipt* x) { x->consent_id[0] = x->consent_id[0] == 'a' ? 'b' : 'a'; },
  };
  for (size_t i = 0; i < edits.size(); ++i) {
    Receipt e = r;
    edits[i](&e);
    EXPECT_FALSE(ReceiptSignatureValid(e, key)) << "edit " << i;
  }
  // The canonical form is stable: sorted keys, compact.
  std::string canonical = CanonicalReceipt(r);
  EXPECT_EQ(canonical.rfind("{\"banner_hash\":", 0), 0u) << canonical;
  EXPECT_NE(canonical.find("\"server_time\":\"2026-01-01T00:00:00.123Z\""), std::string::npos);
}

TEST(Util, TruncatesAddresses) {
  const std::pair<std::string, std::string> cases[] = {
      {"203.0.113.77", "203.0.113.0/24"},
      {"127.0.0.1", "127.0.0.0/24"},
      {"::ffff:198.51.100.9", "198.51.100.0/24"},
      {"2001:db8:abcd:12:34::1", "2001:db8:abcd::/48"},
      {"::1", "::/48"},
      {"not an ip", ""},
      {"", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(TruncateIp(in), want) << in;
}

TEST(Util, NamesUserAgentFamilies) {
  const std::pair<std::string, std::string> cases[] = {
      {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "chrome"},
      {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "edge"},
      {"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "firefox"},
      {"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15", "safari"},
      {"Googlebot/2.1 (+http://www.google.com/bot.html)", "bot"},
      {"curl/7.88.1", "bot"},
      {"", "other"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(UserAgentFamily(in), want) << in;
}

TEST(Util, EncodesAndParses) {
  EXPECT_EQ(Base64Url(std::string("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(Base64(std::string("\xfb\xff", 2)), "+/8=");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  int64_t t = 0;
  EXPECT_TRUE(ParseDay("2026-01-31", &t));
  EXPECT_EQ(FormatDay(t * 1000), "2026-01-31");
  EXPECT_FALSE(ParseDay("2026-02-30", &t));
  EXPECT_FALSE(ParseDay("2026-1-1", &t));
  EXPECT_FALSE(ParseDay("", &t));
  EXPECT_EQ(FormatIsoMs(0), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace server
}  // namespace wafer
