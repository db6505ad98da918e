// RobotsGate: per-origin robots.txt state (RFC 9309 §2.3.1, §2.4).
#include "crawler/robots_gate.h"

#include <gtest/gtest.h>

#include "core/http_message.h"

namespace newsvault::crawler {
namespace {

const core::Timestamp kNow = core::FromMicros(1'738'663'872'000'000);
constexpr std::string_view kOrigin = "http://127.0.0.1:8080";

core::HttpExchange Response(std::string url, int status, std::string body,
                            std::vector<core::HttpHeader> headers = {}) {
  core::HttpExchange exchange;
  exchange.url = std::move(url);
  exchange.status_code = status;
  exchange.headers = std::move(headers);
  exchange.response_head = "HTTP/1.1 " + std::to_string(status) + " X\r\n\r\n";
  exchange.response_body = std::move(body);
  return exchange;
}

TEST(RobotsGate, FetchedRulesDecideForOurProductToken) {
  RobotsGate gate("NewsVault/0.1 (+https://example.org/bot)", std::chrono::hours(24));
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kUnknown);
  EXPECT_EQ(gate.StartFetch(kOrigin), "http://127.0.0.1:8080/robots.txt");
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kFetching);
  RobotsStep step = gate.OnFetched(
      kOrigin,
      Response("http://127.0.0.1:8080/robots.txt", 200,
               "User-agent: *\nDisallow: /\n\nUser-agent: newsvault\nDisallow: /private/\n"
               "Crawl-delay: 2.5\n\nSitemap: http://127.0.0.1:8080/sitemap.xml\n"),
      kNow);
  EXPECT_FALSE(step.unreachable);
  EXPECT_FALSE(step.next_url);
  ASSERT_TRUE(step.cache_entry);
  EXPECT_EQ(step.cache_entry->status_code, 200);
  EXPECT_EQ(step.cache_entry->fetched, kNow);
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kKnown);
  EXPECT_TRUE(gate.Decide(kOrigin, "http://127.0.0.1:8080/news/a.html").allowed);
  EXPECT_FALSE(gate.Decide(kOrigin, "http://127.0.0.1:8080/private/a.html").allowed);
  EXPECT_EQ(gate.CrawlDelaySeconds(kOrigin), 2.5);
  EXPECT_EQ(gate.Sitemaps(kOrigin), std::vector<std::string>{"http://127.0.0.1:8080/sitemap.xml"});
}

TEST(RobotsGate, UnknownOriginAllowsNothing) {
  RobotsGate gate("newsvault", std::chrono::hours(24));
  EXPECT_FALSE(gate.Decide(kOrigin, "http://127.0.0.1:8080/").allowed);
}

TEST(RobotsGate, ServerErrorMeansDisallowAllAndAskAgain) {
  // RFC 9309 §2.3.1.4: unreachable -> nothing fetched now; we should go back
  // to unknown (fetch again later) and cache nothing.
  RobotsGate gate("newsvault", std::chrono::hours(24));
  gate.StartFetch(kOrigin);
  RobotsStep step = gate.OnFetched(kOrigin, Response("x", 503, ""), kNow);
  EXPECT_TRUE(step.unreachable);
  EXPECT_FALSE(step.cache_entry);
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kUnknown);

  gate.StartFetch(kOrigin);
  step = gate.OnFetched(kOrigin, core::Status::NetworkError("connection refused"), kNow);
  EXPECT_TRUE(step.unreachable);
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kUnknown);
}

TEST(RobotsGate, NotFoundMeansAllowAllAndIsCached) {
  // RFC 9309 §2.3.1.3.
  RobotsGate gate("newsvault", std::chrono::hours(24));
  gate.StartFetch(kOrigin);
  RobotsStep step = gate.OnFetched(kOrigin, Response("x", 404, "<h1>missing</h1>"), kNow);
  ASSERT_TRUE(step.cache_entry);
  EXPECT_EQ(step.cache_entry->status_code, 404);
  EXPECT_TRUE(gate.Decide(kOrigin, "http://127.0.0.1:8080/anything").allowed);
}

TEST(RobotsGate, FollowsFiveRedirectsThenAllowsAll) {
  // RFC 9309 §2.3.1.2: follow at least five redirects; beyond, unavailable.
  RobotsGate gate("newsvault", std::chrono::hours(24));
  gate.StartFetch(kOrigin);
  for (int hop = 1; hop <= kMaxRobotsRedirects; ++hop) {
    RobotsStep step = gate.OnFetched(kOrigin,
                                     Response("http://127.0.0.1:8080/r" + std::to_string(hop - 1),
                                              301, "", {{"Location", "/r" + std::to_string(hop)}}),
                                     kNow);
    ASSERT_TRUE(step.next_url) << hop;
    EXPECT_EQ(*step.next_url, "http://127.0.0.1:8080/r" + std::to_string(hop));
    EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kFetching);
  }
  RobotsStep last = gate.OnFetched(
      kOrigin, Response("http://127.0.0.1:8080/r5", 301, "", {{"Location", "/r6"}}), kNow);
  EXPECT_FALSE(last.next_url);
  EXPECT_EQ(gate.StateOf(kOrigin), RobotsState::kKnown);
  EXPECT_TRUE(gate.Decide(kOrigin, "http://127.0.0.1:8080/x").allowed);
}

TEST(RobotsGate, RedirectTargetBodyGivesTheRules) {
  RobotsGate gate("newsvault", std::chrono::hours(24));
  gate.StartFetch(kOrigin);
  RobotsStep step = gate.OnFetched(
      kOrigin,
      Response("http://127.0.0.1:8080/robots.txt", 302, "", {{"Location", "/real-robots.txt"}}),
      kNow);
  ASSERT_TRUE(step.next_url);
  gate.OnFetched(
      kOrigin,
      Response("http://127.0.0.1:8080/real-robots.txt", 200, "User-agent: *\nDisallow: /secret\n"),
      kNow);
  EXPECT_FALSE(gate.Decide(kOrigin, "http://127.0.0.1:8080/secret/x").allowed);
}

TEST(RobotsGate, CacheIsUsedWithinItsTtlOnly) {
  // RFC 9309 §2.4: a cached robots.txt serves up to 24 hours.
  storage::RobotsCacheEntry entry;
  entry.status_code = 200;
  entry.body = "User-agent: *\nDisallow: /old/\n";
  entry.fetched = kNow - std::chrono::hours(23);
  RobotsGate gate("newsvault", std::chrono::hours(24));
  EXPECT_TRUE(gate.UseCached(kOrigin, entry, kNow));
  EXPECT_FALSE(gate.Decide(kOrigin, "http://127.0.0.1:8080/old/a").allowed);

  RobotsGate stale("newsvault", std::chrono::hours(24));
  entry.fetched = kNow - std::chrono::hours(25);
  EXPECT_FALSE(stale.UseCached(kOrigin, entry, kNow));
  EXPECT_EQ(stale.StateOf(kOrigin), RobotsState::kUnknown);
}

TEST(RobotsGate, UnreachableCacheEntriesAreIgnored) {
  storage::RobotsCacheEntry entry;
  entry.status_code = 0;
  entry.network_error = true;
  entry.fetched = kNow;
  RobotsGate gate("newsvault", std::chrono::hours(24));
  EXPECT_FALSE(gate.UseCached(kOrigin, entry, kNow));
}

}  // namespace
}  // namespace newsvault::crawler
