// json_type.h — naming a JSON value's type in error messages.
//
// Every reader of untrusted JSON (the policy reader, the server's receipt
// parser) reports a wrong type the same way, so users see one vocabulary:
//
//   "revision: expected an integer, got " + wafer::JsonTypeName(value)
//   // … got a string
//
// Native only (nlohmann_json).

#ifndef WAFER_CORE_INCLUDE_WAFER_JSON_TYPE_H_
#define WAFER_CORE_INCLUDE_WAFER_JSON_TYPE_H_

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace wafer {

// The type of `value` with its article, as it reads after "got ": "null",
// "an object", "an array", "a string", "a boolean", "an integer",
// "a number with a fraction or exponent" (1.0 is not an integer here), or
// "an unsupported value" (binary, or a value nlohmann discarded).
std::string JsonTypeName(const nlohmann::json& value);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_JSON_TYPE_H_
