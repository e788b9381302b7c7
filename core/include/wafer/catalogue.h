// catalogue.h — well-known services a policy can reference by id.
//
// A policy lists {"id": "google-analytics", "category": "analytics"} and gets
// the service's URL patterns, cookie declarations, Consent Mode mapping and
// flags from here. Hosts and cookie names follow docs/catalogue.md, which
// cites where each comes from.
//
//   const wafer::Service* ga = wafer::FindCatalogueService("google-analytics");
//   if (ga != nullptr) { /* ga->urls, ga->cookies … */ }

#ifndef WAFER_CORE_INCLUDE_WAFER_CATALOGUE_H_
#define WAFER_CORE_INCLUDE_WAFER_CATALOGUE_H_

#include <string_view>
#include <vector>

#include "wafer/policy.h"

namespace wafer {

// All catalogue services, in a stable order. Each entry's `category` is the
// suggested category id ("analytics", "marketing", "functional"…) used when
// the policy names none.
const std::vector<Service>& Catalogue();

// The catalogue service with that id, or nullptr.
const Service* FindCatalogueService(std::string_view id);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_CATALOGUE_H_
