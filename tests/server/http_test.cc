// The HTTP contract on a free loopback port, against each store: serving,
// receipts, hostile inputs (each leaving the store unchanged), admin API,
// policy reload, CORS, rate limiting and graceful shutdown.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "gtest/gtest.h"
#include "keyring.h"
#include "receipt.h"
#include "test_support.h"
#include "util.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::MakeState;
using testing::RandomConsentId;
using testing::ReceiptBody;
using testing::ServerTest;
using testing::Shop;
using testing::StateSpec;

const httplib::Headers kAdmin = {{"Authorization", std::string("Bearer ") + testing::kTestAdminToken}};

std::string Gunzip(const std::string& in) {
  z_stream zs = {};
  inflateInit2(&zs, 15 + 16);
  std::string out;
  char buf[16384];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&zs);
  return out;
}

using testing::RawExchange;

class HttpTest : public ServerTest {
 protected:
  // A receipt body with the page-view token of the running server's wafer.js.
  std::string Body(const std::string& site, const std::string& id, const std::string& state,
                   const std::string& method = "accept-all",
                   const std::string& choices = R"({"necessary":true,"analytics":true,"marketing":true})",
                   uint32_t revision = 1, const std::string& regime = "opt-in") {
    return ReceiptBody(site, id, state, method, choices, revision, regime,
                       Token(site == "blog" ? "blog" : "shop"));
  }

  // Posts a fresh valid receipt; returns the response.
  httplib::Result PostValid(std::string* consent_id = nullptr, std::string* body_out = nullptr) {
    std::string id = RandomConsentId();
    std::string body = Body("shop", id, MakeState(Shop(), id, {}));
    if (consent_id) *consent_id = id;
    if (body_out) *body_out = body;
    return Client().Post("/v1/consents", body, "application/json");
  }

  // Asserts a 4xx JSON error with `code`, and that the store did not change.
  void ExpectRejected(const httplib::Result& res, int status, const std::string& code, int64_t rows_before) {
    ASSERT_TRUE(res) << "no response";
    EXPECT_EQ(res->status, status) << res->body;
    json j = json::parse(res->body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << res->body;
    EXPECT_EQ(j["error"]["code"], code) << res->body;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
    EXPECT_EQ(RowCount(), rows_before);
  }

  void MakeAssets() {
    engine_dir_ = (*dir_) / "engine";
    js_dir_ = (*dir_) / "js";
    fs::create_directories(engine_dir_);
    fs::create_directories(js_dir_);
    std::string wasm = std::string("\0asm\1\0\0\0", 8);
    for (int i = 0; i < 3000; ++i) wasm += "wafer-engine-" + std::to_string(i % 50);
    wasm_bytes_ = wasm;
    testing::WriteFileOrDie(engine_dir_ + "/wafer-engine.wasm", wasm);
    testing::WriteFileOrDie(engine_dir_ + "/wafer-engine.mjs", "export default function Module() {}\n");
    testing::WriteFileOrDie(js_dir_ + "/wafer.stub.js",
                            "(function(){var config=/*@WAFER_CONFIG@*/null;window.__wafer=config;})();\n");
    std::string loader = "// loader\n";
    for (int i = 0; i < 200; ++i) loader += "console.log('loader line " + std::to_string(i) + "');\n";
    testing::WriteFileOrDie(js_dir_ + "/wafer.loader.js", loader);
    testing::WriteFileOrDie(js_dir_ + "/wafer.placeholder.js", "console.log('placeholder');\n");
  }

  std::string engine_dir_, js_dir_, wasm_bytes_;
};

TEST_P(HttpTest, HealthAndReadiness) {
  StartServer();
  auto res = Client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = Client().Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  EXPECT_EQ(j["sites"], 2);
  EXPECT_EQ(j["store"], GetParam());
}

TEST_P(HttpTest, ServesTheEngineImmutableAndPrecompressed) {
  MakeAssets();
  ServerOptions o = DefaultOptions();
  o.engine_dir = engine_dir_;
  o.js_dir = js_dir_;
  StartServer(o);
  auto integrity = Client().Get("/v1/integrity.json");
  ASSERT_TRUE(integrity);
  ASSERT_EQ(integrity->status, 200);
  json sri = json::parse(integrity->body);
  std::string engine_url;
  for (auto it = sri.begin(); it != sri.end(); ++it) {
    if (it.key().find("/v1/engine/wafer-engine.") == 0 && it.key().find(".wasm") != std::string::npos) engine_url = it.key();
  }
  ASSERT_FALSE(engine_url.empty()) << integrity->body;
  EXPECT_EQ(engine_url.size(), std::string("/v1/engine/wafer-engine.").size() + 12 + 5);
  EXPECT_EQ(sri[engine_url], "sha384-" + Base64(Sha384(wasm_bytes_)));
  EXPECT_EQ(engine_url.substr(24, 12), Hex(Sha256(wasm_bytes_)).substr(0, 12));

  auto plain = Client().Get(engine_url, {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "application/wasm");
  EXPECT_EQ(plain->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->body, wasm_bytes_);
  std::string etag = plain->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());

  auto gz = Client().Get(engine_url, {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->get_header_value("Content-Type"), "application/wasm");
  EXPECT_LT(gz->body.size(), wasm_bytes_.size() / 4);
  EXPECT_EQ(Gunzip(gz->body), wasm_bytes_);
  EXPECT_NE(gz->get_header_value("Vary").find("Accept-Encoding"), std::string::npos);

  auto br = Client().Get(engine_url, {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(br);
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "br");
  EXPECT_LT(br->body.size(), wasm_bytes_.size() / 4);
  auto no_br = Client().Get(engine_url, {{"Accept-Encoding", "br;q=0, gzip"}});
  ASSERT_TRUE(no_br);
  EXPECT_EQ(no_br->get_header_value("Content-Encoding"), "gzip");

  auto not_modified = Client().Get(engine_url, {{"If-None-Match", etag}});
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());

  // Plain names are served too, but must be revalidated.
  auto by_name = Client().Get("/v1/engine/wafer-engine.wasm");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->status, 200);
  EXPECT_EQ(by_name->get_header_value("Cache-Control"), "no-cache");
  // Loader bundles are content-hashed and listed.
  bool loader_listed = false;
  for (auto it = sri.begin(); it != sri.end(); ++it) {
    if (it.key().rfind("/v1/js/wafer.loader.", 0) == 0) {
      loader_listed = true;
      auto js = Client().Get(it.key());
      ASSERT_TRUE(js);
      EXPECT_EQ(js->status, 200);
      EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
      EXPECT_EQ(js->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
    }
  }
  EXPECT_TRUE(loader_listed) << integrity->body;
  auto missing = Client().Get("/v1/engine/wafer-engine.000000000000.wasm");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_P(HttpTest, ServesTheStubWithItsConfigAndRegion) {
  MakeAssets();
  ServerOptions o = DefaultOptions();
  o.engine_dir = engine_dir_;
  o.js_dir = js_dir_;
  o.geo_header = "X-Wafer-Region";
  StartServer(o);
  auto res = Client().Get("/v1/sites/shop/wafer.js", {{"X-Wafer-Region", "us-ca"}, {"Accept-Encoding", "identity"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  // Cached briefly, then run stale while revalidating (docs/server.md, "Caching").
  EXPECT_EQ(res->get_header_value("Cache-Control"), "max-age=300, stale-while-revalidate=86400");
  EXPECT_EQ(res->body.find("/*@WAFER_CONFIG@*/"), std::string::npos);
  EXPECT_NE(res->body.find("\"shop\""), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("US-CA"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("/v1/engine/wafer-engine."), std::string::npos);
  EXPECT_NE(res->body.find("/v1/consents"), std::string::npos);
  // wafer.placeholder.js under its content-hashed name, for the loader.
  {
    const std::string key = "\"placeholder\":\"";
    const size_t at = res->body.find(key);
    ASSERT_NE(at, std::string::npos) << res->body;
    const std::string url = res->body.substr(at + key.size(), res->body.find('"', at + key.size()) - at - key.size());
    const size_t path = url.find("/v1/js/wafer.placeholder.");
    ASSERT_NE(path, std::string::npos) << url;
    EXPECT_EQ(url.size() - path, std::string("/v1/js/wafer.placeholder.").size() + 12 + 3) << url;
    auto script = Client().Get(url.substr(path));
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    EXPECT_EQ(script->body, "console.log('placeholder');\n");
  }
  std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = Client().Get("/v1/sites/shop/wafer.js", {{"X-Wafer-Region", "us-ca"}, {"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  auto other_region = Client().Get("/v1/sites/shop/wafer.js", {{"X-Wafer-Region", "FR"}, {"If-None-Match", etag}});
  ASSERT_TRUE(other_region);
  EXPECT_EQ(other_region->status, 200);
  auto gz = Client().Get("/v1/sites/shop/wafer.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_NE(Gunzip(gz->body).find("\"shop\""), std::string::npos);

  auto policy = Client().Get("/v1/sites/shop/policy.bin");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->status, 200);
  EXPECT_EQ(policy->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_EQ(policy->body, Shop().compiled);
  auto policy304 = Client().Get("/v1/sites/shop/policy.bin", {{"If-None-Match", policy->get_header_value("ETag")}});
  ASSERT_TRUE(policy304);
  EXPECT_EQ(policy304->status, 304);

  // The compiled policy as the immutable, content-hashed file the stub names.
  const std::string hashed = "/v1/sites/shop/policy." + Hex(Sha256(Shop().compiled)).substr(0, 16) + ".bin";
  EXPECT_NE(res->body.find("\"policy_file\":\"http://"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find(hashed + "\""), std::string::npos) << res->body;
  auto file = Client().Get(hashed);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->body, Shop().compiled);
  EXPECT_EQ(file->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(file->get_header_value("Access-Control-Allow-Origin"), "*");
  auto other = Client().Get("/v1/sites/shop/policy.0000000000000000.bin");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  EXPECT_NE(other->body.find("wafer.policy.unknown"), std::string::npos);

  auto unknown = Client().Get("/v1/sites/nope/wafer.js");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("wafer.site.unknown"), std::string::npos);
}

TEST_P(HttpTest, StoresASignedReceiptAndSetsTheCookie) {
  StartServer();
  std::string id, body;
  auto res = PostValid(&id, &body);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  json j = json::parse(res->body);
  std::string receipt_id = j["receipt_id"];
  EXPECT_EQ(receipt_id.size(), 32u);
  EXPECT_EQ(j["signature"].get<std::string>().size(), 43u);
  EXPECT_EQ(j["key_id"], "k1");
  EXPECT_EQ(j["server_time"].get<std::string>().size(), 24u);
  std::string cookie = res->get_header_value("Set-Cookie");
  json sent = json::parse(body);
  EXPECT_EQ(cookie.rfind("wafer_consent=" + sent["state"].get<std::string>() + "; Max-Age=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Path=/; SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  EXPECT_EQ(cookie.find("Domain="), std::string::npos);  // Host 127.0.0.1 is not under shop.test
  EXPECT_EQ(RowCount(), 1);

  // Proof: the admin API returns it with its signature recomputed.
  auto proof = Client().Get("/v1/admin/receipts/" + id, kAdmin);
  ASSERT_TRUE(proof);
  ASSERT_EQ(proof->status, 200) << proof->body;
  json p = json::parse(proof->body);
  ASSERT_EQ(p["receipts"].size(), 1u);
  json r = p["receipts"][0];
  EXPECT_EQ(r["receipt_id"], receipt_id);
  EXPECT_EQ(r["signature"], j["signature"]);
  EXPECT_EQ(r["signature_valid"], true);
  EXPECT_EQ(r["trustworthy"], true);
  EXPECT_EQ(r["key"]["status"], "active");
  EXPECT_EQ(r["page_view"], "verified");
  EXPECT_FALSE(r["page_view_at"].is_null());
  EXPECT_EQ(r["site"], "shop");
  EXPECT_EQ(r["method"], "accept-all");
  EXPECT_EQ(r["ip"], "127.0.0.0/24");
  EXPECT_EQ(r["policy_hash"], Hex(Sha256(Shop().compiled)));
  EXPECT_EQ(r["choices"]["marketing"], true);

  // The cookie gets the site's domain; Secure only over TLS or when a trusted
  // proxy says so (here none is trusted: the header is ignored).
  httplib::Client c = Client();
  std::string id2 = RandomConsentId();
  auto res2 = c.Post("/v1/consents", {{"Host", "www.shop.test"}, {"X-Forwarded-Proto", "https"}},
                     Body("shop", id2, MakeState(Shop(), id2, {})), "application/json");
  ASSERT_TRUE(res2);
  ASSERT_EQ(res2->status, 201) << res2->body;
  cookie = res2->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("; Domain=shop.test"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("; Secure"), std::string::npos) << cookie;
}

TEST_P(HttpTest, AReplayReturnsTheFirstReceiptWithoutANewRow) {
  StartServer();
  std::string id, body;
  auto first = PostValid(&id, &body);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 201);
  auto again = Client().Post("/v1/consents", body, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(json::parse(again->body)["receipt_id"], json::parse(first->body)["receipt_id"]);
  EXPECT_EQ(json::parse(again->body)["signature"], json::parse(first->body)["signature"]);
  EXPECT_EQ(RowCount(), 1);
}

TEST_P(HttpTest, HostileInputsGetAReasonAndChangeNothing) {
  ServerOptions o = DefaultOptions();
  StartServer(o);
  ASSERT_EQ(PostValid()->status, 201);
  const int64_t rows = RowCount();
  ASSERT_EQ(rows, 1);
  std::string id = RandomConsentId();
  std::string state = MakeState(Shop(), id, {});
  std::string good = Body("shop", id, state);

  // Huge body: over the 16 KB limit, declared or streamed.
  ExpectRejected(Client().Post("/v1/consents", std::string(17 * 1024, ' ') + good, "application/json"), 413,
                 "wafer.body_too_large", rows);
  std::string chunk(8000, ' ');
  std::string chunked = "POST /v1/consents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                        "Content-Type: application/json\r\n\r\n";
  for (int i = 0; i < 4; ++i) chunked += "1f40\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  std::string raw = RawExchange(port_, chunked);
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 200);
  EXPECT_EQ(RowCount(), rows);

  ExpectRejected(Client().Post("/v1/consents", "{\"site\":", "application/json"), 400, "wafer.receipt.syntax", rows);
  ExpectRejected(Client().Post("/v1/consents", std::string("\x00\x01\xff", 3), "application/json"), 400,
                 "wafer.receipt.syntax", rows);
  json wrong = json::parse(good);
  wrong["revision"] = "1";
  ExpectRejected(Client().Post("/v1/consents", wrong.dump(), "application/json"), 400, "wafer.receipt.type", rows);
  wrong = json::parse(good);
  wrong["choices"]["analytics"] = 1;
  auto typed = Client().Post("/v1/consents", wrong.dump(), "application/json");
  ExpectRejected(typed, 400, "wafer.receipt.type", rows);
  EXPECT_EQ(json::parse(typed->body)["error"]["path"], "choices.analytics");
  wrong = json::parse(good);
  wrong["admin"] = true;
  auto unknown_key = Client().Post("/v1/consents", wrong.dump(), "application/json");
  ExpectRejected(unknown_key, 400, "wafer.receipt.unknown_key", rows);
  EXPECT_EQ(json::parse(unknown_key->body)["error"]["path"], "admin");
  ExpectRejected(Client().Post("/v1/consents", Body("nosuchsite", id, state), "application/json"), 404,
                 "wafer.site.unknown", rows);
  // Forged or tampered state.
  std::string tampered = state;
  tampered[20] = tampered[20] == 'x' ? 'y' : 'x';
  ExpectRejected(Client().Post("/v1/consents", Body("shop", id, tampered), "application/json"), 400,
                 "wafer.receipt.state_invalid", rows);
  ExpectRejected(Client().Post("/v1/consents", Body("shop", id, std::string(80, 'A')), "application/json"),
                 400, "wafer.receipt.state_invalid", rows);
  // A valid state with a lie about it.
  ExpectRejected(Client().Post("/v1/consents", Body("shop", id, state, "reject-all"), "application/json"),
                 400, "wafer.receipt.state_mismatch", rows);
  ExpectRejected(Client().Post("/v1/consents", Body("shop", RandomConsentId(), state), "application/json"),
                 400, "wafer.receipt.state_mismatch", rows);
  // Forged admin token.
  auto forged = Client().Get("/v1/admin/receipts/" + id, {{"Authorization", "Bearer test-admin-tokeN"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  auto none = Client().Get("/v1/admin/export?from=2026-01-01&to=2026-01-02");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  ExpectRejected(Client().Delete("/v1/admin/receipts/" + id, {{"Authorization", "Bearer nope"}}), 401,
                 "wafer.admin.unauthorized", rows);
  // Broken HTTP: never a crash, always an answer.
  for (const std::string& req : {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/1.1\r\nHost: \xff\r\n\r\n"),
                                 std::string("POST /v1/consents HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"),
                                 std::string("POST /v1/consents HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd")}) {
    std::string raw_res = RawExchange(port_, req);
    EXPECT_EQ(raw_res.rfind("HTTP/1.1 4", 0), 0u) << req.substr(0, 60) << " → " << raw_res.substr(0, 200);
  }
  EXPECT_EQ(RowCount(), rows);
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(HttpTest, CorsOnlyForTheSitesOrigins) {
  StartServer();
  auto pre = Client().Options("/v1/consents", {{"Origin", "https://www.shop.test"},
                                               {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Origin"), "https://www.shop.test");
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Credentials"), "true");
  auto port_origin = Client().Options("/v1/consents", {{"Origin", "http://shop.test:8080"}});
  ASSERT_TRUE(port_origin);
  EXPECT_EQ(port_origin->status, 204);
  for (const char* bad : {"https://evil.test", "https://shop.test.evil.test", "null", "https://notshop.test"}) {
    auto denied = Client().Options("/v1/consents", {{"Origin", bad}});
    ASSERT_TRUE(denied);
    EXPECT_EQ(denied->status, 403) << bad;
    EXPECT_FALSE(denied->has_header("Access-Control-Allow-Origin")) << bad;
  }
  std::string id = RandomConsentId();
  httplib::Client c = Client();
  auto ok = c.Post("/v1/consents", {{"Origin", "https://shop.test"}},
                   Body("shop", id, MakeState(Shop(), id, {})), "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  EXPECT_EQ(ok->get_header_value("Access-Control-Allow-Origin"), "https://shop.test");
  // Another site's origin may not post for this site.
  std::string id2 = RandomConsentId();
  auto other = c.Post("/v1/consents", {{"Origin", "https://blog.test"}},
                      Body("shop", id2, MakeState(Shop(), id2, {})), "text/plain");
  ExpectRejected(other, 403, "wafer.cors.origin", 1);
}

TEST_P(HttpTest, ConfiguredOriginsReplaceTheDefaults) {
  ServerOptions o = DefaultOptions();
  o.cors_origins = {"https://partner.example"};
  StartServer(o);
  auto yes = Client().Options("/v1/consents", {{"Origin", "https://partner.example"}});
  ASSERT_TRUE(yes);
  EXPECT_EQ(yes->status, 204);
  auto no = Client().Options("/v1/consents", {{"Origin", "https://shop.test"}});
  ASSERT_TRUE(no);
  EXPECT_EQ(no->status, 403);
}

TEST_P(HttpTest, RateLimitsEachClient) {
  ServerOptions o = DefaultOptions();
  o.rate_limit_per_second = 1;
  o.rate_limit_burst = 3;
  StartServer(o);
  int ok = 0, limited = 0;
  for (int i = 0; i < 6; ++i) {
    auto res = PostValid();
    ASSERT_TRUE(res);
    if (res->status == 201) ++ok;
    if (res->status == 429) {
      ++limited;
      EXPECT_EQ(res->get_header_value("Retry-After"), "1");
      EXPECT_NE(res->body.find("wafer.rate_limited"), std::string::npos);
    }
  }
  EXPECT_EQ(ok, 3);
  EXPECT_EQ(limited, 3);
  EXPECT_EQ(RowCount(), 3);
  auto health = Client().Get("/healthz");  // Never limited.
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(HttpTest, ExportsCsvAndJsonl) {
  StartServer();
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    std::string id;
    ASSERT_EQ(PostValid(&id)->status, 201);
    ids.insert(id);
  }
  std::string today = FormatDay(NowMs());
  auto jsonl = Client().Get("/v1/admin/export?from=" + today + "&to=" + today + "&format=jsonl", kAdmin);
  ASSERT_TRUE(jsonl);
  ASSERT_EQ(jsonl->status, 200) << jsonl->body;
  EXPECT_EQ(jsonl->get_header_value("Transfer-Encoding"), "chunked");
  EXPECT_EQ(jsonl->get_header_value("Content-Type"), "application/x-ndjson");
  std::set<std::string> seen;
  std::stringstream lines(jsonl->body);
  std::string line;
  while (std::getline(lines, line)) {
    json r = json::parse(line, nullptr, false);
    ASSERT_TRUE(r.is_object()) << line;
    seen.insert(r["consent_id"]);
  }
  EXPECT_EQ(seen, ids);

  auto csv = Client().Get("/v1/admin/export?from=" + today + "&to=" + today + "&format=csv", kAdmin);
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("receipt_id,server_time,site,consent_id,", 0), 0u);
  EXPECT_EQ(std::count(csv->body.begin(), csv->body.end(), '\n'), 6);
  EXPECT_NE(csv->body.find("\"{\"\"analytics\"\":true,"), std::string::npos) << csv->body.substr(0, 400);

  auto empty = Client().Get("/v1/admin/export?from=2020-01-01&to=2020-01-02", kAdmin);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_TRUE(empty->body.empty());
  auto bad = Client().Get("/v1/admin/export?from=2020-13-01&to=2020-01-02", kAdmin);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto bad_format = Client().Get("/v1/admin/export?from=2020-01-01&to=2020-01-02&format=xml", kAdmin);
  ASSERT_TRUE(bad_format);
  EXPECT_EQ(bad_format->status, 400);
}

TEST_P(HttpTest, StatsGivePerDayRatesPerMethodAndCategory) {
  StartServer();
  auto post = [&](Method m, const std::string& name, bool analytics, bool marketing) {
    std::string id = RandomConsentId();
    StateSpec spec;
    spec.method = m;
    spec.categories = {{"necessary", true}, {"analytics", analytics}, {"marketing", marketing}};
    std::string choices = std::string("{\"necessary\":true,\"analytics\":") + (analytics ? "true" : "false") +
                          ",\"marketing\":" + (marketing ? "true" : "false") + "}";
    auto res = Client().Post("/v1/consents", Body("shop", id, MakeState(Shop(), id, spec), name, choices),
                             "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
  };
  post(Method::kAcceptAll, "accept-all", true, true);
  post(Method::kAcceptAll, "accept-all", true, true);
  post(Method::kRejectAll, "reject-all", false, false);
  post(Method::kCustom, "custom", true, false);
  std::string today = FormatDay(NowMs());
  auto res = Client().Get("/v1/admin/stats?from=" + today + "&to=" + today, kAdmin);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json j = json::parse(res->body);
  ASSERT_EQ(j["days"].size(), 1u);
  json d = j["days"][0];
  EXPECT_EQ(d["day"], today);
  EXPECT_EQ(d["total"], 4);
  EXPECT_EQ(d["methods"]["accept-all"]["count"], 2);
  EXPECT_DOUBLE_EQ(d["methods"]["accept-all"]["rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(d["methods"]["reject-all"]["rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(d["categories"]["analytics"]["rate"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(d["categories"]["marketing"]["rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(d["categories"]["necessary"]["rate"].get<double>(), 1.0);
  EXPECT_EQ(j["sites"]["shop"], 4);
}

TEST_P(HttpTest, ErasureRemovesReceiptsAndIsRecorded) {
  StartServer();
  std::string id;
  ASSERT_EQ(PostValid(&id)->status, 201);
  ASSERT_EQ(PostValid()->status, 201);
  auto del = Client().Delete("/v1/admin/receipts/" + id, kAdmin);
  ASSERT_TRUE(del);
  ASSERT_EQ(del->status, 200) << del->body;
  json j = json::parse(del->body);
  EXPECT_EQ(j["receipts_removed"], 1);
  EXPECT_EQ(j["consent_id_hash"], Hex(Sha256(id)));
  EXPECT_EQ(RowCount(), 1);
  auto gone = Client().Get("/v1/admin/receipts/" + id, kAdmin);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  auto erasures = Client().Get("/v1/admin/erasures", kAdmin);
  ASSERT_TRUE(erasures);
  ASSERT_EQ(erasures->status, 200);
  EXPECT_NE(erasures->body.find(Hex(Sha256(id))), std::string::npos);
  EXPECT_EQ(erasures->body.find(id + "\""), std::string::npos);
}

TEST_P(HttpTest, AnInvalidPolicyKeepsTheLastGoodOne) {
  std::string policies = (*dir_) / "policies";
  fs::create_directories(policies);
  std::string shop = testing::ReadFileOrDie(testing::TestPoliciesDir() + "/shop.json");
  testing::WriteFileOrDie(policies + "/shop.json", shop);
  ServerOptions o = DefaultOptions();
  o.policies_dir = policies;
  StartServer(o);
  auto before = Client().Get("/v1/sites/shop/policy.bin");
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);

  std::string broken = shop;
  broken.replace(broken.find("\"revision\": 1"), 13, "\"revision\": \"two\"");
  testing::WriteFileOrDie(policies + "/shop.json", broken);
  json ready;
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ready = json::parse(Client().Get("/readyz")->body);
    if (!ready["policy_errors"].empty()) break;
  }
  ASSERT_EQ(ready["policy_errors"].size(), 1u) << ready.dump();
  std::string error = ready["policy_errors"][0];
  EXPECT_NE(error.find(policies + "/shop.json"), std::string::npos) << error;
  EXPECT_NE(error.find("revision"), std::string::npos) << error;
  auto during = Client().Get("/v1/sites/shop/policy.bin");
  ASSERT_TRUE(during);
  EXPECT_EQ(during->status, 200);
  EXPECT_EQ(during->body, before->body);
  // Receipts keep working against the last good policy.
  ASSERT_EQ(PostValid()->status, 201);

  std::string next = shop;
  next.replace(next.find("\"revision\": 1"), 13, "\"revision\": 2");
  testing::WriteFileOrDie(policies + "/shop.json", next);
  server_->Reload();  // What SIGHUP does; polling would find it too.
  std::string after_body;
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    after_body = Client().Get("/v1/sites/shop/policy.bin")->body;
    if (after_body != before->body) break;
  }
  EXPECT_NE(after_body, before->body);
  // Now a revision-1 receipt is stale.
  auto stale = PostValid();
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409) << stale->body;
}

// A stub cached by a browser (wafer.js has a max-age) names the compiled
// policy it was rendered with: that file stays served after the policy
// changes, so the cached stub keeps working, consistently, until it expires.
TEST_P(HttpTest, APolicyFileStaysServedAfterThePolicyChanges) {
  MakeAssets();
  std::string policies = (*dir_) / "policies";
  fs::create_directories(policies);
  std::string shop = testing::ReadFileOrDie(testing::TestPoliciesDir() + "/shop.json");
  testing::WriteFileOrDie(policies + "/shop.json", shop);
  ServerOptions o = DefaultOptions();
  o.policies_dir = policies;
  o.engine_dir = engine_dir_;
  o.js_dir = js_dir_;
  StartServer(o);
  auto policy_file = [&]() {
    std::string stub = Client().Get("/v1/sites/shop/wafer.js")->body;
    size_t at = stub.find("/v1/sites/shop/policy.");
    return at == std::string::npos ? std::string() : stub.substr(at, stub.find('"', at) - at);
  };
  const std::string old_path = policy_file();
  ASSERT_FALSE(old_path.empty());
  auto old_bytes = Client().Get(old_path);
  ASSERT_TRUE(old_bytes);
  ASSERT_EQ(old_bytes->status, 200);

  std::string next = shop;
  next.replace(next.find("\"revision\": 1"), 13, "\"revision\": 2");
  testing::WriteFileOrDie(policies + "/shop.json", next);
  server_->Reload();
  std::string new_path;
  for (int i = 0; i < 50 && (new_path.empty() || new_path == old_path); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    new_path = policy_file();
  }
  ASSERT_NE(new_path, old_path);
  auto fresh = Client().Get(new_path);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->status, 200);
  EXPECT_NE(fresh->body, old_bytes->body);
  auto kept = Client().Get(old_path);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 200);
  EXPECT_EQ(kept->body, old_bytes->body);
  EXPECT_EQ(kept->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_P(HttpTest, ServesDemoSitesByHost) {
  std::string sites = (*dir_) / "sites";
  fs::create_directories(sites + "/shop/css");
  testing::WriteFileOrDie(sites + "/shop/index.html", "<h1>shop</h1>");
  testing::WriteFileOrDie(sites + "/shop/css/site.css", "h1{}");
  testing::WriteFileOrDie((*dir_) / "secret.txt", "secret");
  ServerOptions o = DefaultOptions();
  o.sites_dir = sites;
  StartServer(o);
  httplib::Client c = Client();
  auto index = c.Get("/", {{"Host", "www.shop.test:8080"}});
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<h1>shop</h1>");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  auto css = c.Get("/css/site.css", {{"Host", "shop.test"}});
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  auto other_host = c.Get("/", {{"Host", "blog.test"}});  // No blog/ folder.
  ASSERT_TRUE(other_host);
  EXPECT_EQ(other_host->status, 404);
  auto unknown_host = c.Get("/", {{"Host", "elsewhere.test"}});
  ASSERT_TRUE(unknown_host);
  EXPECT_EQ(unknown_host->status, 404);
  std::string raw = RawExchange(port_, "GET /../../secret.txt HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.find("secret\r"), std::string::npos);
  EXPECT_EQ(raw.find("\r\n\r\nsecret"), std::string::npos) << raw;
  auto api = c.Get("/healthz", {{"Host", "shop.test"}});  // The API still wins.
  ASSERT_TRUE(api);
  EXPECT_EQ(api->body, "{\"status\":\"ok\"}");
}

TEST_P(HttpTest, DashboardIsServedUnderAStrictCsp) {
  StartServer();
  auto page = Client().Get("/admin/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(page->body.find("<script src=\"/admin/dashboard.js\""), std::string::npos);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_EQ(page->body.find("style="), std::string::npos);
  auto js = Client().Get("/admin/dashboard.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->body.find("/v1/admin/stats"), std::string::npos);
  EXPECT_EQ(js->body.find("http://cdn"), std::string::npos);
}

TEST_P(HttpTest, ShutdownDrainsInFlightReceipts) {
  StartServer();
  Token();  // Fetched once, before the threads read it.
  std::mutex mu;
  std::vector<std::string> acked;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", port_);
      c.set_keep_alive(true);
      c.set_tcp_nodelay(true);
      while (!stop) {
        std::string id = RandomConsentId();
        auto res = c.Post("/v1/consents", Body("shop", id, MakeState(Shop(), id, {})), "application/json");
        if (!res) break;
        if (res->status == 201) {
          std::lock_guard<std::mutex> lock(mu);
          acked.push_back(id);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  server_->Shutdown();
  stop = true;
  for (auto& t : clients) t.join();
  ASSERT_GT(acked.size(), 10u);
  auto store = store_.Open();
  ASSERT_TRUE(store.ok());
  for (const std::string& id : acked) {
    auto found = (*store)->FindByConsentId(id);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 1u) << id;
  }
}

// Sites whose wafer.js is a static file (wafer bundle) cannot carry a token:
// their receipts are stored, flagged "unverified".
TEST_P(HttpTest, AStaticSitesReceiptsAreStoredFlagged) {
  ServerOptions o = DefaultOptions();
  o.static_sites = {"shop"};
  StartServer(o);
  std::string id = RandomConsentId();
  auto res = Client().Post("/v1/consents", ReceiptBody("shop", id, MakeState(Shop(), id, {})), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  json r = json::parse(Client().Get("/v1/admin/receipts/" + id, kAdmin)->body)["receipts"][0];
  EXPECT_EQ(r["page_view"], "unverified");
  EXPECT_TRUE(r["page_view_at"].is_null());
  EXPECT_EQ(r["signature_valid"], true);
  // Another site still needs its token.
  std::string id2 = RandomConsentId();
  auto blog = Client().Post("/v1/consents",
                            ReceiptBody("blog", id2, MakeState(testing::Blog(), id2, {Method::kAcceptAll, Regime::kOptIn, {}, 0, 3}),
                                        "accept-all", R"({"necessary":true})", 3),
                            "application/json");
  ASSERT_TRUE(blog);
  EXPECT_EQ(blog->status, 403) << blog->body;
}

TEST_P(HttpTest, ReceiptsTakeJsonOrTheBeaconsTextPlain) {
  StartServer();
  for (const char* type : {"application/json", "application/json; charset=utf-8", "text/plain;charset=UTF-8",
                           "text/plain"}) {
    std::string id = RandomConsentId();
    auto res = Client().Post("/v1/consents", Body("shop", id, MakeState(Shop(), id, {})), type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201) << type << ": " << res->body;
  }
  std::string id = RandomConsentId();
  ExpectRejected(Client().Post("/v1/consents", Body("shop", id, MakeState(Shop(), id, {})), "text/plain; charset=iso-8859-1"),
                 415, "wafer.receipt.content_type", RowCount());
  // Chunked is fine on the receipt route.
  const std::string body = Body("shop", id, MakeState(Shop(), id, {}));
  char size[16];
  snprintf(size, sizeof size, "%zx", body.size());
  const std::string raw = RawExchange(port_, "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n" + std::string(size) + "\r\n" + body +
                                             "\r\n0\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 201", 0), 0u) << raw.substr(0, 300);
}

// A rotated key signs from the next page view on; what the previous key
// signed, receipts and tokens alike, still verifies.
TEST_P(HttpTest, AKeyRotationIsPickedUpWithoutARestart) {
  StartServer();
  std::string before;
  ASSERT_EQ(PostValid(&before)->status, 201);
  const std::string old_token = Token();
  const std::string keys = (*dir_) / "data/keys.json";
  absl::StatusOr<KeyRing> ring = KeyRing::Load(keys);
  ASSERT_TRUE(ring.ok()) << ring.status().message();
  ASSERT_EQ(*ring->Rotate(NowMs()), "k2");
  ASSERT_TRUE(ring->Save(keys).ok());
  server_->Reload();
  std::string fresh;
  for (int i = 0; i < 100 && fresh.find(".k2.") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    fresh = testing::FetchPageViewToken(port_, "shop");
  }
  ASSERT_NE(fresh.find("pv1.k2."), std::string::npos) << fresh;
  std::string after = RandomConsentId();
  auto res = Client().Post("/v1/consents", ReceiptBody("shop", after, MakeState(Shop(), after, {}), "accept-all",
                                                       R"({"necessary":true,"analytics":true,"marketing":true})", 1,
                                                       "opt-in", fresh),
                           "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["key_id"], "k2");
  // A page view served before the rotation still counts.
  std::string late = RandomConsentId();
  auto old = Client().Post("/v1/consents", ReceiptBody("shop", late, MakeState(Shop(), late, {}), "accept-all",
                                                       R"({"necessary":true,"analytics":true,"marketing":true})", 1,
                                                       "opt-in", old_token),
                           "application/json");
  EXPECT_EQ(old->status, 201) << old->body;
  json a = json::parse(Client().Get("/v1/admin/receipts/" + before, kAdmin)->body)["receipts"][0];
  json b = json::parse(Client().Get("/v1/admin/receipts/" + after, kAdmin)->body)["receipts"][0];
  EXPECT_EQ(a["key_id"], "k1");
  EXPECT_EQ(a["key"]["status"], "retired");
  EXPECT_EQ(a["signature_valid"], true);
  EXPECT_EQ(b["key_id"], "k2");
  EXPECT_EQ(b["signature_valid"], true);
  json listed = json::parse(Client().Get("/v1/admin/keys", kAdmin)->body);
  EXPECT_EQ(listed["active"], "k2");
  EXPECT_EQ(listed.dump().find("secret"), std::string::npos);
}

TEST_P(HttpTest, AdminTokensAreLongAndRandomOutsideTheDemo) {
  for (const char* weak : {"demo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabcabcabcabcabcabc"}) {
    ServerOptions o = DefaultOptions();
    o.admin_token = weak;
    store_.Apply(&o);
    Server s(o);
    absl::Status st = s.Start();
    EXPECT_FALSE(st.ok()) << weak;
    EXPECT_NE(st.message().find("--admin-token"), std::string::npos) << st.message();
  }
  EXPECT_EQ(AdminTokenProblem(testing::kTestAdminToken), "");
  EXPECT_EQ(AdminTokenProblem("0123456789abcdef0123456789abcdef"), "");  // openssl rand -hex 16
  ServerOptions demo = DefaultOptions();
  demo.admin_token = "demo";
  demo.demo = true;
  StartServer(demo);
  auto res = Client().Get("/v1/admin/erasures", {{"Authorization", "Bearer demo"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST_P(HttpTest, HeadAndMethodsAreAnsweredByTheBook) {
  StartServer();
  const std::string head = RawExchange(port_, "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Length: 15"), std::string::npos) << head;
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");
  auto post = Client().Post("/healthz", "", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_NE(post->get_header_value("Allow").find("GET"), std::string::npos);
  auto gone = Client().Get("/nothing/here");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_EQ(json::parse(gone->body)["error"]["code"], "wafer.not_found");
  const std::string v2 = RawExchange(port_, "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n");
  EXPECT_EQ(v2.rfind("HTTP/1.1 505", 0), 0u) << v2;
  const std::string compressed = RawExchange(port_, "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
                                                    "Content-Type: application/json\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_EQ(compressed.rfind("HTTP/1.1 415", 0), 0u) << compressed;
}

// Connects from `source` and returns the socket (-1 on failure).
int Connect(int port, const char* source) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local = {};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, source, &local.sin_addr);
  bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// True if the server closed `fd` within `ms` (read returns 0 or an error).
bool ClosedWithin(int fd, int ms) {
  timeval tv{ms / 1000, (ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[512];
  for (;;) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;  // EAGAIN: still open.
  }
}

TEST_P(HttpTest, DeadlinesCloseIdleSlowAndStalledConnections) {
  ServerOptions o = DefaultOptions();
  o.idle_timeout_ms = 400;
  o.header_timeout_ms = 600;
  o.body_timeout_ms = 600;
  StartServer(o);
  // Idle: no byte at all.
  int idle = Connect(port_, "127.0.0.1");
  // A header that never ends, sent a byte at a time.
  int slow = Connect(port_, "127.0.0.1");
  // A body shorter than declared.
  int stalled = Connect(port_, "127.0.0.1");
  ASSERT_GE(idle, 0);
  ASSERT_GE(slow, 0);
  ASSERT_GE(stalled, 0);
  const std::string partial = "POST /v1/consents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\"";
  send(stalled, partial.data(), partial.size(), MSG_NOSIGNAL);
  const std::string head = "GET /healthz HTTP/1.1\r\nX-Slow: ";
  for (char c : head + std::string(20, 'a')) {
    send(slow, &c, 1, MSG_NOSIGNAL);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (ClosedWithin(slow, 1)) break;
  }
  // Generous: each deadline is under a second; closed within 10 s.
  EXPECT_TRUE(ClosedWithin(idle, 10000));
  EXPECT_TRUE(ClosedWithin(slow, 10000));
  EXPECT_TRUE(ClosedWithin(stalled, 10000));
  close(idle);
  close(slow);
  close(stalled);
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_P(HttpTest, ConnectionsPerAddressAreCapped) {
  ServerOptions o = DefaultOptions();
  o.max_connections_per_address = 4;
  StartServer(o);
  std::vector<int> fds;
  for (int i = 0; i < 10; ++i) fds.push_back(Connect(port_, "127.0.0.2"));
  int closed = 0;
  for (int fd : fds) closed += ClosedWithin(fd, 1000);
  EXPECT_EQ(closed, 6) << "4 kept, 6 closed at once";
  // Another address is not affected.
  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  for (int fd : fds) close(fd);
}

INSTANTIATE_TEST_SUITE_P(Stores, HttpTest, ::testing::Values("sqlite", "postgres"), testing::StoreParamName);

}  // namespace
}  // namespace server
}  // namespace wafer
