// script_template_test.cc — filling the stub's and the banners' placeholder:
// exactly one, replaced as a whole, anything else refused with a reason.

#include "wafer/script_template.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wafer {
namespace {

using ::testing::HasSubstr;

TEST(ScriptTemplate, ReplacesTheOnePlaceholder) {
  const std::string stub = "(function(){var c=/*@WAFER_CONFIG@*/null;go(c);})();";
  absl::StatusOr<std::string> filled = FillScriptTemplate(stub, kConfigPlaceholder, "{\"v\":2}");
  ASSERT_TRUE(filled.ok()) << filled.status();
  EXPECT_EQ(*filled, "(function(){var c={\"v\":2};go(c);})();");
  absl::StatusOr<std::string> banner =
      FillScriptTemplate("x(/*@WAFER_BANNER@*/null)", kBannerPlaceholder, "{}");
  ASSERT_TRUE(banner.ok());
  EXPECT_EQ(*banner, "x({})");
  // At either end, and with a value that looks like a placeholder itself.
  EXPECT_EQ(*FillScriptTemplate(std::string(kBannerPlaceholder), kBannerPlaceholder,
                                kBannerPlaceholder),
            kBannerPlaceholder);
}

TEST(ScriptTemplate, RefusesNoneOrSeveral) {
  EXPECT_TRUE(CheckScriptTemplate("a /*@WAFER_BANNER@*/null b", kBannerPlaceholder).ok());

  const absl::Status none = CheckScriptTemplate("var c=null;", kConfigPlaceholder);
  EXPECT_EQ(none.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(none.message()), HasSubstr("no /*@WAFER_CONFIG@*/null placeholder"));

  // The other kind of placeholder is not this one.
  EXPECT_FALSE(CheckScriptTemplate("/*@WAFER_CONFIG@*/null", kBannerPlaceholder).ok());

  const absl::Status two =
      CheckScriptTemplate("/*@WAFER_BANNER@*/null,/*@WAFER_BANNER@*/null", kBannerPlaceholder);
  EXPECT_EQ(two.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(two.message()), HasSubstr("occurs 2 times; expected once"));
  EXPECT_FALSE(FillScriptTemplate("/*@WAFER_BANNER@*/null/*@WAFER_BANNER@*/null",
                                  kBannerPlaceholder, "{}")
                   .ok());
  EXPECT_FALSE(FillScriptTemplate("", kBannerPlaceholder, "{}").ok());
}

}  // namespace
}  // namespace wafer
