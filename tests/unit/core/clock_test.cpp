#include "core/clock.h"

#include <gtest/gtest.h>

namespace newsvault::core {
namespace {

TEST(SystemClock, ReadsTheSystemTimeInMicroseconds) {
  auto before = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  Timestamp now = SystemClock::Default().Now();
  auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
  // Sanity: after 2020 and in the same instance every time.
  EXPECT_GT(ToMicros(now), 1577836800LL * 1000000);
  EXPECT_EQ(&SystemClock::Default(), &SystemClock::Default());
}

TEST(SystemClock, NeverGoesBackwardsBetweenReads) {
  const Clock& clock = SystemClock::Default();
  Timestamp a = clock.Now();
  Timestamp b = clock.Now();
  EXPECT_LE(a, b);  // system_clock may step, but not within two adjacent reads in a test
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(FromMicros(1000));
  EXPECT_EQ(ToMicros(clock.Now()), 1000);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(ToMicros(clock.Now()), 2001000);
  clock.Set(FromMicros(5));
  EXPECT_EQ(ToMicros(clock.Now()), 5);
}

}  // namespace
}  // namespace newsvault::core
