// calendar.h — "N months later", the way Wafer's 13-month rules count.
//
// A month is a calendar month in UTC. Adding months keeps the time of day;
// where the day does not exist in the target month, the result is the last
// day of that month:
//   2025-01-31T10:00Z + 13 months = 2026-02-28T10:00Z
//   2023-01-31T00:00Z + 13 months = 2024-02-29T00:00Z (leap year)
//   2025-03-15T08:30Z + 13 months = 2026-04-15T08:30Z
//
//   int64_t lapse = wafer::AddMonths(given_at, 13);
//   bool lapsed = now >= lapse;

#ifndef WAFER_CORE_INCLUDE_WAFER_CALENDAR_H_
#define WAFER_CORE_INCLUDE_WAFER_CALENDAR_H_

#include <cstdint>

namespace wafer {

// Returns `unix_seconds` plus `months` calendar months (UTC), clamping the
// day to the end of the target month. `months` may be negative.
int64_t AddMonths(int64_t unix_seconds, int months);

}  // namespace wafer

#endif  // WAFER_CORE_INCLUDE_WAFER_CALENDAR_H_
