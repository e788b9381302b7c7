// Receipts: strict parsing, verification against the compiled policy,
// signing; and the small helpers (IP truncation, user-agent family, base64url).

#include "receipt.h"

#include <sys/stat.h>

#include <functional>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "keyring.h"
#include "page_view.h"
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
      {"token type", Edit(good, "{\"site\"", "{\"token\":5,\"site\""), "wafer.receipt.type", "token"},
      {"token chars", Edit(good, "{\"site\"", "{\"token\":\"pv1.k1.<x>\",\"site\""), "wafer.receipt.format", "token"},
      {"language upper", Edit(good, "\"language\":\"en\"", "\"language\":\"EN\""), "wafer.receipt.format", "language"},
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

// A key ring file with known secrets: key i's secret is bytes
// {seed, seed+1, …, seed+31}.
struct RingKey {
  std::string id;
  std::string status;
  int seed;
  std::string extra = "";
};
KeyRing LoadRing(const testing::TempDir& dir, const std::vector<RingKey>& keys) {
  std::string text = "{\"version\":1,\"keys\":[";
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string secret;
    for (int b = 0; b < 32; ++b) secret.push_back(static_cast<char>(keys[i].seed + b));
    text += std::string(i ? "," : "") + "{\"id\":\"" + keys[i].id + "\",\"status\":\"" + keys[i].status +
            "\",\"created_at\":\"2026-01-01T00:00:00.000Z\"" + keys[i].extra + ",\"secret\":\"" +
            Base64Url(secret) + "\"}";
  }
  text += "]}";
  testing::WriteFileOrDie(dir / "keys.json", text);
  absl::StatusOr<KeyRing> ring = KeyRing::Load(dir / "keys.json");
  EXPECT_TRUE(ring.ok()) << ring.status().message();
  return *std::move(ring);
}

// The known-answer receipt: every signed field set to a fixed value.
Receipt KnownReceipt() {
  Receipt r;
  r.receipt_id = "00112233445566778899aabbccddeeff";
  r.server_time_ms = 1767225600123;
  r.site = "kalido";
  r.consent_id = "0123456789abcdef0123456789abcdef";
  r.revision = 3;
  r.policy_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  r.banner_hash = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  r.language = "fr";
  r.choices = R"({"analytics":true,"marketing":false,"necessary":true})";
  r.method = "custom";
  r.regime = "opt-in";
  r.gpc = true;
  r.state = "AbCdEf-_0123456789";
  r.state_hash = Hex(Sha256(r.state));
  r.ua_family = "firefox";
  r.ip = "203.0.113.0/24";
  r.given_at = 1767225600;
  r.expires_at = 1801440000;
  r.page_view = "verified";
  r.page_view_at = 1767225540;
  return r;
}

// The canonical form and its HMAC-SHA256, computed outside this code base:
//   printf '%s' "$canonical" | openssl dgst -sha256 -mac HMAC \
//     -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f -binary |
//     base64 | tr '+/' '-_' | tr -d '='
constexpr char kKnownCanonical[] =
    R"({"banner_hash":"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",)"
    R"("choices":"{\"analytics\":true,\"marketing\":false,\"necessary\":true}",)"
    R"("consent_id":"0123456789abcdef0123456789abcdef","expires_at":1801440000,"given_at":1767225600,)"
    R"("gpc":1,"ip":"203.0.113.0/24","key_id":"k7","language":"fr","method":"custom",)"
    R"("page_view":"verified","page_view_at":1767225540,)"
    R"("policy_hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",)"
    R"("receipt_id":"00112233445566778899aabbccddeeff","regime":"opt-in","revision":3,)"
    R"("server_time":"2026-01-01T00:00:00.123Z","site":"kalido","state":"AbCdEf-_0123456789",)"
    R"("ua_family":"firefox","v":2})";
constexpr char kKnownSignature[] = "3m1nkyPoQ6n9LuZiR9ZrszWMC5zKymGluERyGKlfrN8";

TEST(ReceiptSignature, KnownAnswerOverEverySignedField) {
  testing::TempDir dir;
  KeyRing ring = LoadRing(dir, {{"k7", "active", 0}});
  Receipt r = KnownReceipt();
  SignReceipt(ring.active(), &r);
  EXPECT_EQ(r.key_id, "k7");
  EXPECT_EQ(r.sig_version, 2);
  EXPECT_EQ(CanonicalReceipt(r), kKnownCanonical);
  EXPECT_EQ(r.signature, kKnownSignature);
  ReceiptVerification v = VerifyReceiptSignature(r, ring);
  EXPECT_TRUE(v.signature_valid);
  EXPECT_TRUE(v.trustworthy());

  // Each stored field but the signature (and the state's own hash) changes
  // the signature; so does signing under another key.
  std::vector<std::pair<std::string, std::function<void(Receipt*)>>> edits = {
      {"receipt_id", [](Receipt* x) { x->receipt_id[0] = '1'; }},
      {"server_time", [](Receipt* x) { x->server_time_ms += 1; }},
      {"site", [](Receipt* x) { x->site = "kalidp"; }},
      {"consent_id", [](Receipt* x) { x->consent_id[0] = '1'; }},
      {"revision", [](Receipt* x) { x->revision = 4; }},
      {"policy_hash", [](Receipt* x) { x->policy_hash[0] = 'f'; }},
      {"banner_hash", [](Receipt* x) { x->banner_hash.back() = '9'; }},
      {"language", [](Receipt* x) { x->language = "en"; }},
      {"choices", [](Receipt* x) { x->choices = R"({"analytics":false,"marketing":false,"necessary":true})"; }},
      {"method", [](Receipt* x) { x->method = "accept-all"; }},
      {"regime", [](Receipt* x) { x->regime = "opt-out"; }},
      {"gpc", [](Receipt* x) { x->gpc = false; }},
      {"state", [](Receipt* x) { x->state.back() = '8'; }},
      {"ua_family", [](Receipt* x) { x->ua_family = "chrome"; }},
      {"ip", [](Receipt* x) { x->ip = "203.0.114.0/24"; }},
      {"given_at", [](Receipt* x) { x->given_at += 1; }},
      {"expires_at", [](Receipt* x) { x->expires_at += 1; }},
      {"page_view", [](Receipt* x) { x->page_view = "unverified"; }},
      {"page_view_at", [](Receipt* x) { x->page_view_at += 60; }},
      {"key_id", [](Receipt* x) { x->key_id = "k8"; }},
      {"signature version", [](Receipt* x) { x->sig_version = 1; }},
  };
  KeyRing both = LoadRing(dir, {{"k8", "active", 0}, {"k7", "retired", 0}});
  for (const auto& [name, edit] : edits) {
    Receipt e = r;
    edit(&e);
    EXPECT_NE(CanonicalReceipt(e), CanonicalReceipt(r)) << name;
    EXPECT_FALSE(VerifyReceiptSignature(e, both).signature_valid) << name;
  }
  KeyRing other = LoadRing(dir, {{"k7", "active", 1}});
  EXPECT_FALSE(VerifyReceiptSignature(r, other).signature_valid);
}

// The canonical form is written directly for printable ASCII (every stored
// field) and through nlohmann otherwise: the two agree byte for byte.
TEST(ReceiptSignature, TheFastCanonicalFormIsTheJsonLibrarysForm) {
  std::mt19937 rng(7);
  const std::string alphabet = "abcXYZ019 -_:.=+/\"\\{}[],'!~`@#$%^&*()<>?|";
  auto random_text = [&](size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 500; ++i) {
    Receipt r = KnownReceipt();
    r.key_id = random_text(3);
    r.sig_version = i % 2 ? 1 : 2;
    for (std::string* f : {&r.banner_hash, &r.choices, &r.ip, &r.language, &r.method, &r.page_view, &r.regime,
                           &r.site, &r.state, &r.ua_family}) {
      *f = random_text(rng() % 12);
    }
    r.revision = rng();
    r.given_at = static_cast<int64_t>(rng()) - 1000000;
    EXPECT_EQ(CanonicalReceipt(r), CanonicalReceiptForTest(r)) << i;
  }
  Receipt odd = KnownReceipt();
  odd.ua_family = "caf\xc3\xa9 \x01 \xff";  // Not what the server stores; still the same bytes.
  EXPECT_EQ(CanonicalReceipt(odd), CanonicalReceiptForTest(odd));
}

// Receipts stored before key ids (schema 1) were signed by the single key,
// now "k0", over the version 1 form: they still verify.
TEST(ReceiptSignature, VersionOneReceiptsStillVerify) {
  testing::TempDir dir;
  KeyRing ring = LoadRing(dir, {{"k1", "active", 40}, {"k0", "retired", 0}});
  Receipt r = KnownReceipt();
  r.page_view.clear();
  r.page_view_at = 0;
  r.key_id = "k0";
  r.sig_version = 1;
  // openssl over the version 1 form (no key_id, page_view, page_view_at; "v":1).
  r.signature = "jJLFopIx_FKarfaVdgaRvTozRaBJPQIbnEl-iCErX2s";
  EXPECT_EQ(CanonicalReceipt(r).find("key_id"), std::string::npos);
  EXPECT_NE(CanonicalReceipt(r).find("\"v\":1}"), std::string::npos);
  ReceiptVerification v = VerifyReceiptSignature(r, ring);
  EXPECT_TRUE(v.signature_valid);
  EXPECT_EQ(v.key_status, KeyStatus::kRetired);
}

TEST(ReceiptSignature, ACompromisedKeyIsReported) {
  testing::TempDir dir;
  KeyRing ring = LoadRing(dir, {{"k7", "active", 0}});
  Receipt r = KnownReceipt();
  SignReceipt(ring.active(), &r);
  KeyRing later = LoadRing(dir, {{"k8", "active", 9},
                                 {"k7", "compromised", 0, ",\"compromised_at\":\"2026-02-01T00:00:00.000Z\""}});
  ReceiptVerification v = VerifyReceiptSignature(r, later);
  EXPECT_TRUE(v.signature_valid);
  EXPECT_EQ(v.key_status, KeyStatus::kCompromised);
  EXPECT_FALSE(v.trustworthy());
  int64_t at = 0;
  ASSERT_TRUE(ParseIsoMs("2026-02-01T00:00:00.000Z", &at));
  EXPECT_EQ(v.key_compromised_at_ms, at);
  Receipt unknown = r;
  unknown.key_id = "k99";
  EXPECT_FALSE(VerifyReceiptSignature(unknown, later).key_known);
}

TEST(KeyRing, RotatesAndMarksCompromisedKeys) {
  testing::TempDir dir;
  std::string created;
  absl::StatusOr<KeyRing> ring = KeyRing::LoadOrCreate(dir / "keys.json", dir / "hmac.key", &created);
  ASSERT_TRUE(ring.ok()) << ring.status().message();
  EXPECT_EQ(created, "generated key k1");
  EXPECT_EQ(ring->active().id, "k1");
  absl::StatusOr<std::string> next = ring->Rotate(NowMs());
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, "k2");
  ASSERT_TRUE(ring->Save(dir / "keys.json").ok());
  absl::StatusOr<KeyRing> again = KeyRing::Load(dir / "keys.json");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->active().id, "k2");
  EXPECT_EQ(again->Find("k1")->status, KeyStatus::kRetired);
  EXPECT_EQ(again->Find("k1")->secret, ring->Find("k1")->secret);
  // Compromising the active key rotates first: a compromised key never signs.
  absl::StatusOr<std::string> after = again->MarkCompromised("k2", NowMs(), NowMs());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, "k3");
  EXPECT_EQ(again->Find("k2")->status, KeyStatus::kCompromised);
  EXPECT_FALSE(again->MarkCompromised("k9", NowMs(), NowMs()).ok());
  // The file is the operator's: mode 0600.
  struct stat st;
  ASSERT_EQ(stat((dir / "keys.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(KeyRing, ImportsTheKeyOfEarlierVersionsAsK0) {
  testing::TempDir dir;
  testing::WriteFileOrDie(dir / "hmac.key", std::string(32, 'L'));
  std::string created;
  absl::StatusOr<KeyRing> ring = KeyRing::LoadOrCreate(dir / "keys.json", dir / "hmac.key", &created);
  ASSERT_TRUE(ring.ok()) << ring.status().message();
  EXPECT_EQ(ring->active().id, "k0");
  EXPECT_EQ(ring->active().secret, std::string(32, 'L'));
}

TEST(KeyRing, RefusesBrokenRings) {
  testing::TempDir dir;
  const std::string secret = Base64Url(std::string(32, 's'));
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "{"},
      {"no keys", R"({"version":1,"keys":[]})"},
      {"two active", R"({"version":1,"keys":[{"id":"a","status":"active","created_at":"2026-01-01T00:00:00Z","secret":")" +
                         secret + R"("},{"id":"b","status":"active","created_at":"2026-01-01T00:00:00Z","secret":")" + secret + "\"}]}"},
      {"short secret", R"({"version":1,"keys":[{"id":"a","status":"active","created_at":"2026-01-01T00:00:00Z","secret":"c2hvcnQ"}]})"},
      {"bad id", R"({"version":1,"keys":[{"id":"A B","status":"active","created_at":"2026-01-01T00:00:00Z","secret":")" + secret + "\"}]}"},
      {"compromised without time",
       R"({"version":1,"keys":[{"id":"a","status":"active","created_at":"2026-01-01T00:00:00Z","secret":")" + secret +
           R"("},{"id":"b","status":"compromised","created_at":"2026-01-01T00:00:00Z","secret":")" + secret + "\"}]}"},
  };
  for (const auto& [name, text] : cases) {
    testing::WriteFileOrDie(dir / "keys.json", text);
    absl::StatusOr<KeyRing> ring = KeyRing::Load(dir / "keys.json");
    EXPECT_FALSE(ring.ok()) << name;
    EXPECT_NE(ring.status().message().find(dir / "keys.json"), std::string::npos) << name;
  }
}

TEST(PageViewToken, KnownAnswerAndChecks) {
  testing::TempDir dir;
  KeyRing ring = LoadRing(dir, {{"k7", "active", 0}});
  // Issued to the minute; the MAC (first 16 bytes, base64url) computed with
  // openssl over "pv1\nkalido\nk7\n1767225540" under HMAC(secret, "wafer page-view token key v1").
  const std::string token = MintPageViewToken(ring.active(), "kalido", 1767225599);
  EXPECT_EQ(token, "pv1.k7.1767225540.UqGxZiUR5LF6zxIG0WsB5w");
  const int64_t now = 1767225600, max_age = 3600;
  PageViewCheck ok = CheckPageViewToken(ring, token, "kalido", now, max_age);
  EXPECT_EQ(ok.result, PageViewResult::kValid);
  EXPECT_EQ(ok.issued_at, 1767225540);
  EXPECT_EQ(ok.key_id, "k7");
  EXPECT_EQ(CheckPageViewToken(ring, token, "kaloom", now, max_age).result, PageViewResult::kBadSignature);
  EXPECT_EQ(CheckPageViewToken(ring, token, "kalido", now + max_age + 61, max_age).result, PageViewResult::kExpired);
  EXPECT_EQ(CheckPageViewToken(ring, token, "kalido", now - 600, max_age).result, PageViewResult::kFuture);
  EXPECT_EQ(CheckPageViewToken(ring, "pv1.k9.1767225540.UqGxZiUR5LF6zxIG0WsB5w", "kalido", now, max_age).result,
            PageViewResult::kUnknownKey);
  std::string forged = token;
  forged.back() = forged.back() == 'w' ? 'x' : 'w';
  EXPECT_EQ(CheckPageViewToken(ring, forged, "kalido", now, max_age).result, PageViewResult::kBadSignature);
  std::string moved = "pv1.k7.1767225600.UqGxZiUR5LF6zxIG0WsB5w";  // Another time, same MAC.
  EXPECT_EQ(CheckPageViewToken(ring, moved, "kalido", now, max_age).result, PageViewResult::kBadSignature);
  for (const char* bad : {"", "pv1", "pv1.k7", "pv1.k7.x.y", "pv2.k7.1767225540.abc", "pv1..1767225540.abc",
                          "pv1.k7.1767225540."}) {
    EXPECT_EQ(CheckPageViewToken(ring, bad, "kalido", now, max_age).result, PageViewResult::kMalformed) << bad;
  }
  KeyRing compromised =
      LoadRing(dir, {{"k8", "active", 9}, {"k7", "compromised", 0, ",\"compromised_at\":\"2026-02-01T00:00:00.000Z\""}});
  EXPECT_EQ(CheckPageViewToken(compromised, token, "kalido", now, max_age).result, PageViewResult::kCompromisedKey);
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
