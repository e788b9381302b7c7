#include "wafer/calendar.h"

#include "absl/time/civil_time.h"

namespace wafer {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// The civil day `days` after 1970-01-01, in O(1) (H. Hinnant's
// civil_from_days). absl::CivilDay(1970, 1, 1) + days gives the same day but
// walks the years one by one, and this runs several times per decision.
absl::CivilDay DayFromEpochDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                   // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11]
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;                       // [1, 31]
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;                        // [1, 12]
  return absl::CivilDay(yoe + era * 400 + (month <= 2 ? 1 : 0), static_cast<int>(month),
                        static_cast<int>(day));
}

}  // namespace

int64_t AddMonths(int64_t unix_seconds, int months) {
  // Floor division so that times before 1970 keep their time of day.
  int64_t days = unix_seconds / kSecondsPerDay;
  int64_t rem = unix_seconds % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  const absl::CivilDay day = DayFromEpochDays(days);
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  absl::CivilDay result(target.year(), target.month(), day.day());
  if (result.month() != target.month()) {
    result = absl::CivilDay(target + 1) - 1;  // Day overflowed: the month's last day.
  }
  return (result - absl::CivilDay(1970, 1, 1)) * kSecondsPerDay + rem;
}

}  // namespace wafer
