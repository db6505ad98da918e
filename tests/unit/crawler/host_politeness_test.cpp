// Politeness rules of issue 3 item 4, one test per rule, all on a FakeClock.
#include "crawler/host_politeness.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/timestamp.h"

namespace newsvault::crawler {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// Tue, 21 Oct 2025 07:28:00 GMT.
const core::Timestamp kStart = core::FromMicros(int64_t{1761031680} * 1'000'000);

FetchOutcome Response(int code, microseconds response_time = milliseconds(10)) {
  FetchOutcome o;
  o.status_code = code;
  o.response_time = response_time;
  return o;
}

FetchOutcome WithRetryAfter(int code, std::string value) {
  FetchOutcome o = Response(code);
  o.retry_after = std::move(value);
  return o;
}

FetchOutcome NetworkError() {
  FetchOutcome o;
  o.network_error = true;
  o.response_time = seconds(30);  // a timeout; must not feed the factor rule
  return o;
}

class HostPolitenessTest : public ::testing::Test {
 protected:
  // Waits until the host may start, fetches (the clock moves by the response
  // time) and returns the rest imposed after the response.
  microseconds Fetch(HostPoliteness& host, const FetchOutcome& outcome) {
    clock_.Set(std::max(clock_.Now(), host.NextAllowed()));
    EXPECT_TRUE(host.OnStart());
    clock_.Advance(outcome.response_time);
    host.OnFinish(outcome);
    return host.NextAllowed() - clock_.Now();
  }

  core::FakeClock clock_{kStart};
};

// Rule: the rest is at least min_delay (1 s), and nothing starts before it ends.
TEST_F(HostPolitenessTest, SpacesRequestsByTheMinDelay) {
  HostPoliteness host({}, clock_);
  EXPECT_TRUE(host.CanStart());  // a new host is free at once
  EXPECT_EQ(Fetch(host, Response(200)), seconds(1));
  clock_.Advance(milliseconds(999));
  EXPECT_FALSE(host.CanStart());
  EXPECT_FALSE(host.OnStart());
  clock_.Advance(milliseconds(1));
  EXPECT_TRUE(host.CanStart());
}

// Rule: the rest is at least delay_factor (2.0) x the last response time.
TEST_F(HostPolitenessTest, WaitsTheFactorTimesTheResponseTime) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, Response(200, milliseconds(2'500))), seconds(5));
  PolitenessOptions options;
  options.delay_factor = 3.0;
  HostPoliteness slower(options, clock_);
  EXPECT_EQ(Fetch(slower, Response(200, milliseconds(2'500))), milliseconds(7'500));
}

// Rule: robots.txt Crawl-delay counts when it is the longest term.
TEST_F(HostPolitenessTest, UsesTheRobotsCrawlDelay) {
  HostPoliteness host({}, clock_);
  host.SetCrawlDelay(12.5);
  EXPECT_EQ(Fetch(host, Response(200)), milliseconds(12'500));
  host.SetCrawlDelay(std::nullopt);
  EXPECT_EQ(Fetch(host, Response(200)), seconds(1));
}

// Rule: Crawl-delay is capped at crawl_delay_cap (60 s); as the site owner's
// request it may exceed max_delay (30 s).
TEST_F(HostPolitenessTest, CapsTheCrawlDelayAtSixtySeconds) {
  HostPoliteness host({}, clock_);
  host.SetCrawlDelay(45);
  EXPECT_EQ(Fetch(host, Response(200)), seconds(45));
  host.SetCrawlDelay(86'400);
  EXPECT_EQ(Fetch(host, Response(200)), seconds(60));
}

// Rule: a Crawl-delay that is negative or not a number is ignored.
TEST_F(HostPolitenessTest, IgnoresANonsenseCrawlDelay) {
  HostPoliteness host({}, clock_);
  host.SetCrawlDelay(-5);
  EXPECT_EQ(Fetch(host, Response(200)), seconds(1));
  host.SetCrawlDelay(std::nan(""));
  EXPECT_EQ(Fetch(host, Response(200)), seconds(1));
}

// Rule: our own delay never exceeds max_delay (30 s), however slow the host.
TEST_F(HostPolitenessTest, NeverRestsLongerThanTheMaxDelayOnItsOwn) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, Response(200, seconds(100))), seconds(30));
  PolitenessOptions options;
  options.min_delay = minutes(5);  // even a misconfigured min_delay is clamped
  HostPoliteness clamped(options, clock_);
  EXPECT_EQ(Fetch(clamped, Response(200)), seconds(30));
}

// Rule: 429/503 with Retry-After in delta-seconds (RFC 9110 §10.2.3) pauses
// the host that long, beyond max_delay.
TEST_F(HostPolitenessTest, ObeysRetryAfterSecondsBeyondTheMaxDelay) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, WithRetryAfter(429, "120")), seconds(120));
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, " 3600 ")), hours(1));
  EXPECT_EQ(host.ConsecutiveFailures(), 2);  // the pages were not served
}

// Rule: Retry-After as an HTTP-date (RFC 9110 §10.2.3, §5.6.7) pauses until then.
TEST_F(HostPolitenessTest, ObeysRetryAfterAsAnHttpDate) {
  HostPoliteness host({}, clock_);
  // The response finishes at 07:28:00.010; the server asks for 07:30:00.
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, "Tue, 21 Oct 2025 07:30:00 GMT")),
            seconds(120) - milliseconds(10));
}

// Rule: a Retry-After date already past asks for nothing extra: the normal rest.
TEST_F(HostPolitenessTest, TreatsAPastRetryAfterDateAsNoPause) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, WithRetryAfter(429, "Tue, 21 Oct 2025 07:00:00 GMT")), seconds(1));
}

// Rule: absurd Retry-After values are capped at retry_after_cap (24 h).
TEST_F(HostPolitenessTest, CapsRetryAfterAtOneDay) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, "99999999999999999999999")), hours(24));
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, "Fri, 01 Jan 2100 00:00:00 GMT")), hours(24));
}

// Rule: an unreadable Retry-After is ignored; the failure backoff applies.
TEST_F(HostPolitenessTest, IgnoresAGarbageRetryAfter) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, WithRetryAfter(429, "soon")), seconds(2));
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, "-5")), seconds(4));
  EXPECT_EQ(Fetch(host, WithRetryAfter(503, "1.5")), seconds(8));
}

// Rule: Retry-After counts only on 429 and 503; a 500 backs off.
TEST_F(HostPolitenessTest, IgnoresRetryAfterOnOtherStatuses) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, WithRetryAfter(500, "600")), seconds(2));
}

// Rule: 5xx back off backoff_base x 2^(n-1) (2 s, 4 s, 8 s, ...) up to
// backoff_max (10 min), the same every run.
TEST_F(HostPolitenessTest, BacksOffExponentiallyOnServerErrors) {
  PolitenessOptions options;
  options.max_consecutive_failures = 0;  // never drop, to see the cap
  HostPoliteness host(options, clock_);
  const int expected[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600};
  for (int want : expected) {
    EXPECT_EQ(Fetch(host, Response(500)), seconds(want));
  }
  EXPECT_EQ(host.ConsecutiveFailures(), 11);
  EXPECT_FALSE(host.IsDropped());
}

// Rule: timeouts and network errors back off like 5xx (and their elapsed time
// is not a response time).
TEST_F(HostPolitenessTest, BacksOffOnNetworkErrors) {
  HostPoliteness host({}, clock_);
  EXPECT_EQ(Fetch(host, NetworkError()), seconds(2));
  EXPECT_EQ(Fetch(host, NetworkError()), seconds(4));
  EXPECT_EQ(host.ConsecutiveFailures(), 2);
}

// Rule: a success (any status but 5xx and 429, a 404 included) resets the
// failure count, so the next failure starts the backoff afresh.
TEST_F(HostPolitenessTest, ResetsTheBackoffOnSuccess) {
  HostPoliteness host({}, clock_);
  Fetch(host, Response(502));
  Fetch(host, Response(502));
  Fetch(host, Response(502));
  EXPECT_EQ(Fetch(host, Response(404)), seconds(1));
  EXPECT_EQ(host.ConsecutiveFailures(), 0);
  EXPECT_EQ(Fetch(host, Response(502)), seconds(2));
}

// Rule: after max_consecutive_failures (5) failures in a row the host is
// dropped for the run.
TEST_F(HostPolitenessTest, DropsTheHostAfterFiveConsecutiveFailures) {
  HostPoliteness host({}, clock_);
  for (int i = 0; i < 4; ++i) Fetch(host, i % 2 == 0 ? Response(503) : NetworkError());
  EXPECT_FALSE(host.IsDropped());
  clock_.Set(host.NextAllowed());
  ASSERT_TRUE(host.OnStart());
  host.OnFinish(Response(500));
  EXPECT_TRUE(host.IsDropped());
  EXPECT_EQ(host.NextAllowed(), core::Timestamp::max());
  clock_.Advance(hours(48));
  EXPECT_FALSE(host.CanStart());
  EXPECT_FALSE(host.OnStart());
}

// Rule: at most connections_per_host (1) requests in flight.
TEST_F(HostPolitenessTest, AllowsOneConnectionPerHost) {
  HostPoliteness host({}, clock_);
  ASSERT_TRUE(host.OnStart());
  clock_.Advance(minutes(5));  // long past any delay: only the connection limit holds
  EXPECT_FALSE(host.CanStart());
  EXPECT_FALSE(host.OnStart());
  EXPECT_EQ(host.InFlight(), 1);
  host.OnFinish(Response(200));
  EXPECT_EQ(host.InFlight(), 0);
  clock_.Advance(seconds(1));
  EXPECT_TRUE(host.OnStart());
}

// Rule: with more connections allowed, starts are still spaced by min_delay
// and the in-flight count stops at the limit.
TEST_F(HostPolitenessTest, SpacesStartsWhenSeveralConnectionsAreAllowed) {
  PolitenessOptions options;
  options.connections_per_host = 2;
  HostPoliteness host(options, clock_);
  ASSERT_TRUE(host.OnStart());
  EXPECT_FALSE(host.OnStart());  // min_delay since the first start
  clock_.Advance(seconds(1));
  ASSERT_TRUE(host.OnStart());
  clock_.Advance(seconds(1));
  EXPECT_FALSE(host.OnStart());  // both connections busy
  EXPECT_EQ(host.InFlight(), 2);
}

// ParseRetryAfter on its own: both forms, whitespace, and what it rejects.
TEST(ParseRetryAfter, ReadsDeltaSecondsAndHttpDates) {
  EXPECT_EQ(ParseRetryAfter("0", kStart), seconds(0));
  EXPECT_EQ(ParseRetryAfter("\t30 ", kStart), seconds(30));
  EXPECT_EQ(ParseRetryAfter("Tue, 21 Oct 2025 07:29:00 GMT", kStart), seconds(60));
  EXPECT_EQ(ParseRetryAfter("Tue, 21 Oct 2025 07:27:00 GMT", kStart), seconds(0));
  EXPECT_EQ(ParseRetryAfter("", kStart), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("+30", kStart), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("30s", kStart), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("tomorrow", kStart), std::nullopt);
}

}  // namespace
}  // namespace newsvault::crawler
