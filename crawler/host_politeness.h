// HostPoliteness: when the crawler may send the next request to one host.
//
// One object per host (the scheduler keeps a map host -> HostPoliteness; the
// map is its business, so this type stays a small value with no keys). The
// rules, issue 3 item 4 (numbers are the defaults):
//  - at most `connections_per_host` (1) requests in flight;
//  - after a served response the host rests
//      max(min_delay 1 s, delay_factor 2.0 x last response time,
//          robots.txt Crawl-delay capped at 60 s),
//    counted from when the response finished. Our own terms (min_delay and the
//    factor) are clamped to max_delay 30 s; Crawl-delay is not, because it is the
//    site owner asking (the "except when the server asks"), else its
//    60 s cap could never matter with the defaults;
//    starts are also spaced by min_delay, for hosts allowed several connections;
//  - the server may ask for more: 429 or 503 with a valid Retry-After
//    (delta-seconds or HTTP-date, RFC 9110 §10.2.3) pauses the host until then,
//    beyond max_delay, but never more than retry_after_cap (24 h) so a bogus
//    date cannot park a host forever;
//  - a 5xx, a 429/503 without a usable Retry-After, a timeout or a network error
//    is a failure: the host backs off backoff_base x 2^(n-1) for the n-th
//    consecutive failure, capped at backoff_max. Failure backoff is not bound by
//    max_delay: max_delay limits what we impose on a healthy host, a failing one
//    has told us it is struggling. No jitter, so runs are reproducible.
//    A 429/503 that carries Retry-After still counts as a failure (the page was
//    not served), but waits as the server asked instead of the backoff;
//  - any other response (2xx, 3xx, 4xx but 429) is a success and resets the
//    failure count;
//  - after max_consecutive_failures (5) failures in a row the host is dropped for
//    the run: CanStart() is false from then on.
//
// Time comes from the Clock given at construction (FakeClock in tests).
//
// Thread safety: none; one thread (the scheduler) owns each object.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/timestamp.h"

namespace newsvault::crawler {

// Names and units follow config::CrawlOptions where they overlap
// (connections_per_host, min_delay, delay_factor, max_delay).
struct PolitenessOptions {
  // Simultaneous requests to one host. >= 1. Default 1.
  int connections_per_host = 1;
  // Shortest wait between two requests to one host. Default 1 s.
  std::chrono::milliseconds min_delay{1'000};
  // The wait is at least this times the host's last response time. >= 0. Default 2.0.
  double delay_factor = 2.0;
  // Longest wait we impose on ourselves after a served response; the server may
  // ask for more (Retry-After, Crawl-delay). >= min_delay. Default 30 s.
  std::chrono::milliseconds max_delay{30'000};
  // robots.txt Crawl-delay above this is read as this. Default 60 s.
  std::chrono::milliseconds crawl_delay_cap{60'000};
  // Longest pause a Retry-After may impose. Default 24 h.
  std::chrono::milliseconds retry_after_cap{24 * 3'600'000};
  // Wait after the first failure in a row; doubled for each further one. Default 2 s.
  std::chrono::milliseconds backoff_base{2'000};
  // Longest failure backoff. Default 10 min.
  std::chrono::milliseconds backoff_max{600'000};
  // Failures in a row that drop the host for the run; 0 = never drop. Default 5.
  int max_consecutive_failures = 5;
};

// How one request to the host ended.
struct FetchOutcome {
  // True for a timeout, refused connection, DNS or TLS failure: no response.
  // status_code is then ignored.
  bool network_error = false;
  int status_code = 0;
  // From sending the request to the end of the response.
  std::chrono::microseconds response_time{0};
  // The raw Retry-After header value, when the response had one.
  std::optional<std::string> retry_after;
};

// The pause a Retry-After value asks for, measured from `now` (RFC 9110
// §10.2.3: delta-seconds, 1*DIGIT, or an HTTP-date). A date in the past asks
// for zero. nullopt when the value is neither form (the caller then ignores it).
// Not capped: callers cap.
std::optional<std::chrono::microseconds> ParseRetryAfter(std::string_view value,
                                                         core::Timestamp now);

class HostPoliteness {
 public:
  // `clock` must outlive this object.
  HostPoliteness(PolitenessOptions options, const core::Clock& clock);

  // True when a request may start now: not dropped, a connection free and the
  // host's rest is over.
  bool CanStart() const;
  // The earliest time the host's rest is over. Does not account for busy
  // connections (a finish frees one). Timestamp::max() once dropped.
  core::Timestamp NextAllowed() const;

  // Records a request starting now. Returns false, and records nothing, when
  // CanStart() is false, so the in-flight count never exceeds
  // connections_per_host.
  [[nodiscard]] bool OnStart();
  // Records that a request started by OnStart() finished now, and sets the rest
  // from its outcome (see the rules above).
  void OnFinish(const FetchOutcome& outcome);

  // The host's robots.txt Crawl-delay in seconds, as parsed (uncapped);
  // nullopt, negative or NaN clears it. Applies from the next finished request.
  void SetCrawlDelay(std::optional<double> seconds);

  bool IsDropped() const { return dropped_; }
  int InFlight() const { return in_flight_; }
  int ConsecutiveFailures() const { return consecutive_failures_; }

 private:
  // The rest after a served response (min delay, factor, Crawl-delay, max delay).
  std::chrono::microseconds RegularDelay(std::chrono::microseconds response_time) const;
  // backoff_base x 2^(consecutive_failures_ - 1), capped at backoff_max.
  std::chrono::microseconds Backoff() const;
  void RestUntilAtLeast(core::Timestamp t);

  PolitenessOptions options_;
  const core::Clock& clock_;
  std::chrono::microseconds crawl_delay_{0};  // already capped
  core::Timestamp next_allowed_{};            // the epoch: free at first
  int in_flight_ = 0;
  int consecutive_failures_ = 0;
  bool dropped_ = false;
};

}  // namespace newsvault::crawler
