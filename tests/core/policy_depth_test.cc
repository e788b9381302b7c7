// policy_depth_test.cc — hostile shapes of a policy file: nesting far beyond
// any policy's (refused at 64 levels with the path, before a document is
// built), and many keys (duplicates reported with their paths). The reader
// keeps per open level only that level's own key or index, so memory grows
// linearly with the input.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "wafer/policy.h"

namespace wafer {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<PolicyError> Errors(const std::string& text) {
  std::vector<PolicyError> errors;
  EXPECT_FALSE(ParsePolicy(text, &errors).ok());
  return errors;
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(PolicyDepth, HundredThousandNestedArraysAreRefusedWithAPath) {
  const std::vector<PolicyError> errors = Errors(std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[0].path, Repeat("[0]", 64));
  EXPECT_THAT(errors[0].ToString(), StartsWith("[wafer.policy.range] [0][0]"));
  EXPECT_THAT(errors[0].message, HasSubstr("64"));
}

TEST(PolicyDepth, HundredThousandNestedObjectsAreRefusedWithAPath) {
  const std::string text = Repeat("{\"a\":", 100000) + "1" + std::string(100000, '}');
  const std::vector<PolicyError> errors = Errors(text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[0].path, "a" + Repeat(".a", 63));
}

TEST(PolicyDepth, UnclosedNestingIsRefusedToo) {
  const std::vector<PolicyError> errors = Errors(std::string(200000, '['));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
}

TEST(PolicyDepth, SixtyFourLevelsAreReadAndJudgedBySchema) {
  // {"x": 63 arrays} is 64 levels: read, then refused as an unknown key.
  const std::string ok = "{\"x\":" + std::string(63, '[') + std::string(63, ']') + "}";
  std::vector<PolicyError> errors = Errors(ok);
  ASSERT_FALSE(errors.empty());
  for (const PolicyError& e : errors) EXPECT_NE(e.code, PolicyErrorCode::kRange) << e.ToString();
  // One more level is too deep, named by its path.
  const std::string deep = "{\"x\":" + std::string(64, '[') + std::string(64, ']') + "}";
  errors = Errors(deep);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, PolicyErrorCode::kRange);
  EXPECT_EQ(errors[0].path, "x" + Repeat("[0]", 63));
}

TEST(PolicyDepth, DuplicateKeysAreReportedWithTheirPaths) {
  const std::vector<PolicyError> errors =
      Errors(R"({"site": {"id": "a", "id": "b"}, "categories": [{"id": "x"}, {"id": "y", "id": "z"}]})");
  std::vector<std::string> duplicates;
  for (const PolicyError& e : errors) {
    if (e.code == PolicyErrorCode::kDuplicateId && e.message.find("duplicate key") == 0) duplicates.push_back(e.path);
  }
  EXPECT_THAT(duplicates, ::testing::ElementsAre("site.id", "categories[1].id"));
}

TEST(PolicyDepth, ManyKeysAtOneLevelStayCheap) {
  // 60,000 keys, every other one a duplicate: one error each, no blow-up.
  std::string text = "{";
  for (int i = 0; i < 30000; ++i) {
    const std::string key = "\"k" + std::to_string(i) + "\":0";
    text += (i ? "," : "") + key + "," + key;
  }
  text += "}";
  ASSERT_LT(text.size(), 1u << 20);
  std::vector<PolicyError> errors;
  EXPECT_FALSE(ParsePolicy(text, &errors).ok());
  size_t duplicates = 0;
  for (const PolicyError& e : errors) duplicates += e.message.find("duplicate key") == 0;
  EXPECT_EQ(duplicates, 30000u);
}

}  // namespace
}  // namespace wafer
