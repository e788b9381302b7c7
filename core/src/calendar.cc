#include "wafer/calendar.h"

#include "absl/time/civil_time.h"

namespace wafer {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 of a civil day, via Abseil's civil-time arithmetic.
int64_t DaysSinceEpoch(const absl::CivilDay& day) { return day - absl::CivilDay(1970, 1, 1); }

}  // namespace

int64_t AddMonths(int64_t unix_seconds, int months) {
  // Floor division so that times before 1970 keep their time of day.
  int64_t days = unix_seconds / kSecondsPerDay;
  int64_t rem = unix_seconds % kSecondsPerDay;
  if (rem < 0) {
    rem += kSecondsPerDay;
    --days;
  }
  const absl::CivilDay day = absl::CivilDay(1970, 1, 1) + days;
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  // The last day of the target month: the day before the next month starts.
  const absl::CivilDay last = absl::CivilDay(target + 1) - 1;
  absl::CivilDay result(target.year(), target.month(), day.day());
  if (result.month() != target.month()) result = last;  // Day overflowed.
  return DaysSinceEpoch(result) * kSecondsPerDay + rem;
}

}  // namespace wafer
