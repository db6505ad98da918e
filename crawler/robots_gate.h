// RobotsGate: the robots.txt state of every origin in a crawl run (RFC 9309),
// as a state machine the scheduler drives; it does no I/O itself.
//
// Per origin: unknown -> fetching -> known.
//  - unknown: nothing may be fetched from the origin until its robots.txt is
//    known. The scheduler first tries the archive's cache (UseCached: a
//    result younger than the TTL, 24 h by default, RFC 9309 §2.4), else
//    fetches "/robots.txt" (StartFetch).
//  - fetching: OnFetched takes each response. A redirect is followed by the
//    gate itself up to kMaxRobotsRedirects hops (§2.3.1.2); after more, the
//    last 3xx is read as "unavailable" (allow all, via RobotsFromFetch).
//  - known: Decide answers per URL for the agent's product token.
// An unreachable robots.txt (5xx, 429, network error; §2.3.1.4) means
// "disallow all for now": the origin goes back to unknown, so the scheduler
// fetches nothing else there and asks again when the host's politeness
// (failure backoff) lets it; after 5 failures in a row HostPoliteness drops
// the host for the run. Unreachable results are never cached.
//
// Thread safety: none; the scheduler thread owns it.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_exchange.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "crawler/robots.h"
#include "storage/crawl_store.h"

namespace newsvault::crawler {

// RFC 9309 §2.3.1.2: crawlers should follow at least five consecutive redirects.
inline constexpr int kMaxRobotsRedirects = 5;

enum class RobotsState { kUnknown, kFetching, kKnown };

// What the scheduler does after a robots.txt response.
struct RobotsStep {
  // Set: fetch this URL next (a redirect hop), the origin stays kFetching.
  std::optional<std::string> next_url;
  // Set when the origin became known from a fetch: store it in the cache.
  std::optional<storage::RobotsCacheEntry> cache_entry;
  // The fetch failed in a way that means "try again later" (5xx, 429, network).
  bool unreachable = false;
  // For the event log: "HTTP 200, 3 groups", "HTTP 503: disallow all for now".
  std::string detail;
};

class RobotsGate {
 public:
  // `user_agent` is the full User-Agent; rules are matched on its product token.
  RobotsGate(std::string_view user_agent, std::chrono::hours cache_ttl);

  RobotsState StateOf(std::string_view origin) const;

  // Makes the origin known from a cache entry when it is younger than the TTL
  // and was not an unreachable result; returns whether it did.
  bool UseCached(std::string_view origin, const storage::RobotsCacheEntry& entry,
                 core::Timestamp now);
  // Marks the origin kFetching; returns the URL to fetch: origin + "/robots.txt".
  std::string StartFetch(std::string_view origin);
  // The outcome of the fetch of the origin's current hop (an exchange or the
  // error that replaced it). REQUIRES: StateOf(origin) == kFetching.
  RobotsStep OnFetched(std::string_view origin, const core::Result<core::HttpExchange>& result,
                       core::Timestamp now);

  // REQUIRES: StateOf(origin) == kKnown.
  RobotsDecision Decide(std::string_view origin, std::string_view url) const;
  // The Crawl-delay of the groups that apply to us; nullopt when none or not known.
  std::optional<double> CrawlDelaySeconds(std::string_view origin) const;
  // The Sitemap lines of the origin's robots.txt (empty when not known).
  std::vector<std::string> Sitemaps(std::string_view origin) const;

 private:
  struct Origin {
    RobotsState state = RobotsState::kUnknown;
    int hops = 0;  // redirects followed in the current fetch
    RobotsTxt robots;
  };
  void MakeKnown(Origin& origin, RobotsTxt robots);

  std::string user_agent_;
  std::chrono::hours cache_ttl_;
  std::map<std::string, Origin, std::less<>> origins_;
};

}  // namespace newsvault::crawler
