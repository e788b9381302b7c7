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
  // The most a policy allows: 32 categories, all placed, the largest revision,
  // times up to the year 3058 (5-byte varints): 360 bytes, 480 characters.
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
    EXPECT_LE(cookie.size(), 480u);
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

TEST(ConsentState, EightCategoriesFitInTwoHundredCharacters) {
  // 19 header + 5 given_at + 1 revision + 2 regime/method + 1 count
  // + 8 × (4 hash + 1 granted + 5 first placement) + 8 tag = 116 bytes
  // = 155 base64url characters.
  const std::string cookie = EncodeConsentState(EightCategories(), Key(1));
  EXPECT_EQ(cookie.size(), 155u);
  EXPECT_LE(cookie.size(), 200u);
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

TEST(ConsentState, EveryBitFlipOfTheDecodedBytesFails) {
  const SiteKey key = Key(1);
  const std::string cookie = EncodeConsentState(EightCategories(), key);
  const std::string bytes = B64Decode(cookie);
  ASSERT_EQ(B64Encode(bytes), cookie);  // The oracle agrees with the encoder.
  int tried = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      ConsentState out;
      EXPECT_FALSE(DecodeConsentState(B64Encode(flipped), key, &out))
          << "byte " << i << " bit " << bit;
      ++tried;
    }
  }
  EXPECT_EQ(tried, 116 * 8);
}

TEST(ConsentState, EveryCharacterSubstitutionFails) {
  const SiteKey key = Key(1);
  const std::string cookie = EncodeConsentState(EightCategories(), key);
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

TEST(ConsentState, EveryTruncationFails) {
  const SiteKey key = Key(1);
  const std::string cookie = EncodeConsentState(EightCategories(), key);
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

TEST(ConsentState, AnotherSitesKeyFails) {
  const std::string cookie = EncodeConsentState(EightCategories(), Key(1));
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

// A body as EncodeConsentState writes it, with each field under test control.
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
  std::string trailer;

  std::string Bytes() const {
    internal::WireWriter w;
    w.Raw(magic);
    w.U8(version);
    const auto id = Id(9);
    w.Raw(std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
    w.Varint(given_at);
    w.Varint(revision);
    w.U8(regime);
    w.U8(method);
    w.Varint(count);
    for (uint64_t i = 0; i < count; ++i) {
      const uint32_t hash = CategoryHash("analytics") + static_cast<uint32_t>(i);
      for (int b = 0; b < 4; ++b) w.U8(static_cast<uint8_t>(hash >> (8 * b)));
      w.U8(granted);
      w.Varint(first_placed);
    }
    w.Raw(trailer);
    return w.bytes();
  }
};

TEST(ConsentState, SealedBodyOracleDecodes) {
  // The hand-built body under a valid tag is accepted: the cases below fail
  // for the field they change, not for the way they were built.
  const SiteKey key = Key(1);
  ConsentState out;
  ASSERT_TRUE(DecodeConsentState(Seal(Body{}.Bytes(), key), key, &out));
  EXPECT_EQ(out.given_at, kNow);
  EXPECT_EQ(out.revision, 3u);
  EXPECT_EQ(out.method, Method::kAcceptAll);
  ASSERT_EQ(out.categories.size(), 1u);
  EXPECT_EQ(out.categories[0].id_hash, CategoryHash("analytics"));
  EXPECT_TRUE(out.categories[0].granted);
}

struct SealedCase {
  const char* name;
  Body body;
};

std::vector<SealedCase> SealedCases() {
  std::vector<SealedCase> cases;
  Body b;
  b.version = kConsentStateVersion + 1;
  cases.push_back({"FutureVersion", b});
  b = Body{};
  b.version = 0;
  cases.push_back({"VersionZero", b});
  b = Body{};
  b.version = 0xff;
  cases.push_back({"Version255", b});
  b = Body{};
  b.magic = "WF";
  cases.push_back({"WrongMagic", b});
  b = Body{};
  b.regime = kRegimeCount;
  cases.push_back({"UnknownRegime", b});
  b = Body{};
  b.method = kMethodCount;
  cases.push_back({"UnknownMethod", b});
  b = Body{};
  b.granted = 2;
  cases.push_back({"GrantedNotABoolean", b});
  b = Body{};
  b.count = kMaxCategories + 1;
  cases.push_back({"TooManyCategories", b});
  b = Body{};
  b.trailer = std::string(1, '\0');
  cases.push_back({"TrailingByte", b});
  b = Body{};
  b.given_at = (uint64_t{1} << 40) + 1;
  cases.push_back({"GivenAtBeyondBound", b});
  b = Body{};
  b.revision = uint64_t{1} << 31;
  cases.push_back({"RevisionBeyondBound", b});
  b = Body{};
  b.first_placed = (uint64_t{1} << 40) + 1;
  cases.push_back({"FirstPlacedBeyondBound", b});
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
  // 116 bytes → 155 characters: the last carries 4 data bits and 2 that must
  // be zero. Setting them would decode to the same bytes: refused.
  const SiteKey key = Key(1);
  const std::string good = EncodeConsentState(EightCategories(), key);
  const int last = static_cast<int>(std::char_traits<char>::find(kB64, 64, good.back()) - kB64);
  ASSERT_EQ(last & 3, 0);
  for (int stray = 1; stray < 4; ++stray) {
    std::string edited = good;
    edited.back() = kB64[last | stray];
    ConsentState out;
    EXPECT_FALSE(DecodeConsentState(edited, key, &out)) << stray;
  }
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
  w.U8(0);
  w.U8(1);
  w.Varint(kMaxCategories);
  const size_t fixed = w.bytes().size() + kMaxCategories * 5 + 8;
  size_t extra = want_bytes - fixed - kMaxCategories;  // Beyond one byte per varint.
  std::string body = w.bytes();
  for (int i = 0; i < kMaxCategories; ++i) {
    const uint32_t hash = CategoryHash("c") + static_cast<uint32_t>(i);
    for (int b = 0; b < 4; ++b) body += static_cast<char>(hash >> (8 * b));
    body += '\1';
    const size_t pad = extra < 9 ? extra : 9;
    extra -= pad;
    body.append(pad, static_cast<char>(0x80));
    body += '\0';
  }
  return Seal(body, key);
}

TEST(ConsentState, MoreThan512CharactersFails) {
  const SiteKey key = Key(1);
  ConsentState out;
  const std::string at_limit = SealedOfLength(512, key);
  ASSERT_EQ(at_limit.size(), 512u);
  EXPECT_TRUE(DecodeConsentState(at_limit, key, &out));
  EXPECT_EQ(out.categories.size(), static_cast<size_t>(kMaxCategories));
  const std::string over = SealedOfLength(516, key);
  ASSERT_EQ(over.size(), 516u);
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
