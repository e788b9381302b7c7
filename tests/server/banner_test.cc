// The banner bundle route, GET /v1/sites/<id>/banner.<lang>.js: the
// language's template with the site's banner data in its placeholder, the
// errors for an unknown site, language or template, revalidation, and the
// stub's "banner" URL pointing at it.

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_support.h"
#include "wafer/banner_data.h"

namespace wafer {
namespace server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ServerTest;

constexpr char kTemplateHead[] = "(function(){var data=";
constexpr char kTemplateTail[] = ";window.__banner=data;})();\n";

class BannerRouteTest : public ServerTest {
 protected:
  // A --js DIR with a stub and a banner template per bundled language,
  // except those listed in `skip`.
  void MakeJsDir(const std::vector<std::string>& skip = {}) {
    js_dir_ = (*dir_) / "js";
    fs::create_directories(js_dir_);
    testing::WriteFileOrDie(
        js_dir_ + "/wafer.stub.js",
        "(function(){var config=/*@WAFER_CONFIG@*/null;window.__wafer=config;})();\n");
    for (std::string_view lang : BannerLanguages()) {
      if (std::find(skip.begin(), skip.end(), lang) != skip.end()) continue;
      // A realistic size, so that compression is worth it.
      std::string padding;
      for (int i = 0; i < 100; ++i) padding += "/* banner " + std::string(lang) + " line */\n";
      testing::WriteFileOrDie(js_dir_ + "/wafer.banner." + std::string(lang) + ".js",
                              padding + kTemplateHead + "/*@WAFER_BANNER@*/null" + kTemplateTail);
    }
  }

  void Start() {
    ServerOptions o = DefaultOptions();
    o.js_dir = js_dir_;
    StartServer(o);
  }

  // The data a served bundle carries.
  static json Data(const std::string& body) {
    const size_t head = body.find(kTemplateHead);
    const size_t tail = body.rfind(kTemplateTail);
    if (head == std::string::npos || tail == std::string::npos) return json();
    const size_t start = head + sizeof(kTemplateHead) - 1;
    return json::parse(body.substr(start, tail - start), nullptr, false);
  }

  static std::string ErrorCode(const httplib::Result& res) {
    json j = json::parse(res->body, nullptr, false);
    return j.is_object() ? j["error"].value("code", "") : "";
  }

  std::string js_dir_;
};

TEST_P(BannerRouteTest, ServesTheTemplateWithTheSitesData) {
  MakeJsDir();
  Start();
  auto res = Client().Get("/v1/sites/shop/banner.fr.js", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(res->get_header_value("Cross-Origin-Resource-Policy"), "cross-origin");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->body.find("/*@WAFER_BANNER@*/"), std::string::npos);
  EXPECT_NE(res->body.find("/* banner fr line */"), std::string::npos);
  const json data = Data(res->body);
  ASSERT_TRUE(data.is_object()) << res->body;
  EXPECT_EQ(data["site"], "shop");
  EXPECT_EQ(data["lang"], "fr");
  EXPECT_EQ(data["categories"][1]["label"], "Mesure d'audience");
  EXPECT_EQ(data["services"][0]["id"], "google-analytics");
  EXPECT_EQ(data["services"][0]["category"], 1);

  // Another language: its own template; texts fall back to the default (en).
  auto de = Client().Get("/v1/sites/shop/banner.de.js");
  ASSERT_TRUE(de);
  ASSERT_EQ(de->status, 200);
  EXPECT_NE(de->body.find("/* banner de line */"), std::string::npos);
  EXPECT_EQ(Data(de->body)["categories"][1]["label"], "Analytics");
  EXPECT_EQ(Data(de->body)["lang"], "de");

  // A regional variant and a right-to-left language.
  auto br = Client().Get("/v1/sites/shop/banner.pt-BR.js");
  ASSERT_TRUE(br);
  ASSERT_EQ(br->status, 200);
  EXPECT_NE(br->body.find("/* banner pt-BR line */"), std::string::npos);
  EXPECT_EQ(Data(br->body)["lang"], "pt-BR");
  auto ar = Client().Get("/v1/sites/shop/banner.ar.js");
  ASSERT_TRUE(ar);
  ASSERT_EQ(ar->status, 200);
  EXPECT_EQ(Data(ar->body)["dir"], "rtl");
}

TEST_P(BannerRouteTest, RevalidatesWithTheEtagAndCompresses) {
  MakeJsDir();
  Start();
  auto res = Client().Get("/v1/sites/shop/banner.en.js");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = Client().Get("/v1/sites/shop/banner.en.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  // The ETag is the site's and the language's.
  auto other_lang = Client().Get("/v1/sites/shop/banner.fr.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(other_lang);
  EXPECT_EQ(other_lang->status, 200);
  auto other_site = Client().Get("/v1/sites/blog/banner.en.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(other_site);
  EXPECT_EQ(other_site->status, 200);
  EXPECT_EQ(Data(other_site->body)["site"], "blog");

  auto gz = Client().Get("/v1/sites/shop/banner.en.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->status, 200);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gz->body.size(), res->body.size());
}

TEST_P(BannerRouteTest, UnknownSiteLanguageOrTemplate) {
  MakeJsDir({"it"});
  Start();
  auto site = Client().Get("/v1/sites/nope/banner.en.js");
  ASSERT_TRUE(site);
  EXPECT_EQ(site->status, 404);
  EXPECT_EQ(ErrorCode(site), "wafer.site.unknown");

  for (const char* lang : {"ja", "EN", "fr-CA", "pt-br", "en.x", ""}) {
    auto res = Client().Get("/v1/sites/shop/banner." + std::string(lang) + ".js");
    ASSERT_TRUE(res) << lang;
    EXPECT_EQ(res->status, 404) << lang;
    if (*lang != '\0' && std::string(lang) != "en.x") {
      EXPECT_EQ(ErrorCode(res), "wafer.banner.language") << lang << " " << res->body;
    }
  }

  auto missing = Client().Get("/v1/sites/shop/banner.it.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 503);
  EXPECT_EQ(ErrorCode(missing), "wafer.banner.missing");
  EXPECT_NE(missing->body.find("wafer.banner.it.js"), std::string::npos) << missing->body;
}

TEST_P(BannerRouteTest, RefusesATemplateWithoutExactlyOnePlaceholder) {
  MakeJsDir();
  testing::WriteFileOrDie(js_dir_ + "/wafer.banner.es.js", "var data=null;\n");
  testing::WriteFileOrDie(js_dir_ + "/wafer.banner.nl.js",
                          "var a=/*@WAFER_BANNER@*/null,b=/*@WAFER_BANNER@*/null;\n");
  Start();
  for (const char* lang : {"es", "nl"}) {
    auto res = Client().Get("/v1/sites/shop/banner." + std::string(lang) + ".js");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 503) << lang;
    EXPECT_EQ(ErrorCode(res), "wafer.banner.missing") << lang;
  }
  // The templates are not served as plain assets either.
  auto raw = Client().Get("/v1/js/wafer.banner.en.js");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 404);
  auto en = Client().Get("/v1/sites/shop/banner.en.js");
  ASSERT_TRUE(en);
  EXPECT_EQ(en->status, 200);
}

TEST_P(BannerRouteTest, TheStubPointsAtTheBannerRoute) {
  MakeJsDir();
  Start();
  auto res = Client().Get("/v1/sites/shop/wafer.js", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string want = "/v1/sites/shop/banner.{lang}.js";
  EXPECT_NE(res->body.find(want), std::string::npos) << res->body;
}

INSTANTIATE_TEST_SUITE_P(Stores, BannerRouteTest, ::testing::Values("sqlite"),
                         testing::StoreParamName);

}  // namespace
}  // namespace server
}  // namespace wafer
