#include "config/duration.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace newsvault::config {
namespace {

using std::chrono::milliseconds;

struct GoodCase {
  const char* text;
  int64_t millis;
};

// Given each accepted spelling, we should read the documented number of milliseconds.
TEST(ParseDuration, ReadsEveryUnitAndCombination) {
  const GoodCase cases[] = {
      {"0", 0},
      {"0s", 0},
      {"0ms", 0},
      {"500ms", 500},
      {"2s", 2'000},
      {"15m", 900'000},
      {"1h", 3'600'000},
      {"1d", 86'400'000},
      {"1h30m", 5'400'000},
      {"1d12h", 129'600'000},
      {"1m1s1ms", 61'001},
      {"2d3h4m5s6ms", 2 * 86'400'000LL + 3 * 3'600'000LL + 4 * 60'000 + 5 * 1'000 + 6},
      {"90s", 90'000},
      {"007s", 7'000},
  };
  for (const GoodCase& c : cases) {
    core::Result<milliseconds> parsed = ParseDuration(c.text);
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed->count(), c.millis) << c.text;
  }
}

// Given text that is not exactly a duration, we should refuse it rather than guess.
TEST(ParseDuration, RejectsAnythingElse) {
  const char* cases[] = {
      "",                       // nothing
      "fast",                   // no number
      "5",                      // a number without a unit means nothing in particular
      "1.5s",                   // whole numbers only
      "-1s",                    // no sign
      "+1s",                    // no sign
      "1 s",                    // no spaces
      " 1s",                    // no spaces
      "1s ",                    // no spaces
      "1S",                     // units are lowercase
      "1w",                     // no weeks
      "1sec",                   // not a unit
      "1us",                    // not a unit
      "30m1h",                  // units out of order
      "1m1m",                   // unit repeated
      "1h30",                   // trailing number without a unit
      "s",                      // unit without a number
      "1h:15m",                 // a revisit step is not a duration
      "9223372036854775808ms",  // beyond int64
      "106751991168d",          // beyond int64 milliseconds
  };
  for (const char* text : cases) {
    core::Result<milliseconds> parsed = ParseDuration(text);
    EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed as "
                              << parsed.value_or(milliseconds{-1}).count();
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code(), core::StatusCode::kInvalidArgument);
    }
  }
}

TEST(ParseDuration, SaysWhyUnitsAreWrong) {
  EXPECT_EQ(ParseDuration("1w").error().message(), "unknown unit 'w'");
  EXPECT_EQ(ParseDuration("30m1h").error().message(),
            "units must go from largest to smallest, each once");
}

TEST(FormatDuration, WritesTheShortestForm) {
  EXPECT_EQ(FormatDuration(milliseconds{0}), "0s");
  EXPECT_EQ(FormatDuration(milliseconds{500}), "500ms");
  EXPECT_EQ(FormatDuration(milliseconds{90'000}), "1m30s");
  EXPECT_EQ(FormatDuration(milliseconds{5'400'000}), "1h30m");
  EXPECT_EQ(FormatDuration(milliseconds{3 * 86'400'000LL}), "3d");
  EXPECT_EQ(FormatDuration(milliseconds{86'400'000LL + 1}), "1d1ms");
}

// Given any duration, what FormatDuration writes should parse back to it.
TEST(FormatDuration, RoundTripsThroughParseDuration) {
  for (int64_t millis : {int64_t{1}, int64_t{999}, int64_t{1'000}, int64_t{61'001},
                         int64_t{3'599'999}, int64_t{86'400'000} * 400 + 7}) {
    const std::string text = FormatDuration(milliseconds{millis});
    core::Result<milliseconds> parsed = ParseDuration(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(parsed->count(), millis) << text;
  }
}

}  // namespace
}  // namespace newsvault::config
