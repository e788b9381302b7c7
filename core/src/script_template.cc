// script_template.cc — placeholder filling (script_template.h).

#include "wafer/script_template.h"

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace wafer {

absl::Status CheckScriptTemplate(std::string_view script, std::string_view placeholder) {
  const size_t first = script.find(placeholder);
  if (first == std::string_view::npos) {
    return absl::FailedPreconditionError("no " + std::string(placeholder) + " placeholder");
  }
  size_t count = 1;
  for (size_t at = script.find(placeholder, first + placeholder.size());
       at != std::string_view::npos; at = script.find(placeholder, at + placeholder.size())) {
    ++count;
  }
  if (count > 1) {
    return absl::FailedPreconditionError(std::string(placeholder) + " occurs " +
                                         std::to_string(count) + " times; expected once");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> FillScriptTemplate(std::string_view script,
                                               std::string_view placeholder,
                                               std::string_view value) {
  if (absl::Status s = CheckScriptTemplate(script, placeholder); !s.ok()) return s;
  const size_t at = script.find(placeholder);
  std::string out;
  out.reserve(script.size() - placeholder.size() + value.size());
  out.append(script.substr(0, at));
  out.append(value);
  out.append(script.substr(at + placeholder.size()));
  return out;
}

}  // namespace wafer
