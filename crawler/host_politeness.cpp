#include "crawler/host_politeness.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

namespace newsvault::crawler {
namespace {

using std::chrono::microseconds;

// Any delay longer than this is treated as this; keeps arithmetic on huge
// Retry-After values and factors far from overflow. Ten years.
constexpr int64_t kMaxSeconds = int64_t{10} * 366 * 24 * 3600;

bool IsFailure(const FetchOutcome& outcome) {
  if (outcome.network_error) return true;
  return outcome.status_code == 429 || outcome.status_code >= 500;
}

}  // namespace

std::optional<microseconds> ParseRetryAfter(std::string_view value, core::Timestamp now) {
  // Header values may carry optional whitespace around them (RFC 9110 §5.5).
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  // delta-seconds = 1*DIGIT (RFC 9110 §10.2.3); saturate rather than overflow.
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t seconds = 0;
    for (char c : value) {
      seconds = std::min(kMaxSeconds, seconds * 10 + (c - '0'));
    }
    return std::chrono::seconds(seconds);
  }

  auto date = core::ParseHttpDate(value);
  if (!date.ok()) return std::nullopt;
  if (*date <= now) return microseconds(0);
  return std::min<microseconds>(*date - now, std::chrono::seconds(kMaxSeconds));
}

HostPoliteness::HostPoliteness(PolitenessOptions options, const core::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

bool HostPoliteness::CanStart() const {
  return !dropped_ && in_flight_ < options_.connections_per_host && clock_.Now() >= next_allowed_;
}

core::Timestamp HostPoliteness::NextAllowed() const {
  return dropped_ ? core::Timestamp::max() : next_allowed_;
}

bool HostPoliteness::OnStart() {
  if (!CanStart()) return false;
  ++in_flight_;
  // Space starts too, so a host allowed several connections is not hit by a
  // burst of simultaneous requests.
  RestUntilAtLeast(clock_.Now() +
                   std::min(microseconds(options_.min_delay), microseconds(options_.max_delay)));
  return true;
}

void HostPoliteness::OnFinish(const FetchOutcome& outcome) {
  if (in_flight_ > 0) --in_flight_;
  const core::Timestamp now = clock_.Now();
  const microseconds regular =
      RegularDelay(outcome.network_error ? microseconds(0) : outcome.response_time);
  if (!IsFailure(outcome)) {
    consecutive_failures_ = 0;
    RestUntilAtLeast(now + regular);
    return;
  }

  ++consecutive_failures_;
  if (options_.max_consecutive_failures > 0 &&
      consecutive_failures_ >= options_.max_consecutive_failures) {
    dropped_ = true;
  }

  // 429 (RFC 6585 §4) and 503 (RFC 9110 §15.6.4) may carry Retry-After saying
  // when to come back; we obey it, up to retry_after_cap.
  std::optional<microseconds> asked;
  if (!outcome.network_error && outcome.retry_after &&
      (outcome.status_code == 429 || outcome.status_code == 503)) {
    asked = ParseRetryAfter(*outcome.retry_after, now);
  }
  if (asked) {
    RestUntilAtLeast(now +
                     std::max(regular, std::min<microseconds>(*asked, options_.retry_after_cap)));
  } else {
    RestUntilAtLeast(now + std::max(regular, Backoff()));
  }
}

void HostPoliteness::SetCrawlDelay(std::optional<double> seconds) {
  // `!(x > 0)` also rejects NaN.
  if (!seconds || !(*seconds > 0)) {
    crawl_delay_ = microseconds(0);
    return;
  }
  const std::chrono::duration<double> cap = options_.crawl_delay_cap;
  const std::chrono::duration<double> capped{std::min(*seconds, cap.count())};
  crawl_delay_ = std::chrono::duration_cast<microseconds>(capped);
}

microseconds HostPoliteness::RegularDelay(microseconds response_time) const {
  const microseconds max_delay = options_.max_delay;
  // Compute the factor term in floating point and clamp before converting back,
  // so a huge response time or factor cannot overflow.
  const double scaled =
      options_.delay_factor * static_cast<double>(std::max<int64_t>(0, response_time.count()));
  const microseconds from_factor = scaled >= static_cast<double>(max_delay.count())
                                       ? max_delay
                                       : microseconds(static_cast<int64_t>(std::max(0.0, scaled)));
  const microseconds ours =
      std::min(std::max(microseconds(options_.min_delay), from_factor), max_delay);
  // Crawl-delay is the site owner asking, like Retry-After, so max_delay does
  // not bound it; crawl_delay_cap does (applied in SetCrawlDelay).
  return std::max(ours, crawl_delay_);
}

microseconds HostPoliteness::Backoff() const {
  const microseconds base = options_.backoff_base;
  const microseconds cap = options_.backoff_max;
  microseconds delay = base;
  // Double n-1 times, stopping at the cap (also keeps the shift from overflowing).
  for (int i = 1; i < consecutive_failures_ && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

void HostPoliteness::RestUntilAtLeast(core::Timestamp t) {
  next_allowed_ = std::max(next_allowed_, t);
}

}  // namespace newsvault::crawler
