// consent_state_test.cc — the consent cookie: encoding, and refusing anything
// that is not exactly what Wafer wrote under this site's key.

#include "wafer/consent_state.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "internal/hash.h"
#include "internal/wire.h"
#include "wafer/compiled_policy.h"

namespace wafer {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

SiteKey Key(uint8_t seed) {
  SiteKey k{};
  for (int i = 0; i < kSiteKeySize; ++i) k[i] = static_cast<uint8_t>(seed * 31 + i * 7 + 1);
  return k;
}

std::array<uint8_t, kConsentIdSize> Id(uint8_t seed) {
  std::array<uint8_t, kConsentIdSize> id{};
  for (int i = 0; i < kConsentIdSize; ++i) id[i] = static_cast<uint8_t>(seed + i * 17);
  return id;
}

// An independent base64url codec (RFC 4648 §5, no padding).
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string B64Encode(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8) |
                       static_cast<uint8_t>(in[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (in.size() - i == 1) {
    const uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
  } else if (in.size() - i == 2) {
    const uint32_t v = (static_cast<uint8_t>(in[i]) << 16) | (static_cast<uint8_t>(in[i + 1]) << 8);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
  }
  return out;
}

std::string B64Decode(const std::string& in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const char* p = std::char_traits<char>::find(kB64, 64, c);
    acc = (acc << 6) | static_cast<uint32_t>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Tags `body` under `key` and base64url-encodes it: a cookie that passes the
// integrity check whatever its content.
std::string Seal(const std::string& body, const SiteKey& key) {
  unsigned char tag[8];
  internal::StoreLe64(internal::SipHash24(key.data(), body), tag);
  return B64Encode(body + std::string(reinterpret_cast<const char*>(tag), 8));
}

ConsentState EightCategories() {
  ConsentState s;
  s.consent_id = Id(3);
  s.given_at = kNow;
  s.revision = 3;
  s.regime = Regime::kOptOut;
  s.method = Method::kCustom;
  const char* ids[] = {"necessary", "analytics", "marketing", "media",
                       "functional", "personalisation", "social", "chat"};
  for (int i = 0; i < 8; ++i) {
    s.categories.push_back({CategoryHash(ids[i]), i % 2 == 0, kNow - 86400 * (i + 1)});
  }
  return s;
}

// Eight categories and three services with a choice of their own: YouTube
// allowed in a refused "marketing", LinkedIn refused in an allowed "social".
ConsentState WithServices() {
  ConsentState s = EightCategories();
  s.services = {{ServiceHash("youtube"), true},
                {ServiceHash("linkedin-insight"), false},
                {ServiceHash("hubspot-forms"), true}};
  return s;
}

// The version-1 encoding, written out independently: what Wafer stored
// before per-service consent (no service entries).
std::string EncodeV1(const ConsentState& s, const SiteKey& key) {
  internal::WireWriter w;
  w.Raw("WC");
  w.U8(1);
  w.Raw(std::string_view(reinterpret_cast<const char*>(s.consent_id.data()), kConsentIdSize));
  w.Varint(static_cast<uint64_t>(s.given_at));
  w.Varint(s.revision);
  w.U8(static_cast<uint8_t>(s.regime));
  w.U8(static_cast<uint8_t>(s.method));
  w.Varint(s.categories.size());
  for (const CategoryChoice& c : s.categories) {
    for (int b = 0; b < 4; ++b) w.U8(static_cast<uint8_t>(c.id_hash >> (8 * b)));
    w.U8(c.granted ? 1 : 0);
    w.Varint(static_cast<uint64_t>(c.first_placed));
  }
  unsigned char tag[8];
  internal::StoreLe64(internal::SipHash24(key.data(), w.bytes()), tag);
  return B64Encode(w.bytes() + std::string(reinterpret_cast<const char*>(tag), 8));
}

void ExpectSameState(const ConsentState& got, const ConsentState& want) {
  EXPECT_EQ(got.consent_id, want.consent_id);
  EXPECT_EQ(got.given_at, want.given_at);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.regime, want.regime);
  EXPECT_EQ(got.method, want.method);
  ASSERT_EQ(got.categories.size(), want.categories.size());
  for (size_t i = 0; i < want.categories.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got.categories[i].id_hash, want.categories[i].id_hash);
    EXPECT_EQ(got.categories[i].granted, want.categories[i].granted);
    EXPECT_EQ(got.categories[i].first_placed, want.categories[i].first_placed);
  }
  ASSERT_EQ(got.services.size(), want.services.size());
  for (size_t i = 0; i < want.services.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got.services[i].id_hash, want.services[i].id_hash);
    EXPECT_EQ(got.services[i].granted, want.services[i].granted);
  }
}

// ---------------------------------------------------------------------------
// Round trips.

struct RoundTripCase {
  const char* name;
  ConsentState state;
};

std::vector<RoundTripCase> RoundTripCases() {
  std::vector<RoundTripCase> cases;
  cases.push_back({"Empty", ConsentState{}});
  ConsentState accept;
  accept.consent_id = Id(1);
  accept.given_at = kNow;
  accept.revision = 1;
  accept.method = Method::kAcceptAll;
  accept.categories = {{CategoryHash("necessary"), true, 0}, {CategoryHash("analytics"), true, kNow}};
  cases.push_back({"AcceptAll", accept});
  cases.push_back({"EightCategories", EightCategories()});
  cases.push_back({"WithServices", WithServices()});
  // The most a policy allows: 32 categories, all placed, the largest revision,
  // times up to the year 3058, and all 64 services with a choice of their own:
  // 680 bytes, 907 characters.
  ConsentState big;
  big.consent_id = Id(0xff);
  big.given_at = (int64_t{1} << 35) - 1;
  big.revision = 0x7fffffff;
  big.regime = Regime::kNotice;
  big.method = Method::kOptOut;
  for (int i = 0; i < kMaxCategories; ++i) {
    big.categories.push_back({0xffffffffu - static_cast<uint32_t>(i), i % 3 == 0, (int64_t{1} << 35) - 1});
  }
  cases.push_back({"LargestPolicy", big});
  for (int i = 0; i < kMaxServices; ++i) {
    big.services.push_back({static_cast<uint32_t>(i * 7919), i % 2 == 0});
  }
  cases.push_back({"LargestPolicyWithServices", big});
  for (int m = 0; m < kMethodCount; ++m) {
    for (int r = 0; r < kRegimeCount; ++r) {
      ConsentState s;
      s.consent_id = Id(static_cast<uint8_t>(m * 3 + r));
      s.given_at = kNow + m;
      s.revision = 7;
      s.regime = static_cast<Regime>(r);
      s.method = static_cast<Method>(m);
      s.categories = {{CategoryHash("marketing"), m % 2 == 1, 0}};
      cases.push_back({"EveryMethodAndRegime", s});
    }
  }
  return cases;
}

TEST(ConsentState, RoundTrips) {
  const SiteKey key = Key(1);
  for (const RoundTripCase& c : RoundTripCases()) {
    SCOPED_TRACE(c.name);
    const std::string cookie = EncodeConsentState(c.state, key);
    ConsentState back;
    EXPECT_LE(cookie.size(), 908u);
    ASSERT_TRUE(DecodeConsentState(cookie, key, &back)) << cookie;
    ExpectSameState(back, c.state);
    EXPECT_EQ(EncodeConsentState(back, key), cookie);  // Deterministic.
  }
}

TEST(ConsentState, EncodingIsCookieSafeBase64UrlWithoutPadding) {
  const std::string cookie = EncodeConsentState(EightCategories(), Key(1));
  for (char c : cookie) {
    EXPECT_NE(std::char_traits<char>::find(kB64, 64, c), nullptr) << "character " << c;
  }
  EXPECT_NE(cookie.size() % 4, 1u);
  // The documented layout: "WC", version 1, then the raw consent id.
  const std::string bytes = B64Decode(cookie);
  ASSERT_GE(bytes.size(), 19u);
  EXPECT_EQ(bytes.substr(0, 2), "WC");
  EXPECT_EQ(bytes[2], static_cast<char>(kConsentStateVersion));
  const auto id = Id(3);
  EXPECT_EQ(bytes.substr(3, 16), std::string(reinterpret_cast<const char*>(id.data()), 16));
}

TEST(ConsentState, EightCategoriesFitInOneHundredAndFiftyCharacters) {
  // 19 header + 5 given_at + 1 revision + 1 method/regime + 1 count
  // + 8 × (4 hash + 5 first placement and granted) + 1 service count + 8 tag
  // = 108 bytes = 144 base64url characters (version 1: 155).
  const std::string cookie = EncodeConsentState(EightCategories(), Key(1));
  EXPECT_EQ(cookie.size(), 144u);
  EXPECT_EQ(EncodeV1(EightCategories(), Key(1)).size(), 155u);
  // Each service choice of its own adds 4 hash + 1 granted bytes.
  EXPECT_EQ(EncodeConsentState(WithServices(), Key(1)).size(), 164u);
}

TEST(ConsentState, VersionOneIsReadAndCarriedOver) {
  // A cookie stored before per-service consent keeps the visitor's choice:
  // it decodes to the same categories and no service exceptions, and is
  // written again as version 2.
  const SiteKey key = Key(1);
  for (const RoundTripCase& c : RoundTripCases()) {
    if (!c.state.services.empty()) continue;
    SCOPED_TRACE(c.name);
    const std::string v1 = EncodeV1(c.state, key);
    ASSERT_EQ(B64Decode(v1)[2], '\x01');
    ConsentState back;
    ASSERT_TRUE(DecodeConsentState(v1, key, &back)) << v1;
    ExpectSameState(back, c.state);
    const std::string v2 = EncodeConsentState(back, key);
    EXPECT_EQ(B64Decode(v2)[2], '\x02');
    EXPECT_EQ(v2, EncodeConsentState(c.state, key));
  }
}

TEST(ConsentState, Find) {
  ConsentState s = EightCategories();
  ASSERT_NE(s.Find(CategoryHash("marketing")), nullptr);
  EXPECT_EQ(s.Find(CategoryHash("marketing"))->granted, true);
  EXPECT_EQ(s.Find(CategoryHash("analytics"))->granted, false);
  EXPECT_EQ(s.Find(CategoryHash("unknown")), nullptr);
  s.Find(CategoryHash("chat"))->first_placed = 42;
  EXPECT_EQ(s.categories.back().first_placed, 42);
}

// ---------------------------------------------------------------------------
// Everything else decodes to "no consent".

// Every damaged form of these cookies must decode to nothing: version 2
// with and without service choices, and version 1.
std::vector<std::pair<const char*, std::string>> Cookies(const SiteKey& key) {
  return {{"v2", EncodeConsentState(EightCategories(), key)},
          {"v2 with services", EncodeConsentState(WithServices(), key)},
          {"v1", EncodeV1(EightCategories(), key)}};
}

TEST(ConsentState, EveryBitFlipOfTheDecodedBytesFails) {
  const SiteKey key = Key(1);
  size_t tried = 0;
  for (const auto& [name, cookie] : Cookies(key)) {
    SCOPED_TRACE(name);
    const std::string bytes = B64Decode(cookie);
    ASSERT_EQ(B64Encode(bytes), cookie);  // The oracle agrees with the encoder.
    ConsentState out;
    ASSERT_TRUE(DecodeConsentState(cookie, key, &out));
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
        EXPECT_FALSE(DecodeConsentState(B64Encode(flipped), key, &out))
            << "byte " << i << " bit " << bit;
        ++tried;
      }
    }
  }
  EXPECT_EQ(tried, (108u + 123u + 116u) * 8);
}

TEST(ConsentState, EveryCharacterSubstitutionFails) {
  const SiteKey key = Key(1);
  for (const auto& [name, cookie] : Cookies(key)) {
    SCOPED_TRACE(name);
    for (size_t i = 0; i < cookie.size(); ++i) {
      for (int v = 0; v < 64; ++v) {
        if (kB64[v] == cookie[i]) continue;
        std::string edited = cookie;
        edited[i] = kB64[v];
        ConsentState out;
        EXPECT_FALSE(DecodeConsentState(edited, key, &out)) << "position " << i << " → " << kB64[v];
      }
    }
  }
}

TEST(ConsentState, EveryTruncationFails) {
  const SiteKey key = Key(1);
  for (const auto& [name, cookie] : Cookies(key)) {
    SCOPED_TRACE(name);
    for (size_t n = 0; n < cookie.size(); ++n) {
      ConsentState out;
      EXPECT_FALSE(DecodeConsentState(cookie.substr(0, n), key, &out)) << "length " << n;
    }
    // And so does every truncation of the bytes, re-encoded.
    const std::string bytes = B64Decode(cookie);
    for (size_t n = 0; n < bytes.size(); ++n) {
      ConsentState out;
      EXPECT_FALSE(DecodeConsentState(B64Encode(bytes.substr(0, n)), key, &out)) << "bytes " << n;
    }
  }
}

TEST(ConsentState, AnotherSitesKeyFails) {
  const std::string cookie = EncodeConsentState(WithServices(), Key(1));
  for (uint8_t seed = 2; seed < 20; ++seed) {
    ConsentState out;
    EXPECT_FALSE(DecodeConsentState(cookie, Key(seed), &out)) << "seed " << int{seed};
  }
  // A key one bit away is just as foreign.
  for (int i = 0; i < kSiteKeySize * 8; ++i) {
    SiteKey k = Key(1);
    k[i / 8] ^= static_cast<uint8_t>(1 << (i % 8));
    ConsentState out;
    EXPECT_FALSE(DecodeConsentState(cookie, k, &out)) << "key bit " << i;
  }
}

// A body as EncodeConsentState writes it (or, with version 1, as Wafer
// wrote it before), with each field under test control.
struct Body {
  std::string magic = "WC";
  uint8_t version = kConsentStateVersion;
  uint64_t given_at = static_cast<uint64_t>(kNow);
  uint64_t revision = 3;
  uint8_t regime = 0;
  uint8_t method = 1;
  uint64_t count = 1;
  uint8_t granted = 1;
  uint64_t first_placed = 0;
  uint64_t services = 1;
  uint8_t service_granted = 1;
  std::string trailer;
  size_t drop = 0;  // Bytes cut off the end (before sealing).

  std::string Bytes() const {
    internal::WireWriter w;
    w.Raw(magic);
    w.U8(version);
    const auto id = Id(9);
    w.Raw(std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
    w.Varint(given_at);
    w.Varint(revision);
    if (version == 1) {
      w.U8(regime);
      w.U8(method);
    } else {
      w.U8(static_cast<uint8_t>(method << 2 | regime));
    }
    w.Varint(count);
    for (uint64_t i = 0; i < count; ++i) {
      const uint32_t hash = CategoryHash("analytics") + static_cast<uint32_t>(i);
      for (int b = 0; b < 4; ++b) w.U8(static_cast<uint8_t>(hash >> (8 * b)));
      if (version == 1) {
        w.U8(granted);
        w.Varint(first_placed);
      } else {
        w.Varint(first_placed << 1 | (granted & 1));
      }
    }
    if (version != 1) {
      w.Varint(services);
      for (uint64_t i = 0; i < services; ++i) {
        const uint32_t hash = ServiceHash("youtube") + static_cast<uint32_t>(i);
        for (int b = 0; b < 4; ++b) w.U8(static_cast<uint8_t>(hash >> (8 * b)));
        w.U8(service_granted);
      }
    }
    w.Raw(trailer);
    std::string out = w.bytes();
    out.resize(out.size() - drop);
    return out;
  }
};

TEST(ConsentState, SealedBodyOracleDecodes) {
  // The hand-built bodies under a valid tag are accepted: the cases below
  // fail for the field they change, not for the way they were built.
  const SiteKey key = Key(1);
  for (uint8_t version : {uint8_t{1}, uint8_t{2}}) {
    SCOPED_TRACE(int{version});
    Body b;
    b.version = version;
    ConsentState out;
    ASSERT_TRUE(DecodeConsentState(Seal(b.Bytes(), key), key, &out));
    EXPECT_EQ(out.given_at, kNow);
    EXPECT_EQ(out.revision, 3u);
    EXPECT_EQ(out.method, Method::kAcceptAll);
    ASSERT_EQ(out.categories.size(), 1u);
    EXPECT_EQ(out.categories[0].id_hash, CategoryHash("analytics"));
    EXPECT_TRUE(out.categories[0].granted);
    ASSERT_EQ(out.services.size(), version == 1 ? 0u : 1u);
    if (version == 2) {
      EXPECT_EQ(out.services[0].id_hash, ServiceHash("youtube"));
      EXPECT_TRUE(out.services[0].granted);
    }
  }
}

struct SealedCase {
  const char* name;
  Body body;
};

std::vector<SealedCase> SealedCases() {
  std::vector<SealedCase> cases;
  for (uint8_t version : {uint8_t{1}, uint8_t{2}}) {
    const bool v1 = version == 1;
    auto base = [&] {
      Body b;
      b.version = version;
      return b;
    };
    Body b = base();
    b.magic = "WF";
    cases.push_back({v1 ? "V1WrongMagic" : "WrongMagic", b});
    b = base();
    b.regime = v1 ? kRegimeCount : 3;  // 3: the highest two bits' value.
    cases.push_back({v1 ? "V1UnknownRegime" : "UnknownRegime", b});
    b = base();
    b.method = kMethodCount;
    cases.push_back({v1 ? "V1UnknownMethod" : "UnknownMethod", b});
    b = base();
    b.count = kMaxCategories + 1;
    cases.push_back({v1 ? "V1TooManyCategories" : "TooManyCategories", b});
    b = base();
    b.trailer = std::string(1, '\0');
    cases.push_back({v1 ? "V1TrailingByte" : "TrailingByte", b});
    b = base();
    b.given_at = (uint64_t{1} << 40) + 1;
    cases.push_back({v1 ? "V1GivenAtBeyondBound" : "GivenAtBeyondBound", b});
    b = base();
    b.revision = uint64_t{1} << 31;
    cases.push_back({v1 ? "V1RevisionBeyondBound" : "RevisionBeyondBound", b});
    b = base();
    b.first_placed = (uint64_t{1} << 40) + 1;
    cases.push_back({v1 ? "V1FirstPlacedBeyondBound" : "FirstPlacedBeyondBound", b});
  }
  Body b;
  b.version = 1;
  b.granted = 2;
  cases.push_back({"V1GrantedNotABoolean", b});
  b = Body{};
  b.version = kConsentStateVersion + 1;
  cases.push_back({"FutureVersion", b});
  b = Body{};
  b.version = 0;
  cases.push_back({"VersionZero", b});
  b = Body{};
  b.version = 0xff;
  cases.push_back({"Version255", b});
  b = Body{};
  b.method = 63;  // The largest the packed byte holds.
  cases.push_back({"MethodBeyondEnum", b});
  b = Body{};
  b.services = kMaxServices + 1;
  cases.push_back({"TooManyServices", b});
  b = Body{};
  b.service_granted = 2;
  cases.push_back({"ServiceGrantedNotABoolean", b});
  b = Body{};
  b.services = 2;
  b.drop = 1;  // The last service's granted byte is missing, under a valid tag.
  cases.push_back({"ServicesTruncatedUnderSeal", b});
  b = Body{};
  b.drop = 6;  // The service count promises one entry; none follows.
  cases.push_back({"ServiceEntryMissingUnderSeal", b});
  return cases;
}

TEST(ConsentState, WellSealedButMalformedFails) {
  const SiteKey key = Key(1);
  for (const SealedCase& c : SealedCases()) {
    SCOPED_TRACE(c.name);
    ConsentState out;
    EXPECT_FALSE(DecodeConsentState(Seal(c.body.Bytes(), key), key, &out));
  }
}

struct TextCase {
  const char* name;
  std::string value;
};

TEST(ConsentState, NotBase64UrlFails) {
  const SiteKey key = Key(1);
  const std::string good = EncodeConsentState(EightCategories(), key);  // 155 = 4k + 3
  ConsentState out;
  ASSERT_TRUE(DecodeConsentState(good, key, &out));
  const TextCase cases[] = {
      {"Empty", ""},
      {"PaddingAppended", good + "="},
      {"DoublePaddingAppended", good + "=="},
      {"StandardAlphabetPlus", good.substr(0, 10) + "+" + good.substr(11)},
      {"StandardAlphabetSlash", good.substr(0, 10) + "/" + good.substr(11)},
      {"SpaceInside", good.substr(0, 10) + " " + good.substr(11)},
      {"LeadingSpace", " " + good},
      {"TrailingNewline", good + "\n"},
      {"PercentEncoded", good.substr(0, 10) + "%2D" + good.substr(11)},
      {"NulInside", good.substr(0, 10) + std::string(1, '\0') + good.substr(11)},
      {"HighByte", good.substr(0, 10) + "\xc3\xa9" + good.substr(12)},
      {"QuotedValue", "\"" + good + "\""},
      {"OneCharacter", "W"},
      {"LengthFourKPlusOne", good + "A"},
      {"JsonInsteadOfState", "{\"analytics\":true}"},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(DecodeConsentState(c.value, key, &out));
  }
}

TEST(ConsentState, StrayBitsInTheLastCharacterFail) {
  // When the byte count is not a multiple of 3, the last character carries
  // 2 or 4 bits that must be zero. Setting them would decode to the same
  // bytes: refused.
  const SiteKey key = Key(1);
  ConsentState one_service = EightCategories();
  one_service.services = {{ServiceHash("youtube"), true}};
  int checked = 0;
  for (const std::string& good :
       {EncodeV1(EightCategories(), key), EncodeConsentState(one_service, key)}) {
    const size_t rest = B64Decode(good).size() % 3;
    ASSERT_NE(rest, 0u) << good.size();
    const int mask = rest == 1 ? 15 : 3;
    const int last = static_cast<int>(std::char_traits<char>::find(kB64, 64, good.back()) - kB64);
    ASSERT_EQ(last & mask, 0);
    for (int stray = 1; stray <= mask; ++stray) {
      std::string edited = good;
      edited.back() = kB64[last | stray];
      ConsentState out;
      EXPECT_FALSE(DecodeConsentState(edited, key, &out)) << stray;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 6);
}

// Pads varints (non-canonical LEB128) so a validly sealed state reaches an
// exact encoded length.
std::string SealedOfLength(size_t chars, const SiteKey& key) {
  const size_t want_bytes = chars * 3 / 4;
  internal::WireWriter w;
  w.Raw("WC");
  w.U8(kConsentStateVersion);
  const auto id = Id(5);
  w.Raw(std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
  w.Varint(static_cast<uint64_t>(kNow));
  w.Varint(3);
  w.U8(1 << 2);  // accept-all, opt-in
  w.Varint(kMaxCategories);
  const size_t fixed =
      w.bytes().size() + kMaxCategories * 4 + 1 + kMaxServices * 5 + 8;
  size_t extra = want_bytes - fixed - kMaxCategories;  // Beyond one byte per varint.
  std::string body = w.bytes();
  for (int i = 0; i < kMaxCategories; ++i) {
    const uint32_t hash = CategoryHash("c") + static_cast<uint32_t>(i);
    for (int b = 0; b < 4; ++b) body += static_cast<char>(hash >> (8 * b));
    const size_t pad = extra < 9 ? extra : 9;  // Granted, never placed: 1, padded.
    extra -= pad;
    if (pad == 0) {
      body += '\1';
    } else {
      body += static_cast<char>(0x81);
      body.append(pad - 1, static_cast<char>(0x80));
      body += '\0';
    }
  }
  body += static_cast<char>(kMaxServices);
  for (int i = 0; i < kMaxServices; ++i) {
    const uint32_t hash = ServiceHash("s") + static_cast<uint32_t>(i);
    for (int b = 0; b < 4; ++b) body += static_cast<char>(hash >> (8 * b));
    body += '\1';
  }
  return Seal(body, key);
}

TEST(ConsentState, MoreThan1024CharactersFails) {
  const SiteKey key = Key(1);
  ConsentState out;
  const std::string at_limit = SealedOfLength(1024, key);
  ASSERT_EQ(at_limit.size(), 1024u);
  EXPECT_TRUE(DecodeConsentState(at_limit, key, &out));
  EXPECT_EQ(out.categories.size(), static_cast<size_t>(kMaxCategories));
  EXPECT_EQ(out.services.size(), static_cast<size_t>(kMaxServices));
  const std::string over = SealedOfLength(1028, key);
  ASSERT_EQ(over.size(), 1028u);
  EXPECT_FALSE(DecodeConsentState(over, key, &out));
  EXPECT_FALSE(DecodeConsentState(std::string(100000, 'A'), key, &out));
}

// ---------------------------------------------------------------------------

struct HexCase {
  const char* name;
  std::array<uint8_t, kConsentIdSize> id;
  const char* want;
};

TEST(ConsentIdHex, LowerCaseHex) {
  const HexCase cases[] = {
      {"Zeros", {}, "00000000000000000000000000000000"},
      {"Counting",
       {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
        0x0f},
       "000102030405060708090a0b0c0d0e0f"},
      {"AllOnes",
       {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff},
       "ffffffffffffffffffffffffffffffff"},
      {"Mixed",
       {0x3f, 0x2a, 0xbc, 0xde, 0x10, 0x20, 0x9a, 0xa9, 0x01, 0xf0, 0x0f, 0x80, 0x7f, 0xc4, 0x4c,
        0x5e},
       "3f2abcde10209aa901f00f807fc44c5e"},
  };
  for (const HexCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ConsentIdHex(c.id), c.want);
  }
}

}  // namespace
}  // namespace wafer
