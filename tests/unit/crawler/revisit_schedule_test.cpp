// NextRevisit: the article revisit schedule (issue 3 item 7).
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "crawler/crawler.h"

namespace newsvault::crawler {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

// The default: revisit = ["3h:15m", "1d:1h", "7d:3h", "30d:3d"].
std::vector<RevisitStep> DefaultSchedule() {
  return {{hours(3), minutes(15)}, {days(1), hours(1)}, {days(7), hours(3)}, {days(30), days(3)}};
}

const core::Timestamp kNow = core::FromMicros(1'738'663'872'000'000);  // 2025-02-04T10:11:12Z

struct Row {
  core::Timestamp::duration age;    // now - last_change
  core::Timestamp::duration delay;  // expected due - now; max() = never
};

TEST(NextRevisit, FollowsTheDefaultScheduleByAgeSinceLastChange) {
  // Given the default schedule, an article changed `age` ago and fetched now
  // should be due again after the interval of the first step its age is under.
  const auto kNever = core::Timestamp::duration::max();
  const Row rows[] = {
      {minutes(0), minutes(15)}, {minutes(10), minutes(15)}, {hours(3) - minutes(1), minutes(15)},
      {hours(3), hours(1)},      {hours(23), hours(1)},      {days(1), hours(3)},
      {days(6), hours(3)},       {days(7), days(3)},         {days(29), days(3)},
      {days(30), kNever},        {days(400), kNever},
  };
  for (const Row& row : rows) {
    const core::Timestamp due = NextRevisit(DefaultSchedule(), kNow - row.age, kNow);
    if (row.delay == kNever) {
      EXPECT_EQ(due, core::Timestamp::max()) << "age " << row.age.count();
    } else {
      EXPECT_EQ(due - kNow, row.delay) << "age " << row.age.count();
    }
  }
}

TEST(NextRevisit, EmptyScheduleMeansNever) {
  EXPECT_EQ(NextRevisit({}, kNow, kNow), core::Timestamp::max());
}

TEST(NextRevisit, LastChangeInTheFutureCountsAsJustChanged) {
  // Given a clock that went backwards, we should use the most frequent step.
  EXPECT_EQ(NextRevisit(DefaultSchedule(), kNow + hours(2), kNow) - kNow, minutes(15));
}

TEST(NextRevisit, SaturatesInsteadOfOverflowing) {
  const std::vector<RevisitStep> schedule = {{days(1), milliseconds::max()}};
  EXPECT_EQ(NextRevisit(schedule, kNow, kNow), core::Timestamp::max());
}

}  // namespace
}  // namespace newsvault::crawler
