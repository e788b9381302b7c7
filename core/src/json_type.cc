// json_type.cc — JSON type names for error messages (json_type.h).

#include "wafer/json_type.h"

#include <string>

#include "nlohmann/json.hpp"

namespace wafer {

std::string JsonTypeName(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null: return "null";
    case Type::object: return "an object";
    case Type::array: return "an array";
    case Type::string: return "a string";
    case Type::boolean: return "a boolean";
    case Type::number_integer:
    case Type::number_unsigned: return "an integer";
    case Type::number_float: return "a number with a fraction or exponent";
    default: return "an unsupported value";
  }
}

}  // namespace wafer
