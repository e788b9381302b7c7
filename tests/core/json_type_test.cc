// json_type_test.cc — the type names every JSON reader's errors use.

#include "wafer/json_type.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace wafer {
namespace {

using json = nlohmann::json;

TEST(JsonTypeName, NamesEveryType) {
  const struct {
    json value;
    const char* name;
  } kCases[] = {
      {json(nullptr), "null"},
      {json::object(), "an object"},
      {json::array(), "an array"},
      {json("x"), "a string"},
      {json(true), "a boolean"},
      {json(-1), "an integer"},
      {json(18446744073709551615ull), "an integer"},
      {json(1.0), "a number with a fraction or exponent"},
      {json::binary({1, 2}), "an unsupported value"},
      {json(json::value_t::discarded), "an unsupported value"},
  };
  for (const auto& c : kCases) EXPECT_EQ(JsonTypeName(c.value), c.name) << c.value.type_name();
}

}  // namespace
}  // namespace wafer
