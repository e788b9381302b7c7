// calendar_test.cc — AddMonths(): "N months" as calendar months in UTC.
//
// The expected times are computed with an oracle independent of Abseil
// (Howard Hinnant's days_from_civil), so the test does not share the
// implementation's arithmetic.

#include "wafer/calendar.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace wafer {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant, "chrono-
// compatible low-level date algorithms").
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Utc {
  int64_t year;
  int month, day, hour, minute, second;
};

int64_t Unix(const Utc& t) {
  return DaysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

std::string Show(const Utc& t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

TEST(DaysFromCivilOracle, KnownDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(Unix({2026, 1, 1, 0, 0, 0}), 1767225600);  // engine.h's example.
  EXPECT_EQ(Unix({2000, 3, 1, 0, 0, 0}), 951868800);
  EXPECT_EQ(Unix({1969, 12, 31, 23, 59, 59}), -1);
}

struct AddMonthsCase {
  const char* name;
  Utc from;
  int months;
  Utc want;
};

constexpr AddMonthsCase kAddMonthsCases[] = {
    // The two examples of docs/engine.md and calendar.h.
    {"RuleBookJan31Plus13", {2025, 1, 31, 10, 0, 0}, 13, {2026, 2, 28, 10, 0, 0}},
    {"RuleBookLeapYearJan31Plus13", {2023, 1, 31, 0, 0, 0}, 13, {2024, 2, 29, 0, 0, 0}},
    {"HeaderMidMonthPlus13", {2025, 3, 15, 8, 30, 0}, 13, {2026, 4, 15, 8, 30, 0}},
    // Month ends.
    {"Aug31PlusOneIsSep30", {2025, 8, 31, 12, 0, 0}, 1, {2025, 9, 30, 12, 0, 0}},
    {"Mar31PlusOneIsApr30", {2025, 3, 31, 0, 0, 0}, 1, {2025, 4, 30, 0, 0, 0}},
    {"Jan30PlusOneNonLeapIsFeb28", {2025, 1, 30, 6, 0, 0}, 1, {2025, 2, 28, 6, 0, 0}},
    {"Jan29PlusOneLeapIsFeb29", {2024, 1, 29, 6, 0, 0}, 1, {2024, 2, 29, 6, 0, 0}},
    {"Feb28PlusOneIsMar28", {2025, 2, 28, 0, 0, 0}, 1, {2025, 3, 28, 0, 0, 0}},
    {"Feb29PlusTwelveIsFeb28", {2024, 2, 29, 9, 0, 0}, 12, {2025, 2, 28, 9, 0, 0}},
    {"Feb29PlusFortyEightIsFeb29", {2024, 2, 29, 9, 0, 0}, 48, {2028, 2, 29, 9, 0, 0}},
    {"Jan31Year1900IsNotLeap", {1900, 1, 31, 0, 0, 0}, 1, {1900, 2, 28, 0, 0, 0}},
    {"Jan31Year2000IsLeap", {2000, 1, 31, 0, 0, 0}, 1, {2000, 2, 29, 0, 0, 0}},
    {"Oct31PlusFourIsFeb28", {2025, 10, 31, 0, 0, 0}, 4, {2026, 2, 28, 0, 0, 0}},
    // December to January: the year wraps.
    {"Dec15PlusOneWrapsYear", {2025, 12, 15, 14, 0, 0}, 1, {2026, 1, 15, 14, 0, 0}},
    {"Dec31PlusTwoIsFeb28", {2025, 12, 31, 23, 59, 59}, 2, {2026, 2, 28, 23, 59, 59}},
    {"Nov30PlusThirteen", {2025, 11, 30, 0, 0, 0}, 13, {2026, 12, 30, 0, 0, 0}},
    {"Dec31PlusThirteenIsJan31", {2025, 12, 31, 0, 0, 0}, 13, {2027, 1, 31, 0, 0, 0}},
    {"TenYears", {2025, 6, 15, 0, 0, 0}, 120, {2035, 6, 15, 0, 0, 0}},
    // Negative months.
    {"Mar31MinusOneIsFeb28", {2025, 3, 31, 0, 0, 0}, -1, {2025, 2, 28, 0, 0, 0}},
    {"Mar31MinusOneLeapIsFeb29", {2024, 3, 31, 0, 0, 0}, -1, {2024, 2, 29, 0, 0, 0}},
    {"Jan15MinusOneWrapsYear", {2025, 1, 15, 7, 0, 0}, -1, {2024, 12, 15, 7, 0, 0}},
    {"MinusThirteenIsNotAnInverse", {2026, 2, 28, 10, 0, 0}, -13, {2025, 1, 28, 10, 0, 0}},
    {"MinusTwentyFour", {2026, 5, 31, 1, 2, 3}, -24, {2024, 5, 31, 1, 2, 3}},
    // Before 1970: floor division keeps the time of day.
    {"LastHourOf1969", {1969, 12, 31, 23, 0, 0}, 1, {1970, 1, 31, 23, 0, 0}},
    {"EpochMinusOneMonth", {1970, 1, 1, 0, 0, 0}, -1, {1969, 12, 1, 0, 0, 0}},
    {"Jan31Of1960Leap", {1960, 1, 31, 12, 34, 56}, 1, {1960, 2, 29, 12, 34, 56}},
    {"LastSecondOf1969Plus13", {1969, 12, 31, 23, 59, 59}, 13, {1971, 1, 31, 23, 59, 59}},
    {"AcrossTheEpochBackwards", {1970, 2, 28, 0, 0, 1}, -2, {1969, 12, 28, 0, 0, 1}},
    // Time of day kept exactly, to the second.
    {"TimeOfDayKept", {2025, 5, 20, 17, 45, 31}, 7, {2025, 12, 20, 17, 45, 31}},
    {"LastSecondOfDayKeptWhenClamped", {2025, 5, 31, 23, 59, 59}, 1, {2025, 6, 30, 23, 59, 59}},
    // Zero months: identity.
    {"ZeroMonthsIdentity", {2025, 1, 31, 10, 0, 0}, 0, {2025, 1, 31, 10, 0, 0}},
    {"ZeroMonthsIdentityLeapDay", {2024, 2, 29, 0, 0, 0}, 0, {2024, 2, 29, 0, 0, 0}},
    {"ZeroMonthsIdentityBefore1970", {1969, 7, 20, 20, 17, 40}, 0, {1969, 7, 20, 20, 17, 40}},
    {"ZeroMonthsIdentityEpoch", {1970, 1, 1, 0, 0, 0}, 0, {1970, 1, 1, 0, 0, 0}},
};

TEST(AddMonths, CalendarMonthsInUtc) {
  for (const AddMonthsCase& c : kAddMonthsCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(AddMonths(Unix(c.from), c.months), Unix(c.want))
        << Show(c.from) << " + " << c.months << " months: want " << Show(c.want);
  }
}

TEST(AddMonths, ThirteenMonthsFromEveryDayOf2024And2025) {
  // Exhaustive over two years (one leap): the result is the same day 13
  // months on, or the last day of that month, at the same time of day.
  for (int64_t day = DaysFromCivil(2024, 1, 1); day < DaysFromCivil(2026, 1, 1); ++day) {
    const int64_t t = day * 86400 + 37800;  // 10:30:00Z
    const int64_t got = AddMonths(t, 13);
    EXPECT_EQ(got % 86400, 37800) << "day " << day;
    // Walk the civil date of `t` by brute force.
    int64_t y = 2024;
    int m = 1;
    int d = static_cast<int>(day - DaysFromCivil(2024, 1, 1)) + 1;
    auto days_in = [](int64_t year, int month) {
      return static_cast<int>(DaysFromCivil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) -
                              DaysFromCivil(year, month, 1));
    };
    while (d > days_in(y, m)) {
      d -= days_in(y, m);
      if (++m == 13) {
        m = 1;
        ++y;
      }
    }
    int64_t ty = y + (m - 1 + 13) / 12;
    int tm = (m - 1 + 13) % 12 + 1;
    int td = d < days_in(ty, tm) ? d : days_in(ty, tm);
    EXPECT_EQ(got, DaysFromCivil(ty, tm, td) * 86400 + 37800)
        << Show({y, m, d, 10, 30, 0}) << " + 13";
  }
}

TEST(AddMonths, MonotonicInMonths) {
  const int64_t t = Unix({2025, 1, 31, 10, 0, 0});
  for (int months = -30; months < 30; ++months) {
    EXPECT_LT(AddMonths(t, months), AddMonths(t, months + 1)) << months;
  }
}

}  // namespace
}  // namespace wafer
